/**
 * Version comparison (docs/versions.md): per model, window and slice, every version against the
 * baseline version — the prediction distribution through the drift machinery (the baseline's
 * same window as the reference), the quality, calibration, error-ratio and latency differences,
 * and a verdict from one-sided tests: exact Fisher tests on the labeled accuracy and on the error
 * ratio, and for regression Welch's z (Edgeworth-corrected for the skewness of absolute errors)
 * on the labeled MAE. Each test runs at α / (tests made) — the asymptotic MAE test at half of
 * that — so equal versions are judged `worse` in at most α of the windows whatever their sizes
 * (Bonferroni; the bench measures the MAE test's rate, which an asymptotic test cannot promise by
 * construction).
 * Pure: the results, their digests and the baseline choice come in; results come out.
 */
import {
  ATTR_ML_PREDICTION_LABEL,
  ATTR_ML_PREDICTION_SCORE,
  ATTR_ML_PREDICTION_VALUE,
  ML_DRIFT_KIND_VALUE_PREDICTION,
  ML_QUALITY_METRIC_VALUE_ACCURACY,
  ML_QUALITY_METRIC_VALUE_MAE,
  ML_QUALITY_METRIC_VALUE_RMSE,
  ML_VERSION_COMPARISON_VALUE_ACCURACY,
  ML_VERSION_COMPARISON_VALUE_BRIER_SCORE,
  ML_VERSION_COMPARISON_VALUE_ECE,
  ML_VERSION_COMPARISON_VALUE_ERROR_RATIO,
  ML_VERSION_COMPARISON_VALUE_LOG_LOSS,
  ML_VERSION_COMPARISON_VALUE_MAE,
  ML_VERSION_COMPARISON_VALUE_RMSE,
  ML_VERSION_COMPARISON_VALUE_SCORE_MEAN,
  type MlVersionComparisonValue,
} from '@mlmon/conventions';
import { meanRisePValue } from '../stats/mean-rise-test.js';
import { fisherLowerTail } from '../stats/proportion-tests.js';
import type { BuildReferenceOptions } from './drift/build-reference.js';
import {
  categoricalCurrent,
  categoricalReferenceFromCounts,
  decideFeatureDrift,
  numericCurrent,
  numericReferenceFromValues,
  type FeatureDriftOptions,
} from './feature-drift.js';
import type { NumericValues } from './labeled-summaries.js';
import type {
  BaselineSource,
  ShadowComparison,
  VersionComparisonResult,
  VersionDelta,
  VersionLatencyDelta,
  VersionTestResult,
  VersionVerdict,
} from './version-comparison-result.js';
import type { VersionWindowDigest } from './version-digest.js';
import type { DriftResult, WindowResult } from './window-result.js';

/** Default level of the verdict (false `worse` verdicts on equal versions). */
export const DEFAULT_VERSION_ALPHA = 0.01;
/** Default fewest labeled predictions (inference calls) per version for a test to run. */
export const DEFAULT_VERSION_MIN_SAMPLES = 30;

/** How one model's versions are compared. */
export interface VersionComparisonSettings {
  /** Level of the verdict, split over its tests. */
  readonly alpha: number;
  /** Fewest labeled predictions (inference calls) on each side for the accuracy (error) test. */
  readonly minSamples: number;
  /** α and method rules of the prediction-drift decisions. */
  readonly drift?: FeatureDriftOptions;
  /** Options of the reference built from the baseline's window. */
  readonly reference?: BuildReferenceOptions;
}

/** The baseline version of a model and how it was chosen. */
export interface BaselineChoice {
  readonly version: string;
  readonly source: BaselineSource;
}

/** A window's result with its comparison inputs. */
export interface ComparedWindow {
  readonly result: WindowResult;
  readonly digest?: VersionWindowDigest | undefined;
}

/** The name of the predicted-label distribution (as the stream's own drift). */
const LABEL_NAME = ATTR_ML_PREDICTION_LABEL;
/** The numeric prediction outputs and the digest part holding each. */
const NUMERIC_OUTPUTS = [
  [ATTR_ML_PREDICTION_SCORE, 'score'],
  [ATTR_ML_PREDICTION_VALUE, 'value'],
] as const;

/** Compares `candidate` with `baseline` (same model, window and slice). */
export function compareWindowVersions(
  baseline: ComparedWindow,
  candidate: ComparedWindow,
  source: BaselineSource,
  settings: VersionComparisonSettings,
): VersionComparisonResult {
  const shadow = shadowComparison(baseline, candidate);
  const tests = [
    ...proportionTests(baseline, candidate, settings.minSamples),
    ...maeTest(baseline, candidate, settings.minSamples),
  ];
  const decided = verdictOf(tests, settings);
  return {
    baselineVersion: baseline.result.stream.modelVersion,
    baselineSource: source,
    ...decided,
    alpha: settings.alpha,
    tests,
    deltas: deltasOf(baseline, candidate),
    latency: latencyDeltas(baseline.result, candidate.result),
    predictionDrift: predictionDrift(baseline.digest, candidate.digest, settings),
    ...(shadow !== undefined ? { shadow } : {}),
  };
}

/**
 * The comparison of a version whose baseline has no window of the same slice: nothing to test.
 */
export function withoutBaselineWindow(
  baseline: BaselineChoice,
  settings: VersionComparisonSettings,
): VersionComparisonResult {
  return {
    baselineVersion: baseline.version,
    baselineSource: baseline.source,
    verdict: 'insufficient_data',
    reason: `the baseline version ${baseline.version} has no window of this slice`,
    alpha: settings.alpha,
    tests: [],
    deltas: [],
    latency: [],
    predictionDrift: [],
  };
}

/** Successes and trials of one side of a test. */
interface Counts {
  readonly successes: number;
  readonly trials: number;
}

/**
 * The exact tests with enough samples on both sides: accuracy (higher is better) and the error
 * ratio of the inference calls (higher is worse).
 */
function proportionTests(
  baseline: ComparedWindow,
  candidate: ComparedWindow,
  minSamples: number,
): VersionTestResult[] {
  const correct = (w: ComparedWindow): Counts | undefined => {
    const l = w.digest?.labeled;
    return l !== undefined ? { successes: l.correct, trials: l.trials } : undefined;
  };
  const failed = (w: ComparedWindow): Counts | undefined => {
    const s = w.result.service;
    return s !== undefined ? { successes: s.errors, trials: s.requests } : undefined;
  };
  const sides = [
    [ML_VERSION_COMPARISON_VALUE_ACCURACY, correct(baseline), correct(candidate), false],
    [ML_VERSION_COMPARISON_VALUE_ERROR_RATIO, failed(baseline), failed(candidate), true],
  ] as const;
  const tests: VersionTestResult[] = [];
  for (const [comparison, b, c, higherIsWorse] of sides) {
    if (b === undefined || c === undefined || b.trials < minSamples || c.trials < minSamples)
      continue;
    // One-sided: the lower rate's side is the first sample of the Fisher test.
    const lower = (x: Counts, y: Counts): number =>
      fisherLowerTail(x.successes, x.trials, y.successes, y.trials);
    tests.push({
      comparison,
      baseline: b,
      candidate: c,
      pWorse: higherIsWorse ? lower(b, c) : lower(c, b),
      pBetter: higherIsWorse ? lower(c, b) : lower(b, c),
    });
  }
  return tests;
}

/**
 * The test of a rise in the labeled regression predictions' MAE, when both sides have at least
 * `minSamples` pairs (Kish's effective size when weighted).
 */
function maeTest(
  baseline: ComparedWindow,
  candidate: ComparedWindow,
  minSamples: number,
): VersionTestResult[] {
  const b = baseline.digest?.absoluteErrors;
  const c = candidate.digest?.absoluteErrors;
  if (b === undefined || c === undefined || b.n < minSamples || c.n < minSamples) return [];
  return [
    {
      comparison: ML_VERSION_COMPARISON_VALUE_MAE,
      baseline: { mean: b.mean, samples: b.n },
      candidate: { mean: c.mean, samples: c.n },
      pWorse: meanRisePValue(c, b),
      pBetter: meanRisePValue(b, c),
    },
  ];
}

function verdictOf(
  tests: readonly VersionTestResult[],
  settings: VersionComparisonSettings,
): { verdict: VersionVerdict; reason?: string } {
  if (tests.length === 0) {
    return {
      verdict: 'insufficient_data',
      reason: `fewer than ${settings.minSamples} labeled predictions and inference calls on one side`,
    };
  }
  const share = settings.alpha / tests.length;
  const worse = tests.filter((t) => t.pWorse <= levelOf(t, share));
  if (worse.length > 0) return { verdict: 'worse', reason: because(worse, 'pWorse', share) };
  const better = tests.filter((t) => t.pBetter <= levelOf(t, share));
  if (better.length > 0) return { verdict: 'better', reason: because(better, 'pBetter', share) };
  return { verdict: 'same' };
}

/**
 * The level a test runs at, out of its `share` of α: exact tests use it all; the asymptotic MAE
 * test half of it, because its rate on equal versions is only approximately its level (measured
 * 0.4–1.5 % at a nominal 1 % over error laws from normal to log-normal, 30 to 10 000 pairs), and
 * the verdict promises at most α.
 */
function levelOf(test: VersionTestResult, share: number): number {
  return test.comparison === ML_VERSION_COMPARISON_VALUE_MAE ? share / 2 : share;
}

function because(
  tests: readonly VersionTestResult[],
  side: 'pWorse' | 'pBetter',
  share: number,
): string {
  return tests
    .map((t) => `${t.comparison}: p = ${t[side].toPrecision(3)} ≤ ${levelOf(t, share)}`)
    .join('; ');
}

function deltasOf(baseline: ComparedWindow, candidate: ComparedWindow): VersionDelta[] {
  const pick = (w: ComparedWindow): Partial<Record<MlVersionComparisonValue, number>> => {
    const r = w.result;
    const quality = (metric: string): number | undefined =>
      r.quality.find((q) => q.metric === metric)?.value;
    const scoreMean = w.digest?.score !== undefined ? meanOf(w.digest.score) : undefined;
    return {
      [ML_VERSION_COMPARISON_VALUE_ACCURACY]: quality(ML_QUALITY_METRIC_VALUE_ACCURACY),
      [ML_VERSION_COMPARISON_VALUE_MAE]: quality(ML_QUALITY_METRIC_VALUE_MAE),
      [ML_VERSION_COMPARISON_VALUE_RMSE]: quality(ML_QUALITY_METRIC_VALUE_RMSE),
      [ML_VERSION_COMPARISON_VALUE_ECE]: r.calibration?.ece,
      [ML_VERSION_COMPARISON_VALUE_BRIER_SCORE]: r.calibration?.brier,
      [ML_VERSION_COMPARISON_VALUE_LOG_LOSS]: r.calibration?.logLoss,
      [ML_VERSION_COMPARISON_VALUE_ERROR_RATIO]: r.service?.errorRatio,
      [ML_VERSION_COMPARISON_VALUE_SCORE_MEAN]: scoreMean,
    };
  };
  const b = pick(baseline);
  const c = pick(candidate);
  const out: VersionDelta[] = [];
  for (const comparison of Object.keys(b) as MlVersionComparisonValue[]) {
    const bv = b[comparison];
    const cv = c[comparison];
    if (bv === undefined || cv === undefined) continue;
    out.push({ comparison, baseline: bv, candidate: cv, delta: cv - bv });
  }
  return out;
}

/** Mean of the score values (exact below the sketch capacity, the sketch's mean above). */
function meanOf(values: NumericValues): number | undefined {
  let sum = 0;
  let weight = 0;
  for (let i = 0; i < values.sorted.length; i++) {
    const w = values.weights?.[i] ?? 1;
    sum += values.sorted[i]! * w;
    weight += w;
  }
  return weight > 0 ? sum / weight : undefined;
}

function latencyDeltas(baseline: WindowResult, candidate: WindowResult): VersionLatencyDelta[] {
  const b = baseline.service?.latency;
  const c = candidate.service?.latency;
  if (b === undefined || c === undefined) return [];
  const out: VersionLatencyDelta[] = [];
  for (const [quantile, key] of [
    [0.5, 'p50'],
    [0.95, 'p95'],
    [0.99, 'p99'],
  ] as const) {
    const bv = b[key];
    const cv = c[key];
    if (bv !== undefined && cv !== undefined)
      out.push({ quantile, baseline: bv, candidate: cv, delta: cv - bv });
  }
  return out;
}

/**
 * The version's score, predicted-value (regression) and predicted-label distributions against the
 * baseline's as reference.
 */
function predictionDrift(
  baseline: VersionWindowDigest | undefined,
  candidate: VersionWindowDigest | undefined,
  settings: VersionComparisonSettings,
): DriftResult[] {
  const out: DriftResult[] = [];
  const build = settings.reference ?? {};
  const kind = ML_DRIFT_KIND_VALUE_PREDICTION;
  for (const [name, part] of NUMERIC_OUTPUTS) {
    const b = baseline?.[part];
    const c = candidate?.[part];
    if (b === undefined || c === undefined) continue;
    const reference = numericReferenceFromValues(name, b, 0, build);
    const current = numericCurrent(c, 0, reference);
    out.push(
      ...decideFeatureDrift(kind, reference, current, settings.drift).map((d) => ({
        ...d,
        feature: name,
      })),
    );
  }
  if (baseline?.label !== undefined && candidate?.label !== undefined) {
    const reference = categoricalReferenceFromCounts(LABEL_NAME, baseline.label, 0, build);
    out.push(
      ...decideFeatureDrift(
        kind,
        reference,
        categoricalCurrent(candidate.label, 0),
        settings.drift,
      ).map((d) => ({ ...d, feature: LABEL_NAME })),
    );
  }
  return out;
}

/**
 * The shadow pairs of the two versions: those the candidate's window recorded against the
 * baseline (differences candidate − baseline) and those the baseline's recorded against the
 * candidate (whichever version's prediction came second records the pair), in one tally.
 */
function shadowComparison(
  baseline: ComparedWindow,
  candidate: ComparedWindow,
): ShadowComparison | undefined {
  const own = candidate.digest?.shadow?.get(baseline.result.stream.modelVersion);
  const other = baseline.digest?.shadow?.get(candidate.result.stream.modelVersion);
  if (own === undefined && other === undefined) return undefined;
  const sum = (f: 'pairs' | 'decided' | 'agreed' | 'scored'): number =>
    (own?.[f] ?? 0) + (other?.[f] ?? 0);
  const pairs = sum('pairs');
  const decided = sum('decided');
  const scored = sum('scored');
  const difference = (own?.differenceSum ?? 0) - (other?.differenceSum ?? 0);
  const absDifference = (own?.absDifferenceSum ?? 0) + (other?.absDifferenceSum ?? 0);
  return {
    pairs,
    decided,
    ...(decided > 0 ? { agreement: sum('agreed') / decided } : {}),
    scored,
    ...(scored > 0
      ? { scoreDifferenceMean: difference / scored, scoreDifferenceAbsMean: absDifference / scored }
      : {}),
  };
}
