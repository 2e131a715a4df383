/**
 * Increasing isotonic regression by pool-adjacent-violators, with the semantics of
 * `sklearn.isotonic.IsotonicRegression(increasing=True, out_of_bounds="clip")`: tied x values are
 * first merged into one point (weighted mean of y, summed weight), the fit is the weighted
 * least-squares non-decreasing step function, and prediction interpolates linearly between the
 * fitted points and clips outside [min x, max x].
 */
import type { NumericInput } from './sorted.js';

/** A fitted isotonic map: ascending knots `x` with non-decreasing fitted values `y`. */
export interface IsotonicMap {
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/**
 * Fits the map to points (`x[i]`, `y[i]`) with weights `w[i]` (1 when omitted). Keeps only the
 * ends of each constant block: what linear interpolation needs, so the map of n points holds at
 * most 2 · (number of blocks) knots.
 * @throws when the inputs are empty or of different lengths.
 */
export function fitIsotonic(x: NumericInput, y: NumericInput, w?: NumericInput): IsotonicMap {
  const n = x.length;
  if (n === 0 || y.length !== n || (w !== undefined && w.length !== n)) {
    throw new Error(
      `isotonic regression needs equally long non-empty inputs (x ${n}, y ${y.length})`,
    );
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a]! - x[b]!);
  return fitIsotonicSorted(
    Float64Array.from(order, (i) => x[i]!),
    Float64Array.from(order, (i) => y[i]!),
    w === undefined ? undefined : Float64Array.from(order, (i) => w[i]!),
  );
}

/** {@link fitIsotonic} of points already in ascending order of `x` (ties in any order). */
export function fitIsotonicSorted(x: NumericInput, y: NumericInput, w?: NumericInput): IsotonicMap {
  const n = x.length;
  if (n === 0 || y.length !== n || (w !== undefined && w.length !== n)) {
    throw new Error(
      `isotonic regression needs equally long non-empty inputs (x ${n}, y ${y.length})`,
    );
  }
  // Unique x with weighted mean y (sklearn's _make_unique), in preallocated typed arrays: the
  // calibration fits ten of these on up to 90 000 points in one evaluation step.
  const ux = new Float64Array(n);
  const uy = new Float64Array(n);
  const uw = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const wi = w === undefined ? 1 : w[i]!;
    if (m > 0 && ux[m - 1] === x[i]) {
      uy[m - 1]! += wi * y[i]!;
      uw[m - 1]! += wi;
    } else {
      ux[m] = x[i]!;
      uy[m] = wi * y[i]!;
      uw[m] = wi;
      m++;
    }
  }
  for (let i = 0; i < m; i++) uy[i] = uw[i]! > 0 ? uy[i]! / uw[i]! : 0;
  // Pool adjacent violators over a stack of blocks: value, weight, first and last index.
  const value = new Float64Array(m);
  const weight = new Float64Array(m);
  const first = new Int32Array(m);
  const last = new Int32Array(m);
  let top = 0;
  for (let i = 0; i < m; i++) {
    value[top] = uy[i]!;
    weight[top] = uw[i]!;
    first[top] = i;
    last[top] = i;
    top++;
    while (top > 1 && value[top - 2]! >= value[top - 1]!) {
      const b = top - 1;
      const wSum = weight[b - 1]! + weight[b]!;
      value[b - 1] =
        wSum > 0 ? (value[b - 1]! * weight[b - 1]! + value[b]! * weight[b]!) / wSum : value[b]!;
      weight[b - 1] = wSum;
      last[b - 1] = last[b]!;
      top--;
    }
  }
  const kx: number[] = [];
  const ky: number[] = [];
  for (let b = 0; b < top; b++) {
    kx.push(ux[first[b]!]!);
    ky.push(value[b]!);
    if (last[b] !== first[b]) {
      kx.push(ux[last[b]!]!);
      ky.push(value[b]!);
    }
  }
  return { x: Float64Array.from(kx), y: Float64Array.from(ky) };
}

/** The map's value at `s`: linear between knots, clipped to the end values outside them. */
export function applyIsotonic(map: IsotonicMap, s: number): number {
  const { x, y } = map;
  const n = x.length;
  if (s <= x[0]!) return y[0]!;
  if (s >= x[n - 1]!) return y[n - 1]!;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (x[mid]! <= s) lo = mid;
    else hi = mid;
  }
  const x0 = x[lo]!;
  const x1 = x[hi]!;
  return x1 === x0 ? y[hi]! : y[lo]! + ((y[hi]! - y[lo]!) * (s - x0)) / (x1 - x0);
}
