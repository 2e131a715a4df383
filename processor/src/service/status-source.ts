/**
 * Adapts the service's per-stream result history to the status API's read-only
 * {@link StatusSource} (`/api/v1/models…`, used by the dashboard). Pure mapping; alerts arrive
 * with issue 7.
 */
import type { WindowResult } from '../evaluate/window-result.js';
import type { StatusSource, StatusStream, StatusWindow } from '../status-api/types.js';

/** What the adapter reads from the service. */
export interface ResultHistory {
  latestResults(): readonly WindowResult[];
  history(streamKey: string): readonly WindowResult[];
}

/** A status source over the service's results; `ready` says whether the service serves. */
export function createStatusSource(results: ResultHistory, ready: () => boolean): StatusSource {
  return {
    listStreams: () => results.latestResults().map(toStatusStream),
    history: (key, n) => results.history(key).slice(-n).map(toStatusWindow),
    alerts: () => [],
    readiness: () =>
      ready() ? { ready: true } : { ready: false, reason: 'the receivers are not listening' },
  };
}

/** The stream of a result. */
export function toStatusStream(result: WindowResult): StatusStream {
  const s = result.stream;
  return {
    key: s.key,
    modelName: s.modelName,
    modelVersion: s.modelVersion,
    ...(s.task !== undefined ? { modelTask: s.task } : {}),
    slice: s.slice,
  };
}

/** A window result in the status API's terms. */
export function toStatusWindow(result: WindowResult): StatusWindow {
  let delayCount = 0;
  let delaySum = 0;
  let delayMax: number | undefined;
  for (const h of Object.values(result.groundTruth.delays)) {
    delayCount += h.count;
    delaySum += h.sum;
    if (h.max !== undefined) delayMax = delayMax === undefined ? h.max : Math.max(delayMax, h.max);
  }
  const c = result.calibration;
  return {
    startUnixMillis: result.startUnixMillis,
    endUnixMillis: result.endUnixMillis,
    samples: result.samples,
    drift: result.drift.map((d) => ({
      feature: d.feature,
      kind: d.kind,
      method: d.method,
      status: d.state,
      ...(d.score !== undefined ? { score: d.score } : {}),
      ...(d.pValue !== undefined ? { pValue: d.pValue } : {}),
      ...(d.threshold !== undefined ? { thresholdNominal: d.threshold } : {}),
      ...(d.effectiveThreshold !== undefined ? { thresholdEffective: d.effectiveThreshold } : {}),
      nReference: d.nReference,
      nCurrent: d.nCurrent,
      ...(result.referenceKind !== undefined ? { referenceKind: result.referenceKind } : {}),
      ...(d.reason !== undefined ? { reason: d.reason } : {}),
    })),
    dataQuality: result.dataQuality,
    ...(c
      ? {
          calibration: {
            method: c.method,
            ...(c.ece !== undefined ? { ece: c.ece } : {}),
            ...(c.mce !== undefined ? { mce: c.mce } : {}),
            ...(c.brier !== undefined ? { brier: c.brier } : {}),
            ...(c.logLoss !== undefined ? { logLoss: c.logLoss } : {}),
            bins: c.bins.map((b) => ({
              upperEdge: b.upperEdge,
              count: b.count,
              ...(b.meanScore !== undefined ? { meanConfidence: b.meanScore } : {}),
              ...(b.positiveRatio !== undefined ? { accuracy: b.positiveRatio } : {}),
            })),
            ...(c.reason !== undefined ? { reason: c.reason } : {}),
          },
        }
      : {}),
    quality: result.quality.map((q) => ({
      metric: q.metric,
      ...(q.value !== undefined ? { value: q.value } : {}),
      ...(q.reason !== undefined ? { reason: q.reason } : {}),
    })),
    groundTruth: {
      ...(result.groundTruth.coverage !== undefined
        ? { coverage: result.groundTruth.coverage }
        : {}),
      labeled: result.groundTruth.labeled,
      ...(delayCount > 0 ? { meanDelaySeconds: delaySum / delayCount } : {}),
      ...(delayMax !== undefined ? { maxDelaySeconds: delayMax } : {}),
    },
  };
}
