import {
  absent,
  binIndex,
  present,
  proportions,
  type Maybe,
  type WeightedSorted,
} from '../../stats/index.js';
import {
  AccumulatorStateError,
  checkpointObject,
  numberArrayField,
  numberField,
  type Accumulator,
} from './accumulator.js';
import {
  momentsFromJSON,
  momentsEffectiveCount,
  momentsMerge,
  momentsStd,
  momentsToJSON,
  type Moments,
  type MomentsJson,
} from './moments.js';
import {
  createQuantileSketch,
  DEFAULT_SKETCH_CAPACITY,
  sketchEcdfError,
  sketchEcdfL1Error,
  sketchFromJSON,
  sketchMerge,
  sketchMergeExact,
  sketchMergeInto,
  sketchMergeValuesInto,
  sketchRecord,
  sketchToJSON,
  sketchItemCount,
  sketchTrimInto,
  sketchWeightedSorted,
  type QuantileSketch,
  type QuantileSketchJson,
} from './quantile-sketch.js';
import {
  appendValues,
  binCountsOf,
  binCountsView,
  clearMoments,
  emptyData,
  HEAD,
  momentsOf,
  packConcat,
  packData,
  pushValue,
  recordMoments,
  reserveValues,
  sketchOfValues,
  sortedValues,
  sortValues,
  trimInto,
  mergeMomentsInto,
  valuesOfSketch,
} from './exact-values.js';
import {
  checkClassCapacity,
  classesErrorBounds,
  classesWeight,
  mergeWeightClasses,
  recordWeighted,
  trimWeightClasses,
  weightClassesFromJSON,
  weightClassesToJSON,
  weightedSortedWithClasses,
  type WeightClass,
  type WeightClassJson,
} from './weight-classes.js';

/** A raw feature value as it arrives (attribute value, parsed cell). */
export type FeatureObservation = number | string | boolean | bigint | null | undefined;

/** Options of a numeric feature accumulator. */
export interface NumericFeatureOptions {
  /** Bin edges computed from the reference alone (`referenceBinEdges`); bins are (e_{i−1}, e_i]. */
  binEdges: ArrayLike<number>;
  /** Items per level of the quantile sketch. @default 2048 */
  sketchCapacity?: number;
}

/** Streaming state of one numeric feature. */
export interface NumericFeatureState {
  binEdges: Float64Array;
  /**
   * The moments (count, Σw, Σw², mean, M2, min, max), the counts per reference bin
   * (binEdges.length + 1) and, in exact mode, the values of weight 1 in arrival order (`size` of
   * them live), packed in one array of doubles: see `exact-values.ts`.
   */
  data: number[] | Float64Array;
  /** Live values in `data` (0 in sketch mode). */
  size: number;
  /** Sketch of the values of weight 1, made when the `capacity`-th of them arrived. */
  sketch: QuantileSketch | undefined;
  /** Items per sketch level (the sketch's capacity; values are kept exactly below it). */
  capacity: number;
  /**
   * Values of frequency weight ≠ 1 (sampled records, w = 1/p), one sketch per weight; absent
   * until such a value arrives, so unweighted states are what they were.
   */
  weightClasses?: WeightClass[];
  /** Weight attributed to a neighbouring class past the class cap (adds to the ECDF bound). */
  misattributedWeight?: number;
  /** null, undefined, NaN or empty string (weighted: Σw of such records). */
  missing: number;
  /** Present but not a finite number (strings, booleans, ±Infinity); weighted likewise. */
  nonNumeric: number;
}

/** Statistics of a numeric feature state. */
export interface NumericFeatureSnapshot {
  /** Finite values recorded (raw, unweighted). */
  count: number;
  /** Σw of the finite values (= count when unweighted). */
  weight: number;
  /** Kish's effective sample size (Σw)²/Σw² of the finite values (= count when unweighted). */
  effectiveCount: number;
  missing: number;
  nonNumeric: number;
  binEdges: Float64Array;
  binCounts: Float64Array;
  /** Exact proportions per reference bin; absent when no value was recorded. */
  proportions: Maybe<Float64Array>;
  mean: Maybe;
  /** Population std (ddof = 0). */
  std: Maybe;
  min: Maybe;
  max: Maybe;
  /** The sketch's estimated empirical distribution. */
  ecdf: WeightedSorted;
  /** sup_x |F̂(x) − F(x)| <= ecdfError; 0 when the sketch is still exact. */
  ecdfError: number;
  /** ∫ |F̂(x) − F(x)| dx <= ecdfL1Error; 0 when the sketch is still exact. */
  ecdfL1Error: number;
}

/** JSON checkpoint of a numeric feature state. */
export interface NumericFeatureJson {
  kind: 'numeric_feature';
  version: 1;
  binEdges: number[];
  binCounts: number[];
  sketch: QuantileSketchJson;
  moments: MomentsJson;
  missing: number;
  nonNumeric: number;
  /** Present only when values of weight ≠ 1 were recorded. */
  weightClasses?: WeightClassJson[];
  misattributedWeight?: number;
}

/**
 * Accumulator of one numeric feature: counts in the reference bins (so PSI, Jensen–Shannon and
 * Hellinger against the reference are EXACT), a deterministic quantile sketch for KS and
 * Wasserstein estimates (ECDF error <= `ecdfError`, see `quantile-sketch.ts`), moments, and
 * missing / non-numeric counts.
 *
 * Memory, proportional to what it holds: one array of doubles with the moments (7), the bin
 * counts and, while fewer values than the sketch capacity arrived, the values (grown ×1.5: at
 * most 8·max(4, 1.5·n) bytes of them); past it the sketch, never more than
 * 8·capacity·(⌊log2(n/capacity)⌋ + 2) bytes (default 2048: ≈ 164 kB at n = 1e6). Measured
 * (Node 20, V8 heapUsed + arrayBuffers, 9 edges): empty 0.28 kB, 50 values 0.77 kB, 100 values
 * 1.26 kB (1.22 kB after `trimNumericFeature`), 1000 values 12 kB, 5000 values 46 kB. With a
 * sketch from the first value (before `exact-values.ts`): 0.54, 1.25, 1.77 and 1.59 kB.
 */
export function numericFeatureAccumulator(
  options: NumericFeatureOptions,
): Accumulator<
  NumericFeatureState,
  FeatureObservation,
  NumericFeatureSnapshot,
  NumericFeatureJson
> {
  const edges = Float64Array.from(options.binEdges);
  for (let i = 1; i < edges.length; i++) {
    if (!(edges[i - 1]! < edges[i]!)) throw new RangeError('bin edges must be strictly increasing');
  }
  const capacity = options.sketchCapacity ?? DEFAULT_SKETCH_CAPACITY;
  createQuantileSketch(capacity); // checks the capacity up front
  const create = (): NumericFeatureState => ({
    binEdges: edges,
    data: emptyData(edges.length + 1),
    size: 0,
    sketch: undefined,
    capacity,
    missing: 0,
    nonNumeric: 0,
  });
  return {
    create,
    record(state, input, weight = 1) {
      if (input === null || input === undefined || input === '' || Number.isNaN(input)) {
        state.missing += weight;
        return;
      }
      if (typeof input !== 'number' || !Number.isFinite(input)) {
        state.nonNumeric += weight;
        return;
      }
      state.data[HEAD + binIndex(state.binEdges, input)]! += weight;
      recordMoments(state.data, input, weight);
      if (weight === 1) recordUnit(state, input);
      else {
        const lost = recordWeighted((state.weightClasses ??= []), capacity, input, weight);
        if (lost > 0) state.misattributedWeight = (state.misattributedWeight ?? 0) + lost;
      }
    },
    merge(a, b) {
      checkSameEdges(a, b);
      const bins = a.binEdges.length + 1;
      const binCounts = new Float64Array(bins);
      for (let i = 0; i < bins; i++) binCounts[i] = a.data[HEAD + i]! + b.data[HEAD + i]!;
      const merged: NumericFeatureState = {
        binEdges: a.binEdges,
        ...mergeUnit(a, b, momentsMerge(momentsOf(a.data), momentsOf(b.data)), binCounts),
        missing: a.missing + b.missing,
        nonNumeric: a.nonNumeric + b.nonNumeric,
      };
      if (a.weightClasses !== undefined || b.weightClasses !== undefined) {
        mergeClassesInto(merged, a, b);
      }
      return merged;
    },
    mergeInto(a, b) {
      checkSameEdges(a, b);
      mergeMomentsInto(a.data, b.data);
      const end = valuesStart(a);
      for (let i = HEAD; i < end; i++) a.data[i]! += b.data[i]!;
      mergeUnitInto(a, b);
      a.missing += b.missing;
      a.nonNumeric += b.nonNumeric;
      mergeClassesInto(a, a, b);
    },
    snapshot(state) {
      const m = momentsOf(state.data);
      const binCounts = binCountsView(state.data, state.binEdges.length + 1);
      const none = 'no numeric value recorded';
      // Read into fields, not spread: a spread copies through a generic path, per feature and close.
      const e = state.weightClasses === undefined ? unitEcdf(state) : weightedEcdf(state);
      return {
        count: m.count,
        weight: m.weight,
        effectiveCount: momentsEffectiveCount(m),
        missing: state.missing,
        nonNumeric: state.nonNumeric,
        binEdges: state.binEdges,
        binCounts,
        proportions: m.count === 0 ? absent(none) : present(proportions(binCounts)),
        mean: m.count === 0 ? absent(none) : present(m.mean),
        std: momentsStd(m),
        min: m.count === 0 ? absent(none) : present(m.min),
        max: m.count === 0 ? absent(none) : present(m.max),
        ecdf: e.ecdf,
        ecdfError: e.ecdfError,
        ecdfL1Error: e.ecdfL1Error,
      };
    },
    toJSON(state) {
      return {
        kind: 'numeric_feature',
        version: 1,
        binEdges: Array.from(state.binEdges),
        binCounts: Array.from(binCountsOf(state.data, state.binEdges.length + 1)),
        sketch: sketchToJSON(sketchOf(state)),
        moments: momentsToJSON(momentsOf(state.data)),
        missing: state.missing,
        nonNumeric: state.nonNumeric,
        ...(state.weightClasses !== undefined
          ? { weightClasses: weightClassesToJSON(state.weightClasses) }
          : {}),
        ...(state.misattributedWeight !== undefined
          ? { misattributedWeight: state.misattributedWeight }
          : {}),
      };
    },
    fromJSON(json) {
      const where = 'numeric_feature';
      const obj = checkpointObject(json, where, 1);
      const binEdges = numberArrayField(obj, 'binEdges', where);
      if (binEdges.length !== edges.length || binEdges.some((e, i) => e !== edges[i])) {
        throw new AccumulatorStateError(
          `${where}: checkpoint bin edges differ from the configured reference edges`,
        );
      }
      const binCounts = numberArrayField(obj, 'binCounts', where);
      if (binCounts.length !== edges.length + 1) {
        throw new AccumulatorStateError(
          `${where}: field "binCounts" must have ${edges.length + 1} entries`,
        );
      }
      const sketch = sketchFromJSON(obj['sketch']);
      if (sketch.capacity !== capacity) {
        throw new AccumulatorStateError(
          `${where}: sketch capacity ${sketch.capacity} differs from the configured ${capacity}`,
        );
      }
      const state: NumericFeatureState = {
        binEdges: edges,
        ...unitFromSketch(sketch, momentsFromJSON(obj['moments']), binCounts),
        missing: numberField(obj, 'missing', where),
        nonNumeric: numberField(obj, 'nonNumeric', where),
      };
      // Checkpoints written before weights hold neither field: every value weighed 1.
      if (obj['weightClasses'] !== undefined) {
        state.weightClasses = weightClassesFromJSON(obj['weightClasses'], where);
        checkClassCapacity(state.weightClasses, capacity);
      }
      if (obj['misattributedWeight'] !== undefined) {
        state.misattributedWeight = numberField(obj, 'misattributedWeight', where);
      }
      return state;
    },
  };
}

function checkSameEdges(a: NumericFeatureState, b: NumericFeatureState): void {
  const x = a.binEdges;
  const y = b.binEdges;
  if (x === y) return; // states of one factory share its edges
  let same = x.length === y.length;
  for (let i = 0; same && i < x.length; i++) same = x[i] === y[i];
  if (!same) throw new RangeError('cannot merge numeric feature states with different bin edges');
}

/**
 * Sets `out`'s weight classes (and the weight misattributed past their cap) to those of `a` and
 * `b` merged; nothing when neither holds weighted values (`out` may be `a`: both are read first).
 */
function mergeClassesInto(
  out: NumericFeatureState,
  a: NumericFeatureState,
  b: NumericFeatureState,
): void {
  if (a.weightClasses === undefined && b.weightClasses === undefined) return;
  const { classes, misattributed } = mergeWeightClasses(
    a.weightClasses ?? [],
    b.weightClasses ?? [],
  );
  const lost = (a.misattributedWeight ?? 0) + (b.misattributedWeight ?? 0) + misattributed;
  out.weightClasses = classes;
  if (lost > 0) out.misattributedWeight = lost;
}

/**
 * The weighted ECDF of a state holding weighted values, with its error bounds: the sketches'
 * bounds scaled by their weights, plus the weight misattributed past the class cap (which moves
 * the weighted count at any x by at most itself, and ∫ by at most itself times the range).
 */
function weightedEcdf(
  state: NumericFeatureState,
): Pick<NumericFeatureSnapshot, 'ecdf' | 'ecdfError' | 'ecdfL1Error'> {
  const classes = state.weightClasses ?? [];
  const sketch = sketchOf(state);
  const total = sketch.count + classesWeight(classes);
  const bounds = classesErrorBounds(classes);
  const lost = state.misattributedWeight ?? 0;
  const d = state.data;
  const range = d[0]! > 0 ? d[6]! - d[5]! : 0;
  return {
    ecdf: weightedSortedWithClasses(sketch, classes),
    ecdfError: total === 0 ? 0 : (sketch.rankErrorBound + bounds.rank + lost) / total,
    ecdfL1Error: total === 0 ? 0 : (sketch.l1ErrorBound + bounds.l1 + lost * range) / total,
  };
}

/** Where a state's values start in its data. */
function valuesStart(state: NumericFeatureState): number {
  return HEAD + state.binEdges.length + 1;
}

/**
 * Gives back a numeric feature state's unused buffer space (its values or sketch sized to what
 * it holds), e.g. for a closed window kept as a reference; recording into it afterwards stays
 * valid.
 */
export function trimNumericFeature(state: NumericFeatureState): void {
  trimNumericFeatures([state]);
}

/**
 * {@link trimNumericFeature} for many states at once (the numeric features of a closed window
 * kept as a reference): their data (moments, bin counts, values) and sketch levels become views
 * of ONE buffer, since each typed array costs ~0.2 kB of fixed overhead (V8) however few values
 * it holds. Values, counts and every statistic are unchanged; recording into a state afterwards
 * stays valid (its data is its own slice of the pool, copied before values are appended, and a
 * full sketch level is reallocated before it is written).
 */
export function trimNumericFeatures(states: readonly NumericFeatureState[]): void {
  let total = 0;
  for (const st of states) {
    total += valuesStart(st) + st.size + (st.sketch !== undefined ? sketchItemCount(st.sketch) : 0);
  }
  const pool = new Float64Array(total);
  let offset = 0;
  for (const st of states) {
    offset = trimInto(st, valuesStart(st), pool, offset);
    if (st.sketch !== undefined) offset = sketchTrimInto(st.sketch, pool, offset);
    if (st.weightClasses !== undefined) trimWeightClasses(st.weightClasses);
  }
}

/**
 * How many doubles a state's data takes when it can stand as a packed column of a sealed window
 * (see `state/packed-numeric.ts`): exact values of weight 1 only (no sketch, no weight class),
 * nothing counted missing or non-numeric in the state; −1 otherwise. Such a state is its data
 * alone: {@link sealedNumericState} of the data gives it back.
 */
export function packedNumericLength(state: NumericFeatureState): number {
  if (
    state.sketch !== undefined ||
    state.weightClasses !== undefined ||
    state.misattributedWeight !== undefined ||
    state.missing !== 0 ||
    state.nonNumeric !== 0 ||
    state.data[0] !== state.size
  )
    return -1;
  return valuesStart(state) + state.size;
}

/**
 * Writes a packable state's data (see {@link packedNumericLength}) into `pool` from `offset` on,
 * its values sorted; returns the next free offset. The state reads the pool from then on.
 */
export function packNumericInto(
  state: NumericFeatureState,
  pool: Float64Array,
  offset: number,
): number {
  return trimInto(state, valuesStart(state), pool, offset);
}

/** Doubles of the packed data of an exact state on `binEdges` holding `size` values. */
export function packedDataLength(binEdges: ArrayLike<number>, size: number): number {
  return HEAD + binEdges.length + 1 + size;
}

/**
 * Writes into `pool` from `offset` on the data that {@link packNumericInto} writes for a state on
 * `binEdges` that recorded the `size` values of `values` from `from` on, each of weight 1, in
 * that order (fewer than the state's capacity): the same moments (the same updates in the same
 * order, so the same doubles), the same bin counts, the values sorted. Returns the next free
 * offset.
 */
export function packValuesInto(
  binEdges: Float64Array,
  values: ArrayLike<number>,
  from: number,
  size: number,
  pool: Float64Array,
  offset: number,
): number {
  const head = (packHeadScratch ??= emptyData(0));
  clearMoments(head);
  for (let i = 0; i < size; i++) recordMoments(head, values[from + i]!, 1);
  for (let i = 0; i < HEAD; i++) pool[offset + i] = head[i]!;
  const bins = offset + HEAD;
  const start = bins + binEdges.length + 1;
  pool.fill(0, bins, start);
  for (let i = 0; i < size; i++) {
    const x = values[from + i]!;
    pool[bins + binIndex(binEdges, x)]! += 1;
    pool[start + i] = x;
  }
  pool.subarray(start, start + size).sort();
  return start + size;
}

/** The moments of {@link packValuesInto}, reused (a close packs thousands of columns). */
let packHeadScratch: number[] | undefined;

/**
 * The state of the packed data written at `start` of `pool` by {@link packNumericInto}: an exact
 * state of weight-1 values on `binEdges`, its value count its moments' count, its data a view of
 * the pool. Made with the fields of {@link numericFeatureAccumulator}'s states, in their order
 * (one hidden class).
 */
export function sealedNumericState(
  binEdges: Float64Array,
  pool: Float64Array,
  start: number,
  capacity: number,
): NumericFeatureState {
  // A small integer, not a double: a double stored in a field makes V8 box that field in every
  // object of the same hidden class (every numeric state), 16 B each.
  const size = pool[start]! | 0;
  return {
    binEdges,
    data: pool.subarray(start, start + packedDataLength(binEdges, size)),
    size,
    sketch: undefined,
    capacity,
    missing: 0,
    nonNumeric: 0,
  };
}

/**
 * Sorts a state's exact values where they are, for a state that records no more (a sealed
 * window's): every statistic reads them in sorted order anyway, and states merged from it then
 * take ascending runs. Allocates nothing (see `sortValues`).
 */
export function sortNumericFeatureValues(state: NumericFeatureState): void {
  if (state.sketch === undefined) sortValues(state, valuesStart(state));
}

/**
 * Makes room in an exact state for `n` values of weight 1 (at most those it keeps exactly below
 * its capacity), e.g. as many as the stream's last window brought: recording them then grows
 * nothing and leaves no spare slot. Values and statistics are unchanged.
 */
export function reserveNumericValues(state: NumericFeatureState, n: number): void {
  if (state.sketch !== undefined) return;
  reserveValues(state, valuesStart(state), Math.min(n, state.capacity - 1));
}

/** Records a value of weight 1: kept exactly until the capacity-th, then into a sketch. */
function recordUnit(state: NumericFeatureState, x: number): void {
  if (state.sketch !== undefined) {
    sketchRecord(state.sketch, x);
  } else if (state.size + 1 < state.capacity) {
    pushValue(state, valuesStart(state), x);
  } else {
    // The value a sketch would first compact at: from here on the sketch holds them.
    const sketch = sketchOf(state);
    sketchRecord(sketch, x);
    const start = valuesStart(state);
    state.data = packData(momentsOf(state.data), state.data.slice(HEAD, start), NO_VALUES, 0);
    state.sketch = sketch;
    state.size = 0;
  }
}

const NO_VALUES: Float64Array = new Float64Array(0);

/** The sketch of the values of weight 1 (in exact mode, made from them: a read-only copy). */
function sketchOf(state: NumericFeatureState): QuantileSketch {
  return state.sketch ?? sketchOfValues(state, valuesStart(state), state.capacity);
}

/** The packed part of a state with these moments and counts holding what `sketch` holds. */
function unitFromSketch(
  sketch: QuantileSketch,
  moments: Moments,
  binCounts: ArrayLike<number>,
): Pick<NumericFeatureState, 'data' | 'size' | 'sketch' | 'capacity'> {
  const values = valuesOfSketch(sketch);
  return values !== undefined
    ? {
        data: packData(moments, binCounts, values, values.length),
        size: values.length,
        sketch: undefined,
        capacity: sketch.capacity,
      }
    : {
        data: packData(moments, binCounts, NO_VALUES, 0),
        size: 0,
        sketch,
        capacity: sketch.capacity,
      };
}

/** The packed part of the union of `a` and `b`: what merging their sketches gives. */
function mergeUnit(
  a: NumericFeatureState,
  b: NumericFeatureState,
  moments: Moments,
  binCounts: Float64Array,
): Pick<NumericFeatureState, 'data' | 'size' | 'sketch' | 'capacity'> {
  if (a.capacity !== b.capacity) {
    throw new RangeError(
      `cannot merge quantile sketches of capacity ${a.capacity} and ${b.capacity}`,
    );
  }
  if (a.sketch === undefined && b.sketch === undefined && a.size + b.size < a.capacity) {
    // Both exact: the values of a then b (what a sketch merge puts in level 0).
    return {
      data: packConcat(moments, binCounts, a, valuesStart(a), b, valuesStart(b)),
      size: a.size + b.size,
      sketch: undefined,
      capacity: a.capacity,
    };
  }
  return {
    data: packData(moments, binCounts, NO_VALUES, 0),
    size: 0,
    sketch:
      a.sketch === undefined && b.sketch === undefined
        ? sketchMergeExact(a.capacity, liveValues(a), liveValues(b))
        : sketchMerge(sketchOf(a), sketchOf(b)),
    capacity: a.capacity,
  };
}

/**
 * {@link mergeUnit} into `a`, whose moments and bin counts already hold `b`'s: its values and
 * sketch become those of the union, `b`'s values appended (exact) or merged into `a`'s own
 * sketch, neither copied as a whole.
 */
function mergeUnitInto(a: NumericFeatureState, b: NumericFeatureState): void {
  if (a.capacity !== b.capacity) {
    throw new RangeError(
      `cannot merge quantile sketches of capacity ${a.capacity} and ${b.capacity}`,
    );
  }
  const from = valuesStart(b);
  if (a.sketch === undefined && b.sketch === undefined && a.size + b.size < a.capacity) {
    appendValues(a, valuesStart(a), b.data, from, b.size);
    return;
  }
  if (a.sketch === undefined && b.sketch === undefined) {
    a.sketch = sketchMergeExact(a.capacity, liveValues(a), liveValues(b));
  } else {
    // `a`'s sketch (made from its values when exact: a sketch of its own).
    const sketch = (a.sketch ??= sketchOf(a));
    if (b.sketch !== undefined) sketchMergeInto(sketch, b.sketch);
    else sketchMergeValuesInto(sketch, b.data, from, b.size);
  }
  if (a.size > 0 || a.data.length !== valuesStart(a)) {
    // It held values: now the sketch does.
    const start = valuesStart(a);
    a.data = packData(momentsOf(a.data), a.data.slice(HEAD, start), NO_VALUES, 0);
    a.size = 0;
  }
}

/** The live values of an exact state (a view of its data when typed, else a copy). */
function liveValues(state: NumericFeatureState): ArrayLike<number> {
  const start = valuesStart(state);
  const d = state.data;
  return d instanceof Float64Array
    ? d.subarray(start, start + state.size)
    : d.slice(start, start + state.size);
}

/** ECDF of the values of weight 1 with its error bounds (0 while exact). */
function unitEcdf(
  state: NumericFeatureState,
): Pick<NumericFeatureSnapshot, 'ecdf' | 'ecdfError' | 'ecdfL1Error'> {
  if (state.sketch === undefined) {
    return { ecdf: sortedValues(state, valuesStart(state)), ecdfError: 0, ecdfL1Error: 0 };
  }
  return {
    ecdf: sketchWeightedSorted(state.sketch),
    ecdfError: sketchEcdfError(state.sketch),
    ecdfL1Error: sketchEcdfL1Error(state.sketch),
  };
}
