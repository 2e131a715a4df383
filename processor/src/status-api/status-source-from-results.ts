/**
 * Adapts the service's per-stream history of evaluation results ({@link WindowResult}) into the
 * status API's {@link StatusSource}. Pure mapping, read on every request: the service keeps
 * the results, this module keeps nothing.
 */
import type {
  CalibrationResult,
  DriftResult,
  GroundTruthResult,
  WindowResult,
} from '../evaluate/window-result.js';
import type {
  StatusAlert,
  StatusCalibration,
  StatusFeatureDrift,
  StatusGroundTruth,
  StatusReadiness,
  StatusSource,
  StatusStream,
  StatusWindow,
} from './types.js';

/** What the service offers: the latest result per stream and each stream's history. */
export interface WindowResultStore {
  /** The latest result of every stream. */
  latestResults(): readonly WindowResult[];
  /** The kept results of a stream, oldest first. */
  history(streamKey: string): readonly WindowResult[];
}

/** Optional parts of the status that do not come from window results. */
export interface StatusSourceOptions {
  /** Current alert states (from the alert rules). @default none */
  readonly alerts?: () => readonly StatusAlert[];
  /** Readiness for `/readyz`. @default always ready */
  readonly readiness?: () => StatusReadiness;
}

function toDrift(result: DriftResult, referenceKind: string | undefined): StatusFeatureDrift {
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
  };
}

function toCalibration(result: CalibrationResult): StatusCalibration {
  return {
    method: result.method,
    ...(result.ece !== undefined ? { ece: result.ece } : {}),
    ...(result.mce !== undefined ? { mce: result.mce } : {}),
    ...(result.brier !== undefined ? { brier: result.brier } : {}),
    ...(result.logLoss !== undefined ? { logLoss: result.logLoss } : {}),
    bins: result.bins.map((bin) => ({
      upperEdge: bin.upperEdge,
      count: bin.count,
      ...(bin.meanScore !== undefined ? { meanConfidence: bin.meanScore } : {}),
      ...(bin.positiveRatio !== undefined ? { accuracy: bin.positiveRatio } : {}),
    })),
    ...(result.reason !== undefined ? { reason: result.reason } : {}),
  };
}

/** Coverage plus mean and max delay over every ground-truth source of the window. */
function toGroundTruth(result: GroundTruthResult): StatusGroundTruth {
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

/** Maps one window result to the status API's window. */
export function toStatusWindow(result: WindowResult): StatusWindow {
  return {
    startUnixMillis: result.startUnixMillis,
    endUnixMillis: result.endUnixMillis,
    samples: result.samples,
    drift: result.drift.map((d) => toDrift(d, result.referenceKind)),
    dataQuality: result.dataQuality,
    ...(result.calibration !== undefined ? { calibration: toCalibration(result.calibration) } : {}),
    quality: result.quality.map((q) => ({
      metric: q.metric,
      instrument: q.instrument,
      ...(q.value !== undefined ? { value: q.value } : {}),
      ...(q.reason !== undefined ? { reason: q.reason } : {}),
    })),
    groundTruth: toGroundTruth(result.groundTruth),
  };
}

/**
 * A {@link StatusSource} over the service's results. The overflow stream (records beyond the
 * stream cap) is left out: it has no model of its own to show; `/metrics` carries it with
 * `otel.metric.overflow=true`.
 */
export function statusSourceFromResults(
  store: WindowResultStore,
  options: StatusSourceOptions = {},
): StatusSource {
  return {
    listStreams: (): StatusStream[] =>
      store
        .latestResults()
        .filter((result) => result.stream.overflow !== true)
        .map(({ stream }) => ({
          key: stream.key,
          modelName: stream.modelName,
          modelVersion: stream.modelVersion,
          ...(stream.task !== undefined ? { modelTask: stream.task } : {}),
          slice: stream.slice,
        })),
    history: (streamKey, n) => store.history(streamKey).slice(-n).map(toStatusWindow),
    alerts: () => options.alerts?.() ?? [],
    ...(options.readiness !== undefined ? { readiness: options.readiness } : {}),
  };
}
