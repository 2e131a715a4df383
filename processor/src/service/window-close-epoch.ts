/**
 * When windows close: a window `[start, start + W)` closes once the clock is past
 * `start + W + L` (allowed lateness L). The epoch of a time counts those close moments, so two
 * times with different epochs have a window close between them.
 */

/** A number that grows by one at each window close moment (only differences mean anything). */
export function windowCloseEpoch(
  nowMs: number,
  windowSeconds: number,
  allowedLatenessSeconds: number,
): number {
  return Math.ceil((nowMs - allowedLatenessSeconds * 1000) / (windowSeconds * 1000));
}
