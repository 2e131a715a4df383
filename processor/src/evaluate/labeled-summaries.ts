/**
 * Neutral summaries of a window's feature snapshots, as the drift and data-quality evaluators
 * read them. `snapshot-readers.ts` is the one place that knows the accumulators' shapes.
 */
/** Values of a numeric accumulator: exact sorted values, or weighted sketch points. */
export interface NumericValues {
  /** Values recorded (raw rows). */
  readonly count: number;
  /** Ascending values (exact) or sketch points. */
  readonly sorted: Float64Array;
  /** Weights of `sorted` (sketch counts); absent means 1 each. */
  readonly weights?: Float64Array;
  /** True when `sorted` holds every value. */
  readonly exact: boolean;
  /**
   * Kish's effective sample size (Σw)²/Σw² of records weighted by 1/`ml.sampling.probability`;
   * absent when every record weighed 1 (then it is `count`). Size-aware decisions use it.
   */
  readonly effectiveCount?: number;
  /** Exact extremes, when the accumulator tracks them. */
  readonly min?: number;
  readonly max?: number;
  /** Bin edges the accumulator counted exactly into, with those counts (reference bins). */
  readonly binEdges?: ArrayLike<number>;
  readonly binCounts?: ArrayLike<number>;
}

/** Counts of a categorical accumulator. */
export interface CategoryCounts {
  readonly counts: ReadonlyMap<string, number>;
  /** Values that did not fit under the category cap. */
  readonly overflow: number;
  /** Kish's effective sample size of weighted records; absent when every record weighed 1. */
  readonly effectiveCount?: number;
}
