/**
 * Exact tests on proportions, for deciding whether an alert's statistic moved beyond noise:
 * - `binomialCdf(k, n, p)`: P(X ≤ k), X ~ Binomial(n, p) (= SciPy `binom.cdf`);
 * - `binomialTwoSided(k, n, p)`: 2 · min(P(X ≤ k), P(X ≥ k)), capped at 1 — the doubled
 *   one-sided p-value, a valid level-α test whatever the skew;
 * - `fisherLowerTail(x, n, y, m)`: one-sided Fisher exact test that a proportion x/n is below
 *   y/m (= SciPy `fisher_exact([[x, n − x], [y, m − y]], alternative='less')`): the
 *   hypergeometric P(X ≤ x) given the pooled successes. Exact at every size, so its false
 *   alarms never exceed α where a z-test's would near 0 or 1.
 * All sums run in log space from the observed value outward and stop when the terms no longer
 * change the sum, so a significant result costs a few dozen terms.
 */
import { binomialSf } from './binomial-tail.js';
import { lnGamma } from './gamma.js';

/** P(X ≤ k), X ~ Binomial(n, p); n and k whole numbers, 0 < p < 1. */
export function binomialCdf(k: number, n: number, p: number): number {
  // X ≤ k ⇔ n − X ≥ n − k, and n − X ~ Binomial(n, 1 − p).
  return binomialSf(n - k, n, 1 - p);
}

/** Two-sided binomial p-value of k successes in n at rate p (doubled smaller tail, ≤ 1). */
export function binomialTwoSided(k: number, n: number, p: number): number {
  if (n <= 0) return 1;
  if (p <= 0) return k === 0 ? 1 : 0;
  if (p >= 1) return k === n ? 1 : 0;
  return Math.min(1, 2 * Math.min(binomialCdf(k, n, p), binomialSf(k, n, p)));
}

function lnChoose(n: number, k: number): number {
  return lnGamma(n + 1) - lnGamma(k + 1) - lnGamma(n - k + 1);
}

/**
 * One-sided Fisher exact p-value that the success rate of the first sample (x of n) is lower
 * than the second's (y of m). 1 when either sample is empty.
 */
export function fisherLowerTail(x: number, n: number, y: number, m: number): number {
  if (n <= 0 || m <= 0) return 1;
  const successes = x + y;
  const total = n + m;
  // X = successes in the first sample given the margins: Hypergeometric(total, successes, n).
  const lo = Math.max(0, n - (total - successes));
  const hi = Math.min(n, successes);
  const lnDenominator = lnChoose(total, n);
  const lnPmf = (j: number): number =>
    lnChoose(successes, j) + lnChoose(total - successes, n - j) - lnDenominator;
  const mean = (n * successes) / total;
  if (x <= mean) {
    let sum = 0;
    for (let j = x; j >= lo; j--) {
      const term = Math.exp(lnPmf(j));
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return Math.min(1, sum);
  }
  // Above the mean the upper tail is the short sum: 1 − P(X ≥ x + 1).
  let upper = 0;
  for (let j = x + 1; j <= hi; j++) {
    const term = Math.exp(lnPmf(j));
    upper += term;
    if (term < upper * 1e-17) break;
  }
  return Math.max(0, Math.min(1, 1 - upper));
}
