// DO NOT EDIT: generated from conventions/model/ by conventions/scripts/generate.ts.
// Regenerate with `npm run generate -w conventions`.

/**
 * Name of the deployment environment (aka deployment tier).
 *
 * Reused from open-telemetry/semantic-conventions model/deployment/registry.yaml.
 *
 * @example staging
 * @example production
 */
export const ATTR_DEPLOYMENT_ENVIRONMENT_NAME = 'deployment.environment.name' as const;

/**
 * Describes a class of error the operation ended with.
 *
 * Reused from open-telemetry/semantic-conventions model/error/registry.yaml.
 *
 * @example timeout
 * @example java.net.UnknownHostException
 * @example server_certificate_invalid
 * @example 500
 *
 * @note SHOULD be predictable and low-cardinality. If the operation completed successfully,
 * instrumentations SHOULD NOT set `error.type`. For a thrown error mlmon uses the error's class
 * name (e.g. `TypeError`).
 */
export const ATTR_ERROR_TYPE = 'error.type' as const;

/**
 * The lookup key of the feature flag.
 *
 * Reused from open-telemetry/semantic-conventions model/feature-flags/registry.yaml.
 *
 * @example logo-color
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_FEATURE_FLAG_KEY = 'feature_flag.key' as const;

/**
 * A semantic identifier for an evaluated flag value.
 *
 * Reused from open-telemetry/semantic-conventions model/feature-flags/registry.yaml.
 *
 * @example red
 * @example true
 * @example on
 *
 * @note For model routing the variant names the arm, e.g. `champion` or `challenger`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_FEATURE_FLAG_RESULT_VARIANT = 'feature_flag.result.variant' as const;

/**
 * The name of the evaluation metric used for the GenAI response.
 *
 * Reused from open-telemetry/semantic-conventions-genai gen_ai registry.
 *
 * @example Relevance
 * @example IntentResolution
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_GEN_AI_EVALUATION_NAME = 'gen_ai.evaluation.name' as const;

/**
 * Human readable label for evaluation.
 *
 * Reused from open-telemetry/semantic-conventions-genai gen_ai registry.
 *
 * @example relevant
 * @example not_relevant
 * @example correct
 * @example incorrect
 * @example pass
 * @example fail
 *
 * @note SHOULD have low cardinality.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_GEN_AI_EVALUATION_SCORE_LABEL = 'gen_ai.evaluation.score.label' as const;

/**
 * The evaluation score returned by the evaluator.
 *
 * Reused from open-telemetry/semantic-conventions-genai gen_ai registry.
 *
 * @example 4
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_GEN_AI_EVALUATION_SCORE_VALUE = 'gen_ai.evaluation.score.value' as const;

/**
 * The chat history provided to the model as an input, as JSON.
 *
 * Reused from open-telemetry/semantic-conventions-genai gen_ai registry.
 *
 * @example [{"role": "user", "parts": [{"type": "text", "content": "Weather in Paris?"}]}]
 *
 * @note Opt-in content: it may hold personal data. `wrapGenerate` records it only when content
 * capture is on (`captureContent`, or `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT`).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_GEN_AI_INPUT_MESSAGES = 'gen_ai.input.messages' as const;

/**
 * The name of the operation being performed.
 *
 * Reused from open-telemetry/semantic-conventions-genai gen_ai registry.
 *
 * @example chat
 * @example text_completion
 * @example embeddings
 *
 * @note The processor treats a span carrying it (and no `ml.operation.name`) as a GenAI client
 * call.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_GEN_AI_OPERATION_NAME = 'gen_ai.operation.name' as const;

/**
 * Messages returned by the model, as JSON.
 *
 * Reused from open-telemetry/semantic-conventions-genai gen_ai registry.
 *
 * @example [{"role": "assistant", "parts": [{"type": "text", "content": "Rainy, 57°F"}], "finish_reason": "stop"}]
 *
 * @note Opt-in content, as `gen_ai.input.messages`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_GEN_AI_OUTPUT_MESSAGES = 'gen_ai.output.messages' as const;

/**
 * The Generative AI provider as identified by the client or server instrumentation.
 *
 * Reused from open-telemetry/semantic-conventions-genai gen_ai registry.
 *
 * @example openai
 * @example aws.bedrock
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_GEN_AI_PROVIDER_NAME = 'gen_ai.provider.name' as const;

/**
 * The name of the GenAI model a request is being made to.
 *
 * Reused from open-telemetry/semantic-conventions-genai gen_ai registry.
 *
 * @example gpt-4
 *
 * @note MUST NOT be set on the same span as `ml.model.name`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_GEN_AI_REQUEST_MODEL = 'gen_ai.request.model' as const;

/**
 * Array of reasons the model stopped generating tokens, one per choice.
 *
 * Reused from open-telemetry/semantic-conventions-genai gen_ai registry.
 *
 * @example ["stop"]
 * @example ["stop","length"]
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_GEN_AI_RESPONSE_FINISH_REASONS = 'gen_ai.response.finish_reasons' as const;

/**
 * The unique identifier for the completion.
 *
 * Reused from open-telemetry/semantic-conventions-genai gen_ai registry.
 *
 * @example chatcmpl-123
 *
 * @note The processor joins it with `ml.prediction.id` for feedback on generative predictions.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_GEN_AI_RESPONSE_ID = 'gen_ai.response.id' as const;

/**
 * The name of the model that generated the response.
 *
 * Reused from open-telemetry/semantic-conventions-genai gen_ai registry.
 *
 * @example gpt-4-0613
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_GEN_AI_RESPONSE_MODEL = 'gen_ai.response.model' as const;

/**
 * Seconds from the request's issuance to the first chunk of a streaming response.
 *
 * Reused from open-telemetry/semantic-conventions-genai gen_ai registry.
 *
 * @example 0.5
 * @example 1.2
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK =
  'gen_ai.response.time_to_first_chunk' as const;

/**
 * The type of token being counted.
 *
 * Reused from open-telemetry/semantic-conventions-genai gen_ai registry.
 *
 * @example input
 * @example output
 *
 * @note The processor reads `gen_ai.client.token.usage` points of type `input` and `output`; a
 * point of another type is rejected (`invalid_token_type`).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_GEN_AI_TOKEN_TYPE = 'gen_ai.token.type' as const;

/**
 * Enum value "input" for attribute {@link ATTR_GEN_AI_TOKEN_TYPE}: Input tokens (prompt, input,
 * etc.).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const GEN_AI_TOKEN_TYPE_VALUE_INPUT = 'input' as const;

/**
 * Enum value "output" for attribute {@link ATTR_GEN_AI_TOKEN_TYPE}: Output tokens (completion,
 * response, etc.).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const GEN_AI_TOKEN_TYPE_VALUE_OUTPUT = 'output' as const;

/**
 * Every documented value of {@link ATTR_GEN_AI_TOKEN_TYPE}, in registry order.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const GEN_AI_TOKEN_TYPE_VALUES = [
  GEN_AI_TOKEN_TYPE_VALUE_INPUT,
  GEN_AI_TOKEN_TYPE_VALUE_OUTPUT,
] as const;

/**
 * A documented value of {@link ATTR_GEN_AI_TOKEN_TYPE}.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export type GenAiTokenTypeValue = (typeof GEN_AI_TOKEN_TYPE_VALUES)[number];

/**
 * The number of input tokens written to a provider-managed cache.
 *
 * Reused from open-telemetry/semantic-conventions-genai gen_ai registry.
 *
 * @example 25
 *
 * @note Included in `gen_ai.usage.input_tokens`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS =
  'gen_ai.usage.cache_creation.input_tokens' as const;

/**
 * The number of input tokens served from a provider-managed cache.
 *
 * Reused from open-telemetry/semantic-conventions-genai gen_ai registry.
 *
 * @example 50
 *
 * @note Included in `gen_ai.usage.input_tokens`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS =
  'gen_ai.usage.cache_read.input_tokens' as const;

/**
 * The number of tokens used in the GenAI input (prompt).
 *
 * Reused from open-telemetry/semantic-conventions-genai gen_ai registry.
 *
 * @example 100
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_GEN_AI_USAGE_INPUT_TOKENS = 'gen_ai.usage.input_tokens' as const;

/**
 * The number of tokens used in the GenAI response (completion).
 *
 * Reused from open-telemetry/semantic-conventions-genai gen_ai registry.
 *
 * @example 180
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_GEN_AI_USAGE_OUTPUT_TOKENS = 'gen_ai.usage.output_tokens' as const;

/**
 * The number of output tokens the model spent on reasoning.
 *
 * Reused from open-telemetry/semantic-conventions-genai gen_ai registry.
 *
 * @example 60
 *
 * @note Included in `gen_ai.usage.output_tokens`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS =
  'gen_ai.usage.reasoning.output_tokens' as const;

/**
 * One line giving the alert's scale: samples behind it, slice, change against its reference or
 * threshold.
 *
 * @example 1000 labeled predictions in country=FR; accuracy 0.79 vs reference 0.85 (drop 0.06, p = 0.0003)
 *
 * @note Statistics only, never feature values. Events only.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_ALERT_IMPACT = 'ml.alert.impact' as const;

/**
 * p-value of the significance check the rule passed (or failed, when resolving).
 *
 * @example 0.0003
 *
 * @note Events only, for statistics with an exact test (accuracy, coverage, ECE/MCE).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_ALERT_P_VALUE = 'ml.alert.p_value' as const;

/**
 * Reference value of the metric a drop is measured from.
 *
 * @example 0.85
 *
 * @note Events only, for `quality.<metric>.drop` rules.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_ALERT_REFERENCE_VALUE = 'ml.alert.reference_value' as const;

/**
 * Name of the configured monitoring rule (bounded).
 *
 * @example fraud-amount-psi
 * @example churn-auc-floor
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_ALERT_RULE = 'ml.alert.rule' as const;

/**
 * Where a responder reads what the alert means and what to do.
 *
 * @example https://mlmon.example.com/runbooks#quality-drop
 *
 * @note The rule's own runbook, or the processor's built-in page for the statistic. Events only.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_ALERT_RUNBOOK_URL = 'ml.alert.runbook.url' as const;

/**
 * Samples behind the observed value (labeled predictions, predictions, or the drift window's
 * size).
 *
 * @example 1000
 *
 * @note Events only, never on metrics.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_ALERT_SAMPLES = 'ml.alert.samples' as const;

/**
 * Severity configured on the monitoring rule.
 *
 * @example warning
 * @example critical
 *
 * @note An open set of values; `warning` and `critical` are conventional.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_ALERT_SEVERITY = 'ml.alert.severity' as const;

/**
 * State of a monitoring alert.
 *
 * @example firing
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_ALERT_STATE = 'ml.alert.state' as const;

/**
 * Enum value "firing" for attribute {@link ATTR_ML_ALERT_STATE}: The rule's condition holds.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_ALERT_STATE_VALUE_FIRING = 'firing' as const;

/**
 * Enum value "resolved" for attribute {@link ATTR_ML_ALERT_STATE}: The rule's condition no longer
 * holds.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_ALERT_STATE_VALUE_RESOLVED = 'resolved' as const;

/**
 * Every documented value of {@link ATTR_ML_ALERT_STATE}, in registry order.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_ALERT_STATE_VALUES = [
  ML_ALERT_STATE_VALUE_FIRING,
  ML_ALERT_STATE_VALUE_RESOLVED,
] as const;

/**
 * A documented value of {@link ATTR_ML_ALERT_STATE}.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export type MlAlertStateValue = (typeof ML_ALERT_STATE_VALUES)[number];

/**
 * Threshold of the rule that changed state.
 *
 * @example 0.2
 *
 * @note Events only, never on metrics.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_ALERT_THRESHOLD = 'ml.alert.threshold' as const;

/**
 * Observed value of the statistic when the rule changed state.
 *
 * @example 0.31
 *
 * @note Events only, never on metrics.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_ALERT_VALUE = 'ml.alert.value' as const;

/**
 * Upper edge of a reliability bin, as a string.
 *
 * @example 0.1
 * @example 0.5
 * @example 1.0
 *
 * @note 10 equal-width bins per METRICS.md, so the values are `0.1` ... `1.0`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_CALIBRATION_BIN = 'ml.calibration.bin' as const;

/**
 * Calibration error statistic, as defined in METRICS.md.
 *
 * @example ece
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_CALIBRATION_METHOD = 'ml.calibration.method' as const;

/**
 * Enum value "ece" for attribute {@link ATTR_ML_CALIBRATION_METHOD}: Expected calibration error
 * over 10 equal-width bins.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_CALIBRATION_METHOD_VALUE_ECE = 'ece' as const;

/**
 * Enum value "mce" for attribute {@link ATTR_ML_CALIBRATION_METHOD}: Maximum calibration error
 * over 10 equal-width bins.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_CALIBRATION_METHOD_VALUE_MCE = 'mce' as const;

/**
 * Enum value "ece_quantile" for attribute {@link ATTR_ML_CALIBRATION_METHOD}: Expected calibration
 * error over 10 equal-mass bins.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_CALIBRATION_METHOD_VALUE_ECE_QUANTILE = 'ece_quantile' as const;

/**
 * Enum value "ece_top_label" for attribute {@link ATTR_ML_CALIBRATION_METHOD}: Multiclass expected
 * calibration error on the top-label confidence.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_CALIBRATION_METHOD_VALUE_ECE_TOP_LABEL = 'ece_top_label' as const;

/**
 * Enum value "mce_top_label" for attribute {@link ATTR_ML_CALIBRATION_METHOD}: Multiclass maximum
 * calibration error on the top-label confidence.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_CALIBRATION_METHOD_VALUE_MCE_TOP_LABEL = 'mce_top_label' as const;

/**
 * Every documented value of {@link ATTR_ML_CALIBRATION_METHOD}, in registry order.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_CALIBRATION_METHOD_VALUES = [
  ML_CALIBRATION_METHOD_VALUE_ECE,
  ML_CALIBRATION_METHOD_VALUE_MCE,
  ML_CALIBRATION_METHOD_VALUE_ECE_QUANTILE,
  ML_CALIBRATION_METHOD_VALUE_ECE_TOP_LABEL,
  ML_CALIBRATION_METHOD_VALUE_MCE_TOP_LABEL,
] as const;

/**
 * A documented value of {@link ATTR_ML_CALIBRATION_METHOD}.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export type MlCalibrationMethodValue = (typeof ML_CALIBRATION_METHOD_VALUES)[number];

/**
 * Currency code of a cost value, as the price table names it.
 *
 * @example USD
 * @example EUR
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_COST_CURRENCY = 'ml.cost.currency' as const;

/**
 * Data-quality check a ratio describes.
 *
 * @example missing
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_DATA_QUALITY_CHECK = 'ml.data_quality.check' as const;

/**
 * Enum value "missing" for attribute {@link ATTR_ML_DATA_QUALITY_CHECK}: Share of values that are
 * missing (null, absent or NaN).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_DATA_QUALITY_CHECK_VALUE_MISSING = 'missing' as const;

/**
 * Enum value "out_of_range" for attribute {@link ATTR_ML_DATA_QUALITY_CHECK}: Share of numeric
 * values outside the reference range.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_DATA_QUALITY_CHECK_VALUE_OUT_OF_RANGE = 'out_of_range' as const;

/**
 * Enum value "type_mismatch" for attribute {@link ATTR_ML_DATA_QUALITY_CHECK}: Share of values
 * whose type differs from the reference type.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_DATA_QUALITY_CHECK_VALUE_TYPE_MISMATCH = 'type_mismatch' as const;

/**
 * Enum value "new_category" for attribute {@link ATTR_ML_DATA_QUALITY_CHECK}: Share of categorical
 * values never seen in the reference.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_DATA_QUALITY_CHECK_VALUE_NEW_CATEGORY = 'new_category' as const;

/**
 * Every documented value of {@link ATTR_ML_DATA_QUALITY_CHECK}, in registry order.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_DATA_QUALITY_CHECK_VALUES = [
  ML_DATA_QUALITY_CHECK_VALUE_MISSING,
  ML_DATA_QUALITY_CHECK_VALUE_OUT_OF_RANGE,
  ML_DATA_QUALITY_CHECK_VALUE_TYPE_MISMATCH,
  ML_DATA_QUALITY_CHECK_VALUE_NEW_CATEGORY,
] as const;

/**
 * A documented value of {@link ATTR_ML_DATA_QUALITY_CHECK}.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export type MlDataQualityCheckValue = (typeof ML_DATA_QUALITY_CHECK_VALUES)[number];

/**
 * Which distribution drifted.
 *
 * @example feature
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_DRIFT_KIND = 'ml.drift.kind' as const;

/**
 * Enum value "feature" for attribute {@link ATTR_ML_DRIFT_KIND}: An input feature (data drift);
 * set together with `ml.feature.name`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_DRIFT_KIND_VALUE_FEATURE = 'feature' as const;

/**
 * Enum value "prediction" for attribute {@link ATTR_ML_DRIFT_KIND}: The score or label
 * distribution of the predictions.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_DRIFT_KIND_VALUE_PREDICTION = 'prediction' as const;

/**
 * Enum value "ground_truth" for attribute {@link ATTR_ML_DRIFT_KIND}: The distribution of the
 * ground-truth labels (label drift).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_DRIFT_KIND_VALUE_GROUND_TRUTH = 'ground_truth' as const;

/**
 * Enum value "error" for attribute {@link ATTR_ML_DRIFT_KIND}: The distribution of a
 * classification model's errors over a feature's or slice's bins (error-vs-feature drift), against
 * the stream's quality baseline; with `ml.feature.name`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_DRIFT_KIND_VALUE_ERROR = 'error' as const;

/**
 * Every documented value of {@link ATTR_ML_DRIFT_KIND}, in registry order.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_DRIFT_KIND_VALUES = [
  ML_DRIFT_KIND_VALUE_FEATURE,
  ML_DRIFT_KIND_VALUE_PREDICTION,
  ML_DRIFT_KIND_VALUE_GROUND_TRUTH,
  ML_DRIFT_KIND_VALUE_ERROR,
] as const;

/**
 * A documented value of {@link ATTR_ML_DRIFT_KIND}.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export type MlDriftKindValue = (typeof ML_DRIFT_KIND_VALUES)[number];

/**
 * Statistic used to measure drift, as defined in METRICS.md.
 *
 * @example psi
 * @example ks
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_DRIFT_METHOD = 'ml.drift.method' as const;

/**
 * Enum value "ks" for attribute {@link ATTR_ML_DRIFT_METHOD}: Two-sample Kolmogorov-Smirnov
 * statistic (and p-value); numeric features.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_DRIFT_METHOD_VALUE_KS = 'ks' as const;

/**
 * Enum value "wasserstein" for attribute {@link ATTR_ML_DRIFT_METHOD}: First Wasserstein distance,
 * in the feature's own units.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_DRIFT_METHOD_VALUE_WASSERSTEIN = 'wasserstein' as const;

/**
 * Enum value "wasserstein_normed" for attribute {@link ATTR_ML_DRIFT_METHOD}: Wasserstein distance
 * divided by the reference population standard deviation.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_DRIFT_METHOD_VALUE_WASSERSTEIN_NORMED = 'wasserstein_normed' as const;

/**
 * Enum value "psi" for attribute {@link ATTR_ML_DRIFT_METHOD}: Population stability index over
 * reference-quantile bins (zeros replaced by 1e-4).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_DRIFT_METHOD_VALUE_PSI = 'psi' as const;

/**
 * Enum value "jensen_shannon" for attribute {@link ATTR_ML_DRIFT_METHOD}: Jensen-Shannon distance,
 * base 2, over bin or category proportions.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_DRIFT_METHOD_VALUE_JENSEN_SHANNON = 'jensen_shannon' as const;

/**
 * Enum value "hellinger" for attribute {@link ATTR_ML_DRIFT_METHOD}: Hellinger distance over bin
 * or category proportions.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_DRIFT_METHOD_VALUE_HELLINGER = 'hellinger' as const;

/**
 * Enum value "chi2" for attribute {@link ATTR_ML_DRIFT_METHOD}: Chi-squared test of homogeneity
 * (statistic and p-value); categorical features.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_DRIFT_METHOD_VALUE_CHI2 = 'chi2' as const;

/**
 * Enum value "l_infinity" for attribute {@link ATTR_ML_DRIFT_METHOD}: Largest absolute difference
 * of category proportions.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_DRIFT_METHOD_VALUE_L_INFINITY = 'l_infinity' as const;

/**
 * Enum value "new_category_ratio" for attribute {@link ATTR_ML_DRIFT_METHOD}: Share of current
 * values whose category never appears in the reference.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_DRIFT_METHOD_VALUE_NEW_CATEGORY_RATIO = 'new_category_ratio' as const;

/**
 * Enum value "mmd" for attribute {@link ATTR_ML_DRIFT_METHOD}: Maximum mean discrepancy (unbiased
 * MMD², RBF kernel at the median heuristic) between bounded samples of an embedding feature's
 * vectors, with a permutation p-value.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_DRIFT_METHOD_VALUE_MMD = 'mmd' as const;

/**
 * Every documented value of {@link ATTR_ML_DRIFT_METHOD}, in registry order.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_DRIFT_METHOD_VALUES = [
  ML_DRIFT_METHOD_VALUE_KS,
  ML_DRIFT_METHOD_VALUE_WASSERSTEIN,
  ML_DRIFT_METHOD_VALUE_WASSERSTEIN_NORMED,
  ML_DRIFT_METHOD_VALUE_PSI,
  ML_DRIFT_METHOD_VALUE_JENSEN_SHANNON,
  ML_DRIFT_METHOD_VALUE_HELLINGER,
  ML_DRIFT_METHOD_VALUE_CHI2,
  ML_DRIFT_METHOD_VALUE_L_INFINITY,
  ML_DRIFT_METHOD_VALUE_NEW_CATEGORY_RATIO,
  ML_DRIFT_METHOD_VALUE_MMD,
] as const;

/**
 * A documented value of {@link ATTR_ML_DRIFT_METHOD}.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export type MlDriftMethodValue = (typeof ML_DRIFT_METHOD_VALUES)[number];

/**
 * Drift verdict of a monitored distribution; the state of the `ml.drift.status` state set.
 *
 * @example no_drift
 * @example drift
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_DRIFT_STATE = 'ml.drift.state' as const;

/**
 * Enum value "no_drift" for attribute {@link ATTR_ML_DRIFT_STATE}: The statistic is on the
 * no-drift side of the threshold.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_DRIFT_STATE_VALUE_NO_DRIFT = 'no_drift' as const;

/**
 * Enum value "drift" for attribute {@link ATTR_ML_DRIFT_STATE}: The statistic crossed the
 * threshold in the drift direction.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_DRIFT_STATE_VALUE_DRIFT = 'drift' as const;

/**
 * Enum value "insufficient_data" for attribute {@link ATTR_ML_DRIFT_STATE}: Too few samples (or an
 * undefined statistic) to decide.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_DRIFT_STATE_VALUE_INSUFFICIENT_DATA = 'insufficient_data' as const;

/**
 * Every documented value of {@link ATTR_ML_DRIFT_STATE}, in registry order.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_DRIFT_STATE_VALUES = [
  ML_DRIFT_STATE_VALUE_NO_DRIFT,
  ML_DRIFT_STATE_VALUE_DRIFT,
  ML_DRIFT_STATE_VALUE_INSUFFICIENT_DATA,
] as const;

/**
 * A documented value of {@link ATTR_ML_DRIFT_STATE}.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export type MlDriftStateValue = (typeof ML_DRIFT_STATE_VALUES)[number];

/**
 * Which threshold an `ml.drift.threshold` point reports.
 *
 * @example effective
 *
 * @note The nominal threshold is the configured one; the effective threshold is the one actually
 * applied to the window: the larger of the nominal threshold and the (1 - alpha) quantile of the
 * statistic's null distribution at the window's sample size.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_DRIFT_THRESHOLD_KIND = 'ml.drift.threshold.kind' as const;

/**
 * Enum value "nominal" for attribute {@link ATTR_ML_DRIFT_THRESHOLD_KIND}: The threshold as
 * configured in the monitoring rule.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_DRIFT_THRESHOLD_KIND_VALUE_NOMINAL = 'nominal' as const;

/**
 * Enum value "effective" for attribute {@link ATTR_ML_DRIFT_THRESHOLD_KIND}: The threshold
 * actually applied to the current window (size-aware).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_DRIFT_THRESHOLD_KIND_VALUE_EFFECTIVE = 'effective' as const;

/**
 * Every documented value of {@link ATTR_ML_DRIFT_THRESHOLD_KIND}, in registry order.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_DRIFT_THRESHOLD_KIND_VALUES = [
  ML_DRIFT_THRESHOLD_KIND_VALUE_NOMINAL,
  ML_DRIFT_THRESHOLD_KIND_VALUE_EFFECTIVE,
] as const;

/**
 * A documented value of {@link ATTR_ML_DRIFT_THRESHOLD_KIND}.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export type MlDriftThresholdKindValue = (typeof ML_DRIFT_THRESHOLD_KIND_VALUES)[number];

/**
 * Which distance between mean embeddings a value is.
 *
 * @example cosine
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_EMBEDDING_DISTANCE = 'ml.embedding.distance' as const;

/**
 * Enum value "cosine" for attribute {@link ATTR_ML_EMBEDDING_DISTANCE}: 1 − the cosine similarity
 * of the two mean vectors.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_EMBEDDING_DISTANCE_VALUE_COSINE = 'cosine' as const;

/**
 * Enum value "euclidean" for attribute {@link ATTR_ML_EMBEDDING_DISTANCE}: The Euclidean distance
 * of the two mean vectors, in the embedding's units.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_EMBEDDING_DISTANCE_VALUE_EUCLIDEAN = 'euclidean' as const;

/**
 * Every documented value of {@link ATTR_ML_EMBEDDING_DISTANCE}, in registry order.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_EMBEDDING_DISTANCE_VALUES = [
  ML_EMBEDDING_DISTANCE_VALUE_COSINE,
  ML_EMBEDDING_DISTANCE_VALUE_EUCLIDEAN,
] as const;

/**
 * A documented value of {@link ATTR_ML_EMBEDDING_DISTANCE}.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export type MlEmbeddingDistanceValue = (typeof ML_EMBEDDING_DISTANCE_VALUES)[number];

/**
 * Which statistic of an evaluator's score values in the window a value is.
 *
 * @example mean
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_EVALUATION_STATISTIC = 'ml.evaluation.statistic' as const;

/**
 * Enum value "mean" for attribute {@link ATTR_ML_EVALUATION_STATISTIC}: The mean of the score
 * values.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_EVALUATION_STATISTIC_VALUE_MEAN = 'mean' as const;

/**
 * Enum value "p10" for attribute {@link ATTR_ML_EVALUATION_STATISTIC}: The 10th percentile (lower
 * empirical quantile, exact up to the sketch capacity).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_EVALUATION_STATISTIC_VALUE_P10 = 'p10' as const;

/**
 * Enum value "p50" for attribute {@link ATTR_ML_EVALUATION_STATISTIC}: The median (lower empirical
 * quantile, exact up to the sketch capacity).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_EVALUATION_STATISTIC_VALUE_P50 = 'p50' as const;

/**
 * Enum value "p90" for attribute {@link ATTR_ML_EVALUATION_STATISTIC}: The 90th percentile (lower
 * empirical quantile, exact up to the sketch capacity).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_EVALUATION_STATISTIC_VALUE_P90 = 'p90' as const;

/**
 * Every documented value of {@link ATTR_ML_EVALUATION_STATISTIC}, in registry order.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_EVALUATION_STATISTIC_VALUES = [
  ML_EVALUATION_STATISTIC_VALUE_MEAN,
  ML_EVALUATION_STATISTIC_VALUE_P10,
  ML_EVALUATION_STATISTIC_VALUE_P50,
  ML_EVALUATION_STATISTIC_VALUE_P90,
] as const;

/**
 * A documented value of {@link ATTR_ML_EVALUATION_STATISTIC}.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export type MlEvaluationStatisticValue = (typeof ML_EVALUATION_STATISTIC_VALUES)[number];

/**
 * The sensitive attribute the groups are read from, as configured.
 *
 * @example ml.slice.gender
 * @example age_band
 *
 * @note A slice attribute (`ml.slice.<key>`) or a feature name (`ml.features` key). The attribute
 * is read for the fairness statistics whether or not it also slices the monitoring streams.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_FAIRNESS_ATTRIBUTE = 'ml.fairness.attribute' as const;

/**
 * One group (value) of the sensitive attribute.
 *
 * @example female
 * @example age_25_34
 * @example _OTHER
 * @example _UNKNOWN
 *
 * @note Only the first `max_groups` distinct values of a window are kept apart; later ones are
 * counted in the group `_OTHER`. Predictions without the attribute form the group `_UNKNOWN`.
 * Neither takes part in the differences and ratios across groups.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_FAIRNESS_GROUP = 'ml.fairness.group' as const;

/**
 * Which disparity across the groups of a sensitive attribute a value is.
 *
 * @example demographic_parity_ratio
 *
 * @note Computed over the groups with enough samples only (METRICS.md §Fairness):
 * `min_group_count` predictions for the selection rate, and additionally 10 actual positives
 * (negatives) for the true (false) positive rate.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_FAIRNESS_METRIC = 'ml.fairness.metric' as const;

/**
 * Enum value "demographic_parity_difference" for attribute {@link ATTR_ML_FAIRNESS_METRIC}:
 * Largest minus smallest selection rate.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_FAIRNESS_METRIC_VALUE_DEMOGRAPHIC_PARITY_DIFFERENCE =
  'demographic_parity_difference' as const;

/**
 * Enum value "demographic_parity_ratio" for attribute {@link ATTR_ML_FAIRNESS_METRIC}: Smallest
 * over largest selection rate (the four-fifths rule compares it with 0.8).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_FAIRNESS_METRIC_VALUE_DEMOGRAPHIC_PARITY_RATIO =
  'demographic_parity_ratio' as const;

/**
 * Enum value "equal_opportunity_difference" for attribute {@link ATTR_ML_FAIRNESS_METRIC}: Largest
 * minus smallest true positive rate.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_FAIRNESS_METRIC_VALUE_EQUAL_OPPORTUNITY_DIFFERENCE =
  'equal_opportunity_difference' as const;

/**
 * Enum value "equalized_odds_difference" for attribute {@link ATTR_ML_FAIRNESS_METRIC}: The larger
 * of the true positive rate gap and the false positive rate gap.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_FAIRNESS_METRIC_VALUE_EQUALIZED_ODDS_DIFFERENCE =
  'equalized_odds_difference' as const;

/**
 * Enum value "calibration_error_spread" for attribute {@link ATTR_ML_FAIRNESS_METRIC}: Largest
 * minus smallest per-group expected calibration error.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_FAIRNESS_METRIC_VALUE_CALIBRATION_ERROR_SPREAD =
  'calibration_error_spread' as const;

/**
 * Every documented value of {@link ATTR_ML_FAIRNESS_METRIC}, in registry order.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_FAIRNESS_METRIC_VALUES = [
  ML_FAIRNESS_METRIC_VALUE_DEMOGRAPHIC_PARITY_DIFFERENCE,
  ML_FAIRNESS_METRIC_VALUE_DEMOGRAPHIC_PARITY_RATIO,
  ML_FAIRNESS_METRIC_VALUE_EQUAL_OPPORTUNITY_DIFFERENCE,
  ML_FAIRNESS_METRIC_VALUE_EQUALIZED_ODDS_DIFFERENCE,
  ML_FAIRNESS_METRIC_VALUE_CALIBRATION_ERROR_SPREAD,
] as const;

/**
 * A documented value of {@link ATTR_ML_FAIRNESS_METRIC}.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export type MlFairnessMetricValue = (typeof ML_FAIRNESS_METRIC_VALUES)[number];

/**
 * Which per-group rate a value is.
 *
 * @example selection_rate
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_FAIRNESS_RATE = 'ml.fairness.rate' as const;

/**
 * Enum value "selection_rate" for attribute {@link ATTR_ML_FAIRNESS_RATE}: Share of the group's
 * predictions that are positive decisions, P(ŷ=1 | A=a).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_FAIRNESS_RATE_VALUE_SELECTION_RATE = 'selection_rate' as const;

/**
 * Enum value "true_positive_rate" for attribute {@link ATTR_ML_FAIRNESS_RATE}: Share of the
 * group's actual positives decided positive, P(ŷ=1 | y=1, A=a).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_FAIRNESS_RATE_VALUE_TRUE_POSITIVE_RATE = 'true_positive_rate' as const;

/**
 * Enum value "false_positive_rate" for attribute {@link ATTR_ML_FAIRNESS_RATE}: Share of the
 * group's actual negatives decided positive, P(ŷ=1 | y=0, A=a).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_FAIRNESS_RATE_VALUE_FALSE_POSITIVE_RATE = 'false_positive_rate' as const;

/**
 * Every documented value of {@link ATTR_ML_FAIRNESS_RATE}, in registry order.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_FAIRNESS_RATE_VALUES = [
  ML_FAIRNESS_RATE_VALUE_SELECTION_RATE,
  ML_FAIRNESS_RATE_VALUE_TRUE_POSITIVE_RATE,
  ML_FAIRNESS_RATE_VALUE_FALSE_POSITIVE_RATE,
] as const;

/**
 * A documented value of {@link ATTR_ML_FAIRNESS_RATE}.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export type MlFairnessRateValue = (typeof ML_FAIRNESS_RATE_VALUES)[number];

/**
 * One bin of a feature or slice attribute in "where quality fell".
 *
 * @example (7.42, 10.3]
 * @example FR
 *
 * @note A numeric feature's bin from its first reference's decile edges (`≤ 7.42`, `(7.42, 10.3]`,
 * `> 98.1`), or a categorical feature's or slice's value (at most 16 per attribute, then
 * `_OTHER`). Bounded per model version.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_FEATURE_BIN = 'ml.feature.bin' as const;

/**
 * Name of one input feature.
 *
 * @example amount
 * @example country
 *
 * @note On per-feature metrics (drift, data quality); bounded by the model's schema.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_FEATURE_NAME = 'ml.feature.name' as const;

/**
 * Model input features as a map from feature name to value.
 *
 * @example {"amount": 120.5, "country": "DE"}
 *
 * @note Opt-in: may contain personal data. Structured (an AnyValue map) on events; a JSON string
 * on spans if ever used, because span attributes are primitives or arrays only. Redacted values
 * are `"__REDACTED__"` so that hidden is distinguishable from missing. A map avoids the collision
 * a `ml.feature.<name>` template would have with `ml.feature.name`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_FEATURES = 'ml.features' as const;

/**
 * One finish reason of `gen_ai.response.finish_reasons`, as sent.
 *
 * @example stop
 * @example length
 * @example content_filter
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_GENAI_FINISH_REASON = 'ml.genai.finish_reason' as const;

/**
 * The quantile of the window's per-call values that a value is, in (0, 1).
 *
 * @example 0.5
 * @example 0.95
 * @example 0.99
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_GENAI_QUANTILE = 'ml.genai.quantile' as const;

/**
 * Which token count of a GenAI call a value is about.
 *
 * @example input
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_GENAI_TOKEN_TYPE = 'ml.genai.token.type' as const;

/**
 * Enum value "input" for attribute {@link ATTR_ML_GENAI_TOKEN_TYPE}: `gen_ai.usage.input_tokens`
 * (cached tokens included).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_GENAI_TOKEN_TYPE_VALUE_INPUT = 'input' as const;

/**
 * Enum value "output" for attribute {@link ATTR_ML_GENAI_TOKEN_TYPE}: `gen_ai.usage.output_tokens`
 * (reasoning tokens included).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_GENAI_TOKEN_TYPE_VALUE_OUTPUT = 'output' as const;

/**
 * Enum value "cache_read" for attribute {@link ATTR_ML_GENAI_TOKEN_TYPE}:
 * `gen_ai.usage.cache_read.input_tokens`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_GENAI_TOKEN_TYPE_VALUE_CACHE_READ = 'cache_read' as const;

/**
 * Enum value "cache_creation" for attribute {@link ATTR_ML_GENAI_TOKEN_TYPE}:
 * `gen_ai.usage.cache_creation.input_tokens`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_GENAI_TOKEN_TYPE_VALUE_CACHE_CREATION = 'cache_creation' as const;

/**
 * Enum value "reasoning" for attribute {@link ATTR_ML_GENAI_TOKEN_TYPE}:
 * `gen_ai.usage.reasoning.output_tokens`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_GENAI_TOKEN_TYPE_VALUE_REASONING = 'reasoning' as const;

/**
 * Every documented value of {@link ATTR_ML_GENAI_TOKEN_TYPE}, in registry order.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_GENAI_TOKEN_TYPE_VALUES = [
  ML_GENAI_TOKEN_TYPE_VALUE_INPUT,
  ML_GENAI_TOKEN_TYPE_VALUE_OUTPUT,
  ML_GENAI_TOKEN_TYPE_VALUE_CACHE_READ,
  ML_GENAI_TOKEN_TYPE_VALUE_CACHE_CREATION,
  ML_GENAI_TOKEN_TYPE_VALUE_REASONING,
] as const;

/**
 * A documented value of {@link ATTR_ML_GENAI_TOKEN_TYPE}.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export type MlGenaiTokenTypeValue = (typeof ML_GENAI_TOKEN_TYPE_VALUES)[number];

/**
 * Producer-assigned idempotency key of this label.
 *
 * @example label-0001
 *
 * @note The processor deduplicates ground truth by this id.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_GROUND_TRUTH_ID = 'ml.ground_truth.id' as const;

/**
 * Actual class observed for the prediction.
 *
 * @example fraud
 *
 * @note Symmetric with `ml.prediction.label`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_GROUND_TRUTH_LABEL = 'ml.ground_truth.label' as const;

/**
 * Actual label set of a multilabel classification.
 *
 * @example ["sports"]
 * @example []
 *
 * @note Symmetric with `ml.prediction.labels`; an empty list means no label applies.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_GROUND_TRUTH_LABELS = 'ml.ground_truth.labels' as const;

/**
 * Graded relevance (≥ 0) of each item of `ml.ground_truth.relevant_items`, in the same order.
 *
 * @example [3,1]
 *
 * @note Absent means every listed item has relevance 1 (binary relevance).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_GROUND_TRUTH_RELEVANCE = 'ml.ground_truth.relevance' as const;

/**
 * Relevant item ids of a ranking query (the order does not matter).
 *
 * @example ["doc-2","doc-5"]
 *
 * @note An empty list says that no item was relevant to the query.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_GROUND_TRUTH_RELEVANT_ITEMS = 'ml.ground_truth.relevant_items' as const;

/**
 * Who or what supplied the ground truth.
 *
 * @example human
 * @example delayed_outcome
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_GROUND_TRUTH_SOURCE = 'ml.ground_truth.source' as const;

/**
 * Enum value "human" for attribute {@link ATTR_ML_GROUND_TRUTH_SOURCE}: A human annotator or
 * reviewer.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_GROUND_TRUTH_SOURCE_VALUE_HUMAN = 'human' as const;

/**
 * Enum value "system" for attribute {@link ATTR_ML_GROUND_TRUTH_SOURCE}: An automated system of
 * record (e.g. a chargeback feed).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_GROUND_TRUTH_SOURCE_VALUE_SYSTEM = 'system' as const;

/**
 * Enum value "user_feedback" for attribute {@link ATTR_ML_GROUND_TRUTH_SOURCE}: Explicit feedback
 * of the end user (thumbs up or down, correction).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_GROUND_TRUTH_SOURCE_VALUE_USER_FEEDBACK = 'user_feedback' as const;

/**
 * Enum value "delayed_outcome" for attribute {@link ATTR_ML_GROUND_TRUTH_SOURCE}: The real-world
 * outcome observed later (churned, defaulted, converted).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_GROUND_TRUTH_SOURCE_VALUE_DELAYED_OUTCOME = 'delayed_outcome' as const;

/**
 * Every documented value of {@link ATTR_ML_GROUND_TRUTH_SOURCE}, in registry order.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_GROUND_TRUTH_SOURCE_VALUES = [
  ML_GROUND_TRUTH_SOURCE_VALUE_HUMAN,
  ML_GROUND_TRUTH_SOURCE_VALUE_SYSTEM,
  ML_GROUND_TRUTH_SOURCE_VALUE_USER_FEEDBACK,
  ML_GROUND_TRUTH_SOURCE_VALUE_DELAYED_OUTCOME,
] as const;

/**
 * A documented value of {@link ATTR_ML_GROUND_TRUTH_SOURCE}.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export type MlGroundTruthSourceValue = (typeof ML_GROUND_TRUTH_SOURCE_VALUES)[number];

/**
 * Actual numeric target (regression, or 0/1 for binary classification).
 *
 * @example 41
 * @example 1
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_GROUND_TRUTH_VALUE = 'ml.ground_truth.value' as const;

/**
 * Deployment alias or stage the caller asked for.
 *
 * @example champion
 * @example production
 * @example latest
 *
 * @note Mirrors the request model versus the response model: the alias is what was requested, the
 * version (`ml.model.version`) is what answered.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_MODEL_ALIAS = 'ml.model.alias' as const;

/**
 * Ordered class labels of the model; the order of `ml.prediction.probabilities`.
 *
 * @example ["legit","fraud"]
 * @example ["cat","dog","bird"]
 *
 * @note Events (or the entity description) only; large class sets are opt-in.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_MODEL_CLASSES = 'ml.model.classes' as const;

/**
 * Framework or runtime the model was built with or is executed by.
 *
 * @example sklearn
 * @example xgboost
 * @example lightgbm
 * @example onnxruntime
 * @example tensorflow
 * @example pytorch
 * @example catboost
 *
 * @note An open set of values; use the lowercase library name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_MODEL_FRAMEWORK = 'ml.model.framework' as const;

/**
 * Immutable identifier of the model artifact (registry URI, digest, MLflow model id).
 *
 * @example models:/fraud/7
 * @example sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
 * @example m-1f2e3d4c
 *
 * @note Spans and events only, never on metrics (cardinality). Transient identifiers MUST NOT be
 * used.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_MODEL_ID = 'ml.model.id' as const;

/**
 * Registered or logical name of the model that produced the prediction.
 *
 * @example fraud-detector
 * @example churn_xgb
 *
 * @note Required on every `ml.*` signal and sampling-relevant. Together with `ml.model.version`
 * and the `ml.slice.<key>` set it forms the key under which the processor keeps its state. MUST
 * NOT be set together with `gen_ai.request.model` on the same span.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_MODEL_NAME = 'ml.model.name' as const;

/**
 * The kind of prediction task the model solves.
 *
 * @example binary_classification
 * @example regression
 *
 * @note Tells the processor which family of statistics (METRICS.md) applies to the model's
 * predictions.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_MODEL_TASK = 'ml.model.task' as const;

/**
 * Enum value "binary_classification" for attribute {@link ATTR_ML_MODEL_TASK}: Two classes;
 * `ml.prediction.score` is the probability of the positive class.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION = 'binary_classification' as const;

/**
 * Enum value "multiclass_classification" for attribute {@link ATTR_ML_MODEL_TASK}: One of more
 * than two classes; `ml.prediction.probabilities` aligned with `ml.model.classes`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION = 'multiclass_classification' as const;

/**
 * Enum value "multilabel_classification" for attribute {@link ATTR_ML_MODEL_TASK}: Any subset of a
 * set of classes; the output is `ml.prediction.labels`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_MODEL_TASK_VALUE_MULTILABEL_CLASSIFICATION = 'multilabel_classification' as const;

/**
 * Enum value "regression" for attribute {@link ATTR_ML_MODEL_TASK}: A numeric target; the output
 * is `ml.prediction.value`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_MODEL_TASK_VALUE_REGRESSION = 'regression' as const;

/**
 * Enum value "ranking" for attribute {@link ATTR_ML_MODEL_TASK}: An ordering of items; one
 * prediction per query lists them in `ml.prediction.ranking`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_MODEL_TASK_VALUE_RANKING = 'ranking' as const;

/**
 * Enum value "anomaly_detection" for attribute {@link ATTR_ML_MODEL_TASK}: An anomaly score
 * (`ml.prediction.score`) and optionally an outlier label.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_MODEL_TASK_VALUE_ANOMALY_DETECTION = 'anomaly_detection' as const;

/**
 * Enum value "forecasting" for attribute {@link ATTR_ML_MODEL_TASK}: A future value of a time
 * series (`ml.prediction.value`).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_MODEL_TASK_VALUE_FORECASTING = 'forecasting' as const;

/**
 * Enum value "embedding" for attribute {@link ATTR_ML_MODEL_TASK}: A vector representation of the
 * input; no label or score.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_MODEL_TASK_VALUE_EMBEDDING = 'embedding' as const;

/**
 * Every documented value of {@link ATTR_ML_MODEL_TASK}, in registry order.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_MODEL_TASK_VALUES = [
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_MULTILABEL_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_REGRESSION,
  ML_MODEL_TASK_VALUE_RANKING,
  ML_MODEL_TASK_VALUE_ANOMALY_DETECTION,
  ML_MODEL_TASK_VALUE_FORECASTING,
  ML_MODEL_TASK_VALUE_EMBEDDING,
] as const;

/**
 * A documented value of {@link ATTR_ML_MODEL_TASK}.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export type MlModelTaskValue = (typeof ML_MODEL_TASK_VALUES)[number];

/**
 * Version of the model that actually served the prediction (resolved, not an alias).
 *
 * @example 7
 * @example 2026-08-01
 * @example v1.4.2
 *
 * @note Conditionally required if known, strongly recommended, and part of the processor's state
 * key. Use the resolved registry version, not the alias the caller asked for (`ml.model.alias`).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_MODEL_VERSION = 'ml.model.version' as const;

/**
 * Which sample a count describes.
 *
 * @example current
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_MONITOR_POPULATION = 'ml.monitor.population' as const;

/**
 * Enum value "reference" for attribute {@link ATTR_ML_MONITOR_POPULATION}: The reference sample.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_MONITOR_POPULATION_VALUE_REFERENCE = 'reference' as const;

/**
 * Enum value "current" for attribute {@link ATTR_ML_MONITOR_POPULATION}: The current window of
 * predictions.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_MONITOR_POPULATION_VALUE_CURRENT = 'current' as const;

/**
 * Enum value "labeled" for attribute {@link ATTR_ML_MONITOR_POPULATION}: The predictions of the
 * current window that have joined ground truth.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_MONITOR_POPULATION_VALUE_LABELED = 'labeled' as const;

/**
 * Every documented value of {@link ATTR_ML_MONITOR_POPULATION}, in registry order.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_MONITOR_POPULATION_VALUES = [
  ML_MONITOR_POPULATION_VALUE_REFERENCE,
  ML_MONITOR_POPULATION_VALUE_CURRENT,
  ML_MONITOR_POPULATION_VALUE_LABELED,
] as const;

/**
 * A documented value of {@link ATTR_ML_MONITOR_POPULATION}.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export type MlMonitorPopulationValue = (typeof ML_MONITOR_POPULATION_VALUES)[number];

/**
 * The operation performed with the model.
 *
 * @example predict
 *
 * @note The span-name prefix and the discriminator that tells consumers which signals to expect.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_OPERATION_NAME = 'ml.operation.name' as const;

/**
 * Enum value "predict" for attribute {@link ATTR_ML_OPERATION_NAME}: Score one or more rows.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_OPERATION_NAME_VALUE_PREDICT = 'predict' as const;

/**
 * Every documented value of {@link ATTR_ML_OPERATION_NAME}, in registry order.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_OPERATION_NAME_VALUES = [ML_OPERATION_NAME_VALUE_PREDICT] as const;

/**
 * A documented value of {@link ATTR_ML_OPERATION_NAME}.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export type MlOperationNameValue = (typeof ML_OPERATION_NAME_VALUES)[number];

/**
 * Number of rows scored in this call (the batch size).
 *
 * @example 1
 * @example 64
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_PREDICTION_COUNT = 'ml.prediction.count' as const;

/**
 * Unique identifier of one prediction (row); the join key for ground truth.
 *
 * @example b7ad6b7169203331
 * @example order-42:2026-08-01T10:00:00Z
 *
 * @note Spans (when `ml.prediction.count` is 1) and events, never on metrics. Echo the Open
 * Inference Protocol `id` when there is one row. SHOULD NOT be a trace id.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_PREDICTION_ID = 'ml.prediction.id' as const;

/**
 * Predicted class, after the decision threshold was applied.
 *
 * @example fraud
 * @example legit
 *
 * @note Events, and spans when one row was scored. On metrics only for classification with a
 * bounded set of classes; the instrumentation drops it (or maps the rest to `other`) above a
 * configured number of classes.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_PREDICTION_LABEL = 'ml.prediction.label' as const;

/**
 * Predicted label set of a multilabel classification (any subset of the classes).
 *
 * @example ["sports","politics"]
 * @example []
 *
 * @note An empty list predicts no label. Without it, a multilabel prediction's
 * `ml.prediction.probabilities` aligned with `ml.model.classes` are thresholded at
 * `ml.prediction.threshold` (0.5 when absent): a class is predicted when its probability is at
 * least the threshold.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_PREDICTION_LABELS = 'ml.prediction.labels' as const;

/**
 * Full probability vector, aligned with `ml.model.classes`.
 *
 * @example [0.1,0.9]
 * @example [0.7,0.2,0.1]
 *
 * @note Events only; opt-in for large class sets.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_PREDICTION_PROBABILITIES = 'ml.prediction.probabilities' as const;

/**
 * Position of the item in a ranking (1 is first).
 *
 * @example 1
 * @example 10
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_PREDICTION_RANK = 'ml.prediction.rank' as const;

/**
 * Item ids of a ranking prediction (one per query), best first.
 *
 * @example ["doc-7","doc-2","doc-9"]
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_PREDICTION_RANKING = 'ml.prediction.ranking' as const;

/**
 * Binary classification: probability of the positive class. Multiclass: probability of the
 * predicted label. Anomaly detection: the anomaly score.
 *
 * @example 0.87
 *
 * @note Do not invent a score the model does not produce.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_PREDICTION_SCORE = 'ml.prediction.score' as const;

/**
 * Decision threshold applied to the score to obtain the label.
 *
 * @example 0.5
 *
 * @note Lets the processor recompute precision and recall (METRICS.md default 0.5 when absent).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_PREDICTION_THRESHOLD = 'ml.prediction.threshold' as const;

/**
 * Numeric output of a regression or forecasting model.
 *
 * @example 42.5
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_PREDICTION_VALUE = 'ml.prediction.value' as const;

/**
 * Where the model runs (in process, or the serving platform).
 *
 * @example in_process
 * @example kserve
 * @example seldon
 * @example triton
 * @example bentoml
 * @example aws.sagemaker
 * @example gcp.vertex_ai
 * @example azure.ml
 *
 * @note Follows the `{area}.provider.name` pattern; value spellings follow the
 * `gen_ai.provider.name` style. An open set of values.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_PROVIDER_NAME = 'ml.provider.name' as const;

/**
 * Which edge of an estimated quality metric's sampling-error band a value is.
 *
 * @example lower
 *
 * @note The band is the estimate ± 3σ, σ over reference chunks of the window's size (METRICS.md).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_QUALITY_BOUND = 'ml.quality.bound' as const;

/**
 * Enum value "lower" for attribute {@link ATTR_ML_QUALITY_BOUND}: The estimate − 3σ, clipped at 0.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_QUALITY_BOUND_VALUE_LOWER = 'lower' as const;

/**
 * Enum value "upper" for attribute {@link ATTR_ML_QUALITY_BOUND}: The estimate + 3σ, clipped at 1.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_QUALITY_BOUND_VALUE_UPPER = 'upper' as const;

/**
 * Every documented value of {@link ATTR_ML_QUALITY_BOUND}, in registry order.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_QUALITY_BOUND_VALUES = [
  ML_QUALITY_BOUND_VALUE_LOWER,
  ML_QUALITY_BOUND_VALUE_UPPER,
] as const;

/**
 * A documented value of {@link ATTR_ML_QUALITY_BOUND}.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export type MlQualityBoundValue = (typeof ML_QUALITY_BOUND_VALUES)[number];

/**
 * Model quality statistic computed once ground truth is joined, as defined in METRICS.md.
 *
 * @example roc_auc
 * @example rmse
 *
 * @note `mae` and `rmse` carry the target's units and go on `ml.quality.error`; all other members
 * are dimensionless and go on `ml.quality.score`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_QUALITY_METRIC = 'ml.quality.metric' as const;

/**
 * Enum value "accuracy" for attribute {@link ATTR_ML_QUALITY_METRIC}: Share of correct
 * predictions.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_QUALITY_METRIC_VALUE_ACCURACY = 'accuracy' as const;

/**
 * Enum value "precision" for attribute {@link ATTR_ML_QUALITY_METRIC}: Binary precision at the
 * decision threshold.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_QUALITY_METRIC_VALUE_PRECISION = 'precision' as const;

/**
 * Enum value "recall" for attribute {@link ATTR_ML_QUALITY_METRIC}: Binary recall at the decision
 * threshold.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_QUALITY_METRIC_VALUE_RECALL = 'recall' as const;

/**
 * Enum value "f1" for attribute {@link ATTR_ML_QUALITY_METRIC}: Binary F1 score at the decision
 * threshold.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_QUALITY_METRIC_VALUE_F1 = 'f1' as const;

/**
 * Enum value "macro_f1" for attribute {@link ATTR_ML_QUALITY_METRIC}: Unweighted mean of the
 * per-class F1 scores.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_QUALITY_METRIC_VALUE_MACRO_F1 = 'macro_f1' as const;

/**
 * Enum value "roc_auc" for attribute {@link ATTR_ML_QUALITY_METRIC}: Area under the ROC curve
 * (Mann-Whitney form, average ranks for ties).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_QUALITY_METRIC_VALUE_ROC_AUC = 'roc_auc' as const;

/**
 * Enum value "brier_score" for attribute {@link ATTR_ML_QUALITY_METRIC}: Mean squared difference
 * between probabilities and outcomes.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_QUALITY_METRIC_VALUE_BRIER_SCORE = 'brier_score' as const;

/**
 * Enum value "log_loss" for attribute {@link ATTR_ML_QUALITY_METRIC}: Mean negative log-likelihood
 * with probabilities clipped to [1e-15, 1 - 1e-15].
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_QUALITY_METRIC_VALUE_LOG_LOSS = 'log_loss' as const;

/**
 * Enum value "mape" for attribute {@link ATTR_ML_QUALITY_METRIC}: Mean absolute percentage error
 * (as a fraction).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_QUALITY_METRIC_VALUE_MAPE = 'mape' as const;

/**
 * Enum value "r2" for attribute {@link ATTR_ML_QUALITY_METRIC}: Coefficient of determination.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_QUALITY_METRIC_VALUE_R2 = 'r2' as const;

/**
 * Enum value "mae" for attribute {@link ATTR_ML_QUALITY_METRIC}: Mean absolute error, in the
 * target's units.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_QUALITY_METRIC_VALUE_MAE = 'mae' as const;

/**
 * Enum value "rmse" for attribute {@link ATTR_ML_QUALITY_METRIC}: Root mean squared error, in the
 * target's units.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_QUALITY_METRIC_VALUE_RMSE = 'rmse' as const;

/**
 * Enum value "micro_f1" for attribute {@link ATTR_ML_QUALITY_METRIC}: Multilabel F1 of the
 * label-pair counts pooled over all labels.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_QUALITY_METRIC_VALUE_MICRO_F1 = 'micro_f1' as const;

/**
 * Enum value "micro_precision" for attribute {@link ATTR_ML_QUALITY_METRIC}: Multilabel precision
 * of the label-pair counts pooled over all labels.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_QUALITY_METRIC_VALUE_MICRO_PRECISION = 'micro_precision' as const;

/**
 * Enum value "micro_recall" for attribute {@link ATTR_ML_QUALITY_METRIC}: Multilabel recall of the
 * label-pair counts pooled over all labels.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_QUALITY_METRIC_VALUE_MICRO_RECALL = 'micro_recall' as const;

/**
 * Enum value "subset_accuracy" for attribute {@link ATTR_ML_QUALITY_METRIC}: Share of multilabel
 * predictions whose label set equals the true label set.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_QUALITY_METRIC_VALUE_SUBSET_ACCURACY = 'subset_accuracy' as const;

/**
 * Enum value "hamming_loss" for attribute {@link ATTR_ML_QUALITY_METRIC}: Share of (prediction,
 * label) pairs predicted wrongly, over the labels seen.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_QUALITY_METRIC_VALUE_HAMMING_LOSS = 'hamming_loss' as const;

/**
 * Enum value "ndcg" for attribute {@link ATTR_ML_QUALITY_METRIC}: Mean NDCG@k of the ranking
 * queries (linear gain, 1/log2(rank + 1) discount).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_QUALITY_METRIC_VALUE_NDCG = 'ndcg' as const;

/**
 * Enum value "precision_at_k" for attribute {@link ATTR_ML_QUALITY_METRIC}: Mean share of the top
 * k ranked items that are relevant.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_QUALITY_METRIC_VALUE_PRECISION_AT_K = 'precision_at_k' as const;

/**
 * Enum value "mrr" for attribute {@link ATTR_ML_QUALITY_METRIC}: Mean reciprocal rank of the first
 * relevant item (0 when none is ranked).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_QUALITY_METRIC_VALUE_MRR = 'mrr' as const;

/**
 * Enum value "specificity" for attribute {@link ATTR_ML_QUALITY_METRIC}: Binary true-negative rate
 * at the decision threshold (estimated by CBPE).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_QUALITY_METRIC_VALUE_SPECIFICITY = 'specificity' as const;

/**
 * Every documented value of {@link ATTR_ML_QUALITY_METRIC}, in registry order.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_QUALITY_METRIC_VALUES = [
  ML_QUALITY_METRIC_VALUE_ACCURACY,
  ML_QUALITY_METRIC_VALUE_PRECISION,
  ML_QUALITY_METRIC_VALUE_RECALL,
  ML_QUALITY_METRIC_VALUE_F1,
  ML_QUALITY_METRIC_VALUE_MACRO_F1,
  ML_QUALITY_METRIC_VALUE_ROC_AUC,
  ML_QUALITY_METRIC_VALUE_BRIER_SCORE,
  ML_QUALITY_METRIC_VALUE_LOG_LOSS,
  ML_QUALITY_METRIC_VALUE_MAPE,
  ML_QUALITY_METRIC_VALUE_R2,
  ML_QUALITY_METRIC_VALUE_MAE,
  ML_QUALITY_METRIC_VALUE_RMSE,
  ML_QUALITY_METRIC_VALUE_MICRO_F1,
  ML_QUALITY_METRIC_VALUE_MICRO_PRECISION,
  ML_QUALITY_METRIC_VALUE_MICRO_RECALL,
  ML_QUALITY_METRIC_VALUE_SUBSET_ACCURACY,
  ML_QUALITY_METRIC_VALUE_HAMMING_LOSS,
  ML_QUALITY_METRIC_VALUE_NDCG,
  ML_QUALITY_METRIC_VALUE_PRECISION_AT_K,
  ML_QUALITY_METRIC_VALUE_MRR,
  ML_QUALITY_METRIC_VALUE_SPECIFICITY,
] as const;

/**
 * A documented value of {@link ATTR_ML_QUALITY_METRIC}.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export type MlQualityMetricValue = (typeof ML_QUALITY_METRIC_VALUES)[number];

/**
 * Cut-off k of the ranking metrics (NDCG@k, precision@k) for this prediction.
 *
 * @example 5
 * @example 10
 *
 * @note Overrides the model's configured k (`models[].ranking.k`, default 10).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_RANKING_K = 'ml.ranking.k' as const;

/**
 * Identifier of the reference dataset or window (bounded).
 *
 * @example train-2026-08-01
 * @example week-31
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_REFERENCE_ID = 'ml.reference.id' as const;

/**
 * Kind of reference sample a statistic compares against.
 *
 * @example training
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_REFERENCE_KIND = 'ml.reference.kind' as const;

/**
 * Enum value "training" for attribute {@link ATTR_ML_REFERENCE_KIND}: A fixed sample of the
 * training or validation data.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_REFERENCE_KIND_VALUE_TRAINING = 'training' as const;

/**
 * Enum value "fixed_window" for attribute {@link ATTR_ML_REFERENCE_KIND}: A fixed window of
 * production data (e.g. the first week after release).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_REFERENCE_KIND_VALUE_FIXED_WINDOW = 'fixed_window' as const;

/**
 * Enum value "previous_window" for attribute {@link ATTR_ML_REFERENCE_KIND}: The window
 * immediately before the current one.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_REFERENCE_KIND_VALUE_PREVIOUS_WINDOW = 'previous_window' as const;

/**
 * Enum value "seasonal_window" for attribute {@link ATTR_ML_REFERENCE_KIND}: The window one season
 * before the current one (e.g. the same hour a week earlier).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_REFERENCE_KIND_VALUE_SEASONAL_WINDOW = 'seasonal_window' as const;

/**
 * Enum value "rolling_window" for attribute {@link ATTR_ML_REFERENCE_KIND}: The union of the last
 * few windows before the current one.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_REFERENCE_KIND_VALUE_ROLLING_WINDOW = 'rolling_window' as const;

/**
 * Every documented value of {@link ATTR_ML_REFERENCE_KIND}, in registry order.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_REFERENCE_KIND_VALUES = [
  ML_REFERENCE_KIND_VALUE_TRAINING,
  ML_REFERENCE_KIND_VALUE_FIXED_WINDOW,
  ML_REFERENCE_KIND_VALUE_PREVIOUS_WINDOW,
  ML_REFERENCE_KIND_VALUE_SEASONAL_WINDOW,
  ML_REFERENCE_KIND_VALUE_ROLLING_WINDOW,
] as const;

/**
 * A documented value of {@link ATTR_ML_REFERENCE_KIND}.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export type MlReferenceKindValue = (typeof ML_REFERENCE_KIND_VALUES)[number];

/**
 * Probability, in (0, 1], with which this prediction event was sampled.
 *
 * @example 1
 * @example 0.1
 *
 * @note Conditionally required if below 1. The processor weights counts by 1/p; trace sampling
 * does not apply to log events.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_SAMPLING_PROBABILITY = 'ml.sampling.probability' as const;

/**
 * The quantile of the window's inference durations that a latency value is, in (0, 1).
 *
 * @example 0.5
 * @example 0.95
 * @example 0.99
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_SERVICE_LATENCY_QUANTILE = 'ml.service.latency.quantile' as const;

/**
 * What a latency quantile was computed from.
 *
 * @example sketch
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_SERVICE_LATENCY_SOURCE = 'ml.service.latency.source' as const;

/**
 * Enum value "sketch" for attribute {@link ATTR_ML_SERVICE_LATENCY_SOURCE}: The durations of
 * `ml.inference` spans, in a DDSketch with 1 % relative accuracy.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_SERVICE_LATENCY_SOURCE_VALUE_SKETCH = 'sketch' as const;

/**
 * Enum value "histogram" for attribute {@link ATTR_ML_SERVICE_LATENCY_SOURCE}: The
 * `ml.inference.duration` histogram, interpolated linearly inside the bucket that holds the rank
 * (only metrics arrived).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_SERVICE_LATENCY_SOURCE_VALUE_HISTOGRAM = 'histogram' as const;

/**
 * Every documented value of {@link ATTR_ML_SERVICE_LATENCY_SOURCE}, in registry order.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_SERVICE_LATENCY_SOURCE_VALUES = [
  ML_SERVICE_LATENCY_SOURCE_VALUE_SKETCH,
  ML_SERVICE_LATENCY_SOURCE_VALUE_HISTOGRAM,
] as const;

/**
 * A documented value of {@link ATTR_ML_SERVICE_LATENCY_SOURCE}.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export type MlServiceLatencySourceValue = (typeof ML_SERVICE_LATENCY_SOURCE_VALUES)[number];

/**
 * Business segment or cohort of the prediction, `<key>` being the configured slice key.
 *
 * Template attribute: the key is `ml.slice.<key>`.
 *
 * @example DE
 * @example web
 *
 * @note On spans, events and metrics. Keys are configured and bounded, values are low-cardinality;
 * the processor caps the number of series and routes the rest to `otel.metric.overflow=true`.
 * Example: the slice key `country` with value `DE` is recorded as `ml.slice.country=DE`.
 *
 * @param key The `<key>` part of the attribute key.
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_SLICE = (key: string): `ml.slice.${string}` => `ml.slice.${key}`;

/**
 * Prefix of every `ml.slice.<key>` attribute key (see {@link ATTR_ML_SLICE}).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_SLICE_PREFIX = 'ml.slice.' as const;

/**
 * Name of a service-level objective of the processor's configuration.
 *
 * @example scoring-latency
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_SLO_NAME = 'ml.slo.name' as const;

/**
 * The window a burn rate is measured over, as a duration (`5m`, `1h`, `3d`).
 *
 * @example 1h
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_SLO_WINDOW = 'ml.slo.window' as const;

/**
 * The model version a version is compared against (`ml.model.version` of the baseline).
 *
 * @example 7
 * @example 2024-05-01
 *
 * @note The configured `models[].versions.baseline`, or else the version with the most predictions
 * over the last day (ties go to the smaller version string).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_VERSION_BASELINE = 'ml.version.baseline' as const;

/**
 * Which statistic a version delta (version minus baseline) or p-value is about.
 *
 * @example accuracy
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_VERSION_COMPARISON = 'ml.version.comparison' as const;

/**
 * Enum value "accuracy" for attribute {@link ATTR_ML_VERSION_COMPARISON}: Share of labeled
 * predictions whose decision matched the label.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_VERSION_COMPARISON_VALUE_ACCURACY = 'accuracy' as const;

/**
 * Enum value "ece" for attribute {@link ATTR_ML_VERSION_COMPARISON}: Expected calibration error
 * (binary `ece`, multiclass `ece_top_label`).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_VERSION_COMPARISON_VALUE_ECE = 'ece' as const;

/**
 * Enum value "brier_score" for attribute {@link ATTR_ML_VERSION_COMPARISON}: Brier score of the
 * labeled predictions.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_VERSION_COMPARISON_VALUE_BRIER_SCORE = 'brier_score' as const;

/**
 * Enum value "log_loss" for attribute {@link ATTR_ML_VERSION_COMPARISON}: Log loss of the labeled
 * predictions.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_VERSION_COMPARISON_VALUE_LOG_LOSS = 'log_loss' as const;

/**
 * Enum value "error_ratio" for attribute {@link ATTR_ML_VERSION_COMPARISON}: Share of failed
 * inference calls (service SLIs).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_VERSION_COMPARISON_VALUE_ERROR_RATIO = 'error_ratio' as const;

/**
 * Enum value "mae" for attribute {@link ATTR_ML_VERSION_COMPARISON}: Mean absolute error of the
 * labeled predictions (regression; lower is better).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_VERSION_COMPARISON_VALUE_MAE = 'mae' as const;

/**
 * Enum value "rmse" for attribute {@link ATTR_ML_VERSION_COMPARISON}: Root mean squared error of
 * the labeled predictions (regression).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_VERSION_COMPARISON_VALUE_RMSE = 'rmse' as const;

/**
 * Enum value "score_mean" for attribute {@link ATTR_ML_VERSION_COMPARISON}: Mean prediction score
 * of the window.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_VERSION_COMPARISON_VALUE_SCORE_MEAN = 'score_mean' as const;

/**
 * Every documented value of {@link ATTR_ML_VERSION_COMPARISON}, in registry order.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_VERSION_COMPARISON_VALUES = [
  ML_VERSION_COMPARISON_VALUE_ACCURACY,
  ML_VERSION_COMPARISON_VALUE_ECE,
  ML_VERSION_COMPARISON_VALUE_BRIER_SCORE,
  ML_VERSION_COMPARISON_VALUE_LOG_LOSS,
  ML_VERSION_COMPARISON_VALUE_ERROR_RATIO,
  ML_VERSION_COMPARISON_VALUE_MAE,
  ML_VERSION_COMPARISON_VALUE_RMSE,
  ML_VERSION_COMPARISON_VALUE_SCORE_MEAN,
] as const;

/**
 * A documented value of {@link ATTR_ML_VERSION_COMPARISON}.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export type MlVersionComparisonValue = (typeof ML_VERSION_COMPARISON_VALUES)[number];

/**
 * Which statistic of the shared (shadow) requests of two versions a value is.
 *
 * @example agreement
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_VERSION_SHADOW_STATISTIC = 'ml.version.shadow.statistic' as const;

/**
 * Enum value "agreement" for attribute {@link ATTR_ML_VERSION_SHADOW_STATISTIC}: Share of shared
 * requests where both versions made the same decision.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_VERSION_SHADOW_STATISTIC_VALUE_AGREEMENT = 'agreement' as const;

/**
 * Enum value "score_difference_mean" for attribute {@link ATTR_ML_VERSION_SHADOW_STATISTIC}: Mean
 * of the version's score minus the baseline's score on the same request.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_VERSION_SHADOW_STATISTIC_VALUE_SCORE_DIFFERENCE_MEAN =
  'score_difference_mean' as const;

/**
 * Enum value "score_difference_abs_mean" for attribute {@link ATTR_ML_VERSION_SHADOW_STATISTIC}:
 * Mean absolute difference of the two scores on the same request.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_VERSION_SHADOW_STATISTIC_VALUE_SCORE_DIFFERENCE_ABS_MEAN =
  'score_difference_abs_mean' as const;

/**
 * Every documented value of {@link ATTR_ML_VERSION_SHADOW_STATISTIC}, in registry order.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_VERSION_SHADOW_STATISTIC_VALUES = [
  ML_VERSION_SHADOW_STATISTIC_VALUE_AGREEMENT,
  ML_VERSION_SHADOW_STATISTIC_VALUE_SCORE_DIFFERENCE_MEAN,
  ML_VERSION_SHADOW_STATISTIC_VALUE_SCORE_DIFFERENCE_ABS_MEAN,
] as const;

/**
 * A documented value of {@link ATTR_ML_VERSION_SHADOW_STATISTIC}.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export type MlVersionShadowStatisticValue = (typeof ML_VERSION_SHADOW_STATISTIC_VALUES)[number];

/**
 * How a version compares with the baseline version in a window.
 *
 * @example worse
 *
 * @note `worse` and `better` are decided by one-sided tests on the labeled accuracy (exact
 * Fisher), on the mean absolute error of labeled regression predictions (Welch's z with an
 * Edgeworth skewness correction) and on the error ratio of the inference calls (exact Fisher),
 * each at the model's α split over the tests made, so equal versions are judged `worse` in at most
 * α of the windows.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_ML_VERSION_VERDICT = 'ml.version.verdict' as const;

/**
 * Enum value "better" for attribute {@link ATTR_ML_VERSION_VERDICT}: Significantly better on a
 * test and significantly worse on none.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_VERSION_VERDICT_VALUE_BETTER = 'better' as const;

/**
 * Enum value "same" for attribute {@link ATTR_ML_VERSION_VERDICT}: Enough data, and no significant
 * difference in either direction.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_VERSION_VERDICT_VALUE_SAME = 'same' as const;

/**
 * Enum value "worse" for attribute {@link ATTR_ML_VERSION_VERDICT}: Significantly worse on at
 * least one test.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_VERSION_VERDICT_VALUE_WORSE = 'worse' as const;

/**
 * Enum value "insufficient_data" for attribute {@link ATTR_ML_VERSION_VERDICT}: Too few labeled
 * predictions and inference calls in either version to test.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_VERSION_VERDICT_VALUE_INSUFFICIENT_DATA = 'insufficient_data' as const;

/**
 * Every documented value of {@link ATTR_ML_VERSION_VERDICT}, in registry order.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ML_VERSION_VERDICT_VALUES = [
  ML_VERSION_VERDICT_VALUE_BETTER,
  ML_VERSION_VERDICT_VALUE_SAME,
  ML_VERSION_VERDICT_VALUE_WORSE,
  ML_VERSION_VERDICT_VALUE_INSUFFICIENT_DATA,
] as const;

/**
 * A documented value of {@link ATTR_ML_VERSION_VERDICT}.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export type MlVersionVerdictValue = (typeof ML_VERSION_VERDICT_VALUES)[number];

/**
 * Which kind of record the capture store copied.
 *
 * @example prediction
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_MLMON_CAPTURE_RECORD_TYPE = 'mlmon.capture.record_type' as const;

/**
 * Enum value "prediction" for attribute {@link ATTR_MLMON_CAPTURE_RECORD_TYPE}: A prediction
 * (sampled, or kept around an alert).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const MLMON_CAPTURE_RECORD_TYPE_VALUE_PREDICTION = 'prediction' as const;

/**
 * Enum value "ground_truth" for attribute {@link ATTR_MLMON_CAPTURE_RECORD_TYPE}: A label of a
 * captured prediction.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const MLMON_CAPTURE_RECORD_TYPE_VALUE_GROUND_TRUTH = 'ground_truth' as const;

/**
 * Every documented value of {@link ATTR_MLMON_CAPTURE_RECORD_TYPE}, in registry order.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const MLMON_CAPTURE_RECORD_TYPE_VALUES = [
  MLMON_CAPTURE_RECORD_TYPE_VALUE_PREDICTION,
  MLMON_CAPTURE_RECORD_TYPE_VALUE_GROUND_TRUTH,
] as const;

/**
 * A documented value of {@link ATTR_MLMON_CAPTURE_RECORD_TYPE}.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export type MlmonCaptureRecordTypeValue = (typeof MLMON_CAPTURE_RECORD_TYPE_VALUES)[number];

/**
 * Identifier of one mlmon processor instance.
 *
 * @example mlmon-0
 * @example b1f3c2d4
 *
 * @note Distinguishes replicas that scale out behind a load balancer.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_MLMON_PROCESSOR_ID = 'mlmon.processor.id' as const;

/**
 * What the processor did with an incoming record.
 *
 * @example accepted
 * @example rejected
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_MLMON_PROCESSOR_OUTCOME = 'mlmon.processor.outcome' as const;

/**
 * Enum value "accepted" for attribute {@link ATTR_MLMON_PROCESSOR_OUTCOME}: The record was decoded
 * and added to the monitoring state.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const MLMON_PROCESSOR_OUTCOME_VALUE_ACCEPTED = 'accepted' as const;

/**
 * Enum value "rejected" for attribute {@link ATTR_MLMON_PROCESSOR_OUTCOME}: The record was invalid
 * (see `mlmon.processor.reason`) and was not used.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const MLMON_PROCESSOR_OUTCOME_VALUE_REJECTED = 'rejected' as const;

/**
 * Enum value "dropped" for attribute {@link ATTR_MLMON_PROCESSOR_OUTCOME}: The record was valid
 * but discarded (limits, unknown model, overload).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const MLMON_PROCESSOR_OUTCOME_VALUE_DROPPED = 'dropped' as const;

/**
 * Enum value "late" for attribute {@link ATTR_MLMON_PROCESSOR_OUTCOME}: The record arrived after
 * its window was closed and was not used.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const MLMON_PROCESSOR_OUTCOME_VALUE_LATE = 'late' as const;

/**
 * Every documented value of {@link ATTR_MLMON_PROCESSOR_OUTCOME}, in registry order.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const MLMON_PROCESSOR_OUTCOME_VALUES = [
  MLMON_PROCESSOR_OUTCOME_VALUE_ACCEPTED,
  MLMON_PROCESSOR_OUTCOME_VALUE_REJECTED,
  MLMON_PROCESSOR_OUTCOME_VALUE_DROPPED,
  MLMON_PROCESSOR_OUTCOME_VALUE_LATE,
] as const;

/**
 * A documented value of {@link ATTR_MLMON_PROCESSOR_OUTCOME}.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export type MlmonProcessorOutcomeValue = (typeof MLMON_PROCESSOR_OUTCOME_VALUES)[number];

/**
 * Low-cardinality reason for a non-accepted record.
 *
 * @example missing_model_name
 * @example invalid_score
 * @example unknown_prediction_id
 *
 * @note A bounded set documented by the processor; never free text or values from the record.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_MLMON_PROCESSOR_REASON = 'mlmon.processor.reason' as const;

/**
 * OTLP signal a processor record arrived on.
 *
 * @example logs
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_MLMON_SIGNAL = 'mlmon.signal' as const;

/**
 * Enum value "traces" for attribute {@link ATTR_MLMON_SIGNAL}: OTLP traces (spans).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const MLMON_SIGNAL_VALUE_TRACES = 'traces' as const;

/**
 * Enum value "metrics" for attribute {@link ATTR_MLMON_SIGNAL}: OTLP metrics.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const MLMON_SIGNAL_VALUE_METRICS = 'metrics' as const;

/**
 * Enum value "logs" for attribute {@link ATTR_MLMON_SIGNAL}: OTLP logs (including events).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const MLMON_SIGNAL_VALUE_LOGS = 'logs' as const;

/**
 * Enum value "alertmanager" for attribute {@link ATTR_MLMON_SIGNAL}: Alerts posted to an
 * Alertmanager's API (an output only; counted in export failures).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const MLMON_SIGNAL_VALUE_ALERTMANAGER = 'alertmanager' as const;

/**
 * Every documented value of {@link ATTR_MLMON_SIGNAL}, in registry order.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const MLMON_SIGNAL_VALUES = [
  MLMON_SIGNAL_VALUE_TRACES,
  MLMON_SIGNAL_VALUE_METRICS,
  MLMON_SIGNAL_VALUE_LOGS,
  MLMON_SIGNAL_VALUE_ALERTMANAGER,
] as const;

/**
 * A documented value of {@link ATTR_MLMON_SIGNAL}.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export type MlmonSignalValue = (typeof MLMON_SIGNAL_VALUES)[number];

/**
 * The attribute set of a metric point that stands for all series above the cardinality limit.
 *
 * Reused from OpenTelemetry specification, metrics SDK "Cardinality limits"
 * (otel.metric.overflow).
 *
 * @example true
 *
 * @note Set to `true` on the single overflow series a cardinality-limited metric routes new
 * attribute sets into once its limit is reached (OpenTelemetry metrics SDK specification); nothing
 * is dropped silently.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_OTEL_METRIC_OVERFLOW = 'otel.metric.overflow' as const;

/**
 * Server domain name if available without reverse DNS lookup; otherwise, IP address or UNIX domain
 * socket name.
 *
 * Reused from open-telemetry/semantic-conventions model/server/registry.yaml.
 *
 * @example example.com
 * @example 10.1.2.80
 * @example /tmp/my.sock
 */
export const ATTR_SERVER_ADDRESS = 'server.address' as const;

/**
 * Server port number.
 *
 * Reused from open-telemetry/semantic-conventions model/server/registry.yaml.
 *
 * @example 80
 * @example 8080
 * @example 443
 */
export const ATTR_SERVER_PORT = 'server.port' as const;

/**
 * The string ID of the service instance.
 *
 * Reused from open-telemetry/semantic-conventions model/service/registry.yaml.
 *
 * @example 627cc493-f310-47de-96bd-71410b7dec09
 *
 * @note MUST be unique for each instance of the same `service.namespace,service.name` pair.
 */
export const ATTR_SERVICE_INSTANCE_ID = 'service.instance.id' as const;

/**
 * Logical name of the service.
 *
 * Reused from open-telemetry/semantic-conventions model/service/registry.yaml.
 *
 * @example shoppingcart
 *
 * @note MUST be the same for all instances of horizontally scaled services.
 */
export const ATTR_SERVICE_NAME = 'service.name' as const;

/**
 * A namespace for `service.name`.
 *
 * Reused from open-telemetry/semantic-conventions model/service/registry.yaml.
 *
 * @example Shop
 */
export const ATTR_SERVICE_NAMESPACE = 'service.namespace' as const;

/**
 * The version string of the service component. The format is not defined by these conventions.
 *
 * Reused from open-telemetry/semantic-conventions model/service/registry.yaml.
 *
 * @example 2.0.0
 * @example a01dbef8a
 */
export const ATTR_SERVICE_VERSION = 'service.version' as const;

/**
 * A unique ID to identify a session.
 *
 * Reused from open-telemetry/semantic-conventions model/session/registry.yaml.
 *
 * @example 00112233-4455-6677-8899-aabbccddeeff
 *
 * @note Events only; opt-in because it can identify a person.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_SESSION_ID = 'session.id' as const;

/**
 * Unique identifier of the user.
 *
 * Reused from open-telemetry/semantic-conventions model/user/registry.yaml.
 *
 * @example S-1-5-21-202424912787-2692429404-2351956786-1000
 *
 * @note Events only; opt-in because it is personal data.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const ATTR_USER_ID = 'user.id' as const;
