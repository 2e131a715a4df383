/**
 * Is a model's miscalibration beyond what chance gives a calibrated model? Per reliability bin,
 * the labels of a calibrated model are independent Bernoulli(p_i) draws whose sum has mean
 * n_b · p̄_b; by Hoeffding (1956) its tails are no heavier than Binomial(n_b, p̄_b)'s beyond one
 * count from the mean, so the binomial test of the bin's positives at its mean score is a valid
 * (conservative) level-α test. The bins are combined with Bonferroni: the smallest bin p-value
 * times the number of non-empty bins (capped at 1). Unlike the ECE itself, this has no positive
 * bias at small n: ECE ≈ 0.1 is typical of a perfectly calibrated model with 100 labels.
 */
import { binomialTwoSided } from './proportion-tests.js';

/** One reliability bin as counted: labeled predictions, their mean score and the positives. */
export interface CalibrationBinCount {
  readonly count: number;
  /** Mean score (binary) or top-label confidence (multiclass). */
  readonly meanScore: number;
  /** Positives (binary) or correct top labels (multiclass) among `count`. */
  readonly positives: number;
}

/** Bonferroni-combined p-value of "the model is calibrated"; 1 when no bin holds a label. */
export function calibrationPValue(bins: readonly CalibrationBinCount[]): number {
  let smallest = 1;
  let used = 0;
  for (const bin of bins) {
    if (bin.count <= 0) continue;
    used++;
    smallest = Math.min(smallest, binomialTwoSided(bin.positives, bin.count, bin.meanScore));
  }
  return used === 0 ? 1 : Math.min(1, smallest * used);
}
