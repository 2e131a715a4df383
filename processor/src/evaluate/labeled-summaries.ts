/**
 * Neutral summaries of a window's accumulator snapshots, as evaluate reads them. The snapshot
 * readers (`snapshot-readers.ts`) are the one place that knows the accumulators' shapes; the
 * evaluators below work on these and stay independent of how state stores things.
 */
import type { BinSums, ConfusionCounts, Maybe } from '../stats/index.js';

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
  /** Exact extremes, when the accumulator tracks them. */
  readonly min?: number;
  readonly max?: number;
}

/** Counts of a categorical accumulator. */
export interface CategoryCounts {
  readonly counts: ReadonlyMap<string, number>;
  /** Values that did not fit under the category cap. */
  readonly overflow: number;
}

/** Labeled binary-classification pairs of a window. */
export interface BinaryLabeled {
  /** Labeled pairs. */
  readonly n: number;
  /** Positive labels. */
  readonly positives: number;
  /** The 10 equal-width reliability bins on the score (correct = label 1). */
  readonly bins: readonly BinSums[];
  /** Σ (s − y)². */
  readonly brierSum: number;
  /** Σ −(y ln p + (1 − y) ln(1 − p)), p clipped to [1e−15, 1 − 1e−15]. */
  readonly logLossSum: number;
  /** Confusion counts at each prediction's threshold (`ml.prediction.threshold`, else 0.5). */
  readonly confusion: ConfusionCounts;
  /** ROC AUC, exact or from the accumulator's structure. */
  readonly rocAuc: Maybe;
}

/** Labeled multiclass pairs of a window. */
export interface MulticlassLabeled {
  readonly n: number;
  readonly correct: number;
  /** Confusion matrix, `confusion[actual][predicted]`, over the model's classes. */
  readonly confusion: readonly ArrayLike<number>[];
  readonly brierSum: number;
  readonly logLossSum: number;
  /** Top-label reliability bins (confidence = max P, correct = argmax = y). */
  readonly bins: readonly BinSums[];
}

/** Labeled regression pairs of a window. */
export interface RegressionLabeled {
  readonly n: number;
  /** Σ |y − ŷ|. */
  readonly absErrorSum: number;
  /** Σ (y − ŷ)². */
  readonly squaredErrorSum: number;
  /** Σ |y − ŷ| / max(|y|, ε). */
  readonly apeSum: number;
  /** Σ y and Σ y² (for R²'s total sum of squares). */
  readonly ySum: number;
  readonly ySquaredSum: number;
}
