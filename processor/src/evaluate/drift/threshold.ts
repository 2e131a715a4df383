/**
 * Size-aware thresholds: threshold(n) = max(nominal, (1 − α) null quantile at n) for distances,
 * min(nominal, α) for p-value tests (whose null p-values are uniform, or conservative with ties).
 */
import { effectiveSize } from './null-ladder.js';
import type { DriftMethodSpec, NullLadder } from './types.js';

/**
 * Default per-feature α: the any-feature false-alarm rate of d independent stationary features is
 * 1 − (1 − α)^d, so 0.0005 keeps 20 features at 0.995% per window (and 1 feature at 0.05%).
 */
export const DEFAULT_ALPHA = 0.0005;

/**
 * The (1 − α) quantile of a ladder rung: interpolated between stored levels when 1 − α lies
 * within them, else extrapolated from the top two levels assuming an exponential tail of
 * score^tailPower (log-survival linear), e.g. for KS D exactly the Kolmogorov tail 2e^(−2z²).
 */
export function rungQuantile(
  levels: readonly number[],
  values: ArrayLike<number>,
  alpha: number,
  tailPower: number,
): number {
  const target = 1 - alpha;
  const last = levels.length - 1;
  if (target <= levels[last]!) {
    if (target <= levels[0]!) return values[0]!;
    for (let j = 1; j <= last; j++) {
      if (target <= levels[j]!) {
        const f = (target - levels[j - 1]!) / (levels[j]! - levels[j - 1]!);
        return values[j - 1]! + f * (values[j]! - values[j - 1]!);
      }
    }
  }
  const a1 = 1 - levels[last - 1]!;
  const a2 = 1 - levels[last]!;
  const t1 = Math.pow(values[last - 1]!, tailPower);
  const t2 = Math.pow(values[last]!, tailPower);
  const t = t2 + ((t2 - t1) * Math.log(a2 / alpha)) / Math.log(a1 / a2);
  return Math.pow(Math.max(t, t2), 1 / tailPower);
}

/**
 * The (1 − α) null quantile at current size n: log–log interpolation between rungs, and the
 * asymptotic scaling (n_eff)^(−1/tailPower) outside the ladder.
 */
export function nullQuantile(
  ladder: NullLadder,
  nCurrent: number,
  nReference: number,
  alpha: number,
  tailPower: number,
): number {
  const sizes = ladder.sizes;
  if (nCurrent <= sizes[0]!) return rescaledRung(ladder, 0, nCurrent, nReference, alpha, tailPower);
  const last = sizes.length - 1;
  if (nCurrent >= sizes[last]!) {
    return rescaledRung(ladder, last, nCurrent, nReference, alpha, tailPower);
  }
  let i = 1;
  while (sizes[i]! < nCurrent) i++;
  if (sizes[i] === nCurrent) return rungQuantile(ladder.levels, ladder.rung(i), alpha, tailPower);
  // Where the limit already holds at n, it holds at the rung above too: its quantile rescaled to
  // n is the limit's at n exactly, and the rung below (often a costly resampled one, below the
  // limit's draw count) is not needed.
  if (ladder.readsLimitAt?.(nCurrent) === true) {
    return rescaledRung(ladder, i, nCurrent, nReference, alpha, tailPower);
  }
  const q0 = rungQuantile(ladder.levels, ladder.rung(i - 1), alpha, tailPower);
  const q1 = rungQuantile(ladder.levels, ladder.rung(i), alpha, tailPower);
  const f = Math.log(nCurrent / sizes[i - 1]!) / Math.log(sizes[i]! / sizes[i - 1]!);
  if (q0 > 0 && q1 > 0) return Math.exp(Math.log(q0) + f * (Math.log(q1) - Math.log(q0)));
  return q0 + f * (q1 - q0);
}

/**
 * Rung `i`'s quantile rescaled from its size to n by the asymptotic (n_eff)^(−1/tailPower) (a
 * function, not a closure per call: thresholds are read per decision).
 */
function rescaledRung(
  ladder: NullLadder,
  i: number,
  nCurrent: number,
  nReference: number,
  alpha: number,
  tailPower: number,
): number {
  return (
    rungQuantile(ladder.levels, ladder.rung(i), alpha, tailPower) *
    Math.pow(
      effectiveSize(nReference, ladder.sizes[i]!) / effectiveSize(nReference, nCurrent),
      1 / tailPower,
    )
  );
}

/** The threshold actually applied. */
export function effectiveThreshold(
  spec: DriftMethodSpec,
  nominal: number,
  ladder: NullLadder | undefined,
  nCurrent: number,
  nReference: number,
  alpha: number,
): number {
  if (spec.scoreKind === 'p_value') return Math.min(nominal, alpha);
  if (ladder === undefined) return nominal;
  return Math.max(nominal, nullQuantile(ladder, nCurrent, nReference, alpha, spec.tailPower));
}
