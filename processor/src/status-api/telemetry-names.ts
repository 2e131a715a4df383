/**
 * The OTLP and Prometheus names behind the status API's numbers, read from `@mlmon/conventions`
 * (never spelled here), so the dashboard's "which series is this?" hints cannot drift from what
 * the exporters emit.
 */
import {
  ATTR_ML_ALERT_RULE,
  ATTR_ML_ALERT_STATE,
  ATTR_ML_CALIBRATION_BIN,
  ATTR_ML_CALIBRATION_METHOD,
  ATTR_ML_DATA_QUALITY_CHECK,
  ATTR_ML_DRIFT_KIND,
  ATTR_ML_DRIFT_METHOD,
  ATTR_ML_DRIFT_STATE,
  ATTR_ML_DRIFT_THRESHOLD_KIND,
  ATTR_ML_FEATURE_NAME,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_MONITOR_POPULATION,
  ATTR_ML_QUALITY_METRIC,
  ATTR_ML_SLICE_PREFIX,
  DESCRIPTOR_ML_ALERT_STATUS,
  DESCRIPTOR_ML_CALIBRATION_BIN_MEAN_SCORE,
  DESCRIPTOR_ML_CALIBRATION_BIN_POSITIVE_RATIO,
  DESCRIPTOR_ML_CALIBRATION_BIN_PREDICTIONS,
  DESCRIPTOR_ML_CALIBRATION_ERROR,
  DESCRIPTOR_ML_DATA_QUALITY_RATIO,
  DESCRIPTOR_ML_DRIFT_P_VALUE,
  DESCRIPTOR_ML_DRIFT_SCORE,
  DESCRIPTOR_ML_DRIFT_STATUS,
  DESCRIPTOR_ML_DRIFT_THRESHOLD,
  DESCRIPTOR_ML_GROUND_TRUTH_COVERAGE,
  DESCRIPTOR_ML_GROUND_TRUTH_DELAY,
  DESCRIPTOR_ML_MONITOR_SAMPLES,
  DESCRIPTOR_ML_MONITOR_SAMPLES_WEIGHTED,
  DESCRIPTOR_ML_QUALITY_ERROR,
  DESCRIPTOR_ML_QUALITY_SCORE,
  DESCRIPTOR_ML_QUALITY_ESTIMATE,
  DESCRIPTOR_ML_QUALITY_ESTIMATE_BOUND,
  DESCRIPTOR_ML_QUALITY_ESTIMATION_ERROR,
  DESCRIPTOR_ML_SERVICE_ERROR_RATIO,
  DESCRIPTOR_ML_SERVICE_LATENCY,
  DESCRIPTOR_ML_SERVICE_THROUGHPUT,
  DESCRIPTOR_ML_SLO_BUDGET_REMAINING,
  DESCRIPTOR_ML_SLO_BURN_RATE,
  ATTR_ML_SLO_NAME,
  ATTR_ML_SLO_WINDOW,
  ATTR_ML_SERVICE_LATENCY_QUANTILE,
  ML_ALERT_STATE_VALUE_FIRING,
  ML_DRIFT_KIND_VALUE_FEATURE,
  ML_DRIFT_STATE_VALUE_DRIFT,
  ML_DRIFT_THRESHOLD_KIND_VALUE_EFFECTIVE,
  ML_DRIFT_THRESHOLD_KIND_VALUE_NOMINAL,
  ML_MONITOR_POPULATION_VALUE_CURRENT,
  ML_MONITOR_POPULATION_VALUE_LABELED,
  ML_MONITOR_POPULATION_VALUE_REFERENCE,
  ML_QUALITY_METRIC_VALUE_ACCURACY,
  ML_QUALITY_METRIC_VALUE_BRIER_SCORE,
  ML_QUALITY_METRIC_VALUE_LOG_LOSS,
  ML_QUALITY_METRIC_VALUE_MICRO_F1,
  ML_QUALITY_METRIC_VALUE_NDCG,
  ML_QUALITY_METRIC_VALUE_RMSE,
  ATTR_GEN_AI_EVALUATION_NAME,
  ATTR_ML_GENAI_FINISH_REASON,
  ATTR_ML_GENAI_QUANTILE,
  ATTR_ML_GENAI_TOKEN_TYPE,
  DESCRIPTOR_ML_COST_PER_THOUSAND_REQUESTS,
  DESCRIPTOR_ML_EVALUATION_PASS_RATIO,
  DESCRIPTOR_ML_GENAI_FINISH_REASON_RATIO,
  DESCRIPTOR_ML_GENAI_TIME_TO_FIRST_CHUNK,
  DESCRIPTOR_ML_GENAI_TOKENS,
} from '@mlmon/conventions';
import type { AttributeNames, MetricNames, TelemetryNames } from './types.js';

/** The fields of a conventions metric descriptor this module reads. */
interface DescriptorLike {
  readonly name: string;
  readonly instrument: string;
  readonly unit: string;
  readonly prometheusName: string;
}

/**
 * The Prometheus label an OTLP attribute key becomes under the standard translation: every
 * character outside `[a-zA-Z0-9_]` turns into `_` (prometheus/otlptranslator, label names).
 */
export function toPrometheusLabel(key: string): string {
  const replaced = key.replace(/[^a-zA-Z0-9_]/g, '_');
  return /^[0-9]/.test(replaced) ? `key_${replaced}` : replaced;
}

function metric(descriptor: DescriptorLike): MetricNames {
  return {
    otlp: descriptor.name,
    prometheus: descriptor.prometheusName,
    instrument: descriptor.instrument,
    unit: descriptor.unit,
  };
}

function attribute(key: string): AttributeNames {
  return { otlp: key, prometheus: toPrometheusLabel(key) };
}

/** The names, built once: they are constants of the build. */
export const TELEMETRY_NAMES: TelemetryNames = {
  metrics: {
    driftScore: metric(DESCRIPTOR_ML_DRIFT_SCORE),
    driftPValue: metric(DESCRIPTOR_ML_DRIFT_P_VALUE),
    driftStatus: metric(DESCRIPTOR_ML_DRIFT_STATUS),
    driftThreshold: metric(DESCRIPTOR_ML_DRIFT_THRESHOLD),
    calibrationError: metric(DESCRIPTOR_ML_CALIBRATION_ERROR),
    calibrationBinPredictions: metric(DESCRIPTOR_ML_CALIBRATION_BIN_PREDICTIONS),
    calibrationBinMeanScore: metric(DESCRIPTOR_ML_CALIBRATION_BIN_MEAN_SCORE),
    calibrationBinPositiveRatio: metric(DESCRIPTOR_ML_CALIBRATION_BIN_POSITIVE_RATIO),
    qualityScore: metric(DESCRIPTOR_ML_QUALITY_SCORE),
    qualityError: metric(DESCRIPTOR_ML_QUALITY_ERROR),
    dataQualityRatio: metric(DESCRIPTOR_ML_DATA_QUALITY_RATIO),
    monitorSamples: metric(DESCRIPTOR_ML_MONITOR_SAMPLES),
    monitorSamplesWeighted: metric(DESCRIPTOR_ML_MONITOR_SAMPLES_WEIGHTED),
    groundTruthCoverage: metric(DESCRIPTOR_ML_GROUND_TRUTH_COVERAGE),
    groundTruthDelay: metric(DESCRIPTOR_ML_GROUND_TRUTH_DELAY),
    alertStatus: metric(DESCRIPTOR_ML_ALERT_STATUS),
    serviceLatency: metric(DESCRIPTOR_ML_SERVICE_LATENCY),
    serviceErrorRatio: metric(DESCRIPTOR_ML_SERVICE_ERROR_RATIO),
    serviceThroughput: metric(DESCRIPTOR_ML_SERVICE_THROUGHPUT),
    sloBudgetRemaining: metric(DESCRIPTOR_ML_SLO_BUDGET_REMAINING),
    sloBurnRate: metric(DESCRIPTOR_ML_SLO_BURN_RATE),
    genaiTokens: metric(DESCRIPTOR_ML_GENAI_TOKENS),
    genaiTimeToFirstChunk: metric(DESCRIPTOR_ML_GENAI_TIME_TO_FIRST_CHUNK),
    genaiFinishReasonRatio: metric(DESCRIPTOR_ML_GENAI_FINISH_REASON_RATIO),
    costPerThousandRequests: metric(DESCRIPTOR_ML_COST_PER_THOUSAND_REQUESTS),
    evaluationPassRatio: metric(DESCRIPTOR_ML_EVALUATION_PASS_RATIO),
    qualityEstimate: metric(DESCRIPTOR_ML_QUALITY_ESTIMATE),
    qualityEstimateBound: metric(DESCRIPTOR_ML_QUALITY_ESTIMATE_BOUND),
    qualityEstimationError: metric(DESCRIPTOR_ML_QUALITY_ESTIMATION_ERROR),
  },
  attributes: {
    modelName: attribute(ATTR_ML_MODEL_NAME),
    modelVersion: attribute(ATTR_ML_MODEL_VERSION),
    featureName: attribute(ATTR_ML_FEATURE_NAME),
    driftKind: attribute(ATTR_ML_DRIFT_KIND),
    driftMethod: attribute(ATTR_ML_DRIFT_METHOD),
    driftState: attribute(ATTR_ML_DRIFT_STATE),
    driftThresholdKind: attribute(ATTR_ML_DRIFT_THRESHOLD_KIND),
    calibrationMethod: attribute(ATTR_ML_CALIBRATION_METHOD),
    calibrationBin: attribute(ATTR_ML_CALIBRATION_BIN),
    qualityMetric: attribute(ATTR_ML_QUALITY_METRIC),
    dataQualityCheck: attribute(ATTR_ML_DATA_QUALITY_CHECK),
    monitorPopulation: attribute(ATTR_ML_MONITOR_POPULATION),
    alertState: attribute(ATTR_ML_ALERT_STATE),
    alertRule: attribute(ATTR_ML_ALERT_RULE),
    serviceLatencyQuantile: attribute(ATTR_ML_SERVICE_LATENCY_QUANTILE),
    sloName: attribute(ATTR_ML_SLO_NAME),
    sloWindow: attribute(ATTR_ML_SLO_WINDOW),
    genaiTokenType: attribute(ATTR_ML_GENAI_TOKEN_TYPE),
    genaiQuantile: attribute(ATTR_ML_GENAI_QUANTILE),
    genaiFinishReason: attribute(ATTR_ML_GENAI_FINISH_REASON),
    evaluationName: attribute(ATTR_GEN_AI_EVALUATION_NAME),
  },
  slicePrefix: attribute(ATTR_ML_SLICE_PREFIX),
  values: {
    driftKindFeature: ML_DRIFT_KIND_VALUE_FEATURE,
    driftStateDrift: ML_DRIFT_STATE_VALUE_DRIFT,
    alertStateFiring: ML_ALERT_STATE_VALUE_FIRING,
    qualityAccuracy: ML_QUALITY_METRIC_VALUE_ACCURACY,
    qualityBrierScore: ML_QUALITY_METRIC_VALUE_BRIER_SCORE,
    qualityLogLoss: ML_QUALITY_METRIC_VALUE_LOG_LOSS,
    headlineQuality: [
      ML_QUALITY_METRIC_VALUE_ACCURACY,
      ML_QUALITY_METRIC_VALUE_MICRO_F1,
      ML_QUALITY_METRIC_VALUE_NDCG,
      ML_QUALITY_METRIC_VALUE_RMSE,
    ],
    thresholdNominal: ML_DRIFT_THRESHOLD_KIND_VALUE_NOMINAL,
    thresholdEffective: ML_DRIFT_THRESHOLD_KIND_VALUE_EFFECTIVE,
    populationReference: ML_MONITOR_POPULATION_VALUE_REFERENCE,
    populationCurrent: ML_MONITOR_POPULATION_VALUE_CURRENT,
    populationLabeled: ML_MONITOR_POPULATION_VALUE_LABELED,
  },
};
