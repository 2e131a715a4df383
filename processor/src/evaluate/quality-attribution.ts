/**
 * Where quality fell: a window's labeled errors per attribute bin (feature bins and slice values,
 * `state/quality-bins.ts`) against the stream's quality baseline. For each attribute the window's
 * error (error rate, or mean absolute error for regression) minus the baseline's splits exactly
 * into per-bin terms
 *
 *   e − e₀ = Σ_b s_b (e_b − e₀_b) + Σ_b (s_b − s₀_b) e₀_b
 *
 * (s_b, s₀_b: the bin's share of the window's and the baseline's pairs; e_b, e₀_b: its error):
 * the first sum is the bins' own change — the part of the drop a bin *caused*, its
 * `contribution` — and the second the change of mix (covariate shift moving pairs into bins that
 * were already worse), `mixContribution`. Rows are ranked by contribution. A bin's rise is tested
 * one-sided (a misclassification rate with Fisher's exact test; a mean absolute error with
 * Welch's z, its tail corrected for the skewness of absolute errors by the first Edgeworth term —
 * the plain normal tail raised false alarms past the budget on skewed errors) and called
 * significant at {@link ATTRIBUTION_ALPHA} after a Bonferroni correction
 * over every bin tested in the window, so that on unchanged traffic at most that share of windows
 * name any bin. Pairs weighted by 1/`ml.sampling.probability` enter the shares and errors as Σw
 * and the tests (and their minimum size) at each cell's Kish effective size (Σw)²/Σw², so
 * sampling never makes a bin's test bolder than the pairs behind it allow.
 */
import { meanMomentsOf, meanRisePValue, type MeanMoments } from '../stats/mean-rise-test.js';
import { fisherLowerTail } from '../stats/proportion-tests.js';
import type { QualityBinCell, QualityBinsSnapshot } from '../state/quality-bins-acc.js';
import type { ClosedWindow } from '../state/types.js';
import type { QualityAttributionResult, QualityAttributionRow } from './window-result.js';

/**
 * Family-wise false-alarm rate of the "significant" flags of one window: half the 1 % budget,
 * because Bonferroni over nearly independent bins spends almost all of it.
 */
export const ATTRIBUTION_ALPHA = 0.005;
/** Pairs (Kish's effective size when weighted) a bin needs in the window and the baseline to be tested. */
export const ATTRIBUTION_MIN_PAIRS = 30;
/** Rows kept per window (largest contributions first). */
export const ATTRIBUTION_MAX_ROWS = 20;

/** The attribution of `closed`, when it has binned labeled pairs and a baseline of the same kind. */
export function qualityAttribution(closed: ClosedWindow): QualityAttributionResult | undefined {
  const current = closed.labeled.qualityBins;
  const baseline = closed.qualityBaseline;
  if (current === undefined || baseline === undefined) return undefined;
  return attributeQuality(current, baseline);
}

/** The attribution of the bins `current` against `baseline` (of the same error measure). */
export function attributeQuality(
  current: QualityBinsSnapshot,
  baseline: QualityBinsSnapshot,
): QualityAttributionResult | undefined {
  if (current.measure !== baseline.measure) return undefined;
  const rows: ({ -readonly [K in keyof QualityAttributionRow]: QualityAttributionRow[K] } & {
    tested: boolean;
  })[] = [];
  for (const [attribute, bins] of current.cells) {
    const base = baseline.cells.get(attribute);
    if (base === undefined) continue;
    const n = total(bins);
    const n0 = total(base);
    if (n <= 0 || n0 <= 0) continue;
    for (const [bin, c] of bins) {
      const b = base.get(bin);
      const share = c.n / n;
      const error = c.err / c.n;
      const baselineShare = b === undefined ? 0 : b.n / n0;
      const baselineError = b === undefined || b.n <= 0 ? undefined : b.err / b.n;
      const tested =
        b !== undefined &&
        effectiveSize(c) >= ATTRIBUTION_MIN_PAIRS &&
        effectiveSize(b) >= ATTRIBUTION_MIN_PAIRS;
      rows.push({
        attribute,
        bin,
        pairs: c.n,
        share,
        error,
        baselinePairs: b?.n ?? 0,
        ...(baselineError !== undefined
          ? {
              baselineError,
              contribution: share * (error - baselineError),
              mixContribution: (share - baselineShare) * baselineError,
            }
          : {}),
        ...(tested ? { pValue: riseTest(current.measure, c, b) } : {}),
        significant: false,
        tested,
      });
    }
  }
  const tested = rows.filter((r) => r.tested).length;
  for (const r of rows) {
    if (r.pValue !== undefined && r.pValue <= ATTRIBUTION_ALPHA / tested) r.significant = true;
  }
  rows.sort((a, b) => (b.contribution ?? -Infinity) - (a.contribution ?? -Infinity));
  return {
    metric: current.measure === 'absolute_error' ? 'mean_absolute_error' : 'error_rate',
    binsTested: tested,
    alpha: ATTRIBUTION_ALPHA,
    rows: rows.slice(0, ATTRIBUTION_MAX_ROWS).map(({ tested: _tested, ...row }) => row),
  };
}

function total(bins: ReadonlyMap<string, Readonly<QualityBinCell>>): number {
  let n = 0;
  for (const c of bins.values()) n += c.n;
  return n;
}

/** One-sided p-value that the bin's error rose from the baseline `b` to the window's `c`. */
function riseTest(
  measure: QualityBinsSnapshot['measure'],
  c: Readonly<QualityBinCell>,
  b: Readonly<QualityBinCell>,
): number {
  const nc = effectiveSize(c);
  const nb = effectiveSize(b);
  if (measure === 'misclassified') {
    // Correct counts: the window's correct rate lower than the baseline's, at each cell's
    // effective size rounded to whole pairs (the exact test counts pairs).
    const n = Math.round(nc);
    const m = Math.round(nb);
    const wrong = (cell: Readonly<QualityBinCell>, size: number) =>
      Math.round((cell.err / cell.n) * size);
    return fisherLowerTail(n - wrong(c, n), n, m - wrong(b, m), m);
  }
  return meanRisePValue(errorMoments(c, nc), errorMoments(b, nb));
}

/** Kish's effective size (Σw)²/Σw² of a cell's pairs: `n` itself when unweighted. */
function effectiveSize(c: Readonly<QualityBinCell>): number {
  return c.w2 === c.n || !(c.w2 > 0) ? c.n : (c.n * c.n) / c.w2;
}

/** The moments of a cell's errors at its effective size `n`. */
function errorMoments(c: Readonly<QualityBinCell>, n: number): MeanMoments {
  return meanMomentsOf(n, c.n, c.err, c.err2, c.err3);
}

/** The `qualityAttribution` member of a result: present only when there is one. */
export function withQualityAttribution(result: QualityAttributionResult | undefined): {
  qualityAttribution?: QualityAttributionResult;
} {
  return result !== undefined ? { qualityAttribution: result } : {};
}
