// DO NOT EDIT: generated from conventions/model/ by conventions/scripts/generate.ts.
// Regenerate with `npm run generate -w conventions`.

/**
 * The result of evaluating a GenAI output for quality, accuracy or other characteristics.
 *
 * Reused from open-telemetry/semantic-conventions-genai gen_ai events.
 *
 * @note Accepted (not defined) by mlmon: the processor keeps every evaluation under its
 * `gen_ai.evaluation.name` and attaches it to the response by `gen_ai.response.id` (an
 * `ml.prediction.id` or a GenAI call's response id) or by the span it was emitted in.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const EVENT_GEN_AI_EVALUATION_RESULT = 'gen_ai.evaluation.result' as const;

/**
 * A monitoring rule changed state (emitted by the mlmon processor).
 *
 * @note Severity WARN (13) when firing, INFO (9) when resolved. A log-based alert any backend can
 * route. Carries the statistic attribute that fired (`ml.drift.method`, `ml.calibration.method` or
 * `ml.quality.metric`).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const EVENT_ML_ALERT = 'ml.alert' as const;

/**
 * The actual outcome (label) for an earlier prediction.
 *
 * @note Severity INFO (9). May arrive hours later from another service; correlated with the
 * prediction by `ml.prediction.id` (a span link to the prediction span is optional). The timestamp
 * is when the outcome became known; the processor derives the label delay from it. At least one of
 * `ml.ground_truth.label`, `ml.ground_truth.value`, `ml.ground_truth.labels` (multilabel) and
 * `ml.ground_truth.relevant_items` (ranking) is present.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const EVENT_ML_GROUND_TRUTH = 'ml.ground_truth' as const;

/**
 * One prediction (one row) made by a model.
 *
 * @note Severity INFO (9). One per row; the timestamp is the prediction time. Emitted inside the
 * span context when there is one, so trace and span ids correlate, and regardless of trace
 * sampling, with its own sampling probability in `ml.sampling.probability`. The processor's main
 * input for drift and calibration.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const EVENT_ML_PREDICTION = 'ml.prediction' as const;
