import { kolmogorovNSf } from './kolmogorov-n.js';
import { outerProbInsideMethod, probOutsideSquare } from './ks-exact.js';
import { absent, present, type Maybe } from './maybe.js';
import { sortedCopy, type NumericInput } from './sorted.js';

/** How the KS p-value is computed (SciPy `ks_2samp` `method`). */
export type KsMethod = 'auto' | 'exact' | 'asymp';

/** Result of the two-sample KS test. */
export interface KsResult {
  /** D = sup |F_R − F_C| (SciPy returns h/lcm after the exact path rounds it; same value). */
  statistic: number;
  /** Two-sided p-value. */
  pValue: number;
  /** The method actually used (`exact` may fall back to `asymp`, as in SciPy). */
  method: 'exact' | 'asymp';
}

/** SciPy's `MAX_AUTO_N`: `auto` is exact when max(n_R, n_C) <= this. */
export const KS_MAX_EXACT_N = 10_000;

/**
 * KS statistic D on two ascending-sorted samples, evaluated at the distinct pooled values with
 * ECDFs counting values <= x (SciPy `searchsorted(side='right')`). O(n_R + n_C), no allocation.
 */
export function ksStatisticSorted(r: NumericInput, c: NumericInput): number {
  const n1 = r.length;
  const n2 = c.length;
  let i = 0;
  let j = 0;
  let maxS = -Infinity;
  let minS = Infinity;
  while (i < n1 || j < n2) {
    // Next distinct pooled value, then move both ECDFs past every copy of it.
    const v = j >= n2 || (i < n1 && r[i]! <= c[j]!) ? r[i]! : c[j]!;
    if (v !== v) break; // NaN sorts last; never loop on it
    while (i < n1 && r[i]! <= v) i++;
    while (j < n2 && c[j]! <= v) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxS) maxS = diff;
    if (diff < minS) minS = diff;
  }
  const negMin = Math.min(Math.max(-minS, 0), 1);
  return negMin > maxS ? negMin : maxS;
}

const INT32_MAX = 2 ** 31 - 1;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Round half to even, as `np.round`. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Two-sided p-value for statistic `d` with sample sizes n1, n2, exactly as SciPy
 * `ks_2samp(alternative='two-sided', method)`:
 * - `exact` (and `auto` when max(n1, n2) <= 10000): h = round(d·lcm), d = h/lcm; equal sizes use
 *   the closed alternating sum, unequal sizes the lattice-path recursion; a result outside [0, 1]
 *   falls back to `asymp` with the rounded d.
 * - `asymp`: `kstwo.sf(d, round(m·n/(m+n)))`, the exact one-sample Kolmogorov distribution at
 *   the effective size (not the limiting Q(√en·D)).
 */
export function ksPValue(d: number, n1: number, n2: number, method: KsMethod = 'auto'): KsResult {
  let mode: 'exact' | 'asymp' =
    method === 'auto' ? (Math.max(n1, n2) <= KS_MAX_EXACT_N ? 'exact' : 'asymp') : method;
  const g = gcd(n1, n2);
  if (method === 'exact' && n1 / g >= INT32_MAX / (n2 / g)) {
    mode = 'asymp'; // SciPy: lcm too large for exact path counting
  }
  let statistic = d;
  if (mode === 'exact') {
    const lcm = (n1 / g) * n2;
    const h = roundHalfEven(d * lcm);
    statistic = h / lcm;
    if (h === 0) return { statistic, pValue: 1, method: 'exact' };
    const prob = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInsideMethod(n1, n2, g, h);
    if (prob >= 0 && prob <= 1) return { statistic, pValue: prob, method: 'exact' };
    mode = 'asymp';
  }
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const en = (m * n) / (m + n);
  const p = kolmogorovNSf(roundHalfEven(en), statistic);
  return { statistic, pValue: Math.min(1, Math.max(0, p)), method: 'asymp' };
}

/** Two-sample KS test on ascending-sorted samples. Absent when either sample is empty. */
export function ksTestSorted(
  r: NumericInput,
  c: NumericInput,
  method: KsMethod = 'auto',
): Maybe<KsResult> {
  if (r.length === 0 || c.length === 0)
    return absent('KS needs non-empty reference and current samples');
  if (Number.isNaN(r[r.length - 1]) || Number.isNaN(c[c.length - 1])) {
    return absent('KS is undefined for samples containing NaN; remove missing values first');
  }
  return present(ksPValue(ksStatisticSorted(r, c), r.length, c.length, method));
}

/** Two-sample KS test (sorts copies of the inputs once). */
export function ksTest(
  r: NumericInput,
  c: NumericInput,
  method: KsMethod = 'auto',
): Maybe<KsResult> {
  return ksTestSorted(sortedCopy(r), sortedCopy(c), method);
}
