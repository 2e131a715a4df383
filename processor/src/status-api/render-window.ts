/**
 * The status API's rendering of {@link WindowResult}: the one place where a result's fields
 * become the documented JSON names (`state` → `status`, `threshold` → `thresholdNominal`,
 * `meanScore` → `meanConfidence`, per-source delay histograms → mean and max delay). Every
 * builder in this folder renders through these functions, so a field added to the result is
 * mapped once.
 */
import type {
  CalibrationResult,
  DriftResult,
  GroundTruthResult,
  ServiceResult,
  WindowResult,
} from '../evaluate/window-result.js';
import type {
  CalibrationPoint,
  FeatureDriftPoint,
  StatusCalibration,
  StatusFeatureDrift,
  StatusGroundTruth,
  StatusService,
} from './types.js';

/** One drift decision as the status API shows it; `referenceKind` comes from its window. */
export function renderDrift(
  result: DriftResult,
  referenceKind: string | undefined,
): StatusFeatureDrift {
  return {
    feature: result.feature,
    kind: result.kind,
    method: result.method,
    status: result.state,
    ...(result.score !== undefined ? { score: result.score } : {}),
    ...(result.pValue !== undefined ? { pValue: result.pValue } : {}),
    ...(result.threshold !== undefined ? { thresholdNominal: result.threshold } : {}),
    ...(result.effectiveThreshold !== undefined
      ? { thresholdEffective: result.effectiveThreshold }
      : {}),
    nReference: result.nReference,
    nCurrent: result.nCurrent,
    ...(referenceKind !== undefined ? { referenceKind } : {}),
    primary: result.primary,
    ...(result.reason !== undefined ? { reason: result.reason } : {}),
    ...(result.exemplars !== undefined ? { exemplars: result.exemplars } : {}),
  };
}

/** A drift decision reduced to the values a history chart plots. */
export function renderDriftPoint(result: DriftResult): FeatureDriftPoint {
  return {
    status: result.state,
    ...(result.score !== undefined ? { score: result.score } : {}),
    ...(result.pValue !== undefined ? { pValue: result.pValue } : {}),
    ...(result.effectiveThreshold !== undefined
      ? { thresholdEffective: result.effectiveThreshold }
      : {}),
    nCurrent: result.nCurrent,
  };
}

/** Calibration with its reliability bins. */
export function renderCalibration(result: CalibrationResult): StatusCalibration {
  return {
    method: result.method,
    ...renderCalibrationPoint(result),
    bins: result.bins.map((bin) => ({
      upperEdge: bin.upperEdge,
      count: bin.count,
      ...(bin.meanScore !== undefined ? { meanConfidence: bin.meanScore } : {}),
      ...(bin.positiveRatio !== undefined ? { accuracy: bin.positiveRatio } : {}),
      ...(bin.exemplar !== undefined ? { exemplar: bin.exemplar } : {}),
    })),
    ...(result.reason !== undefined ? { reason: result.reason } : {}),
  };
}

/** The calibration summary values of one window (no bins). */
export function renderCalibrationPoint(result: CalibrationResult): CalibrationPoint {
  return {
    ...(result.ece !== undefined ? { ece: result.ece } : {}),
    ...(result.mce !== undefined ? { mce: result.mce } : {}),
    ...(result.brier !== undefined ? { brier: result.brier } : {}),
    ...(result.logLoss !== undefined ? { logLoss: result.logLoss } : {}),
  };
}

/** Coverage plus mean and max delay over every ground-truth source of the window. */
export function renderGroundTruth(result: GroundTruthResult): StatusGroundTruth {
  let count = 0;
  let sum = 0;
  let max: number | undefined;
  for (const histogram of Object.values(result.delays)) {
    count += histogram.count;
    sum += histogram.sum;
    if (histogram.max !== undefined) max = Math.max(max ?? histogram.max, histogram.max);
  }
  return {
    ...(result.coverage !== undefined ? { coverage: result.coverage } : {}),
    labeled: result.labeled,
    ...(count > 0 ? { meanDelaySeconds: sum / count } : {}),
    ...(max !== undefined ? { maxDelaySeconds: max } : {}),
  };
}

/** Service SLIs with the latency quantiles named in seconds. */
export function renderService(result: ServiceResult): StatusService {
  const latency = result.latency;
  return {
    requests: result.requests,
    errors: result.errors,
    errorsByType: result.errorsByType,
    ...(result.errorRatio !== undefined ? { errorRatio: result.errorRatio } : {}),
    throughputPerSecond: result.throughputPerSecond,
    ...(latency !== undefined
      ? {
          latency: {
            source: latency.source,
            count: latency.count,
            ...(latency.p50 !== undefined ? { p50Seconds: latency.p50 } : {}),
            ...(latency.p95 !== undefined ? { p95Seconds: latency.p95 } : {}),
            ...(latency.p99 !== undefined ? { p99Seconds: latency.p99 } : {}),
            ...(latency.exemplars !== undefined ? { exemplars: latency.exemplars } : {}),
          },
        }
      : {}),
    ...(result.errorExemplars !== undefined ? { errorExemplars: result.errorExemplars } : {}),
  };
}

/** The window's drift decisions, rendered with the window's reference kind. */
export function renderWindowDrift(window: WindowResult): StatusFeatureDrift[] {
  return window.drift.map((d) => renderDrift(d, window.referenceKind));
}
