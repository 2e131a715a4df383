// DO NOT EDIT: generated from conventions/model/ by conventions/scripts/generate.ts.
// Regenerate with `npm run generate -w conventions`.

import type { MetricDescriptor } from '../metric-descriptor.js';

/**
 * GenAI operation duration.
 *
 * Instrument: `histogram` (double), unit: `s`, Prometheus:
 * `gen_ai_client_operation_duration_seconds`.
 *
 * Bucket advice: [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96,
 * 81.92].
 *
 * @note Accepted (not defined) by mlmon: when a window of a GenAI model has no GenAI spans, the
 * processor takes its calls, failures (by `error.type`) and latency from this histogram, and its
 * provider, operation and response-model shares from the points' attributes.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_GEN_AI_CLIENT_OPERATION_DURATION = 'gen_ai.client.operation.duration' as const;

/**
 * Descriptor of {@link METRIC_GEN_AI_CLIENT_OPERATION_DURATION}: instrument, unit, value type,
 * advice and Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_GEN_AI_CLIENT_OPERATION_DURATION: MetricDescriptor = {
  name: METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
  brief: 'GenAI operation duration.',
  instrument: 'histogram',
  unit: 's',
  valueType: 'double',
  advice: {
    explicitBucketBoundaries: [
      0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
    ],
  },
  prometheusName: 'gen_ai_client_operation_duration_seconds',
};

/**
 * Time to receive the first chunk of a streaming response, from the request's issuance.
 *
 * Instrument: `histogram` (double), unit: `s`, Prometheus:
 * `gen_ai_client_operation_time_to_first_chunk_seconds`.
 *
 * Bucket advice: [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5,
 * 7.5, 10].
 *
 * @note Reported for streaming calls only. Accepted (not defined) by mlmon: when a window of a
 * GenAI model has no GenAI spans, the processor takes its time-to-first-chunk quantiles from this
 * histogram's buckets.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK =
  'gen_ai.client.operation.time_to_first_chunk' as const;

/**
 * Descriptor of {@link METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK}: instrument, unit,
 * value type, advice and Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK: MetricDescriptor = {
  name: METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
  brief: "Time to receive the first chunk of a streaming response, from the request's issuance.",
  instrument: 'histogram',
  unit: 's',
  valueType: 'double',
  advice: {
    explicitBucketBoundaries: [
      0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
    ],
  },
  prometheusName: 'gen_ai_client_operation_time_to_first_chunk_seconds',
};

/**
 * Number of input and output tokens used.
 *
 * Instrument: `histogram` (int), unit: `{token}`, Prometheus: `gen_ai_client_token_usage`.
 *
 * Bucket advice: [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216,
 * 67108864].
 *
 * @note Accepted (not defined) by mlmon: when a window of a GenAI model has no GenAI spans, the
 * processor takes its token sums per `gen_ai.token.type` from the points' sums and the per-call
 * quantiles from their buckets.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_GEN_AI_CLIENT_TOKEN_USAGE = 'gen_ai.client.token.usage' as const;

/**
 * Descriptor of {@link METRIC_GEN_AI_CLIENT_TOKEN_USAGE}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_GEN_AI_CLIENT_TOKEN_USAGE: MetricDescriptor = {
  name: METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
  brief: 'Number of input and output tokens used.',
  instrument: 'histogram',
  unit: '{token}',
  valueType: 'int',
  advice: {
    explicitBucketBoundaries: [
      1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864,
    ],
  },
  prometheusName: 'gen_ai_client_token_usage',
};

/**
 * Alert state set; 1 for the current `ml.alert.state` of a rule, 0 for the other.
 *
 * Instrument: `updowncounter` (int), unit: `1`, Prometheus: `ml_alert_status`.
 *
 * @note Follows the `hw.status` state-set precedent, like `ml.drift.status`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_ALERT_STATUS = 'ml.alert.status' as const;

/**
 * Descriptor of {@link METRIC_ML_ALERT_STATUS}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_ALERT_STATUS: MetricDescriptor = {
  name: METRIC_ML_ALERT_STATUS,
  brief: 'Alert state set; 1 for the current `ml.alert.state` of a rule, 0 for the other.',
  instrument: 'updowncounter',
  unit: '1',
  valueType: 'int',
  prometheusName: 'ml_alert_status',
};

/**
 * Mean predicted score of the labeled predictions in a reliability bin.
 *
 * Instrument: `gauge` (double), unit: `1`, Prometheus: `ml_calibration_bin_mean_score`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_CALIBRATION_BIN_MEAN_SCORE = 'ml.calibration.bin.mean_score' as const;

/**
 * Descriptor of {@link METRIC_ML_CALIBRATION_BIN_MEAN_SCORE}: instrument, unit, value type, advice
 * and Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_CALIBRATION_BIN_MEAN_SCORE: MetricDescriptor = {
  name: METRIC_ML_CALIBRATION_BIN_MEAN_SCORE,
  brief: 'Mean predicted score of the labeled predictions in a reliability bin.',
  instrument: 'gauge',
  unit: '1',
  valueType: 'double',
  prometheusName: 'ml_calibration_bin_mean_score',
};

/**
 * Share of positives among the labeled predictions in a reliability bin.
 *
 * Instrument: `gauge` (double), unit: `1`, Prometheus: `ml_calibration_bin_positive_ratio`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_CALIBRATION_BIN_POSITIVE_RATIO =
  'ml.calibration.bin.positive_ratio' as const;

/**
 * Descriptor of {@link METRIC_ML_CALIBRATION_BIN_POSITIVE_RATIO}: instrument, unit, value type,
 * advice and Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_CALIBRATION_BIN_POSITIVE_RATIO: MetricDescriptor = {
  name: METRIC_ML_CALIBRATION_BIN_POSITIVE_RATIO,
  brief: 'Share of positives among the labeled predictions in a reliability bin.',
  instrument: 'gauge',
  unit: '1',
  valueType: 'double',
  prometheusName: 'ml_calibration_bin_positive_ratio',
};

/**
 * Number of labeled predictions per reliability bin (reliability-diagram data).
 *
 * Instrument: `gauge` (int), unit: `{prediction}`, Prometheus: `ml_calibration_bin_predictions`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_CALIBRATION_BIN_PREDICTIONS = 'ml.calibration.bin.predictions' as const;

/**
 * Descriptor of {@link METRIC_ML_CALIBRATION_BIN_PREDICTIONS}: instrument, unit, value type,
 * advice and Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_CALIBRATION_BIN_PREDICTIONS: MetricDescriptor = {
  name: METRIC_ML_CALIBRATION_BIN_PREDICTIONS,
  brief: 'Number of labeled predictions per reliability bin (reliability-diagram data).',
  instrument: 'gauge',
  unit: '{prediction}',
  valueType: 'int',
  prometheusName: 'ml_calibration_bin_predictions',
};

/**
 * Calibration error of the scores against joined ground truth (ECE, MCE), per METRICS.md.
 *
 * Instrument: `gauge` (double), unit: `1`, Prometheus: `ml_calibration_error`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_CALIBRATION_ERROR = 'ml.calibration.error' as const;

/**
 * Descriptor of {@link METRIC_ML_CALIBRATION_ERROR}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_CALIBRATION_ERROR: MetricDescriptor = {
  name: METRIC_ML_CALIBRATION_ERROR,
  brief: 'Calibration error of the scores against joined ground truth (ECE, MCE), per METRICS.md.',
  instrument: 'gauge',
  unit: '1',
  valueType: 'double',
  prometheusName: 'ml_calibration_error',
};

/**
 * Cost of the window divided by its requests (inference calls, else predictions).
 *
 * Instrument: `gauge` (double), unit: `{currency}`, Prometheus: `ml_cost_per_request`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_COST_PER_REQUEST = 'ml.cost.per_request' as const;

/**
 * Descriptor of {@link METRIC_ML_COST_PER_REQUEST}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_COST_PER_REQUEST: MetricDescriptor = {
  name: METRIC_ML_COST_PER_REQUEST,
  brief: 'Cost of the window divided by its requests (inference calls, else predictions).',
  instrument: 'gauge',
  unit: '{currency}',
  valueType: 'double',
  prometheusName: 'ml_cost_per_request',
};

/**
 * Cost of the window per 1000 of its requests.
 *
 * Instrument: `gauge` (double), unit: `{currency}`, Prometheus: `ml_cost_per_thousand_requests`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_COST_PER_THOUSAND_REQUESTS = 'ml.cost.per_thousand_requests' as const;

/**
 * Descriptor of {@link METRIC_ML_COST_PER_THOUSAND_REQUESTS}: instrument, unit, value type, advice
 * and Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_COST_PER_THOUSAND_REQUESTS: MetricDescriptor = {
  name: METRIC_ML_COST_PER_THOUSAND_REQUESTS,
  brief: 'Cost of the window per 1000 of its requests.',
  instrument: 'gauge',
  unit: '{currency}',
  valueType: 'double',
  prometheusName: 'ml_cost_per_thousand_requests',
};

/**
 * Cost of the window's requests (tokens at their prices plus the per-request price).
 *
 * Instrument: `gauge` (double), unit: `{currency}`, Prometheus: `ml_cost_window`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_COST_WINDOW = 'ml.cost.window' as const;

/**
 * Descriptor of {@link METRIC_ML_COST_WINDOW}: instrument, unit, value type, advice and Prometheus
 * name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_COST_WINDOW: MetricDescriptor = {
  name: METRIC_ML_COST_WINDOW,
  brief: "Cost of the window's requests (tokens at their prices plus the per-request price).",
  instrument: 'gauge',
  unit: '{currency}',
  valueType: 'double',
  prometheusName: 'ml_cost_window',
};

/**
 * Share of the current window's values failing a data-quality check.
 *
 * Instrument: `gauge` (double), unit: `1`, Prometheus: `ml_data_quality_ratio`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_DATA_QUALITY_RATIO = 'ml.data_quality.ratio' as const;

/**
 * Descriptor of {@link METRIC_ML_DATA_QUALITY_RATIO}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_DATA_QUALITY_RATIO: MetricDescriptor = {
  name: METRIC_ML_DATA_QUALITY_RATIO,
  brief: "Share of the current window's values failing a data-quality check.",
  instrument: 'gauge',
  unit: '1',
  valueType: 'double',
  prometheusName: 'ml_data_quality_ratio',
};

/**
 * Windows in which the feature's primary drift decision was `drift`, since the processor started.
 *
 * Instrument: `counter` (int), unit: `{window}`, Prometheus: `ml_drift_detections_total`.
 *
 * @note A counter so that each drift decision can carry exemplars (OpenMetrics allows exemplars on
 * counters and histogram buckets only): the example requests of the latest drifted window, from
 * the bins whose share grew most, with the feature value. A series appears at a feature's first
 * drift.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_DRIFT_DETECTIONS = 'ml.drift.detections' as const;

/**
 * Descriptor of {@link METRIC_ML_DRIFT_DETECTIONS}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_DRIFT_DETECTIONS: MetricDescriptor = {
  name: METRIC_ML_DRIFT_DETECTIONS,
  brief:
    "Windows in which the feature's primary drift decision was `drift`, since the processor started.",
  instrument: 'counter',
  unit: '{window}',
  valueType: 'int',
  prometheusName: 'ml_drift_detections_total',
};

/**
 * P-value of the drift test (only `ks` and `chi2`).
 *
 * Instrument: `gauge` (double), unit: `1`, Prometheus: `ml_drift_p_value`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_DRIFT_P_VALUE = 'ml.drift.p_value' as const;

/**
 * Descriptor of {@link METRIC_ML_DRIFT_P_VALUE}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_DRIFT_P_VALUE: MetricDescriptor = {
  name: METRIC_ML_DRIFT_P_VALUE,
  brief: 'P-value of the drift test (only `ks` and `chi2`).',
  instrument: 'gauge',
  unit: '1',
  valueType: 'double',
  prometheusName: 'ml_drift_p_value',
};

/**
 * Drift statistic between the reference and the current window, per METRICS.md.
 *
 * Instrument: `gauge` (double), unit: `1`, Prometheus: `ml_drift_score`.
 *
 * @note Dimensionless. Raw `wasserstein` carries the feature's units; prefer `wasserstein_normed`
 * here.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_DRIFT_SCORE = 'ml.drift.score' as const;

/**
 * Descriptor of {@link METRIC_ML_DRIFT_SCORE}: instrument, unit, value type, advice and Prometheus
 * name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_DRIFT_SCORE: MetricDescriptor = {
  name: METRIC_ML_DRIFT_SCORE,
  brief: 'Drift statistic between the reference and the current window, per METRICS.md.',
  instrument: 'gauge',
  unit: '1',
  valueType: 'double',
  prometheusName: 'ml_drift_score',
};

/**
 * Drift state set; 1 for the current `ml.drift.state`, 0 for the others.
 *
 * Instrument: `updowncounter` (int), unit: `1`, Prometheus: `ml_drift_status`.
 *
 * @note Follows the `hw.status` precedent (a StateSet stand-in). Threshold and direction come from
 * the rule configuration; a transition also emits `ml.alert`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_DRIFT_STATUS = 'ml.drift.status' as const;

/**
 * Descriptor of {@link METRIC_ML_DRIFT_STATUS}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_DRIFT_STATUS: MetricDescriptor = {
  name: METRIC_ML_DRIFT_STATUS,
  brief: 'Drift state set; 1 for the current `ml.drift.state`, 0 for the others.',
  instrument: 'updowncounter',
  unit: '1',
  valueType: 'int',
  prometheusName: 'ml_drift_status',
};

/**
 * Threshold the drift statistic is compared with.
 *
 * Instrument: `gauge` (double), unit: `1`, Prometheus: `ml_drift_threshold`.
 *
 * @note Reported twice per series, as configured (`nominal`) and as applied (`effective`), so a
 * chart can draw the line the verdict actually used.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_DRIFT_THRESHOLD = 'ml.drift.threshold' as const;

/**
 * Descriptor of {@link METRIC_ML_DRIFT_THRESHOLD}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_DRIFT_THRESHOLD: MetricDescriptor = {
  name: METRIC_ML_DRIFT_THRESHOLD,
  brief: 'Threshold the drift statistic is compared with.',
  instrument: 'gauge',
  unit: '1',
  valueType: 'double',
  prometheusName: 'ml_drift_threshold',
};

/**
 * Distance between the window's and the reference's mean embedding of an embedding feature.
 *
 * Instrument: `gauge` (double), unit: `1`, Prometheus: `ml_embedding_mean_distance`.
 *
 * @note `ml.embedding.distance` says which: `cosine` (1 − cos) or `euclidean` (in the embedding's
 * units). Reported, not decided: the drift decision of an embedding is `ml.drift.*` with
 * `ml.drift.method` = `mmd`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_EMBEDDING_MEAN_DISTANCE = 'ml.embedding.mean_distance' as const;

/**
 * Descriptor of {@link METRIC_ML_EMBEDDING_MEAN_DISTANCE}: instrument, unit, value type, advice
 * and Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_EMBEDDING_MEAN_DISTANCE: MetricDescriptor = {
  name: METRIC_ML_EMBEDDING_MEAN_DISTANCE,
  brief:
    "Distance between the window's and the reference's mean embedding of an embedding feature.",
  instrument: 'gauge',
  unit: '1',
  valueType: 'double',
  prometheusName: 'ml_embedding_mean_distance',
};

/**
 * Evaluator verdicts (`gen_ai.evaluation.result` events) joined to the stream's responses in the
 * window.
 *
 * Instrument: `gauge` (int), unit: `{evaluation}`, Prometheus: `ml_evaluation_count`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_EVALUATION_COUNT = 'ml.evaluation.count' as const;

/**
 * Descriptor of {@link METRIC_ML_EVALUATION_COUNT}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_EVALUATION_COUNT: MetricDescriptor = {
  name: METRIC_ML_EVALUATION_COUNT,
  brief:
    "Evaluator verdicts (`gen_ai.evaluation.result` events) joined to the stream's responses in the window.",
  instrument: 'gauge',
  unit: '{evaluation}',
  valueType: 'int',
  prometheusName: 'ml_evaluation_count',
};

/**
 * Share of an evaluator's labeled verdicts in the window that carry one score label.
 *
 * Instrument: `gauge` (double), unit: `1`, Prometheus: `ml_evaluation_label_ratio`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_EVALUATION_LABEL_RATIO = 'ml.evaluation.label.ratio' as const;

/**
 * Descriptor of {@link METRIC_ML_EVALUATION_LABEL_RATIO}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_EVALUATION_LABEL_RATIO: MetricDescriptor = {
  name: METRIC_ML_EVALUATION_LABEL_RATIO,
  brief: "Share of an evaluator's labeled verdicts in the window that carry one score label.",
  instrument: 'gauge',
  unit: '1',
  valueType: 'double',
  prometheusName: 'ml_evaluation_label_ratio',
};

/**
 * Share of an evaluator's judged verdicts in the window that passed.
 *
 * Instrument: `gauge` (double), unit: `1`, Prometheus: `ml_evaluation_pass_ratio`.
 *
 * @note A verdict is judged by the evaluator's rule in the processor's config (by score, or by the
 * rule's own pass and fail labels), else when its label is a pass or fail word (`pass`, `passed`,
 * `true`, `yes` / `fail`, `failed`, `false`, `no`, any case); absent when none was judged.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_EVALUATION_PASS_RATIO = 'ml.evaluation.pass.ratio' as const;

/**
 * Descriptor of {@link METRIC_ML_EVALUATION_PASS_RATIO}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_EVALUATION_PASS_RATIO: MetricDescriptor = {
  name: METRIC_ML_EVALUATION_PASS_RATIO,
  brief: "Share of an evaluator's judged verdicts in the window that passed.",
  instrument: 'gauge',
  unit: '1',
  valueType: 'double',
  prometheusName: 'ml_evaluation_pass_ratio',
};

/**
 * A statistic of an evaluator's score values (`gen_ai.evaluation.score.value`) in the window.
 *
 * Instrument: `gauge` (double), unit: `1`, Prometheus: `ml_evaluation_score`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_EVALUATION_SCORE = 'ml.evaluation.score' as const;

/**
 * Descriptor of {@link METRIC_ML_EVALUATION_SCORE}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_EVALUATION_SCORE: MetricDescriptor = {
  name: METRIC_ML_EVALUATION_SCORE,
  brief:
    "A statistic of an evaluator's score values (`gen_ai.evaluation.score.value`) in the window.",
  instrument: 'gauge',
  unit: '1',
  valueType: 'double',
  prometheusName: 'ml_evaluation_score',
};

/**
 * A disparity across the groups of a sensitive attribute (METRICS.md §Fairness).
 *
 * Instrument: `gauge` (double), unit: `1`, Prometheus: `ml_fairness_disparity`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_FAIRNESS_DISPARITY = 'ml.fairness.disparity' as const;

/**
 * Descriptor of {@link METRIC_ML_FAIRNESS_DISPARITY}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_FAIRNESS_DISPARITY: MetricDescriptor = {
  name: METRIC_ML_FAIRNESS_DISPARITY,
  brief: 'A disparity across the groups of a sensitive attribute (METRICS.md §Fairness).',
  instrument: 'gauge',
  unit: '1',
  valueType: 'double',
  prometheusName: 'ml_fairness_disparity',
};

/**
 * p-value that the largest gap behind a disparity is noise (exact test, Bonferroni across pairs).
 *
 * Instrument: `gauge` (double), unit: `1`, Prometheus: `ml_fairness_disparity_p_value`.
 *
 * @note For `demographic_parity_difference` and `demographic_parity_ratio` the selection-rate gap;
 * for `equal_opportunity_difference` the true-positive-rate gap; for `equalized_odds_difference`
 * the smaller p-value of the two rate gaps, doubled.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_FAIRNESS_DISPARITY_P_VALUE = 'ml.fairness.disparity.p_value' as const;

/**
 * Descriptor of {@link METRIC_ML_FAIRNESS_DISPARITY_P_VALUE}: instrument, unit, value type, advice
 * and Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_FAIRNESS_DISPARITY_P_VALUE: MetricDescriptor = {
  name: METRIC_ML_FAIRNESS_DISPARITY_P_VALUE,
  brief:
    'p-value that the largest gap behind a disparity is noise (exact test, Bonferroni across pairs).',
  instrument: 'gauge',
  unit: '1',
  valueType: 'double',
  prometheusName: 'ml_fairness_disparity_p_value',
};

/**
 * Expected calibration error (10 equal-width bins) of one group's labeled predictions.
 *
 * Instrument: `gauge` (double), unit: `1`, Prometheus: `ml_fairness_group_calibration_error`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_FAIRNESS_GROUP_CALIBRATION_ERROR =
  'ml.fairness.group.calibration_error' as const;

/**
 * Descriptor of {@link METRIC_ML_FAIRNESS_GROUP_CALIBRATION_ERROR}: instrument, unit, value type,
 * advice and Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_FAIRNESS_GROUP_CALIBRATION_ERROR: MetricDescriptor = {
  name: METRIC_ML_FAIRNESS_GROUP_CALIBRATION_ERROR,
  brief: "Expected calibration error (10 equal-width bins) of one group's labeled predictions.",
  instrument: 'gauge',
  unit: '1',
  valueType: 'double',
  prometheusName: 'ml_fairness_group_calibration_error',
};

/**
 * A per-group rate of the model's binary decisions (selection, true or false positive rate).
 *
 * Instrument: `gauge` (double), unit: `1`, Prometheus: `ml_fairness_group_rate`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_FAIRNESS_GROUP_RATE = 'ml.fairness.group.rate' as const;

/**
 * Descriptor of {@link METRIC_ML_FAIRNESS_GROUP_RATE}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_FAIRNESS_GROUP_RATE: MetricDescriptor = {
  name: METRIC_ML_FAIRNESS_GROUP_RATE,
  brief:
    "A per-group rate of the model's binary decisions (selection, true or false positive rate).",
  instrument: 'gauge',
  unit: '1',
  valueType: 'double',
  prometheusName: 'ml_fairness_group_rate',
};

/**
 * Predictions (current) and labeled predictions (labeled) of one group in the window.
 *
 * Instrument: `gauge` (int), unit: `{prediction}`, Prometheus: `ml_fairness_group_samples`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_FAIRNESS_GROUP_SAMPLES = 'ml.fairness.group.samples' as const;

/**
 * Descriptor of {@link METRIC_ML_FAIRNESS_GROUP_SAMPLES}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_FAIRNESS_GROUP_SAMPLES: MetricDescriptor = {
  name: METRIC_ML_FAIRNESS_GROUP_SAMPLES,
  brief: 'Predictions (current) and labeled predictions (labeled) of one group in the window.',
  instrument: 'gauge',
  unit: '{prediction}',
  valueType: 'int',
  prometheusName: 'ml_fairness_group_samples',
};

/**
 * Share of the window's finish reasons (one per choice) that are one reason.
 *
 * Instrument: `gauge` (double), unit: `1`, Prometheus: `ml_genai_finish_reason_ratio`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_GENAI_FINISH_REASON_RATIO = 'ml.genai.finish_reason.ratio' as const;

/**
 * Descriptor of {@link METRIC_ML_GENAI_FINISH_REASON_RATIO}: instrument, unit, value type, advice
 * and Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_GENAI_FINISH_REASON_RATIO: MetricDescriptor = {
  name: METRIC_ML_GENAI_FINISH_REASON_RATIO,
  brief: "Share of the window's finish reasons (one per choice) that are one reason.",
  instrument: 'gauge',
  unit: '1',
  valueType: 'double',
  prometheusName: 'ml_genai_finish_reason_ratio',
};

/**
 * Output tokens per second of generation over the window (sum of output tokens / sum of call
 * durations).
 *
 * Instrument: `gauge` (double), unit: `{token}/s`, Prometheus:
 * `ml_genai_output_tokens_rate_per_second`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_GENAI_OUTPUT_TOKENS_RATE = 'ml.genai.output_tokens.rate' as const;

/**
 * Descriptor of {@link METRIC_ML_GENAI_OUTPUT_TOKENS_RATE}: instrument, unit, value type, advice
 * and Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_GENAI_OUTPUT_TOKENS_RATE: MetricDescriptor = {
  name: METRIC_ML_GENAI_OUTPUT_TOKENS_RATE,
  brief:
    'Output tokens per second of generation over the window (sum of output tokens / sum of call durations).',
  instrument: 'gauge',
  unit: '{token}/s',
  valueType: 'double',
  prometheusName: 'ml_genai_output_tokens_rate_per_second',
};

/**
 * A quantile of the window's times to first chunk (`gen_ai.response.time_to_first_chunk`) of
 * streaming calls.
 *
 * Instrument: `gauge` (double), unit: `s`, Prometheus: `ml_genai_time_to_first_chunk_seconds`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_GENAI_TIME_TO_FIRST_CHUNK = 'ml.genai.time_to_first_chunk' as const;

/**
 * Descriptor of {@link METRIC_ML_GENAI_TIME_TO_FIRST_CHUNK}: instrument, unit, value type, advice
 * and Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_GENAI_TIME_TO_FIRST_CHUNK: MetricDescriptor = {
  name: METRIC_ML_GENAI_TIME_TO_FIRST_CHUNK,
  brief:
    "A quantile of the window's times to first chunk (`gen_ai.response.time_to_first_chunk`) of streaming calls.",
  instrument: 'gauge',
  unit: 's',
  valueType: 'double',
  prometheusName: 'ml_genai_time_to_first_chunk_seconds',
};

/**
 * Tokens of the window's GenAI calls, summed per token type.
 *
 * Instrument: `gauge` (int), unit: `{token}`, Prometheus: `ml_genai_tokens`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_GENAI_TOKENS = 'ml.genai.tokens' as const;

/**
 * Descriptor of {@link METRIC_ML_GENAI_TOKENS}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_GENAI_TOKENS: MetricDescriptor = {
  name: METRIC_ML_GENAI_TOKENS,
  brief: "Tokens of the window's GenAI calls, summed per token type.",
  instrument: 'gauge',
  unit: '{token}',
  valueType: 'int',
  prometheusName: 'ml_genai_tokens',
};

/**
 * A quantile of the window's per-call token counts, per token type.
 *
 * Instrument: `gauge` (double), unit: `{token}`, Prometheus: `ml_genai_tokens_per_call`.
 *
 * @note Lower empirical quantile (a count some call had), exact up to the sketch capacity.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_GENAI_TOKENS_PER_CALL = 'ml.genai.tokens.per_call' as const;

/**
 * Descriptor of {@link METRIC_ML_GENAI_TOKENS_PER_CALL}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_GENAI_TOKENS_PER_CALL: MetricDescriptor = {
  name: METRIC_ML_GENAI_TOKENS_PER_CALL,
  brief: "A quantile of the window's per-call token counts, per token type.",
  instrument: 'gauge',
  unit: '{token}',
  valueType: 'double',
  prometheusName: 'ml_genai_tokens_per_call',
};

/**
 * Share of the window's predictions that have joined ground truth.
 *
 * Instrument: `gauge` (double), unit: `1`, Prometheus: `ml_ground_truth_coverage`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_GROUND_TRUTH_COVERAGE = 'ml.ground_truth.coverage' as const;

/**
 * Descriptor of {@link METRIC_ML_GROUND_TRUTH_COVERAGE}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_GROUND_TRUTH_COVERAGE: MetricDescriptor = {
  name: METRIC_ML_GROUND_TRUTH_COVERAGE,
  brief: "Share of the window's predictions that have joined ground truth.",
  instrument: 'gauge',
  unit: '1',
  valueType: 'double',
  prometheusName: 'ml_ground_truth_coverage',
};

/**
 * Delay between a prediction and the arrival of its ground truth.
 *
 * Instrument: `histogram` (double), unit: `s`, Prometheus: `ml_ground_truth_delay_seconds`.
 *
 * Bucket advice: [60, 300, 900, 3600, 21600, 86400, 604800].
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_GROUND_TRUTH_DELAY = 'ml.ground_truth.delay' as const;

/**
 * Descriptor of {@link METRIC_ML_GROUND_TRUTH_DELAY}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_GROUND_TRUTH_DELAY: MetricDescriptor = {
  name: METRIC_ML_GROUND_TRUTH_DELAY,
  brief: 'Delay between a prediction and the arrival of its ground truth.',
  instrument: 'histogram',
  unit: 's',
  valueType: 'double',
  advice: { explicitBucketBoundaries: [60, 300, 900, 3600, 21600, 86400, 604800] },
  prometheusName: 'ml_ground_truth_delay_seconds',
};

/**
 * Number of ground-truth labels received.
 *
 * Instrument: `counter` (int), unit: `{label}`, Prometheus: `ml_ground_truth_received_total`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_GROUND_TRUTH_RECEIVED = 'ml.ground_truth.received' as const;

/**
 * Descriptor of {@link METRIC_ML_GROUND_TRUTH_RECEIVED}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_GROUND_TRUTH_RECEIVED: MetricDescriptor = {
  name: METRIC_ML_GROUND_TRUTH_RECEIVED,
  brief: 'Number of ground-truth labels received.',
  instrument: 'counter',
  unit: '{label}',
  valueType: 'int',
  prometheusName: 'ml_ground_truth_received_total',
};

/**
 * Inference calls in progress.
 *
 * Instrument: `updowncounter` (int), unit: `{request}`, Prometheus:
 * `ml_inference_active_requests`.
 *
 * @note Up on the call's start, down when it returns or throws (the `http.server.active_requests`
 * precedent); a call that never ends shows as stuck here.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_INFERENCE_ACTIVE_REQUESTS = 'ml.inference.active_requests' as const;

/**
 * Descriptor of {@link METRIC_ML_INFERENCE_ACTIVE_REQUESTS}: instrument, unit, value type, advice
 * and Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_INFERENCE_ACTIVE_REQUESTS: MetricDescriptor = {
  name: METRIC_ML_INFERENCE_ACTIVE_REQUESTS,
  brief: 'Inference calls in progress.',
  instrument: 'updowncounter',
  unit: '{request}',
  valueType: 'int',
  prometheusName: 'ml_inference_active_requests',
};

/**
 * Duration of model inference calls.
 *
 * Instrument: `histogram` (double), unit: `s`, Prometheus: `ml_inference_duration_seconds`.
 *
 * Bucket advice: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10].
 *
 * @note Classic inference is millisecond-scale, so the buckets start at 1 ms (the GenAI list
 * starts at 10 ms).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_INFERENCE_DURATION = 'ml.inference.duration' as const;

/**
 * Descriptor of {@link METRIC_ML_INFERENCE_DURATION}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_INFERENCE_DURATION: MetricDescriptor = {
  name: METRIC_ML_INFERENCE_DURATION,
  brief: 'Duration of model inference calls.',
  instrument: 'histogram',
  unit: 's',
  valueType: 'double',
  advice: {
    explicitBucketBoundaries: [
      0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    ],
  },
  prometheusName: 'ml_inference_duration_seconds',
};

/**
 * Number of predictions (rows) made, not calls.
 *
 * Instrument: `counter` (int), unit: `{prediction}`, Prometheus: `ml_inference_predictions_total`.
 *
 * @note A batch call of n rows adds n. `ml.prediction.label` only for classification with a
 * bounded set of classes.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_INFERENCE_PREDICTIONS = 'ml.inference.predictions' as const;

/**
 * Descriptor of {@link METRIC_ML_INFERENCE_PREDICTIONS}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_INFERENCE_PREDICTIONS: MetricDescriptor = {
  name: METRIC_ML_INFERENCE_PREDICTIONS,
  brief: 'Number of predictions (rows) made, not calls.',
  instrument: 'counter',
  unit: '{prediction}',
  valueType: 'int',
  prometheusName: 'ml_inference_predictions_total',
};

/**
 * Distribution of prediction scores.
 *
 * Instrument: `histogram` (double), unit: `1`, Prometheus: `ml_inference_score`.
 *
 * Bucket advice: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].
 *
 * @note The buckets are the 10 equal-width reliability bins of METRICS.md, so backends can chart
 * the score distribution. Do not split by attributes that do not partition the rows.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_INFERENCE_SCORE = 'ml.inference.score' as const;

/**
 * Descriptor of {@link METRIC_ML_INFERENCE_SCORE}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_INFERENCE_SCORE: MetricDescriptor = {
  name: METRIC_ML_INFERENCE_SCORE,
  brief: 'Distribution of prediction scores.',
  instrument: 'histogram',
  unit: '1',
  valueType: 'double',
  advice: { explicitBucketBoundaries: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] },
  prometheusName: 'ml_inference_score',
};

/**
 * Distribution of regression or forecast outputs.
 *
 * Instrument: `histogram` (double), unit: `{target}`, Prometheus: `ml_inference_value`.
 *
 * @note In the unit of the model's target, documented per model (hence the `{target}` annotation
 * unit). No default buckets; an exponential histogram aggregation is recommended.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_INFERENCE_VALUE = 'ml.inference.value' as const;

/**
 * Descriptor of {@link METRIC_ML_INFERENCE_VALUE}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_INFERENCE_VALUE: MetricDescriptor = {
  name: METRIC_ML_INFERENCE_VALUE,
  brief: 'Distribution of regression or forecast outputs.',
  instrument: 'histogram',
  unit: '{target}',
  valueType: 'double',
  prometheusName: 'ml_inference_value',
};

/**
 * Whether a model server reports a model ready (1) or not (0), polled by `mlmon proxy`.
 *
 * Instrument: `gauge` (int), unit: `1`, Prometheus: `ml_model_ready`.
 *
 * @note Open Inference Protocol `GET /v2/models/{name}/ready`; with `ml.model.name` absent, the
 * server's own `GET /v2/health/ready`. An unreachable server or a timeout reads as 0.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_MODEL_READY = 'ml.model.ready' as const;

/**
 * Descriptor of {@link METRIC_ML_MODEL_READY}: instrument, unit, value type, advice and Prometheus
 * name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_MODEL_READY: MetricDescriptor = {
  name: METRIC_ML_MODEL_READY,
  brief: 'Whether a model server reports a model ready (1) or not (0), polled by `mlmon proxy`.',
  instrument: 'gauge',
  unit: '1',
  valueType: 'int',
  prometheusName: 'ml_model_ready',
};

/**
 * Time since the end of the newest window of the stream that made a drift decision.
 *
 * Instrument: `gauge` (double), unit: `s`, Prometheus: `ml_monitor_decision_age_seconds`.
 *
 * @note The exported decisions stay those of the last window that could decide (a partial or
 * too-small window never replaces them); this age says how stale they are — it grows once traffic
 * stops.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_MONITOR_DECISION_AGE = 'ml.monitor.decision.age' as const;

/**
 * Descriptor of {@link METRIC_ML_MONITOR_DECISION_AGE}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_MONITOR_DECISION_AGE: MetricDescriptor = {
  name: METRIC_ML_MONITOR_DECISION_AGE,
  brief: 'Time since the end of the newest window of the stream that made a drift decision.',
  instrument: 'gauge',
  unit: 's',
  valueType: 'double',
  prometheusName: 'ml_monitor_decision_age_seconds',
};

/**
 * Number of samples behind the statistics (reference, current and labeled counts).
 *
 * Instrument: `gauge` (int), unit: `{prediction}`, Prometheus: `ml_monitor_samples`.
 *
 * @note Needed to judge the significance of every other statistic.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_MONITOR_SAMPLES = 'ml.monitor.samples' as const;

/**
 * Descriptor of {@link METRIC_ML_MONITOR_SAMPLES}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_MONITOR_SAMPLES: MetricDescriptor = {
  name: METRIC_ML_MONITOR_SAMPLES,
  brief: 'Number of samples behind the statistics (reference, current and labeled counts).',
  instrument: 'gauge',
  unit: '{prediction}',
  valueType: 'int',
  prometheusName: 'ml_monitor_samples',
};

/**
 * The samples of `ml.monitor.samples` weighted by 1/`ml.sampling.probability`: the traffic they
 * stand for (equal to `ml.monitor.samples` when no record is sampled).
 *
 * Instrument: `gauge` (double), unit: `{prediction}`, Prometheus: `ml_monitor_samples_weighted`.
 *
 * @note Counts, distributions and quality statistics weigh each record by 1/p; the size-aware
 * decisions read Kish's effective sample size (Σw)²/Σw², which is at most the raw count.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_MONITOR_SAMPLES_WEIGHTED = 'ml.monitor.samples.weighted' as const;

/**
 * Descriptor of {@link METRIC_ML_MONITOR_SAMPLES_WEIGHTED}: instrument, unit, value type, advice
 * and Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_MONITOR_SAMPLES_WEIGHTED: MetricDescriptor = {
  name: METRIC_ML_MONITOR_SAMPLES_WEIGHTED,
  brief:
    'The samples of `ml.monitor.samples` weighted by 1/`ml.sampling.probability`: the traffic they stand for (equal to `ml.monitor.samples` when no record is sampled).',
  instrument: 'gauge',
  unit: '{prediction}',
  valueType: 'double',
  prometheusName: 'ml_monitor_samples_weighted',
};

/**
 * A feature or slice bin's contribution to the rise of the window's error rate against the quality
 * baseline.
 *
 * Instrument: `gauge` (double), unit: `1`, Prometheus: `ml_quality_attribution`.
 *
 * @note share of the window's labeled pairs in the bin × (its error rate − its baseline error
 * rate); exported only for bins whose rise is significant (one-sided Fisher test, Bonferroni over
 * the window's tested bins at 0.005), so the series stay few. Classification models; a slice
 * attribute is named `ml.slice.<key>` in `ml.feature.name`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_QUALITY_ATTRIBUTION = 'ml.quality.attribution' as const;

/**
 * Descriptor of {@link METRIC_ML_QUALITY_ATTRIBUTION}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_QUALITY_ATTRIBUTION: MetricDescriptor = {
  name: METRIC_ML_QUALITY_ATTRIBUTION,
  brief:
    "A feature or slice bin's contribution to the rise of the window's error rate against the quality baseline.",
  instrument: 'gauge',
  unit: '1',
  valueType: 'double',
  prometheusName: 'ml_quality_attribution',
};

/**
 * A feature or slice bin's contribution to the rise of the window's mean absolute error against
 * the quality baseline.
 *
 * Instrument: `gauge` (double), unit: `{target}`, Prometheus: `ml_quality_attribution_error`.
 *
 * @note As `ml.quality.attribution` for regression models (Welch's z on the absolute errors), in
 * the target's units.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_QUALITY_ATTRIBUTION_ERROR = 'ml.quality.attribution.error' as const;

/**
 * Descriptor of {@link METRIC_ML_QUALITY_ATTRIBUTION_ERROR}: instrument, unit, value type, advice
 * and Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_QUALITY_ATTRIBUTION_ERROR: MetricDescriptor = {
  name: METRIC_ML_QUALITY_ATTRIBUTION_ERROR,
  brief:
    "A feature or slice bin's contribution to the rise of the window's mean absolute error against the quality baseline.",
  instrument: 'gauge',
  unit: '{target}',
  valueType: 'double',
  prometheusName: 'ml_quality_attribution_error',
};

/**
 * Model error in the target's units (`mae`, `rmse`) once ground truth is joined.
 *
 * Instrument: `gauge` (double), unit: `{target}`, Prometheus: `ml_quality_error`.
 *
 * @note Kept apart from `ml.quality.score` because a metric has one unit. The unit is the model's
 * target unit, documented per model (hence the `{target}` annotation unit).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_QUALITY_ERROR = 'ml.quality.error' as const;

/**
 * Descriptor of {@link METRIC_ML_QUALITY_ERROR}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_QUALITY_ERROR: MetricDescriptor = {
  name: METRIC_ML_QUALITY_ERROR,
  brief: "Model error in the target's units (`mae`, `rmse`) once ground truth is joined.",
  instrument: 'gauge',
  unit: '{target}',
  valueType: 'double',
  prometheusName: 'ml_quality_error',
};

/**
 * Model quality estimated before labels arrive (CBPE, METRICS.md), per window.
 *
 * Instrument: `gauge` (double), unit: `1`, Prometheus: `ml_quality_estimate`.
 *
 * @note From the calibrated scores of the window's predictions and a labeled reference: accuracy,
 * precision, recall, f1, specificity, roc_auc (multiclass: macro averages).
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_QUALITY_ESTIMATE = 'ml.quality.estimate' as const;

/**
 * Descriptor of {@link METRIC_ML_QUALITY_ESTIMATE}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_QUALITY_ESTIMATE: MetricDescriptor = {
  name: METRIC_ML_QUALITY_ESTIMATE,
  brief: 'Model quality estimated before labels arrive (CBPE, METRICS.md), per window.',
  instrument: 'gauge',
  unit: '1',
  valueType: 'double',
  prometheusName: 'ml_quality_estimate',
};

/**
 * An edge of the estimate's ±3σ sampling-error band.
 *
 * Instrument: `gauge` (double), unit: `1`, Prometheus: `ml_quality_estimate_bound`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_QUALITY_ESTIMATE_BOUND = 'ml.quality.estimate.bound' as const;

/**
 * Descriptor of {@link METRIC_ML_QUALITY_ESTIMATE_BOUND}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_QUALITY_ESTIMATE_BOUND: MetricDescriptor = {
  name: METRIC_ML_QUALITY_ESTIMATE_BOUND,
  brief: "An edge of the estimate's ±3σ sampling-error band.",
  instrument: 'gauge',
  unit: '1',
  valueType: 'double',
  prometheusName: 'ml_quality_estimate_bound',
};

/**
 * The estimate minus the realized value, on windows whose labels have arrived.
 *
 * Instrument: `gauge` (double), unit: `1`, Prometheus: `ml_quality_estimation_error`.
 *
 * @note Near 0 while the estimate can be trusted; a lasting offset means P(y|x) changed.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_QUALITY_ESTIMATION_ERROR = 'ml.quality.estimation_error' as const;

/**
 * Descriptor of {@link METRIC_ML_QUALITY_ESTIMATION_ERROR}: instrument, unit, value type, advice
 * and Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_QUALITY_ESTIMATION_ERROR: MetricDescriptor = {
  name: METRIC_ML_QUALITY_ESTIMATION_ERROR,
  brief: 'The estimate minus the realized value, on windows whose labels have arrived.',
  instrument: 'gauge',
  unit: '1',
  valueType: 'double',
  prometheusName: 'ml_quality_estimation_error',
};

/**
 * Dimensionless model quality statistic once ground truth is joined, per METRICS.md.
 *
 * Instrument: `gauge` (double), unit: `1`, Prometheus: `ml_quality_score`.
 *
 * @note accuracy, precision, recall, specificity, f1, macro_f1, roc_auc, brier_score, log_loss,
 * mape, r2; multilabel micro_f1, micro_precision, micro_recall, subset_accuracy, hamming_loss;
 * ranking ndcg, precision_at_k, mrr.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_QUALITY_SCORE = 'ml.quality.score' as const;

/**
 * Descriptor of {@link METRIC_ML_QUALITY_SCORE}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_QUALITY_SCORE: MetricDescriptor = {
  name: METRIC_ML_QUALITY_SCORE,
  brief: 'Dimensionless model quality statistic once ground truth is joined, per METRICS.md.',
  instrument: 'gauge',
  unit: '1',
  valueType: 'double',
  prometheusName: 'ml_quality_score',
};

/**
 * Failed share of the window's inference calls.
 *
 * Instrument: `gauge` (double), unit: `1`, Prometheus: `ml_service_error_ratio`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_SERVICE_ERROR_RATIO = 'ml.service.error_ratio' as const;

/**
 * Descriptor of {@link METRIC_ML_SERVICE_ERROR_RATIO}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_SERVICE_ERROR_RATIO: MetricDescriptor = {
  name: METRIC_ML_SERVICE_ERROR_RATIO,
  brief: "Failed share of the window's inference calls.",
  instrument: 'gauge',
  unit: '1',
  valueType: 'double',
  prometheusName: 'ml_service_error_ratio',
};

/**
 * Failed inference calls of the window (span status ERROR or `error.type` set), by `error.type`.
 *
 * Instrument: `gauge` (double), unit: `{request}`, Prometheus: `ml_service_errors`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_SERVICE_ERRORS = 'ml.service.errors' as const;

/**
 * Descriptor of {@link METRIC_ML_SERVICE_ERRORS}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_SERVICE_ERRORS: MetricDescriptor = {
  name: METRIC_ML_SERVICE_ERRORS,
  brief:
    'Failed inference calls of the window (span status ERROR or `error.type` set), by `error.type`.',
  instrument: 'gauge',
  unit: '{request}',
  valueType: 'double',
  prometheusName: 'ml_service_errors',
};

/**
 * A quantile of the window's inference durations.
 *
 * Instrument: `gauge` (double), unit: `s`, Prometheus: `ml_service_latency_seconds`.
 *
 * @note From spans, a DDSketch with 1 % relative accuracy (the value is within 1 % of an exact
 * order statistic at the quantile's rank); from histograms only, interpolated inside a bucket.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_SERVICE_LATENCY = 'ml.service.latency' as const;

/**
 * Descriptor of {@link METRIC_ML_SERVICE_LATENCY}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_SERVICE_LATENCY: MetricDescriptor = {
  name: METRIC_ML_SERVICE_LATENCY,
  brief: "A quantile of the window's inference durations.",
  instrument: 'gauge',
  unit: 's',
  valueType: 'double',
  prometheusName: 'ml_service_latency_seconds',
};

/**
 * Inference calls of the window (service SLI), from `ml.inference` spans or the
 * `ml.inference.duration` histogram.
 *
 * Instrument: `gauge` (double), unit: `{request}`, Prometheus: `ml_service_requests`.
 *
 * @note Calls, not rows (a batch call is one request), weighted by 1 / `ml.sampling.probability`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_SERVICE_REQUESTS = 'ml.service.requests' as const;

/**
 * Descriptor of {@link METRIC_ML_SERVICE_REQUESTS}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_SERVICE_REQUESTS: MetricDescriptor = {
  name: METRIC_ML_SERVICE_REQUESTS,
  brief:
    'Inference calls of the window (service SLI), from `ml.inference` spans or the `ml.inference.duration` histogram.',
  instrument: 'gauge',
  unit: '{request}',
  valueType: 'double',
  prometheusName: 'ml_service_requests',
};

/**
 * Inference calls per second over the window.
 *
 * Instrument: `gauge` (double), unit: `{request}/s`, Prometheus:
 * `ml_service_throughput_per_second`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_SERVICE_THROUGHPUT = 'ml.service.throughput' as const;

/**
 * Descriptor of {@link METRIC_ML_SERVICE_THROUGHPUT}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_SERVICE_THROUGHPUT: MetricDescriptor = {
  name: METRIC_ML_SERVICE_THROUGHPUT,
  brief: 'Inference calls per second over the window.',
  instrument: 'gauge',
  unit: '{request}/s',
  valueType: 'double',
  prometheusName: 'ml_service_throughput_per_second',
};

/**
 * Share of an SLO's error budget left over its compliance period (negative once overspent).
 *
 * Instrument: `gauge` (double), unit: `1`, Prometheus: `ml_slo_budget_remaining`.
 *
 * @note 1 − (bad events / total events over the period) / (1 − target), METRICS.md.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_SLO_BUDGET_REMAINING = 'ml.slo.budget.remaining' as const;

/**
 * Descriptor of {@link METRIC_ML_SLO_BUDGET_REMAINING}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_SLO_BUDGET_REMAINING: MetricDescriptor = {
  name: METRIC_ML_SLO_BUDGET_REMAINING,
  brief:
    "Share of an SLO's error budget left over its compliance period (negative once overspent).",
  instrument: 'gauge',
  unit: '1',
  valueType: 'double',
  prometheusName: 'ml_slo_budget_remaining',
};

/**
 * How fast an SLO spends its error budget over a window (1 spends it exactly over the period).
 *
 * Instrument: `gauge` (double), unit: `1`, Prometheus: `ml_slo_burn_rate`.
 *
 * @note (bad events / total events in the window) / (1 − target), for each window of the SLO's
 * burn-rate alerts.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_SLO_BURN_RATE = 'ml.slo.burn_rate' as const;

/**
 * Descriptor of {@link METRIC_ML_SLO_BURN_RATE}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_SLO_BURN_RATE: MetricDescriptor = {
  name: METRIC_ML_SLO_BURN_RATE,
  brief:
    'How fast an SLO spends its error budget over a window (1 spends it exactly over the period).',
  instrument: 'gauge',
  unit: '1',
  valueType: 'double',
  prometheusName: 'ml_slo_burn_rate',
};

/**
 * A statistic of the version minus the same statistic of the baseline version, same window and
 * slice.
 *
 * Instrument: `gauge` (double), unit: `1`, Prometheus: `ml_version_delta`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_VERSION_DELTA = 'ml.version.delta' as const;

/**
 * Descriptor of {@link METRIC_ML_VERSION_DELTA}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_VERSION_DELTA: MetricDescriptor = {
  name: METRIC_ML_VERSION_DELTA,
  brief:
    'A statistic of the version minus the same statistic of the baseline version, same window and slice.',
  instrument: 'gauge',
  unit: '1',
  valueType: 'double',
  prometheusName: 'ml_version_delta',
};

/**
 * Drift statistic of the version's prediction distribution against the baseline's same window as
 * the reference.
 *
 * Instrument: `gauge` (double), unit: `1`, Prometheus: `ml_version_drift_score`.
 *
 * @note The drift machinery of the stream's own prediction drift (method, size-aware threshold),
 * with the baseline version's window of the same slice as the reference.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_VERSION_DRIFT_SCORE = 'ml.version.drift.score' as const;

/**
 * Descriptor of {@link METRIC_ML_VERSION_DRIFT_SCORE}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_VERSION_DRIFT_SCORE: MetricDescriptor = {
  name: METRIC_ML_VERSION_DRIFT_SCORE,
  brief:
    "Drift statistic of the version's prediction distribution against the baseline's same window as the reference.",
  instrument: 'gauge',
  unit: '1',
  valueType: 'double',
  prometheusName: 'ml_version_drift_score',
};

/**
 * Drift state set of the version's predictions against the baseline's; 1 for the current
 * `ml.drift.state`.
 *
 * Instrument: `updowncounter` (int), unit: `1`, Prometheus: `ml_version_drift_status`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_VERSION_DRIFT_STATUS = 'ml.version.drift.status' as const;

/**
 * Descriptor of {@link METRIC_ML_VERSION_DRIFT_STATUS}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_VERSION_DRIFT_STATUS: MetricDescriptor = {
  name: METRIC_ML_VERSION_DRIFT_STATUS,
  brief:
    "Drift state set of the version's predictions against the baseline's; 1 for the current `ml.drift.state`.",
  instrument: 'updowncounter',
  unit: '1',
  valueType: 'int',
  prometheusName: 'ml_version_drift_status',
};

/**
 * A latency quantile of the version's inference calls minus the baseline's, same window and slice.
 *
 * Instrument: `gauge` (double), unit: `s`, Prometheus: `ml_version_latency_delta_seconds`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_VERSION_LATENCY_DELTA = 'ml.version.latency.delta' as const;

/**
 * Descriptor of {@link METRIC_ML_VERSION_LATENCY_DELTA}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_VERSION_LATENCY_DELTA: MetricDescriptor = {
  name: METRIC_ML_VERSION_LATENCY_DELTA,
  brief:
    "A latency quantile of the version's inference calls minus the baseline's, same window and slice.",
  instrument: 'gauge',
  unit: 's',
  valueType: 'double',
  prometheusName: 'ml_version_latency_delta_seconds',
};

/**
 * One-sided p-value that the version is worse than the baseline on a statistic only by chance.
 *
 * Instrument: `gauge` (double), unit: `1`, Prometheus: `ml_version_p_value`.
 *
 * @note For `accuracy` the test is Fisher's exact test on the labeled predictions' correct
 * decisions, for `error_ratio` on the failed inference calls; for `mae` Welch's z on the labeled
 * regression predictions' absolute errors with an Edgeworth skewness correction. Weighted pairs
 * count at Kish's effective size. The verdict compares it with α divided by the tests made.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_VERSION_P_VALUE = 'ml.version.p_value' as const;

/**
 * Descriptor of {@link METRIC_ML_VERSION_P_VALUE}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_VERSION_P_VALUE: MetricDescriptor = {
  name: METRIC_ML_VERSION_P_VALUE,
  brief:
    'One-sided p-value that the version is worse than the baseline on a statistic only by chance.',
  instrument: 'gauge',
  unit: '1',
  valueType: 'double',
  prometheusName: 'ml_version_p_value',
};

/**
 * Requests of the window that both the version and the baseline scored (same `ml.prediction.id`).
 *
 * Instrument: `gauge` (int), unit: `{prediction}`, Prometheus: `ml_version_shadow_pairs`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_VERSION_SHADOW_PAIRS = 'ml.version.shadow.pairs' as const;

/**
 * Descriptor of {@link METRIC_ML_VERSION_SHADOW_PAIRS}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_VERSION_SHADOW_PAIRS: MetricDescriptor = {
  name: METRIC_ML_VERSION_SHADOW_PAIRS,
  brief:
    'Requests of the window that both the version and the baseline scored (same `ml.prediction.id`).',
  instrument: 'gauge',
  unit: '{prediction}',
  valueType: 'int',
  prometheusName: 'ml_version_shadow_pairs',
};

/**
 * A statistic of the requests both the version and the baseline scored (same `ml.prediction.id`).
 *
 * Instrument: `gauge` (double), unit: `1`, Prometheus: `ml_version_shadow_value`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_VERSION_SHADOW_VALUE = 'ml.version.shadow.value' as const;

/**
 * Descriptor of {@link METRIC_ML_VERSION_SHADOW_VALUE}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_VERSION_SHADOW_VALUE: MetricDescriptor = {
  name: METRIC_ML_VERSION_SHADOW_VALUE,
  brief:
    'A statistic of the requests both the version and the baseline scored (same `ml.prediction.id`).',
  instrument: 'gauge',
  unit: '1',
  valueType: 'double',
  prometheusName: 'ml_version_shadow_value',
};

/**
 * Version verdict state set; 1 for the current `ml.version.verdict`, 0 for the others.
 *
 * Instrument: `updowncounter` (int), unit: `1`, Prometheus: `ml_version_status`.
 *
 * @note Follows the `hw.status` state-set precedent, like `ml.drift.status`. Exported on the
 * compared (non-baseline) version's series, per slice; a rollout controller reads
 * `ml_version_status{ml_version_verdict="worse"} == 1`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_ML_VERSION_STATUS = 'ml.version.status' as const;

/**
 * Descriptor of {@link METRIC_ML_VERSION_STATUS}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_ML_VERSION_STATUS: MetricDescriptor = {
  name: METRIC_ML_VERSION_STATUS,
  brief: 'Version verdict state set; 1 for the current `ml.version.verdict`, 0 for the others.',
  instrument: 'updowncounter',
  unit: '1',
  valueType: 'int',
  prometheusName: 'ml_version_status',
};

/**
 * Number of resolved alerts dropped undelivered because an Alertmanager's retry queue was full
 * (the oldest go first).
 *
 * Instrument: `counter` (int), unit: `{alert}`, Prometheus:
 * `mlmon_processor_alerts_dropped_total`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_MLMON_PROCESSOR_ALERTS_DROPPED = 'mlmon.processor.alerts.dropped' as const;

/**
 * Descriptor of {@link METRIC_MLMON_PROCESSOR_ALERTS_DROPPED}: instrument, unit, value type,
 * advice and Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_MLMON_PROCESSOR_ALERTS_DROPPED: MetricDescriptor = {
  name: METRIC_MLMON_PROCESSOR_ALERTS_DROPPED,
  brief:
    "Number of resolved alerts dropped undelivered because an Alertmanager's retry queue was full (the oldest go first).",
  instrument: 'counter',
  unit: '{alert}',
  valueType: 'int',
  prometheusName: 'mlmon_processor_alerts_dropped_total',
};

/**
 * Number of records the capture store copied for export (`accepted`), or could not queue for
 * writing because too many waited (`dropped`), by record type.
 *
 * Instrument: `counter` (int), unit: `{record}`, Prometheus:
 * `mlmon_processor_capture_records_total`.
 *
 * @note Present only when the capture store is configured. Predictions that sampling leaves out
 * are not counted.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_MLMON_PROCESSOR_CAPTURE_RECORDS = 'mlmon.processor.capture.records' as const;

/**
 * Descriptor of {@link METRIC_MLMON_PROCESSOR_CAPTURE_RECORDS}: instrument, unit, value type,
 * advice and Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_MLMON_PROCESSOR_CAPTURE_RECORDS: MetricDescriptor = {
  name: METRIC_MLMON_PROCESSOR_CAPTURE_RECORDS,
  brief:
    'Number of records the capture store copied for export (`accepted`), or could not queue for writing because too many waited (`dropped`), by record type.',
  instrument: 'counter',
  unit: '{record}',
  valueType: 'int',
  prometheusName: 'mlmon_processor_capture_records_total',
};

/**
 * Number of labeled pairs the processor holds to calibrate quality estimates (CBPE) of model
 * versions without a labeled training profile.
 *
 * Instrument: `gauge` (int), unit: `{pair}`, Prometheus: `mlmon_processor_cbpe_reference_pairs`.
 *
 * @note A model version keeps the first 20 000 labeled pairs it joins (a score, or one probability
 * per class, and the label each), from its start or its last reference reset; 0 when no model
 * version estimates from its own pairs.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_MLMON_PROCESSOR_CBPE_REFERENCE_PAIRS =
  'mlmon.processor.cbpe.reference_pairs' as const;

/**
 * Descriptor of {@link METRIC_MLMON_PROCESSOR_CBPE_REFERENCE_PAIRS}: instrument, unit, value type,
 * advice and Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_MLMON_PROCESSOR_CBPE_REFERENCE_PAIRS: MetricDescriptor = {
  name: METRIC_MLMON_PROCESSOR_CBPE_REFERENCE_PAIRS,
  brief:
    'Number of labeled pairs the processor holds to calibrate quality estimates (CBPE) of model versions without a labeled training profile.',
  instrument: 'gauge',
  unit: '{pair}',
  valueType: 'int',
  prometheusName: 'mlmon_processor_cbpe_reference_pairs',
};

/**
 * Duration of one evaluation pass over the monitored streams.
 *
 * Instrument: `histogram` (double), unit: `s`, Prometheus:
 * `mlmon_processor_evaluation_duration_seconds`.
 *
 * Bucket advice: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10].
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_MLMON_PROCESSOR_EVALUATION_DURATION =
  'mlmon.processor.evaluation.duration' as const;

/**
 * Descriptor of {@link METRIC_MLMON_PROCESSOR_EVALUATION_DURATION}: instrument, unit, value type,
 * advice and Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_MLMON_PROCESSOR_EVALUATION_DURATION: MetricDescriptor = {
  name: METRIC_MLMON_PROCESSOR_EVALUATION_DURATION,
  brief: 'Duration of one evaluation pass over the monitored streams.',
  instrument: 'histogram',
  unit: 's',
  valueType: 'double',
  advice: {
    explicitBucketBoundaries: [
      0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    ],
  },
  prometheusName: 'mlmon_processor_evaluation_duration_seconds',
};

/**
 * Number of evaluation passes that ran past the next window close; that close waits for the next
 * flush, passes never stack.
 *
 * Instrument: `counter` (int), unit: `{pass}`, Prometheus:
 * `mlmon_processor_evaluation_overruns_total`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_MLMON_PROCESSOR_EVALUATION_OVERRUNS =
  'mlmon.processor.evaluation.overruns' as const;

/**
 * Descriptor of {@link METRIC_MLMON_PROCESSOR_EVALUATION_OVERRUNS}: instrument, unit, value type,
 * advice and Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_MLMON_PROCESSOR_EVALUATION_OVERRUNS: MetricDescriptor = {
  name: METRIC_MLMON_PROCESSOR_EVALUATION_OVERRUNS,
  brief:
    'Number of evaluation passes that ran past the next window close; that close waits for the next flush, passes never stack.',
  instrument: 'counter',
  unit: '{pass}',
  valueType: 'int',
  prometheusName: 'mlmon_processor_evaluation_overruns_total',
};

/**
 * Number of failed exports of the processor's output.
 *
 * Instrument: `counter` (int), unit: `{failure}`, Prometheus:
 * `mlmon_processor_export_failures_total`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_MLMON_PROCESSOR_EXPORT_FAILURES = 'mlmon.processor.export.failures' as const;

/**
 * Descriptor of {@link METRIC_MLMON_PROCESSOR_EXPORT_FAILURES}: instrument, unit, value type,
 * advice and Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_MLMON_PROCESSOR_EXPORT_FAILURES: MetricDescriptor = {
  name: METRIC_MLMON_PROCESSOR_EXPORT_FAILURES,
  brief: "Number of failed exports of the processor's output.",
  instrument: 'counter',
  unit: '{failure}',
  valueType: 'int',
  prometheusName: 'mlmon_processor_export_failures_total',
};

/**
 * Number of OTLP export requests dropped undelivered from the retry queue because it reached its
 * bound (the oldest go first) or the backend refused them as not retryable.
 *
 * Instrument: `counter` (int), unit: `{request}`, Prometheus:
 * `mlmon_processor_export_queue_dropped_total`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_MLMON_PROCESSOR_EXPORT_QUEUE_DROPPED =
  'mlmon.processor.export.queue.dropped' as const;

/**
 * Descriptor of {@link METRIC_MLMON_PROCESSOR_EXPORT_QUEUE_DROPPED}: instrument, unit, value type,
 * advice and Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_MLMON_PROCESSOR_EXPORT_QUEUE_DROPPED: MetricDescriptor = {
  name: METRIC_MLMON_PROCESSOR_EXPORT_QUEUE_DROPPED,
  brief:
    'Number of OTLP export requests dropped undelivered from the retry queue because it reached its bound (the oldest go first) or the backend refused them as not retryable.',
  instrument: 'counter',
  unit: '{request}',
  valueType: 'int',
  prometheusName: 'mlmon_processor_export_queue_dropped_total',
};

/**
 * Number of OTLP export requests (metric snapshots, batches of alert events) waiting in the retry
 * queue for the backend.
 *
 * Instrument: `gauge` (int), unit: `{request}`, Prometheus: `mlmon_processor_export_queue_size`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_MLMON_PROCESSOR_EXPORT_QUEUE_SIZE =
  'mlmon.processor.export.queue.size' as const;

/**
 * Descriptor of {@link METRIC_MLMON_PROCESSOR_EXPORT_QUEUE_SIZE}: instrument, unit, value type,
 * advice and Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_MLMON_PROCESSOR_EXPORT_QUEUE_SIZE: MetricDescriptor = {
  name: METRIC_MLMON_PROCESSOR_EXPORT_QUEUE_SIZE,
  brief:
    'Number of OTLP export requests (metric snapshots, batches of alert events) waiting in the retry queue for the backend.',
  instrument: 'gauge',
  unit: '{request}',
  valueType: 'int',
  prometheusName: 'mlmon_processor_export_queue_size',
};

/**
 * Number of records routed to the overflow stream because the stream limit was reached.
 *
 * Instrument: `counter` (int), unit: `{record}`, Prometheus: `mlmon_processor_overflow_total`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_MLMON_PROCESSOR_OVERFLOW = 'mlmon.processor.overflow' as const;

/**
 * Descriptor of {@link METRIC_MLMON_PROCESSOR_OVERFLOW}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_MLMON_PROCESSOR_OVERFLOW: MetricDescriptor = {
  name: METRIC_MLMON_PROCESSOR_OVERFLOW,
  brief: 'Number of records routed to the overflow stream because the stream limit was reached.',
  instrument: 'counter',
  unit: '{record}',
  valueType: 'int',
  prometheusName: 'mlmon_processor_overflow_total',
};

/**
 * Number of predictions waiting for ground truth in the join buffer.
 *
 * Instrument: `gauge` (int), unit: `{prediction}`, Prometheus: `mlmon_processor_pending_labels`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_MLMON_PROCESSOR_PENDING_LABELS = 'mlmon.processor.pending_labels' as const;

/**
 * Descriptor of {@link METRIC_MLMON_PROCESSOR_PENDING_LABELS}: instrument, unit, value type,
 * advice and Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_MLMON_PROCESSOR_PENDING_LABELS: MetricDescriptor = {
  name: METRIC_MLMON_PROCESSOR_PENDING_LABELS,
  brief: 'Number of predictions waiting for ground truth in the join buffer.',
  instrument: 'gauge',
  unit: '{prediction}',
  valueType: 'int',
  prometheusName: 'mlmon_processor_pending_labels',
};

/**
 * Number of received requests waiting to be processed.
 *
 * Instrument: `gauge` (int), unit: `{request}`, Prometheus: `mlmon_processor_queue_depth`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_MLMON_PROCESSOR_QUEUE_DEPTH = 'mlmon.processor.queue.depth' as const;

/**
 * Descriptor of {@link METRIC_MLMON_PROCESSOR_QUEUE_DEPTH}: instrument, unit, value type, advice
 * and Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_MLMON_PROCESSOR_QUEUE_DEPTH: MetricDescriptor = {
  name: METRIC_MLMON_PROCESSOR_QUEUE_DEPTH,
  brief: 'Number of received requests waiting to be processed.',
  instrument: 'gauge',
  unit: '{request}',
  valueType: 'int',
  prometheusName: 'mlmon_processor_queue_depth',
};

/**
 * Number of records (spans, metric points, log records) the processor received, by outcome.
 *
 * Instrument: `counter` (int), unit: `{record}`, Prometheus: `mlmon_processor_records_total`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_MLMON_PROCESSOR_RECORDS = 'mlmon.processor.records' as const;

/**
 * Descriptor of {@link METRIC_MLMON_PROCESSOR_RECORDS}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_MLMON_PROCESSOR_RECORDS: MetricDescriptor = {
  name: METRIC_MLMON_PROCESSOR_RECORDS,
  brief:
    'Number of records (spans, metric points, log records) the processor received, by outcome.',
  instrument: 'counter',
  unit: '{record}',
  valueType: 'int',
  prometheusName: 'mlmon_processor_records_total',
};

/**
 * Number of monitored streams (model, version and slice set) the processor keeps state for.
 *
 * Instrument: `gauge` (int), unit: `{stream}`, Prometheus: `mlmon_processor_streams`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_MLMON_PROCESSOR_STREAMS = 'mlmon.processor.streams' as const;

/**
 * Descriptor of {@link METRIC_MLMON_PROCESSOR_STREAMS}: instrument, unit, value type, advice and
 * Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_MLMON_PROCESSOR_STREAMS: MetricDescriptor = {
  name: METRIC_MLMON_PROCESSOR_STREAMS,
  brief:
    'Number of monitored streams (model, version and slice set) the processor keeps state for.',
  instrument: 'gauge',
  unit: '{stream}',
  valueType: 'int',
  prometheusName: 'mlmon_processor_streams',
};

/**
 * Number of streams (slice and all-slices) dropped after receiving no data for the idle TTL; their
 * series leave the output and the checkpoint.
 *
 * Instrument: `counter` (int), unit: `{stream}`, Prometheus:
 * `mlmon_processor_streams_expired_total`.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const METRIC_MLMON_PROCESSOR_STREAMS_EXPIRED = 'mlmon.processor.streams.expired' as const;

/**
 * Descriptor of {@link METRIC_MLMON_PROCESSOR_STREAMS_EXPIRED}: instrument, unit, value type,
 * advice and Prometheus name.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const DESCRIPTOR_MLMON_PROCESSOR_STREAMS_EXPIRED: MetricDescriptor = {
  name: METRIC_MLMON_PROCESSOR_STREAMS_EXPIRED,
  brief:
    'Number of streams (slice and all-slices) dropped after receiving no data for the idle TTL; their series leave the output and the checkpoint.',
  instrument: 'counter',
  unit: '{stream}',
  valueType: 'int',
  prometheusName: 'mlmon_processor_streams_expired_total',
};

/**
 * Descriptors of every metric in the registry, sorted by name.
 */
export const METRIC_DESCRIPTORS: readonly MetricDescriptor[] = [
  DESCRIPTOR_GEN_AI_CLIENT_OPERATION_DURATION,
  DESCRIPTOR_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
  DESCRIPTOR_GEN_AI_CLIENT_TOKEN_USAGE,
  DESCRIPTOR_ML_ALERT_STATUS,
  DESCRIPTOR_ML_CALIBRATION_BIN_MEAN_SCORE,
  DESCRIPTOR_ML_CALIBRATION_BIN_POSITIVE_RATIO,
  DESCRIPTOR_ML_CALIBRATION_BIN_PREDICTIONS,
  DESCRIPTOR_ML_CALIBRATION_ERROR,
  DESCRIPTOR_ML_COST_PER_REQUEST,
  DESCRIPTOR_ML_COST_PER_THOUSAND_REQUESTS,
  DESCRIPTOR_ML_COST_WINDOW,
  DESCRIPTOR_ML_DATA_QUALITY_RATIO,
  DESCRIPTOR_ML_DRIFT_DETECTIONS,
  DESCRIPTOR_ML_DRIFT_P_VALUE,
  DESCRIPTOR_ML_DRIFT_SCORE,
  DESCRIPTOR_ML_DRIFT_STATUS,
  DESCRIPTOR_ML_DRIFT_THRESHOLD,
  DESCRIPTOR_ML_EMBEDDING_MEAN_DISTANCE,
  DESCRIPTOR_ML_EVALUATION_COUNT,
  DESCRIPTOR_ML_EVALUATION_LABEL_RATIO,
  DESCRIPTOR_ML_EVALUATION_PASS_RATIO,
  DESCRIPTOR_ML_EVALUATION_SCORE,
  DESCRIPTOR_ML_FAIRNESS_DISPARITY,
  DESCRIPTOR_ML_FAIRNESS_DISPARITY_P_VALUE,
  DESCRIPTOR_ML_FAIRNESS_GROUP_CALIBRATION_ERROR,
  DESCRIPTOR_ML_FAIRNESS_GROUP_RATE,
  DESCRIPTOR_ML_FAIRNESS_GROUP_SAMPLES,
  DESCRIPTOR_ML_GENAI_FINISH_REASON_RATIO,
  DESCRIPTOR_ML_GENAI_OUTPUT_TOKENS_RATE,
  DESCRIPTOR_ML_GENAI_TIME_TO_FIRST_CHUNK,
  DESCRIPTOR_ML_GENAI_TOKENS,
  DESCRIPTOR_ML_GENAI_TOKENS_PER_CALL,
  DESCRIPTOR_ML_GROUND_TRUTH_COVERAGE,
  DESCRIPTOR_ML_GROUND_TRUTH_DELAY,
  DESCRIPTOR_ML_GROUND_TRUTH_RECEIVED,
  DESCRIPTOR_ML_INFERENCE_ACTIVE_REQUESTS,
  DESCRIPTOR_ML_INFERENCE_DURATION,
  DESCRIPTOR_ML_INFERENCE_PREDICTIONS,
  DESCRIPTOR_ML_INFERENCE_SCORE,
  DESCRIPTOR_ML_INFERENCE_VALUE,
  DESCRIPTOR_ML_MODEL_READY,
  DESCRIPTOR_ML_MONITOR_DECISION_AGE,
  DESCRIPTOR_ML_MONITOR_SAMPLES,
  DESCRIPTOR_ML_MONITOR_SAMPLES_WEIGHTED,
  DESCRIPTOR_ML_QUALITY_ATTRIBUTION,
  DESCRIPTOR_ML_QUALITY_ATTRIBUTION_ERROR,
  DESCRIPTOR_ML_QUALITY_ERROR,
  DESCRIPTOR_ML_QUALITY_ESTIMATE,
  DESCRIPTOR_ML_QUALITY_ESTIMATE_BOUND,
  DESCRIPTOR_ML_QUALITY_ESTIMATION_ERROR,
  DESCRIPTOR_ML_QUALITY_SCORE,
  DESCRIPTOR_ML_SERVICE_ERROR_RATIO,
  DESCRIPTOR_ML_SERVICE_ERRORS,
  DESCRIPTOR_ML_SERVICE_LATENCY,
  DESCRIPTOR_ML_SERVICE_REQUESTS,
  DESCRIPTOR_ML_SERVICE_THROUGHPUT,
  DESCRIPTOR_ML_SLO_BUDGET_REMAINING,
  DESCRIPTOR_ML_SLO_BURN_RATE,
  DESCRIPTOR_ML_VERSION_DELTA,
  DESCRIPTOR_ML_VERSION_DRIFT_SCORE,
  DESCRIPTOR_ML_VERSION_DRIFT_STATUS,
  DESCRIPTOR_ML_VERSION_LATENCY_DELTA,
  DESCRIPTOR_ML_VERSION_P_VALUE,
  DESCRIPTOR_ML_VERSION_SHADOW_PAIRS,
  DESCRIPTOR_ML_VERSION_SHADOW_VALUE,
  DESCRIPTOR_ML_VERSION_STATUS,
  DESCRIPTOR_MLMON_PROCESSOR_ALERTS_DROPPED,
  DESCRIPTOR_MLMON_PROCESSOR_CAPTURE_RECORDS,
  DESCRIPTOR_MLMON_PROCESSOR_CBPE_REFERENCE_PAIRS,
  DESCRIPTOR_MLMON_PROCESSOR_EVALUATION_DURATION,
  DESCRIPTOR_MLMON_PROCESSOR_EVALUATION_OVERRUNS,
  DESCRIPTOR_MLMON_PROCESSOR_EXPORT_FAILURES,
  DESCRIPTOR_MLMON_PROCESSOR_EXPORT_QUEUE_DROPPED,
  DESCRIPTOR_MLMON_PROCESSOR_EXPORT_QUEUE_SIZE,
  DESCRIPTOR_MLMON_PROCESSOR_OVERFLOW,
  DESCRIPTOR_MLMON_PROCESSOR_PENDING_LABELS,
  DESCRIPTOR_MLMON_PROCESSOR_QUEUE_DEPTH,
  DESCRIPTOR_MLMON_PROCESSOR_RECORDS,
  DESCRIPTOR_MLMON_PROCESSOR_STREAMS,
  DESCRIPTOR_MLMON_PROCESSOR_STREAMS_EXPIRED,
];
