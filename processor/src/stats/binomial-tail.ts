/**
 * The upper tail of the binomial distribution, P(X ≥ k) for X ~ Binomial(n, p) — SciPy's
 * `binom.sf(k - 1, n, p)` — summed exactly in log space from k upward. Used where k lies above
 * the mean (is this many bad events more than the budget allows?): the terms then fall
 * geometrically and the sum ends after a few dozen of them.
 */
import { lnGamma } from './gamma.js';

function lnPmf(j: number, n: number, p: number): number {
  return (
    lnGamma(n + 1) -
    lnGamma(j + 1) -
    lnGamma(n - j + 1) +
    j * Math.log(p) +
    (n - j) * Math.log1p(-p)
  );
}

/** P(X ≥ k), X ~ Binomial(n, p); n and k whole numbers, 0 < p < 1. */
export function binomialSf(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (k <= n * p) {
    // Below the mean the lower tail is the short sum: 1 − P(X ≤ k − 1).
    let lower = 0;
    for (let j = k - 1; j >= 0; j--) {
      const term = Math.exp(lnPmf(j, n, p));
      lower += term;
      if (term < lower * 1e-17) break;
    }
    return Math.max(0, 1 - lower);
  }
  let sum = 0;
  for (let j = k; j <= n; j++) {
    const term = Math.exp(lnPmf(j, n, p));
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return Math.min(1, sum);
}
