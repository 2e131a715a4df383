import { sortFloat64 } from './radix-sort.js';

/** Numeric input accepted by the statistics: plain arrays or typed arrays. */
export type NumericInput = ArrayLike<number>;

/**
 * A sorted copy as a Float64Array (radix sort for large inputs, see `sortFloat64`).
 * Callers that already hold sorted data pass it to the `*Sorted` variants instead.
 */
export function sortedCopy(values: NumericInput): Float64Array {
  return sortFloat64(Float64Array.from(values as ArrayLike<number>));
}

/** Whether `values` is sorted ascending (used to validate pre-sorted inputs in tests and guards). */
export function isSortedAscending(values: NumericInput): boolean {
  for (let i = 1; i < values.length; i++) if (values[i - 1]! > values[i]!) return false;
  return true;
}

/** Population mean and standard deviation (ddof = 0, as `np.std`), two-pass for accuracy. */
export function meanAndStd(values: NumericInput): { mean: number; std: number } {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    ss += d * d;
  }
  return { mean, std: Math.sqrt(ss / n) };
}

/** How many of the ascending `xs` are < `v` (the left insertion point of `v`). */
export function countBelow(xs: NumericInput, v: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * How many of the ascending `xs` are <= `v` (the right insertion point of `v`); `from`: a count
 * already known to be <= `v`, where the search starts.
 */
export function countAtMost(xs: NumericInput, v: number, from = 0): number {
  let lo = from;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
