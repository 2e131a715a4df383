/**
 * The reference policy: which reference a closing window is compared with (the model version's
 * training profile, the stream's first window, its previous window, its window one season
 * earlier, or the union of its last few windows), which windows become
 * references, the bin edges a new reference sets for later windows, and the evaluation
 * preparation of a closed window (its numeric snapshots and the reference's on the same edges).
 *
 * Calls go one way: `close-windows.ts` asks this module for each window's {@link ClosedWindow};
 * this module reads the window's accumulators through `window-acc.ts` and never calls back.
 */
import { alignPair, deriveEdges } from './align-numeric.js';
import type { ModelVersionState, MonitorState, WindowAcc } from './monitor-state.js';
import type {
  ClosedWindow,
  FeatureWindow,
  NumericSnapshot,
  OutputsWindow,
  StreamIdentity,
  StreamReference,
} from './types.js';
import {
  snapshotCounts,
  snapshotFeatures,
  snapshotLabeled,
  snapshotOutputs,
  createWindowAcc,
  mergeWindowAcc,
  sealWindowAcc,
  trimWindowAcc,
  VALUE_EDGES_KEY,
} from './window-acc.js';
import { snapshotPart } from './window-parts.js';
import { takeQualityBaseline } from './quality-baseline.js';
import { cbpeReferenceFor } from './cbpe-reference-pairs.js';

/**
 * The closed window of stream `identity` with accumulators `w`: its reference chosen (and `w`
 * kept as the stream's next reference when the mode says so) and its numeric snapshots aligned
 * with the reference's.
 */
export function prepareClosedWindow(
  state: MonitorState,
  mv: ModelVersionState,
  identity: StreamIdentity,
  w: WindowAcc,
  late: number,
): ClosedWindow {
  // Taken first: a window kept as a reference drops its examples.
  const exemplars = w.exemplars;
  // A sealed window is never recorded into again: its values are sorted, so the all-slices sum
  // merges sorted runs (see `sortLevel`).
  sealWindowAcc(w);
  const { reference, isReference } = chooseReference(state, mv, identity, w);
  const qualityBaseline = takeQualityBaseline(state, mv, identity.key, w);
  const cbpe = cbpeReferenceFor(mv, w.startMs);
  const caps = state.config;
  const aligned = alignWithReference(
    snapshotFeatures(w, caps),
    snapshotOutputs(w, caps),
    reference,
  );
  return {
    stream: identity,
    startMs: w.startMs,
    endMs: w.startMs + state.windowMs,
    features: aligned.features,
    outputs: aligned.outputs,
    labeled: snapshotLabeled(w, caps),
    counts: snapshotCounts(w, late),
    service: snapshotPart(w, 'service', caps),
    evaluations: snapshotPart(w, 'evaluations', caps),
    genai: snapshotPart(w, 'genai', caps),
    embeddings: snapshotPart(w, 'embeddings', caps),
    reference: aligned.reference,
    isReference,
    ...(qualityBaseline !== undefined ? { qualityBaseline } : {}),
    ...(exemplars !== undefined ? { exemplars } : {}),
    ...(cbpe !== undefined ? { cbpe } : {}),
  };
}

/**
 * The reference of a closing window, and whether the window itself became the stream's fixed
 * reference. Under `profile` a model version with a profile is compared with it; otherwise the
 * stream's stored window is, and a window with predictions is stored when the stream has none
 * yet (`first-window`) or always (`previous-window`, for the next window).
 */
function chooseReference(
  state: MonitorState,
  mv: ModelVersionState,
  identity: StreamIdentity,
  w: WindowAcc,
): { reference: StreamReference | undefined; isReference: boolean } {
  const mode = state.config.reference;
  if (mode === 'profile' && mv.profile !== undefined) {
    const reference: StreamReference = {
      kind: 'training',
      id: mv.profile.id,
      profile: mv.profile.profile,
    };
    return { reference, isReference: false };
  }
  if (mode === 'seasonal')
    return { reference: seasonalReference(state, mv, identity, w), isReference: false };
  if (mode === 'rolling')
    return { reference: rollingReference(state, mv, identity, w), isReference: false };
  const stored = mv.references.get(identity.key);
  const kind = mode === 'previous-window' ? 'previous_window' : 'fixed_window';
  const reference = stored === undefined ? undefined : referenceOf(state, stored.window, kind);
  if (stored !== undefined && mode !== 'previous-window') settleScoreHistogram(stored.window, w);
  let isReference = false;
  if (hasPredictions(w) && (stored === undefined || mode === 'previous-window')) {
    trimWindowAcc(w); // kept, never recorded into again: no spare buffer space
    mv.references.set(identity.key, { window: w });
    isReference = mode !== 'previous-window';
  }
  return { reference, isReference };
}

/**
 * `seasonal`: the stream's window one season before `w` (none when the stream had no data then,
 * or the processor has not seen a season yet); `w` joins the stream's season and windows a
 * season old or older leave it.
 */
function seasonalReference(
  state: MonitorState,
  mv: ModelVersionState,
  identity: StreamIdentity,
  w: WindowAcc,
): StreamReference | undefined {
  const seasonMs = state.config.seasonWindows * state.windowMs;
  let season = mv.keptWindows.get(identity.key);
  const earlier = season?.get(w.startMs - seasonMs);
  if (hasPredictions(w)) {
    trimWindowAcc(w); // kept, never recorded into again
    if (season === undefined) {
      season = new Map();
      mv.keptWindows.set(identity.key, season);
    }
    season.set(w.startMs, w);
  }
  if (season !== undefined) {
    // Chronological: stop at the first window still inside the season.
    for (const start of season.keys()) {
      if (start > w.startMs - seasonMs) break;
      season.delete(start);
    }
  }
  return earlier === undefined ? undefined : referenceOf(state, earlier, 'seasonal_window');
}

/**
 * `rolling`: the union of the stream's last `rollingWindows` windows with predictions before
 * `w` (none before its first such window); `w` then joins them and the oldest leaves.
 *
 * Why a union and not the previous window alone: one window is a small, noisy reference (its
 * own sampling error is added to every comparison), while a reference fixed at the stream's
 * start goes stale as the traffic's slow, accepted changes accumulate. The union of the last N
 * windows follows slow change and is N times larger than one window.
 */
function rollingReference(
  state: MonitorState,
  mv: ModelVersionState,
  identity: StreamIdentity,
  w: WindowAcc,
): StreamReference | undefined {
  const kept = mv.keptWindows.get(identity.key);
  const reference =
    kept === undefined || kept.size === 0 ? undefined : mergedReference(state, kept);
  if (hasPredictions(w)) {
    trimWindowAcc(w); // kept, never recorded into again
    const windows = kept ?? new Map<number, WindowAcc>();
    windows.set(w.startMs, w);
    for (const start of windows.keys()) {
      if (windows.size <= state.config.rollingWindows) break;
      windows.delete(start); // chronological: the oldest first
    }
    mv.keptWindows.set(identity.key, windows);
  }
  return reference;
}

/** The reference of the union of the kept windows `kept` (chronological, at least one). */
function mergedReference(
  state: MonitorState,
  kept: ReadonlyMap<number, WindowAcc>,
): StreamReference {
  const windows = [...kept.values()];
  const first = windows[0]!;
  const last = windows[windows.length - 1]!;
  let union = first;
  if (windows.length > 1) {
    union = createWindowAcc(first.startMs, 0, first.features.columns);
    for (const k of windows) mergeWindowAcc(state, union, k);
  }
  // The union reads as one reference from the first window's start to the last one's end; its
  // id changes with every window that joins, so what evaluate built for the previous union is
  // not reused.
  const endMs = last.startMs + state.windowMs;
  const id = `${new Date(first.startMs).toISOString()}/${new Date(endMs).toISOString()}`;
  return referenceOf(state, union, 'rolling_window', endMs, id);
}

/**
 * The fewest score-histogram values a fixed reference keeps: chi², which decides the histogram's
 * drift, needs 30 reference values (`evaluate/drift/registry.ts`; a test ties the two).
 */
export const MIN_SCORE_HISTOGRAM_REFERENCE = 30;

/**
 * Replaces the fixed reference's score histogram with window `w`'s while the reference's holds
 * fewer than {@link MIN_SCORE_HISTOGRAM_REFERENCE} values and `w`'s holds at least that many.
 *
 * Why: a histogram point is counted in the window of its export time, and the SDK exports on its
 * own period (10 s by default), not on window edges. The stream's first window therefore holds
 * only what was exported between the first prediction and the window's end — with 10 s windows
 * and 10 s exports often a handful of values (17 in the demo set-up that showed it), so
 * `ml.inference.score` stayed `insufficient_data` for as long as the reference lived. The
 * events of the same window are unaffected (each carries its own time), so only the histogram
 * moves on; the stored window is checkpointed with it.
 */
function settleScoreHistogram(reference: WindowAcc, w: WindowAcc): void {
  const held = reference.scoreHistogram?.count ?? 0;
  const offered = w.scoreHistogram?.count ?? 0;
  if (held < MIN_SCORE_HISTOGRAM_REFERENCE && offered >= MIN_SCORE_HISTOGRAM_REFERENCE) {
    reference.scoreHistogram = w.scoreHistogram;
  }
}

/**
 * A window can serve as a reference once it saw predictions: events/spans, score-histogram
 * points (services that send only metrics still get prediction drift), or GenAI calls.
 */
function hasPredictions(w: WindowAcc): boolean {
  return (
    w.predictions > 0 ||
    (w.scoreHistogram !== undefined && w.scoreHistogram.count > 0) ||
    (w.genai !== undefined && w.genai.calls > 0)
  );
}

function referenceOf(
  state: MonitorState,
  w: WindowAcc,
  kind: 'fixed_window' | 'previous_window' | 'seasonal_window' | 'rolling_window',
  endMs = w.startMs + state.windowMs,
  id = new Date(w.startMs).toISOString(),
): StreamReference {
  // Snapshotted anew at each close, not kept: the snapshots share the trimmed window's buffers,
  // so this costs a few small objects per feature, while keeping them cost ~24 KB per stream
  // (evaluate memoises what it builds from them). The features only when first read: evaluate
  // reads them to build a reference it does not hold yet, so in the steady state never, and a
  // kept window's features are never written again (its score histogram may be: see
  // settleScoreHistogram, so the outputs are snapshotted now).
  const caps = state.config;
  let features: FeatureWindow[] | undefined;
  return {
    kind,
    id,
    startMs: w.startMs,
    endMs,
    get features() {
      return (features ??= snapshotFeatures(w, caps));
    },
    outputs: snapshotOutputs(w, caps),
    labeled: snapshotLabeled(w, caps),
    counts: snapshotCounts(w, 0),
    evaluations: snapshotPart(w, 'evaluations', caps),
    genai: snapshotPart(w, 'genai', caps),
    embeddings: snapshotPart(w, 'embeddings', caps),
  };
}

/**
 * The current window's numeric features and regression output, and the reference's, on common
 * bin edges (see align-numeric.ts); a training profile's edges already bin the current window.
 */
function alignWithReference(
  features: FeatureWindow[],
  outputs: OutputsWindow,
  reference: StreamReference | undefined,
): { features: FeatureWindow[]; outputs: OutputsWindow; reference: StreamReference | undefined } {
  if (reference === undefined || reference.kind === 'training') {
    return { features, outputs, reference };
  }
  let refOutputs = reference.outputs;
  if (outputs.value !== undefined && refOutputs.value !== undefined && refOutputs.value.count > 0) {
    const [c, rr] = alignPair(outputs.value, refOutputs.value);
    outputs = { ...outputs, value: c };
    refOutputs = { ...refOutputs, value: rr };
  }
  // The reference's features are made (and aligned) when first read (see referenceOf).
  const aligned = (make: () => FeatureWindow[]): StreamReference => {
    let refFeatures: FeatureWindow[] | undefined;
    return {
      kind: reference.kind,
      id: reference.id,
      startMs: reference.startMs,
      endMs: reference.endMs,
      get features() {
        return (refFeatures ??= make());
      },
      outputs: refOutputs,
      labeled: reference.labeled,
      counts: reference.counts,
      evaluations: reference.evaluations,
      genai: reference.genai,
      embeddings: reference.embeddings,
    };
  };
  if (features.some((f) => f.kind === 'numeric' && f.snapshot.binEdges.length === 0)) {
    // Some current feature is binned on edges derived from the reference: aligned now.
    const both = alignFeatures(features, reference.features);
    return { features: both.current, outputs, reference: aligned(() => both.reference) };
  }
  // Every current numeric feature is binned on its own edges, which alignment keeps: the current
  // snapshots stand as they are, and the reference's are rebinned on them when read.
  return {
    features,
    outputs,
    reference: aligned(() => alignFeatures(features, reference.features).reference),
  };
}

/**
 * The current numeric features and the reference's on common bin edges (see `alignPair`); the
 * others as they are. Neither input is changed.
 */
function alignFeatures(
  features: readonly FeatureWindow[],
  referenceFeatures: readonly FeatureWindow[],
): { current: FeatureWindow[]; reference: FeatureWindow[] } {
  const refByName = new Map(referenceFeatures.map((f, i) => [f.name, i]));
  const current = [...features];
  const refFeatures = [...referenceFeatures];
  for (let i = 0; i < current.length; i++) {
    const f = current[i]!;
    const j = refByName.get(f.name);
    const r = j === undefined ? undefined : refFeatures[j]!;
    if (f.kind !== 'numeric' || r === undefined || r.kind !== 'numeric' || r.count === 0) continue;
    const [c, rr] = alignPair(f.snapshot, r.snapshot);
    current[i] = { ...f, snapshot: c };
    refFeatures[j!] = { ...r, snapshot: rr };
  }
  return { current, reference: refFeatures };
}

/** Activations kept per feature (older windows than these have long closed). */
const MAX_ACTIVATIONS = 8;

/**
 * After the all-slices window `closed` (accumulators `w`) was emitted: when it became the model
 * version's reference, its decile edges bin the model version's numeric features (and
 * regression output) in every window that has not been opened yet.
 */
export function activateReferenceEdges(
  state: MonitorState,
  mv: ModelVersionState,
  w: WindowAcc,
  closed: ClosedWindow,
): void {
  if (mv.references.get(mv.allSlices.key)?.window !== w) return;
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
