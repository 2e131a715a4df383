/**
 * Closing windows: once `now` has passed a window's end plus the allowed lateness, every stream
 * of every model version emits that window as a {@link ClosedWindow} (slice streams, then the
 * all-slices stream merged from them), references are updated, and expired pending entries are
 * dropped. In one go ({@link closeWindows}) or in three steps — seal, prepare window by window,
 * finish — so a service can prepare thousands of windows without holding its receivers. Pure
 * apart from mutating `state`; the flush loop calls it with the wall clock.
 */
import type { ModelVersionState, MonitorState, WindowAcc } from './monitor-state.js';
import { activateReferenceEdges, prepareClosedWindow } from './reference-policy.js';
import { activateCbpeReference } from './cbpe-reference-pairs.js';
import { materializeSpanCandidates } from './span-candidates.js';
import { expireEvaluationJoin } from './evaluation-join.js';
import type { ClosedWindow, StreamIdentity } from './types.js';
import type { ExemplarReservoir } from './exemplar-reservoir.js';
import { createWindowAcc, mergeWindowAcc, sealWindowAcc } from './window-acc.js';
import { writePartSums, type PartSums } from './part-sums.js';
import { isWindowClosed } from './windows.js';

/**
 * Closes every window that `nowMs` has passed (end + allowed lateness), oldest first, and
 * returns their snapshots. Calling it again with the same `nowMs` returns nothing new.
 */
export function closeWindows(state: MonitorState, nowMs: number): ClosedWindow[] {
  const closing = sealWindows(state, nowMs);
  const out: ClosedWindow[] = [];
  for (
    let w = closeNextWindow(state, closing);
    w !== undefined;
    w = closeNextWindow(state, closing)
  )
    out.push(w);
  finishClosing(state, closing);
  return out;
}

/**
 * Windows sealed at one close, prepared one at a time. Sealing detaches them from their streams
 * (records for them are late from then on), so they can be prepared in slices while ingest
 * goes on; what ingest reads — the bin edges a new reference activates — changes only in
 * {@link finishClosing}, which the caller runs at a point it can reproduce (the service logs it).
 */
export interface WindowClosing {
  /** Sealed groups in closing order: one model version's windows of one start. */
  readonly groups: SealedGroup[];
  /** Edge activations waiting for {@link finishClosing}. */
  readonly activations: (() => void)[];
}

/** One model version's sealed windows of one start. */
interface SealedGroup {
  readonly mv: ModelVersionState;
  readonly start: number;
  readonly slices: { identity: StreamIdentity | undefined; window: WindowAcc; late: number }[];
  /** Late records of the model version counted up to the seal. */
  readonly late: number;
  /** Next slice to prepare. */
  next: number;
  /** The all-slices sum of two or more slices: a window made here (see {@link mergeIntoAll}). */
  sum: WindowAcc | undefined;
  /** The sums of its parts that merge into new states. */
  readonly parts: PartSums;
}

/**
 * Seals the windows `nowMs` has passed: each stream's closed windows leave the stream (in the
 * order {@link closeWindows} emits them), with the late counts up to now; expired pending
 * entries are dropped. Cheap: no snapshot is taken here.
 */
export function sealWindows(state: MonitorState, nowMs: number): WindowClosing {
  expirePending(state, nowMs);
  expireEvaluationJoin(state, nowMs);
  materializeSpanCandidates(state, nowMs);
  const groups: SealedGroup[] = [];
  for (const mv of state.models.values()) {
    const starts: number[] = [];
    for (const s of mv.streams.values()) {
      for (const start of s.windows.keys()) {
        if (isWindowClosed(state, start, nowMs) && !starts.includes(start)) starts.push(start);
      }
    }
    starts.sort((a, b) => a - b);
    for (const start of starts) {
      const slices: SealedGroup['slices'] = [];
      for (const s of mv.streams.values()) {
        const w = s.windows.get(start);
        if (w === undefined) continue;
        s.windows.delete(start);
        s.lastDataStartMs = start;
        s.valuesHint = valuesHintOf(w);
        slices.push({ identity: s.identity, window: w, late: s.late });
        s.late = 0;
      }
      groups.push({
        mv,
        start,
        slices,
        late: mv.late,
        next: 0,
        sum: undefined,
        parts: new Map(),
      });
      mv.late = 0;
    }
  }
  forgetEventSpanKeys(state, nowMs);
  return { groups, activations: [] };
}

/**
 * The room a stream's next windows make for each numeric feature's values (see
 * `WindowAcc.valuesHint`): the fewest values any numeric feature of `w` held, so that no feature
 * is given more than the sparsest one received (a feature that is often absent would otherwise
 * keep slots it never fills); 0 when `w` held weighted records (those values are not kept in
 * order) or no numeric feature.
 */
function valuesHintOf(w: WindowAcc): number {
  if (w.weightedPredictions !== w.predictions) return 0;
  let hint = -1;
  const features = w.features;
  for (let c = 0; c < features.width; c++) {
    const count = features.numericCountAt(c);
    if (count !== undefined && (hint < 0 || count < hint)) hint = count;
  }
  return Math.max(0, hint);
}

/**
 * The next closed window of `closing` (slice streams, then the all-slices stream merged from
 * them, group by group), or `undefined` when every sealed window has been emitted.
 */
export function closeNextWindow(
  state: MonitorState,
  closing: WindowClosing,
): ClosedWindow | undefined {
  while (closing.groups.length > 0) {
    const group = closing.groups[0]!;
    while (group.next < group.slices.length) {
      const { identity, window: w, late } = group.slices[group.next++]!;
      if (identity === undefined) {
        sealWindowAcc(w);
        mergeIntoAll(state, group, w, w.exemplars);
        continue;
      }
      // Prepared first: its values are then sorted, runs the sum's sketch merges (`sortLevel`)
      // instead of sorting them again; its examples went into the closed window.
      const closed = prepareClosedWindow(state, group.mv, identity, w, late);
      mergeIntoAll(state, group, w, closed.exemplars);
      return closed;
    }
    closing.groups.shift();
    const all = allSlicesOf(state, group);
    const { mv } = group;
    const closed = prepareClosedWindow(state, mv, mv.allSlices, all, group.late);
    closing.activations.push(() => activateReferenceEdges(state, mv, all, closed));
    closing.activations.push(() => activateCbpeReference(state, mv, closed.startMs));
    return closed;
  }
  return undefined;
}

/** Applies what the close changes for ingest (bin edges of new references), in close order. */
export function finishClosing(_state: MonitorState, closing: WindowClosing): void {
  for (const activate of closing.activations.splice(0)) activate();
}

/**
 * Adds a slice window and its examples (which preparing the window took out of it) to the
 * all-slices sum. The sum is one window made here, and the accumulators that hold the
 * most (features, scores, values, examples) are added to in place: each slice window is copied
 * into it once. Merging into a new sum at each step copied the sum's sketches every time —
 * O(streams × sketch) per close, tens of seconds of copying and garbage at 10k streams. The
 * other parts go through binary counters (`part-sums.ts`). Slice windows are never written:
 * they may be kept as their streams' references. A lone slice window stands for the sum.
 */
function mergeIntoAll(
  state: MonitorState,
  group: SealedGroup,
  w: WindowAcc,
  exemplars: ExemplarReservoir | undefined,
): void {
  if (group.slices.length === 1) return;
  group.sum ??= createWindowAcc(group.start, 0, group.mv.columns);
  mergeWindowAcc(state, group.sum, w, group.parts, exemplars);
}

/** The all-slices window of a group whose slices were all added. */
function allSlicesOf(state: MonitorState, group: SealedGroup): WindowAcc {
  if (group.sum === undefined) return group.slices[0]!.window;
  writePartSums(group.parts, group.sum, state.config);
  return group.sum;
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
  const keys = state.eventSpanKeys;
  let closed = 0;
  for (const startMs of keys.values()) {
    if (!isWindowClosed(state, startMs, nowMs)) break;
    closed++;
  }
  // Usually every key is of a closed window: one clear instead of a delete per event (and the
  // table's shrinking rehashes on the way down).
  if (closed === keys.size) {
    keys.clear();
    return;
  }
  for (const key of keys.keys()) {
    if (closed-- === 0) break;
    keys.delete(key);
  }
}
