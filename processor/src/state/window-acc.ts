/**
 * One stream's accumulators over one window: creating, recording a prediction, merging (for
 * the all-slices stream) and turning them into the plain {@link ClosedWindow} parts.
 */
import type { Attributes } from '../decode/otlp-types.js';
import type { PredictionRecord } from '../extract/types.js';
import {
  createCategoricalAcc,
  createNumericAcc,
  mergeBinaryAcc,
  mergeCategoricalAcc,
  mergeMulticlassAcc,
  mergeNumericAcc,
  mergeRegressionAcc,
  NO_EDGES,
  recordCategoricalAcc,
  recordNumericAcc,
  snapshotBinaryAcc,
  snapshotCategoricalAcc,
  snapshotMulticlassAcc,
  snapshotNumericAcc,
  snapshotRegressionAcc,
  trimBinaryAcc,
  trimNumericAccs,
  type NumericAcc,
} from './accumulators-port.js';
import type {
  DelayAcc,
  FeatureSlot,
  ModelVersionState,
  MonitorState,
  ScoreHistogramAcc,
  WindowAcc,
} from './monitor-state.js';
import {
  GROUND_TRUTH_DELAY_BOUNDS_SECONDS,
  type DelayAccumulator,
  type FeatureKind,
  type FeatureWindow,
  type LabeledWindow,
  type OutputsWindow,
  type WindowCounts,
} from './types.js';

/**
 * Bin edges of the `ml.prediction.score` accumulator: the 10 equal-width reliability bins of
 * METRICS.md, the same as the instrumentation's `ml.inference.score` histogram buckets.
 */
export const SCORE_BIN_EDGES: Float64Array = Float64Array.from([
  0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9,
]);

/** Key of the regression output's edges among the feature edges (no feature name starts with NUL). */
export const VALUE_EDGES_KEY = '\u0000value';

// Read once: called per feature value (see extract/read-prediction.ts on imported bindings).
const recordNumeric = recordNumericAcc;
const recordCategory = recordCategoricalAcc;

/** An empty window starting at `startMs`. */
export function createWindowAcc(startMs: number): WindowAcc {
  return {
    startMs,
    predictions: 0,
    weightedPredictions: 0,
    labeled: 0,
    labeledUnusable: 0,
    predictionsLabeled: 0,
    featureOverflow: 0,
    features: new Map(),
    lastNames: [],
    lastSlots: [],
    score: undefined,
    label: undefined,
    value: undefined,
    scoreHistogram: undefined,
    binary: undefined,
    multiclass: undefined,
    regression: undefined,
    delays: new Map(),
  };
}

/** The numeric bin edges in force for `name` in windows starting at `startMs`. */
export function numericEdgesFor(
  mv: ModelVersionState,
  name: string,
  startMs: number,
): Float64Array {
  const activations = mv.numericEdges.get(name);
  if (activations === undefined) return NO_EDGES;
  for (let i = activations.length - 1; i >= 0; i--) {
    if (activations[i]!.fromStartMs <= startMs) return activations[i]!.edges;
  }
  return NO_EDGES;
}

/** Records the features and outputs of one prediction into `w`. */
export function recordPredictionInWindow(
  state: MonitorState,
  mv: ModelVersionState,
  w: WindowAcc,
  r: PredictionRecord,
): void {
  w.predictions++;
  w.weightedPredictions += r.weight;
  if (r.features !== undefined) recordFeatures(state, mv, w, r.features);
  if (r.score !== undefined)
    recordNumericAcc(
      (w.score ??= createNumericAcc(SCORE_BIN_EDGES, state.config.sketchCapacity)),
      r.score,
    );
  if (r.value !== undefined) {
    recordNumericAcc(
      (w.value ??= createNumericAcc(
        numericEdgesFor(mv, VALUE_EDGES_KEY, w.startMs),
        state.config.sketchCapacity,
      )),
      r.value,
    );
  }
  if (r.label !== undefined) {
    const cap = state.config.maxCategories;
    recordCategoricalAcc((w.label ??= createCategoricalAcc(cap)), r.label, cap);
  }
}

/** The kind a value would be recorded as, `undefined` for missing, `null` for unusable shapes. */
function kindOfValue(v: unknown): FeatureKind | undefined | null {
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return 'numeric';
    case 'string':
    case 'boolean':
      return 'categorical';
    case 'undefined':
      return undefined;
    default:
      return null;
  }
}

function recordFeatures(
  state: MonitorState,
  mv: ModelVersionState,
  w: WindowAcc,
  features: Attributes,
): void {
  const cap = state.config.maxCategories;
  const lastNames = w.lastNames;
  const lastSlots = w.lastSlots;
  let i = -1;
  for (const name in features) {
    i++;
    const v = features[name];
    let slot: FeatureSlot | undefined;
    if (lastNames[i] === name) slot = lastSlots[i];
    else {
      slot = w.features.get(name);
      if (slot !== undefined) {
        lastNames[i] = name;
        lastSlots[i] = slot;
      }
    }
    if (slot === undefined) {
      let kind = mv.featureKinds.get(name);
      if (kind === undefined) {
        // The kind is fixed per model version by the profile or by the first value seen.
        const k = kindOfValue(v);
        if (k === undefined) continue; // missing: counted as missing at close
        if (k === null) {
          state.counters.typeMismatch++;
          continue;
        }
        if (mv.featureKinds.size >= state.config.maxFeaturesPerModel) {
          w.featureOverflow++;
          state.counters.featureOverflow++;
          continue;
        }
        kind = k;
        mv.featureKinds.set(name, kind);
      }
      slot = newFeatureSlot(state, mv, name, kind, w.startMs);
      w.features.set(name, slot);
      lastNames[i] = name;
      lastSlots[i] = slot;
    }
    if (slot.kind === 'numeric') {
      if (typeof v === 'number') {
        if (Number.isFinite(v)) {
          recordNumeric(slot.acc, v);
          slot.count++;
        } else {
          // NaN/Infinity: unusable in every statistic; counted with the type mismatches.
          slot.typeMismatch++;
          state.counters.typeMismatch++;
        }
      } else if (typeof v === 'bigint') {
        recordNumeric(slot.acc, Number(v));
        slot.count++;
      } else if (v !== undefined) {
        slot.typeMismatch++;
        state.counters.typeMismatch++;
      }
    } else if (typeof v === 'string') {
      if (v === '') continue; // empty category: missing
      recordCategory(slot.acc, v, cap);
      slot.count++;
    } else if (typeof v === 'boolean') {
      recordCategory(slot.acc, v ? 'true' : 'false', cap);
      slot.count++;
    } else if (v !== undefined) {
      slot.typeMismatch++;
      state.counters.typeMismatch++;
    }
  }
}

/** An empty slot of `kind` for feature `name` in the window starting at `startMs`. */
export function newFeatureSlot(
  state: MonitorState,
  mv: ModelVersionState,
  name: string,
  kind: FeatureKind,
  startMs: number,
): FeatureSlot {
  return kind === 'numeric'
    ? {
        kind,
        acc: createNumericAcc(numericEdgesFor(mv, name, startMs), state.config.sketchCapacity),
        count: 0,
        typeMismatch: 0,
      }
    : { kind, acc: createCategoricalAcc(state.config.maxCategories), count: 0, typeMismatch: 0 };
}

/** Records a label delay (seconds) under `source`. */
export function recordDelay(w: WindowAcc, source: string, seconds: number): void {
  let d = w.delays.get(source);
  if (d === undefined) {
    d = newDelayAcc();
    w.delays.set(source, d);
  }
  addDelay(d, seconds);
}

function newDelayAcc(): DelayAcc {
  return {
    bucketCounts: new Array<number>(GROUND_TRUTH_DELAY_BOUNDS_SECONDS.length + 1).fill(0),
    count: 0,
    sum: 0,
    min: Infinity,
    max: -Infinity,
  };
}

function addDelay(d: DelayAcc, seconds: number): void {
  const bounds = GROUND_TRUTH_DELAY_BOUNDS_SECONDS;
  let i = 0;
  // OTLP explicit buckets are upper-inclusive: bucket i holds (bounds[i-1], bounds[i]].
  while (i < bounds.length && seconds > bounds[i]!) i++;
  d.bucketCounts[i]!++;
  d.count++;
  d.sum += seconds;
  if (seconds < d.min) d.min = seconds;
  if (seconds > d.max) d.max = seconds;
}

/** Adds a (delta) score histogram into the window's sum. */
export function recordScoreHistogram(
  w: WindowAcc,
  explicitBounds: readonly number[],
  bucketCounts: readonly number[],
  count: number,
  sum: number | undefined,
): void {
  const h: ScoreHistogramAcc = (w.scoreHistogram ??= {
    explicitBounds: [...explicitBounds],
    bucketCounts: new Array<number>(bucketCounts.length).fill(0),
    count: 0,
    sum: 0,
    boundsMismatch: 0,
  });
  if (!sameBounds(h.explicitBounds, explicitBounds)) {
    h.boundsMismatch++;
    return;
  }
  for (let i = 0; i < bucketCounts.length; i++) h.bucketCounts[i]! += bucketCounts[i]!;
  h.count += count;
  h.sum = h.sum === undefined || sum === undefined ? undefined : h.sum + sum;
}

function sameBounds(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Adds window `from` into `into` (both of the same model version and start; `from` is left
 * intact: the accumulators' merge returns new states).
 */
export function mergeWindowAcc(state: MonitorState, into: WindowAcc, from: WindowAcc): void {
  const cap = state.config.maxCategories;
  into.predictions += from.predictions;
  into.weightedPredictions += from.weightedPredictions;
  into.labeled += from.labeled;
  into.labeledUnusable += from.labeledUnusable;
  into.predictionsLabeled += from.predictionsLabeled;
  into.featureOverflow += from.featureOverflow;
  for (const [name, f] of from.features) {
    const slot = into.features.get(name);
    if (slot === undefined) {
      // Copy by merging with an empty state of the same configuration.
      into.features.set(
        name,
        f.kind === 'numeric'
          ? {
              kind: 'numeric',
              acc: mergeNumericAcc(createNumericAcc(f.acc.binEdges, f.acc.sketch.capacity), f.acc),
              count: f.count,
              typeMismatch: f.typeMismatch,
            }
          : {
              kind: 'categorical',
              acc: mergeCategoricalAcc(createCategoricalAcc(cap), f.acc, cap),
              count: f.count,
              typeMismatch: f.typeMismatch,
            },
      );
      continue;
    }
    slot.count += f.count;
    slot.typeMismatch += f.typeMismatch;
    // Kinds are fixed per model version, edges per (model version, window start).
    if (slot.kind === 'numeric' && f.kind === 'numeric')
      slot.acc = mergeNumericAcc(slot.acc, f.acc);
    else if (slot.kind === 'categorical' && f.kind === 'categorical')
      slot.acc = mergeCategoricalAcc(slot.acc, f.acc, cap);
  }
  if (from.score) into.score = into.score ? mergeNumericAcc(into.score, from.score) : from.score;
  if (from.value) into.value = into.value ? mergeNumericAcc(into.value, from.value) : from.value;
  if (from.label)
    into.label = into.label ? mergeCategoricalAcc(into.label, from.label, cap) : from.label;
  if (from.scoreHistogram) {
    const h = from.scoreHistogram;
    recordScoreHistogram(into, h.explicitBounds, h.bucketCounts, h.count, h.sum);
    into.scoreHistogram!.boundsMismatch += h.boundsMismatch;
  }
  if (from.binary)
    into.binary = into.binary ? mergeBinaryAcc(into.binary, from.binary) : from.binary;
  if (from.multiclass) {
    into.multiclass = into.multiclass
      ? mergeMulticlassAcc(into.multiclass, from.multiclass)
      : from.multiclass;
  }
  if (from.regression) {
    into.regression = into.regression
      ? mergeRegressionAcc(into.regression, from.regression)
      : from.regression;
  }
  for (const [source, d] of from.delays) {
    let t = into.delays.get(source);
    if (t === undefined) {
      t = newDelayAcc();
      into.delays.set(source, t);
    }
    for (let i = 0; i < d.bucketCounts.length; i++) t.bucketCounts[i]! += d.bucketCounts[i]!;
    t.count += d.count;
    t.sum += d.sum;
    t.min = Math.min(t.min, d.min);
    t.max = Math.max(t.max, d.max);
  }
}

/**
 * Gives back the unused buffer space of a closed window's accumulators (sketches sized to what
 * they hold), for a window kept as a reference: it receives no more records.
 */
export function trimWindowAcc(w: WindowAcc): void {
  // One buffer for all numeric parts: a typed array each would cost its fixed overhead again.
  const numeric: NumericAcc[] = [];
  for (const f of w.features.values()) if (f.kind === 'numeric') numeric.push(f.acc);
  if (w.score) numeric.push(w.score);
  if (w.value) numeric.push(w.value);
  trimNumericAccs(numeric);
  if (w.binary) trimBinaryAcc(w.binary);
  // The name → slot lookup cache serves recording only (a miss falls back to `features`).
  w.lastNames = [];
  w.lastSlots = [];
}

/** The features of a window as sorted {@link FeatureWindow}s. */
export function snapshotFeatures(w: WindowAcc): FeatureWindow[] {
  const names = [...w.features.keys()].sort();
  const out: FeatureWindow[] = [];
  for (const name of names) {
    const f = w.features.get(name)!;
    const missing = Math.max(0, w.predictions - f.count - f.typeMismatch);
    if (f.kind === 'numeric') {
      out.push({
        name,
        kind: 'numeric',
        count: f.count,
        missing,
        typeMismatch: f.typeMismatch,
        snapshot: snapshotNumericAcc(f.acc),
      });
    } else {
      out.push({
        name,
        kind: 'categorical',
        count: f.count,
        missing,
        typeMismatch: f.typeMismatch,
        snapshot: snapshotCategoricalAcc(f.acc),
      });
    }
  }
  return out;
}

/** The outputs of a window. */
export function snapshotOutputs(w: WindowAcc): OutputsWindow {
  const h = w.scoreHistogram;
  return {
    score: w.score && snapshotNumericAcc(w.score),
    label: w.label && snapshotCategoricalAcc(w.label),
    value: w.value && snapshotNumericAcc(w.value),
    scoreHistogram: h && {
      explicitBounds: [...h.explicitBounds],
      bucketCounts: [...h.bucketCounts],
      count: h.count,
      sum: h.sum,
      boundsMismatch: h.boundsMismatch,
    },
  };
}

/** The labeled part of a window. */
export function snapshotLabeled(w: WindowAcc): LabeledWindow {
  const delays: Record<string, DelayAccumulator> = {};
  for (const [source, d] of w.delays) {
    delays[source] = {
      explicitBounds: GROUND_TRUTH_DELAY_BOUNDS_SECONDS,
      bucketCounts: [...d.bucketCounts],
      count: d.count,
      sum: d.sum,
      min: d.min,
      max: d.max,
    };
  }
  return {
    binary: w.binary && snapshotBinaryAcc(w.binary),
    multiclass: w.multiclass && snapshotMulticlassAcc(w.multiclass),
    regression: w.regression && snapshotRegressionAcc(w.regression),
    delays,
  };
}

/** The counts of a window; `late` comes from the stream. */
export function snapshotCounts(w: WindowAcc, late: number): WindowCounts {
  return {
    predictions: w.predictions,
    weightedPredictions: w.weightedPredictions,
    late,
    labeled: w.labeled,
    labeledUnusable: w.labeledUnusable,
    predictionsLabeled: w.predictionsLabeled,
    featureOverflow: w.featureOverflow,
  };
}
