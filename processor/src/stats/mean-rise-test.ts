/**
 * A one-sided test that a mean rose between two samples summarised by their moments: Welch's z
 * on the difference of means, its normal tail corrected for skewness by the first Edgeworth
 * term. Errors (absolute errors above all) are right-skewed, and the plain normal tail of their
 * mean difference is too bold on the side that matters — measured on skewed errors it raised
 * false alarms past the budget; the Edgeworth term brings them back under it.
 */
import { chiSquareSf } from './gamma.js';

/** The moments of one sample that the test reads. */
export interface MeanMoments {
  /** Sample size — Kish's effective size (Σw)²/Σw² when the values carry weights. */
  readonly n: number;
  readonly mean: number;
  /** Population (ddof = 0) variance. */
  readonly variance: number;
  /** Third central moment E[(x − mean)³]. */
  readonly third: number;
}

/**
 * The moments of a sample from its raw sums: `sum`, `sum2`, `sum3` = Σw·x, Σw·x², Σw·x³ over
 * total weight `weight` (Σw), at sample size `n` (the effective size).
 */
export function meanMomentsOf(
  n: number,
  weight: number,
  sum: number,
  sum2: number,
  sum3: number,
): MeanMoments {
  const m1 = sum / weight;
  const m2 = sum2 / weight;
  const m3 = sum3 / weight;
  return {
    n,
    mean: m1,
    variance: Math.max(0, m2 - m1 * m1),
    third: m3 - 3 * m1 * m2 + 2 * m1 * m1 * m1,
  };
}

/**
 * One-sided p-value that the mean of `current` exceeds the mean of `baseline` only by chance:
 * z = (x̄ − x̄₀)/se with se² = s²/n + s₀²/n₀, and
 *
 *   P(Z > z) ≈ Q(z) + γ/6 · (z² − 1) · φ(z),  γ = (μ₃/n² − μ₃₀/n₀²) / se³
 *
 * (γ the skewness of the difference of means). Clamped to [0, 1]; with no spread on either side
 * the p-value is 0 when the mean rose and 1 otherwise.
 */
export function meanRisePValue(current: MeanMoments, baseline: MeanMoments): number {
  const se = Math.sqrt(current.variance / current.n + baseline.variance / baseline.n);
  if (!(se > 0)) return current.mean > baseline.mean ? 0 : 1;
  const z = (current.mean - baseline.mean) / se;
  const tail = chiSquareSf(z * z, 1) / 2;
  const normal = z > 0 ? tail : 1 - tail;
  const skewness =
    (current.third / (current.n * current.n) - baseline.third / (baseline.n * baseline.n)) /
    (se * se * se);
  const density = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  return Math.min(1, Math.max(0, normal + (skewness / 6) * (z * z - 1) * density));
}
