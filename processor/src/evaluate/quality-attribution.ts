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
 * one-sided (a misclassification rate with Fisher's exact test, a mean absolute error with
 * Welch's z) and called significant at {@link ATTRIBUTION_ALPHA} after a Bonferroni correction
 * over every bin tested in the window, so that on unchanged traffic at most that share of windows
 * name any bin.
 */
import { chiSquareSf } from '../stats/gamma.js';
import { fisherLowerTail } from '../stats/proportion-tests.js';
import type { QualityBinCell, QualityBinsSnapshot } from '../state/quality-bins-acc.js';
import type { ClosedWindow } from '../state/types.js';
import type { QualityAttributionResult, QualityAttributionRow } from './window-result.js';

/** Family-wise false-alarm rate of the "significant" flags of one window. */
export const ATTRIBUTION_ALPHA = 0.01;
/** Weighted pairs a bin needs in the window and in the baseline to be tested. */
export const ATTRIBUTION_MIN_PAIRS = 30;
/** Rows kept per window (largest contributions first). */
export const ATTRIBUTION_MAX_ROWS = 20;

/** The attribution of `closed`, when it has binned labeled pairs and a baseline of the same kind. */
export function qualityAttribution(closed: ClosedWindow): QualityAttributionResult | undefined {
  const current = closed.labeled.qualityBins;
  const baseline = closed.qualityBaseline;
  if (current === undefined || baseline === undefined || current.measure !== baseline.measure)
    return undefined;
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
        b !== undefined && c.n >= ATTRIBUTION_MIN_PAIRS && b.n >= ATTRIBUTION_MIN_PAIRS;
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
  if (measure === 'misclassified') {
    // Correct counts: the window's correct rate lower than the baseline's. Weighted counts are
    // rounded to whole pairs (the exact test counts pairs).
    const n = Math.round(c.n);
    const m = Math.round(b.n);
    return fisherLowerTail(n - Math.round(c.err), n, m - Math.round(b.err), m);
  }
  const mean = c.err / c.n;
  const mean0 = b.err / b.n;
  const variance = Math.max(0, c.err2 / c.n - mean * mean);
  const variance0 = Math.max(0, b.err2 / b.n - mean0 * mean0);
  const se = Math.sqrt(variance / c.n + variance0 / b.n);
  if (!(se > 0)) return mean > mean0 ? 0 : 1;
  const z = (mean - mean0) / se;
  const tail = chiSquareSf(z * z, 1) / 2;
  return z > 0 ? tail : 1 - tail;
}

/** The `qualityAttribution` member of a result: present only when there is one. */
export function withQualityAttribution(result: QualityAttributionResult | undefined): {
  qualityAttribution?: QualityAttributionResult;
} {
  return result !== undefined ? { qualityAttribution: result } : {};
}
