import { absent, present, type Maybe } from '../../stats/index.js';
import {
  AccumulatorStateError,
  checkpointObject,
  numberField,
  type Accumulator,
} from './accumulator.js';
import type { FeatureObservation } from './numeric-feature.js';

/** Category that collects every category seen after the cap was reached. */
export const OVERFLOW_CATEGORY = '__overflow__';

/** Default maximum number of distinct categories tracked per feature. */
export const DEFAULT_CATEGORY_CAP = 1000;

/** Options of a categorical feature accumulator. */
export interface CategoricalFeatureOptions {
  /** Distinct categories kept before new ones go to `__overflow__`. @default 1000 */
  maxCategories?: number;
}

/** Streaming state of one categorical feature. */
export interface CategoricalFeatureState {
  counts: Map<string, number>;
  /** Values of categories that arrived after the cap (all pooled). */
  overflow: number;
  /** null, undefined or empty string (weighted: Σw of such records). */
  missing: number;
  /**
   * Σw² of the recorded values (their count under unit weights), for Kish's effective size;
   * counts, overflow and missing hold Σw when records carry weights (1/`ml.sampling.probability`).
   */
  weight2: number;
}

/** Statistics of a categorical feature state. */
export interface CategoricalFeatureSnapshot {
  /** Recorded (non-missing) values, weighted (Σw; the count when unweighted). */
  count: number;
  /** Kish's effective sample size (Σw)²/Σw² (= count when unweighted). */
  effectiveCount: number;
  missing: number;
  /** Counts per category; includes `__overflow__` when the cap was hit. */
  counts: Map<string, number>;
  /** Share of values pooled into `__overflow__`; 0 means the counts are exact. */
  overflowShare: Maybe;
}

/** JSON checkpoint of a categorical feature state. */
export interface CategoricalFeatureJson {
  kind: 'categorical_feature';
  version: 1;
  counts: Record<string, number>;
  overflow: number;
  missing: number;
  /** Σw²; written only when some weight was not 1 (absent: unit weights, Σw² = count). */
  weight2?: number;
}

/**
 * Accumulator of one categorical feature: exact counts per category up to `maxCategories`
 * distinct categories (like the OTel SDK cardinality limit, later categories are pooled, never
 * dropped). Chi-square, PSI, JS, Hellinger, L∞ and new_category_ratio computed from the snapshot
 * (`categoricalDriftFromCounts`) are EXACT while `overflowShare` is 0; otherwise they are the
 * statistics of the table with the late categories pooled into `__overflow__`, which is first-
 * come (order-dependent) — alert on `overflowShare` instead of trusting them.
 * Memory: a Map grown with the distinct categories (empty or with 3 categories ≈ 0.23 kB,
 * measured with Node 20), <= maxCategories entries (≈ 80 B + 2 B per key character each;
 * ≈ 100 kB at the default cap with 10-character keys).
 */
export function categoricalFeatureAccumulator(
  options: CategoricalFeatureOptions = {},
): Accumulator<
  CategoricalFeatureState,
  FeatureObservation,
  CategoricalFeatureSnapshot,
  CategoricalFeatureJson
> {
  const cap = options.maxCategories ?? DEFAULT_CATEGORY_CAP;
  if (!Number.isInteger(cap) || cap < 1) {
    throw new RangeError(`maxCategories must be a positive integer, got ${cap}`);
  }
  const add = (state: CategoricalFeatureState, key: string, n: number): void => {
    const c = state.counts.get(key);
    if (c !== undefined) state.counts.set(key, c + n);
    else if (state.counts.size < cap) state.counts.set(key, n);
    else state.overflow += n;
  };
  return {
    create: () => ({ counts: new Map(), overflow: 0, missing: 0, weight2: 0 }),
    record(state, input, weight = 1) {
      if (input === null || input === undefined || input === '') {
        state.missing += weight;
        return;
      }
      add(state, String(input), weight);
      state.weight2 += weight * weight;
    },
    merge(a, b) {
      const out: CategoricalFeatureState = {
        counts: new Map(a.counts),
        overflow: a.overflow + b.overflow,
        missing: a.missing + b.missing,
        weight2: a.weight2 + b.weight2,
      };
      for (const [k, n] of b.counts) add(out, k, n);
      return out;
    },
    mergeInto(a, b) {
      a.overflow += b.overflow;
      a.missing += b.missing;
      a.weight2 += b.weight2;
      for (const [k, n] of b.counts) add(a, k, n);
    },
    snapshot(state) {
      const counts = new Map(state.counts);
      if (state.overflow > 0)
        counts.set(OVERFLOW_CATEGORY, (counts.get(OVERFLOW_CATEGORY) ?? 0) + state.overflow);
      let count = 0;
      for (const n of counts.values()) count += n;
      return {
        count,
        effectiveCount: count === state.weight2 ? count : (count * count) / state.weight2,
        missing: state.missing,
        counts,
        overflowShare:
          count === 0 ? absent('no category value recorded') : present(state.overflow / count),
      };
    },
    toJSON(state) {
      return {
        kind: 'categorical_feature',
        version: 1,
        counts: Object.fromEntries(state.counts),
        overflow: state.overflow,
        missing: state.missing,
        ...(state.weight2 !== totalOf(state) ? { weight2: state.weight2 } : {}),
      };
    },
    fromJSON(json) {
      const where = 'categorical_feature';
      const obj = checkpointObject(json, where, 1);
      const raw = obj['counts'];
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        throw new AccumulatorStateError(
          `${where}: field "counts" must be an object of category counts`,
        );
      }
      const counts = new Map<string, number>();
      for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
        if (typeof v !== 'number' || !(v >= 0)) {
          throw new AccumulatorStateError(
            `${where}: count of category ${JSON.stringify(k)} must be a number >= 0`,
          );
        }
        counts.set(k, v);
      }
      if (counts.size > cap) {
        throw new AccumulatorStateError(
          `${where}: ${counts.size} categories exceed the configured cap ${cap}`,
        );
      }
      const state: CategoricalFeatureState = {
        counts,
        overflow: numberField(obj, 'overflow', where),
        missing: numberField(obj, 'missing', where),
        weight2: 0,
      };
      // A checkpoint without it (written before weights, or unweighted): Σw² = Σw.
      state.weight2 =
        obj['weight2'] === undefined ? totalOf(state) : numberField(obj, 'weight2', where);
      return state;
    },
  };
}

/** Σ counts + overflow: the recorded (non-missing) weight. */
function totalOf(state: CategoricalFeatureState): number {
  let t = state.overflow;
  for (const n of state.counts.values()) t += n;
  return t;
}
