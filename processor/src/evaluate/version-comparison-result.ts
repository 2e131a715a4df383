/**
 * The version-comparison part of a {@link WindowResult}: how one model version did against the
 * model's baseline version in the same window and slice (docs/versions.md). Carried by the
 * compared version's result only; the baseline's own result has none.
 */
import type { MlVersionComparisonValue, MlVersionVerdictValue } from '@mlmon/conventions';
import type { DriftResult } from './window-result.js';

/** `ml.version.verdict`. */
export type VersionVerdict = MlVersionVerdictValue;

/** How the baseline version was chosen. */
export type BaselineSource = 'configured' | 'traffic';

/** One exact test of the version against the baseline on a proportion. */
export interface VersionProportionTest {
  /** `accuracy` (correct labeled decisions) or `error_ratio` (failed inference calls). */
  readonly comparison: 'accuracy' | 'error_ratio';
  /** Successes (correct decisions, failed calls) and trials of the baseline's window. */
  readonly baseline: { readonly successes: number; readonly trials: number };
  /** The same counts of the version's window. */
  readonly candidate: { readonly successes: number; readonly trials: number };
  /** One-sided Fisher p-value that the version is worse only by chance. */
  readonly pWorse: number;
  /** One-sided Fisher p-value that the version is better only by chance. */
  readonly pBetter: number;
}

/**
 * The test of the version against the baseline on the mean absolute error of labeled regression
 * predictions: Welch's z with an Edgeworth skewness correction (`stats/mean-rise-test.ts`).
 */
export interface VersionMeanTest {
  readonly comparison: 'mae';
  /** The baseline window's MAE and its labeled pairs (Kish's effective size when weighted). */
  readonly baseline: { readonly mean: number; readonly samples: number };
  /** The same of the version's window. */
  readonly candidate: { readonly mean: number; readonly samples: number };
  /** One-sided p-value that the version's MAE is higher only by chance. */
  readonly pWorse: number;
  /** One-sided p-value that the version's MAE is lower only by chance. */
  readonly pBetter: number;
}

/** One test of the version against the baseline. */
export type VersionTestResult = VersionProportionTest | VersionMeanTest;

/** The samples on the smaller side of `test` (labeled predictions, or inference calls). */
export function testSamples(test: VersionTestResult): number {
  return test.comparison === 'mae'
    ? Math.min(test.baseline.samples, test.candidate.samples)
    : Math.min(test.baseline.trials, test.candidate.trials);
}

/** One statistic of both versions and its difference (version minus baseline). */
export interface VersionDelta {
  readonly comparison: MlVersionComparisonValue;
  readonly baseline: number;
  readonly candidate: number;
  readonly delta: number;
}

/** A latency quantile of both versions' inference calls and its difference, in seconds. */
export interface VersionLatencyDelta {
  readonly quantile: number;
  readonly baseline: number;
  readonly candidate: number;
  readonly delta: number;
}

/**
 * The requests both versions scored (same `ml.prediction.id`) in the window: agreement and
 * score differences on exactly those requests.
 */
export interface ShadowComparison {
  /** Shared requests joined. */
  readonly pairs: number;
  /** Shared requests with a decision from both versions. */
  readonly decided: number;
  /** Share of `decided` where both decisions were equal. */
  readonly agreement?: number;
  /** Shared requests with a score from both versions. */
  readonly scored: number;
  /** Mean of (version score − baseline score). */
  readonly scoreDifferenceMean?: number;
  /** Mean of |version score − baseline score|. */
  readonly scoreDifferenceAbsMean?: number;
}

/** The comparison of one version with the baseline version in one window and slice. */
export interface VersionComparisonResult {
  /** `ml.version.baseline`. */
  readonly baselineVersion: string;
  readonly baselineSource: BaselineSource;
  /** `ml.version.verdict`. */
  readonly verdict: VersionVerdict;
  /** Why the verdict is `insufficient_data`, or which test decided it. */
  readonly reason?: string;
  /** Level of the verdict over all its tests (each test runs at alpha / tests). */
  readonly alpha: number;
  /** The tests that had enough samples on both sides. */
  readonly tests: readonly VersionTestResult[];
  /** Quality, calibration, error-ratio and score-mean differences (present on both sides). */
  readonly deltas: readonly VersionDelta[];
  /** p50, p95, p99 latency differences, when both versions had inference durations. */
  readonly latency: readonly VersionLatencyDelta[];
  /**
   * Drift of the version's prediction distribution (score, predicted label) against the
   * baseline version's same window and slice as the reference.
   */
  readonly predictionDrift: readonly DriftResult[];
  /** Shadow agreement, when both versions scored requests with the same prediction id. */
  readonly shadow?: ShadowComparison;
}
