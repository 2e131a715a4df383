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
import { chiSquareSf } from '../stats/gamma.js';
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
  const [mean, variance, third] = moments(c);
  const [mean0, variance0, third0] = moments(b);
  const se = Math.sqrt(variance / nc + variance0 / nb);
  if (!(se > 0)) return mean > mean0 ? 0 : 1;
  const z = (mean - mean0) / se;
  const tail = chiSquareSf(z * z, 1) / 2;
  const normal = z > 0 ? tail : 1 - tail;
  // Edgeworth: P(Z > z) ≈ Q(z) + γ/6 (z² − 1) φ(z), γ the skewness of the mean difference.
  const skewness = (third / (nc * nc) - third0 / (nb * nb)) / (se * se * se);
  const density = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  return Math.min(1, Math.max(0, normal + (skewness / 6) * (z * z - 1) * density));
}

/** Kish's effective size (Σw)²/Σw² of a cell's pairs: `n` itself when unweighted. */
function effectiveSize(c: Readonly<QualityBinCell>): number {
  return c.w2 === c.n || !(c.w2 > 0) ? c.n : (c.n * c.n) / c.w2;
}

/** Mean, variance and third central moment of a cell's errors (population moments). */
function moments(c: Readonly<QualityBinCell>): [number, number, number] {
  const m1 = c.err / c.n;
  const m2 = c.err2 / c.n;
  const m3 = c.err3 / c.n;
  return [m1, Math.max(0, m2 - m1 * m1), m3 - 3 * m1 * m2 + 2 * m1 * m1 * m1];
}

/** The `qualityAttribution` member of a result: present only when there is one. */
export function withQualityAttribution(result: QualityAttributionResult | undefined): {
  qualityAttribution?: QualityAttributionResult;
} {
  return result !== undefined ? { qualityAttribution: result } : {};
}
