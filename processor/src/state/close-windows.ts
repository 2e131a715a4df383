/**
 * Closing windows: once `now` has passed a window's end plus the allowed lateness, every stream
 * of every model version emits that window as a {@link ClosedWindow} (slice streams, then the
 * all-slices stream merged from them), references are updated, and expired pending entries are
 * dropped. Pure apart from mutating `state`; the flush loop calls it with the wall clock.
 */
import type { ModelVersionState, MonitorState, WindowAcc } from './monitor-state.js';
import { activateReferenceEdges, prepareClosedWindow } from './reference-policy.js';
import { materializeSpanCandidates } from './span-candidates.js';
import type { ClosedWindow } from './types.js';
import { createWindowAcc, mergeWindowAcc } from './window-acc.js';
import { isWindowClosed } from './windows.js';

/**
 * Closes every window that `nowMs` has passed (end + allowed lateness), oldest first, and
 * returns their snapshots. Calling it again with the same `nowMs` returns nothing new.
 */
export function closeWindows(state: MonitorState, nowMs: number): ClosedWindow[] {
  expirePending(state, nowMs);
  materializeSpanCandidates(state, nowMs);
  const out: ClosedWindow[] = [];
  for (const mv of state.models.values()) closeModelVersion(state, mv, nowMs, out);
  forgetEventSpanKeys(state, nowMs);
  return out;
}

function closeModelVersion(
  state: MonitorState,
  mv: ModelVersionState,
  nowMs: number,
  out: ClosedWindow[],
): void {
  const starts: number[] = [];
  for (const s of mv.streams.values()) {
    for (const start of s.windows.keys()) {
      if (isWindowClosed(state, start, nowMs) && !starts.includes(start)) starts.push(start);
    }
  }
  starts.sort((a, b) => a - b);
  for (const start of starts) {
    let all: WindowAcc | undefined;
    let merged = false;
    for (const s of mv.streams.values()) {
      const w = s.windows.get(start);
      if (w === undefined) continue;
      s.windows.delete(start);
      s.lastDataStartMs = start;
      if (s.identity !== undefined) {
        out.push(prepareClosedWindow(state, mv, s.identity, w, s.late));
        s.late = 0;
      }
      if (all === undefined) all = w;
      else {
        // A fresh window for the sum: slice windows may be kept as their streams' references.
        if (!merged) {
          const first = all;
          all = createWindowAcc(start);
          mergeWindowAcc(state, all, first);
          merged = true;
        }
        mergeWindowAcc(state, all, w);
      }
    }
    if (all !== undefined) {
      const closed = prepareClosedWindow(state, mv, mv.allSlices, all, mv.late);
      out.push(closed);
      mv.late = 0;
      activateReferenceEdges(state, mv, all, closed);
    }
  }
}

/** Drops pending predictions, labels and label ids past their TTL (Maps are in arrival order). */
function expirePending(state: MonitorState, nowMs: number): void {
  const predictionCutoff = nowMs - state.config.pendingPredictionTtlSeconds * 1000;
  for (const [id, p] of state.pendingPredictions) {
    if (p.arrivedMs >= predictionCutoff) break;
    state.pendingPredictions.delete(id);
    if (!p.joined) state.counters.expiredPendingPredictions++;
  }
  const labelCutoff = nowMs - state.config.pendingLabelTtlSeconds * 1000;
  for (const [id, l] of state.pendingLabels) {
    if (l.arrivedMs >= labelCutoff) break;
    state.pendingLabels.delete(id);
    state.counters.expiredPendingLabels++;
  }
  for (const [id, arrivedMs] of state.seenLabelIds) {
    if (arrivedMs >= predictionCutoff) break;
    state.seenLabelIds.delete(id);
  }
}

/** Event span keys are needed only until their window closes (no span candidate can follow). */
function forgetEventSpanKeys(state: MonitorState, nowMs: number): void {
  for (const [key, startMs] of state.eventSpanKeys) {
    if (!isWindowClosed(state, startMs, nowMs)) break;
    state.eventSpanKeys.delete(key);
  }
}
