/**
 * Exponential backoff for retries of anything remote or failing (an export backend, a full disk):
 * the wait doubles per consecutive failure up to a cap, and jitter spreads the retries of many
 * senders so that they do not hit a recovering backend in step. Pure: the random source is
 * passed in.
 */

/** How retries back off. */
export interface BackoffPolicy {
  /** Wait after the first failure. */
  readonly initialMillis: number;
  /** Longest wait. */
  readonly maxMillis: number;
  /**
   * Fraction of the wait that is random: 0 waits exactly, 0.5 waits between half and all of it
   * ("equal jitter"). @default 0
   */
  readonly jitter?: number;
}

/**
 * The wait before the next try after `failures` consecutive failures (≥ 1).
 * @param random a uniform draw in [0, 1), used only when the policy has jitter
 */
export function backoffMillis(policy: BackoffPolicy, failures: number, random = 0.5): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 30);
  const wait = Math.min(policy.initialMillis * 2 ** exponent, policy.maxMillis);
  const jitter = policy.jitter ?? 0;
  return wait * (1 - jitter) + wait * jitter * random;
}
