/**
 * Applies extracted ML records to the state: predictions into their stream's window (span
 * predictions held as candidates until window close), labels joined or parked, score
 * and duration histograms turned into deltas, inference calls into the service SLIs. Pure apart from mutating `state`; `nowMs` is the receive time.
 */
import { createExemplarReservoir, offerCall } from './exemplar-reservoir.js';
import type {
  DurationHistogramRecord,
  GenAiCallRecord,
  GenAiHistogramRecord,
  GroundTruthRecord,
  InferenceRecord,
  MlRecord,
  PredictionRecord,
  ScoreHistogramRecord,
} from '../extract/types.js';
import { countDropped, countRejected, emptyApplyResult, type ApplyResult } from './apply-result.js';
import { taskOfPrediction } from './model-task.js';
import type {
  ModelVersionState,
  MonitorState,
  PendingPrediction,
  SliceStream,
  WindowAcc,
} from './monitor-state.js';
import { isShadowOf, joinShadows, keptLabel, shadowKeyOf } from './shadow-join.js';
import {
  DROP_REASON_DUPLICATE_GROUND_TRUTH,
  DROP_REASON_DUPLICATE_PREDICTION,
  DROP_REASON_SUPERSEDED_BY_EVENT,
  REJECT_REASON_TIMESTAMP_IN_FUTURE,
} from './reasons.js';
import { resolveModelVersion, resolveSliceStream, setModelTask } from './streams.js';
import { dropOldestIfFull } from './bounded-map.js';
import { joinLabel } from './join-label.js';
import { applyEvaluation } from './evaluation-join.js';
import { applyGenAiCall } from './apply-genai-call.js';
import { applyGenAiHistogram } from './apply-genai-histogram.js';
import { recordPrediction } from './record-prediction.js';
import { holdSpanCandidate } from './span-candidates.js';
import { recordScoreHistogram, recordService } from './window-acc.js';
import { isWindowClosed, windowAccFor, windowStartOf } from './windows.js';

/** Applies `records` (in order) and counts what happened to them. */
export function applyRecords(
  state: MonitorState,
  records: readonly MlRecord[],
  nowMs: number,
  result: ApplyResult = emptyApplyResult(),
): ApplyResult {
  const maxTimeMs = nowMs + state.config.maxFutureSkewSeconds * 1000;
  for (const r of records) {
    if (r.timeMs > maxTimeMs) {
      countRejected(result, REJECT_REASON_TIMESTAMP_IN_FUTURE);
      continue;
    }
    if (r.type === 'prediction') applyPrediction(state, r, nowMs, result);
    else if (r.type === 'ground_truth') applyGroundTruth(state, r, nowMs, result);
    else if (r.type === 'evaluation') applyEvaluation(state, r, nowMs, result);
    else if (r.type === 'genai_call') applyGenAiCall(state, r, nowMs, result);
    else if (r.type === 'inference') applyInference(state, r, nowMs, result);
    else if (r.type === 'duration_histogram') applyDurationHistogram(state, r, nowMs, result);
    else if (r.type === 'genai_histogram') applyGenAiHistogram(state, r, nowMs, result);
    else applyScoreHistogram(state, r, nowMs, result);
  }
  return result;
}

function resolveTarget(
  state: MonitorState,
  r: PredictionRecord,
): { mv: ModelVersionState; stream: SliceStream } {
  const mv = resolveModelVersion(state, r.model, r.version, r.resource);
  if (mv.task === undefined) {
    const task = taskOfPrediction(r);
    if (task !== undefined) setModelTask(mv, task);
  }
  if (mv.classes === undefined && r.classes !== undefined) mv.classes = r.classes;
  return { mv, stream: resolveSliceStream(state, mv, r.slices) };
}

function applyPrediction(
  state: MonitorState,
  r: PredictionRecord,
  nowMs: number,
  result: ApplyResult,
): void {
  const { mv, stream } = resolveTarget(state, r);
  const startMs = windowStartOf(state, r.timeMs);
  if (isWindowClosed(state, startMs, nowMs)) {
    stream.late++;
    mv.late++;
    result.late++;
    return;
  }
  const id = r.predictionId;
  if (r.source === 'span') {
    holdSpanCandidate(state, r, startMs, result);
    return;
  }
  let shadowed: PendingPrediction | undefined;
  if (id !== undefined) {
    const existing = state.pendingPredictions.get(id);
    if (existing !== undefined) {
      // Another version of the model scoring the same request is a shadow, not a duplicate.
      if (
        !isShadowOf(state, existing, mv) ||
        state.pendingPredictions.has(shadowKeyOf(id, mv.key))
      ) {
        countDropped(result, DROP_REASON_DUPLICATE_PREDICTION);
        return;
      }
      shadowed = existing;
    }
    if (state.spanCandidates.size > 0 && state.spanCandidates.delete(id)) {
      countDropped(result, DROP_REASON_SUPERSEDED_BY_EVENT);
    }
  }
  if (r.spanKey !== '') {
    if (state.spanCandidates.size > 0 && state.spanCandidates.delete(r.spanKey)) {
      countDropped(result, DROP_REASON_SUPERSEDED_BY_EVENT);
    }
    // Remembered until the window closes, so that an id-less span arriving later is superseded.
    dropOldestIfFull(state.eventSpanKeys, state.config.maxSpanCandidates);
    state.eventSpanKeys.set(r.spanKey, startMs);
  }
  recordPrediction(state, mv, stream, r, startMs, nowMs, shadowed);
  result.accepted++;
}

function applyGroundTruth(
  state: MonitorState,
  r: GroundTruthRecord,
  nowMs: number,
  result: ApplyResult,
): void {
  const gtId = r.groundTruthId;
  if (gtId !== undefined) {
    if (state.seenLabelIds.has(gtId)) {
      countDropped(result, DROP_REASON_DUPLICATE_GROUND_TRUTH);
      return;
    }
    dropOldestIfFull(state.seenLabelIds, state.config.maxSeenLabelIds);
    state.seenLabelIds.set(gtId, nowMs);
  }
  const id = r.predictionId;
  const p = state.pendingPredictions.get(id);
  if (p !== undefined) {
    if (p.joined) {
      countDropped(result, DROP_REASON_DUPLICATE_GROUND_TRUTH);
      return;
    }
    if (joinLabel(state, p, r, nowMs)) result.late++;
    else result.accepted++;
    p.joinedLabel = keptLabel(r, nowMs);
    joinShadows(state, p, r, nowMs);
    return;
  }
  if (state.pendingLabels.has(id)) {
    countDropped(result, DROP_REASON_DUPLICATE_GROUND_TRUTH);
    return;
  }
  // The label came first: it waits (bounded, with a TTL) for its prediction.
  const labels = state.pendingLabels;
  if (dropOldestIfFull(labels, state.config.maxPendingLabels))
    state.counters.evictedPendingLabels++;
  labels.set(id, {
    arrivedMs: nowMs,
    timeMs: r.timeMs,
    label: r.label,
    value: r.value,
    source: r.source,
    ...(r.labels !== undefined ? { labels: r.labels } : {}),
    ...(r.relevantItems !== undefined ? { relevantItems: r.relevantItems } : {}),
    ...(r.relevance !== undefined ? { relevance: r.relevance } : {}),
  });
  result.accepted++;
}

function applyScoreHistogram(
  state: MonitorState,
  r: ScoreHistogramRecord,
  nowMs: number,
  result: ApplyResult,
): void {
  const at = histogramPointWindow(state, r, nowMs, result);
  if (at !== undefined)
    recordScoreHistogram(at.w, { explicitBounds: r.explicitBounds, ...at.point });
}

function applyDurationHistogram(
  state: MonitorState,
  r: DurationHistogramRecord,
  nowMs: number,
  result: ApplyResult,
): void {
  const at = histogramPointWindow(state, r, nowMs, result);
  if (at !== undefined) recordDurationPoint(state, at.w, r, at.point);
}

/** A histogram point's own counts: a delta point's, or a cumulative point's increase. */
type DeltaPoint = ReturnType<typeof deltaOf>;

/**
 * The delta of histogram point `r` and the open window it goes to; `undefined` when that window
 * has closed (counted late) or the point adds nothing.
 */
export function histogramPointWindow(
  state: MonitorState,
  r: HistogramRecord,
  nowMs: number,
  result: ApplyResult,
): { point: DeltaPoint; w: WindowAcc } | undefined {
  const point = deltaOf(state, r);
  const open = openWindowOf(state, r, nowMs, result);
  if (open === undefined || point.count === 0) return undefined;
  return { point, w: windowAccFor(open.stream, open.startMs) };
}

/** Records a duration point's calls (delta `point` of `r`) in the window's service SLIs. */
export function recordDurationPoint(
  state: MonitorState,
  w: WindowAcc,
  r: DurationHistogramRecord | GenAiHistogramRecord,
  point: DeltaPoint,
): void {
  recordService(state, w, {
    kind: 'histogram',
    errorType: r.errorType,
    explicitBounds: r.explicitBounds,
    ...point,
  });
}

function applyInference(
  state: MonitorState,
  r: InferenceRecord,
  nowMs: number,
  result: ApplyResult,
): void {
  const open = openWindowOf(state, r, nowMs, r.countsAsRecord ? result : undefined);
  if (open === undefined) return;
  const w = windowAccFor(open.stream, open.startMs);
  recordService(state, w, {
    kind: 'span',
    seconds: r.durationSeconds,
    errorType: r.errorType,
    weight: r.weight,
  });
  if (state.config.exemplars && r.spanKey !== ':') {
    w.exemplars ??= createExemplarReservoir(w.startMs);
    offerCall(w.exemplars, r.durationSeconds, r.errorType !== undefined, r.spanKey, r.timeMs);
  }
}

/**
 * The stream and open window start of a metric point or call, counting the record as accepted;
 * or `undefined` (counted late) when that window has closed. Without `result` nothing is counted
 * (a call whose span is counted as its prediction).
 */
export function openWindowOf(
  state: MonitorState,
  r: HistogramRecord | InferenceRecord | GenAiCallRecord,
  nowMs: number,
  result: ApplyResult | undefined,
): { mv: ModelVersionState; stream: SliceStream; startMs: number } | undefined {
  const mv = resolveModelVersion(state, r.model, r.version, r.resource);
  const stream = resolveSliceStream(state, mv, r.slices);
  const startMs = windowStartOf(state, r.timeMs);
  if (isWindowClosed(state, startMs, nowMs)) {
    if (result !== undefined) {
      stream.late++;
      mv.late++;
      result.late++;
    }
    return undefined;
  }
  if (result !== undefined) result.accepted++;
  return { mv, stream, startMs };
}

/** A histogram point of the instrumentation's or the GenAI client metrics. */
type HistogramRecord = ScoreHistogramRecord | DurationHistogramRecord | GenAiHistogramRecord;

/**
 * The point's own counts (delta temporality), or for cumulative series the increase since the
 * previous point of the same series; a new start time or a decrease means the series
 * restarted: the point is taken whole.
 */
export function deltaOf(
  state: MonitorState,
  r: HistogramRecord,
): { bucketCounts: readonly number[]; count: number; sum: number | undefined } {
  let bucketCounts = r.bucketCounts;
  let count = r.count;
  let sum = r.sum;
  if (!r.cumulative) return { bucketCounts, count, sum };
  const prev = state.scoreSeries.get(r.seriesKey);
  if (prev !== undefined && isContinuation(prev, r)) {
    const delta = new Array<number>(bucketCounts.length);
    for (let i = 0; i < delta.length; i++) delta[i] = bucketCounts[i]! - prev.bucketCounts[i]!;
    bucketCounts = delta;
    count -= prev.count;
    sum = sum !== undefined && prev.sum !== undefined ? sum - prev.sum : undefined;
  }
  if (prev !== undefined)
    state.scoreSeries.delete(r.seriesKey); // keep Map order = recency
  else dropOldestIfFull(state.scoreSeries, state.config.maxScoreSeries);
  state.scoreSeries.set(r.seriesKey, {
    startTimeMs: r.startTimeMs,
    bucketCounts: r.bucketCounts,
    count: r.count,
    sum: r.sum,
  });
  return { bucketCounts, count, sum };
}

function isContinuation(
  prev: { startTimeMs: number; bucketCounts: readonly number[]; count: number },
  r: HistogramRecord,
): boolean {
  if (prev.startTimeMs !== r.startTimeMs || r.count < prev.count) return false;
  if (prev.bucketCounts.length !== r.bucketCounts.length) return false;
  for (let i = 0; i < r.bucketCounts.length; i++) {
    if (r.bucketCounts[i]! < prev.bucketCounts[i]!) return false;
  }
  return true;
}
