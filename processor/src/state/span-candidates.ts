/**
 * Span-derived predictions: a span is only a candidate until its window closes, since an
 * `ml.prediction` event for the same prediction (same id, or emitted inside the span)
 * supersedes it; at close the remaining candidates become predictions.
 */
import type { PredictionRecord } from '../extract/types.js';
import { countDropped, type ApplyResult } from './apply-result.js';
import type { MonitorState } from './monitor-state.js';
import {
  DROP_REASON_DUPLICATE_PREDICTION,
  DROP_REASON_SPAN_CANDIDATES_FULL,
  DROP_REASON_SUPERSEDED_BY_EVENT,
} from './reasons.js';
import { recordPrediction } from './record-prediction.js';
import { resolveModelVersion, resolveSliceStream } from './streams.js';
import { isWindowClosed } from './windows.js';

/**
 * Spans are only candidates: an `ml.prediction` event for the same prediction (same id, or
 * emitted inside the span) supersedes them, so they wait until their window closes.
 */
export function holdSpanCandidate(
  state: MonitorState,
  r: PredictionRecord,
  startMs: number,
  result: ApplyResult,
): void {
  const id = r.predictionId;
  if (
    (id !== undefined && state.pendingPredictions.has(id)) ||
    state.eventSpanKeys.has(r.spanKey)
  ) {
    countDropped(result, DROP_REASON_SUPERSEDED_BY_EVENT);
    return;
  }
  const key = id ?? r.spanKey;
  if (state.spanCandidates.has(key)) {
    countDropped(result, DROP_REASON_DUPLICATE_PREDICTION);
    return;
  }
  if (state.spanCandidates.size >= state.config.maxSpanCandidates) {
    countDropped(result, DROP_REASON_SPAN_CANDIDATES_FULL);
    return;
  }
  state.spanCandidates.set(key, { record: r, windowStartMs: startMs });
  result.accepted++;
}

/**
 * Span-derived predictions whose window is closing become predictions now: no event can
 * supersede them any more. They are recorded as of the last instant their window was open.
 */
export function materializeSpanCandidates(state: MonitorState, nowMs: number): void {
  for (const [key, c] of state.spanCandidates) {
    if (!isWindowClosed(state, c.windowStartMs, nowMs)) continue;
    state.spanCandidates.delete(key);
    const r = c.record;
    if (r.predictionId !== undefined && state.pendingPredictions.has(r.predictionId)) continue;
    const mv = resolveModelVersion(state, r.model, r.version, r.resource);
    const stream = resolveSliceStream(state, mv, r.slices);
    const lastOpenMs = c.windowStartMs + state.windowMs + state.latenessMs;
    recordPrediction(state, mv, stream, r, c.windowStartMs, lastOpenMs);
  }
}
