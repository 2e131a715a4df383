/**
 * The fairness part of a {@link WindowResult}: per sensitive attribute, the groups' rates and
 * the disparities across them (METRICS.md §Fairness), each disparity with the p-value of an
 * exact test on its largest gap. The batch command `mlmon fairness` renders the same shape.
 */
import type { MlFairnessMetricValue } from '@mlmon/conventions';

/** A rate with its 95 % Wilson score interval. */
export interface RateWithInterval {
  readonly value: number;
  /** Numerator and denominator behind the rate. */
  readonly successes: number;
  readonly trials: number;
  readonly low: number;
  readonly high: number;
}

/**
 * One group of a sensitive attribute in a window. Selection counts come from the window's
 * predictions; true/false positive rates and calibration from the labels joined in the window.
 */
export interface FairnessGroupResult {
  /** `ml.fairness.group`: the attribute's value, or `_OTHER` / `_UNKNOWN`. */
  readonly group: string;
  /**
   * `other`: the values beyond the group cap, pooled; `unknown`: predictions without the
   * attribute. Both are reported and left out of every disparity.
   */
  readonly pooled?: 'other' | 'unknown';
  /** Predictions with a binary decision. */
  readonly predictions: number;
  /** Labeled predictions (joined in the window) with a binary decision. */
  readonly labeled: number;
  readonly positives: number;
  readonly negatives: number;
  /** P(ŷ=1 | A=a); absent without predictions. */
  readonly selectionRate?: RateWithInterval;
  /** P(ŷ=1 | y=1, A=a); absent without actual positives. */
  readonly truePositiveRate?: RateWithInterval;
  /** P(ŷ=1 | y=0, A=a); absent without actual negatives. */
  readonly falsePositiveRate?: RateWithInterval;
  /** ECE (10 equal-width bins) of the group's labeled scores; absent without scores. */
  readonly calibrationError?: number;
  /** Selection rate over the reference group's, when a reference group is configured and selects. */
  readonly selectionRateRatioToReference?: number;
  /**
   * The statistics this group is too small for, each with why (`selection_rate: 12 predictions
   * < 30`): the group is then left out of that statistic's max/min.
   */
  readonly insufficient?: readonly string[];
}

/** One disparity across the sufficient groups of an attribute. */
export interface FairnessDisparity {
  /** `ml.fairness.metric`. */
  readonly metric: MlFairnessMetricValue;
  /** Absent (with `reason`) when fewer than two groups have enough samples. */
  readonly value?: number;
  /** The groups with the largest and the smallest value behind the disparity. */
  readonly highGroup?: string;
  readonly lowGroup?: string;
  /**
   * p-value that the gap is noise: one-sided Fisher exact test of the low group against the
   * high group, doubled (the pair is chosen by the data) and multiplied by the number of group
   * pairs (Bonferroni); for equalized odds the smaller of the TPR and FPR p-values, doubled.
   * Absent for the calibration spread, which has no exact count model.
   */
  readonly pValue?: number;
  /** `pValue <= alpha` of the attribute's settings. */
  readonly significant?: boolean;
  readonly reason?: string;
}

/** Fairness across one sensitive attribute in one window. */
export interface FairnessResult {
  /** `ml.fairness.attribute`, as configured (`ml.slice.gender`, or a feature name). */
  readonly attribute: string;
  /** The configured reference group, if any. */
  readonly referenceGroup?: string;
  /** Fewest predictions (labeled predictions for TPR, FPR and ECE) for a group to count. */
  readonly minGroupCount: number;
  /** Level of the `significant` decisions. */
  readonly alpha: number;
  /** Named groups by descending predictions, then `_OTHER` and `_UNKNOWN`. */
  readonly groups: readonly FairnessGroupResult[];
  readonly disparities: readonly FairnessDisparity[];
  /** Predictions without a binary decision (no score, no binary predicted label). */
  readonly undecided: number;
  /** Labels that could not be read as 0/1, so left out of TPR, FPR and ECE. */
  readonly rejectedLabels: number;
}
