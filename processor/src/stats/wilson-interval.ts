/**
 * The Wilson score interval of a binomial proportion (Wilson 1927): the interval the
 * dashboard draws around a group's rate. It stays inside [0, 1] and keeps close to its nominal
 * coverage at small n and near 0 or 1, where the normal ("Wald") interval does not.
 */

/** z of a two-sided 95 % interval (`scipy.stats.norm.ppf(0.975)`). */
export const Z_95 = 1.959963984540054;

/** The Wilson interval of `k` successes in `n` trials (n > 0) at `z`. */
export function wilsonInterval(
  k: number,
  n: number,
  z: number = Z_95,
): { low: number; high: number } {
  const p = k / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
