/**
 * Closing windows: once `now` has passed a window's end plus the allowed lateness, every stream
 * of every model version emits that window as a {@link ClosedWindow} (slice streams, then the
 * all-slices stream merged from them), references are updated, and expired pending entries are
 * dropped. Pure apart from mutating `state`; the flush loop calls it with the wall clock.
 */
import { recordPrediction } from './apply-records.js';
import type {
  ModelVersionState,
  MonitorState,
  StoredReference,
  WindowAcc,
} from './monitor-state.js';
import { resolveModelVersion, resolveSliceStream } from './streams.js';
import type { ClosedWindow, NumericSnapshot, StreamIdentity, StreamReference } from './types.js';
import { alignPair, deriveEdges } from './align-numeric.js';
import {
  createWindowAcc,
  mergeWindowAcc,
  snapshotCounts,
  snapshotFeatures,
  snapshotLabeled,
  snapshotOutputs,
  trimWindowAcc,
  VALUE_EDGES_KEY,
} from './window-acc.js';
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
      if (s.identity !== undefined) {
        out.push(emit(state, mv, s.identity, w, s.late));
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
      const closed = emit(state, mv, mv.allSlices, all, mv.late);
      out.push(closed);
      mv.late = 0;
      if (mv.references.get(mv.allSlices.key)?.window === all) activateEdges(state, mv, closed);
    }
  }
}

function emit(
  state: MonitorState,
  mv: ModelVersionState,
  identity: StreamIdentity,
  w: WindowAcc,
  late: number,
): ClosedWindow {
  let reference: StreamReference | undefined;
  let isReference = false;
  const mode = state.config.reference;
  if (mode === 'profile' && mv.profile !== undefined) {
    reference = { kind: 'training', id: mv.profile.id, profile: mv.profile.profile };
  } else {
    const stored = mv.references.get(identity.key);
    const kind = mode === 'previous-window' ? 'previous_window' : 'fixed_window';
    if (stored !== undefined) reference = referenceOf(state, stored, kind);
    if (hasPredictions(w) && (stored === undefined || mode === 'previous-window')) {
      trimWindowAcc(w); // kept, never recorded into again: no spare buffer space
      mv.references.set(identity.key, { window: w });
      isReference = mode !== 'previous-window';
    }
  }
  const features = snapshotFeatures(w, state.config);
  let outputs = snapshotOutputs(w, state.config);
  if (reference !== undefined && reference.kind !== 'training') {
    // Same edges on both sides (see align-numeric.ts).
    const refByName = new Map(reference.features.map((f, i) => [f.name, i]));
    const refFeatures = [...reference.features];
    for (let i = 0; i < features.length; i++) {
      const f = features[i]!;
      const j = refByName.get(f.name);
      const r = j === undefined ? undefined : refFeatures[j]!;
      if (f.kind !== 'numeric' || r === undefined || r.kind !== 'numeric' || r.count === 0)
        continue;
      const [c, rr] = alignPair(f.snapshot, r.snapshot);
      features[i] = { ...f, snapshot: c };
      refFeatures[j!] = { ...r, snapshot: rr };
    }
    let refOutputs = reference.outputs;
    if (
      outputs.value !== undefined &&
      refOutputs.value !== undefined &&
      refOutputs.value.count > 0
    ) {
      const [c, rr] = alignPair(outputs.value, refOutputs.value);
      outputs = { ...outputs, value: c };
      refOutputs = { ...refOutputs, value: rr };
    }
    reference = { ...reference, features: refFeatures, outputs: refOutputs };
  }
  return {
    stream: identity,
    startMs: w.startMs,
    endMs: w.startMs + state.windowMs,
    features,
    outputs,
    labeled: snapshotLabeled(w, state.config),
    counts: snapshotCounts(w, late),
    reference,
    isReference,
  };
}

/**
 * A window can serve as a reference once it saw predictions: events/spans, or score-histogram
 * points (services that send only metrics still get prediction drift).
 */
function hasPredictions(w: WindowAcc): boolean {
  return w.predictions > 0 || (w.scoreHistogram !== undefined && w.scoreHistogram.count > 0);
}

/** Activations kept per feature (older windows than these have long closed). */
const MAX_ACTIVATIONS = 8;

/**
 * A new all-slices reference window: its decile edges bin the model version's numeric
 * features (and regression output) in every window that has not been opened yet.
 */
function activateEdges(state: MonitorState, mv: ModelVersionState, closed: ClosedWindow): void {
  let maxOpen = closed.startMs;
  for (const s of mv.streams.values())
    for (const start of s.windows.keys()) maxOpen = Math.max(maxOpen, start);
  const fromStartMs = maxOpen + state.windowMs;
  const activate = (key: string, snapshot: NumericSnapshot): void => {
    if (snapshot.count === 0) return;
    const list = mv.numericEdges.get(key) ?? [];
    list.push({ fromStartMs, edges: deriveEdges(snapshot) });
    if (list.length > MAX_ACTIVATIONS) list.shift();
    mv.numericEdges.set(key, list);
  };
  for (const f of closed.features) if (f.kind === 'numeric') activate(f.name, f.snapshot);
  if (closed.outputs.value !== undefined) activate(VALUE_EDGES_KEY, closed.outputs.value);
}

function referenceOf(
  state: MonitorState,
  stored: StoredReference,
  kind: 'fixed_window' | 'previous_window',
): StreamReference {
  // Snapshotted anew at each close, not kept: the snapshots share the trimmed window's buffers,
  // so this costs a few small objects per feature, while keeping them cost ~24 KB per stream
  // (evaluate memoises what it builds from them).
  const w = stored.window;
  return {
    kind,
    id: new Date(w.startMs).toISOString(),
    startMs: w.startMs,
    endMs: w.startMs + state.windowMs,
    features: snapshotFeatures(w, state.config),
    outputs: snapshotOutputs(w, state.config),
    labeled: snapshotLabeled(w, state.config),
    counts: snapshotCounts(w, 0),
  };
}

/**
 * Span-derived predictions whose window is closing become predictions now: no event can
 * supersede them any more. They are recorded as of the last instant their window was open.
 */
function materializeSpanCandidates(state: MonitorState, nowMs: number): void {
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
