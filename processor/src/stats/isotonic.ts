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
  // Unique x with weighted mean y (sklearn's _make_unique).
  const ux: number[] = [];
  const uy: number[] = [];
  const uw: number[] = [];
  for (const i of order) {
    const wi = w === undefined ? 1 : w[i]!;
    const last = ux.length - 1;
    if (last >= 0 && ux[last] === x[i]) {
      uy[last]! += wi * y[i]!;
      uw[last]! += wi;
    } else {
      ux.push(x[i]!);
      uy.push(wi * y[i]!);
      uw.push(wi);
    }
  }
  for (let i = 0; i < ux.length; i++) uy[i] = uw[i]! > 0 ? uy[i]! / uw[i]! : 0;
  // Pool adjacent violators over blocks: value, weight, first and last index.
  const value: number[] = [];
  const weight: number[] = [];
  const first: number[] = [];
  const last: number[] = [];
  for (let i = 0; i < ux.length; i++) {
    value.push(uy[i]!);
    weight.push(uw[i]!);
    first.push(i);
    last.push(i);
    while (value.length > 1 && value[value.length - 2]! >= value[value.length - 1]!) {
      const b = value.length - 1;
      const wSum = weight[b - 1]! + weight[b]!;
      value[b - 1] =
        wSum > 0 ? (value[b - 1]! * weight[b - 1]! + value[b]! * weight[b]!) / wSum : value[b]!;
      weight[b - 1] = wSum;
      last[b - 1] = last[b]!;
      value.pop();
      weight.pop();
      first.pop();
      last.pop();
    }
  }
  const kx: number[] = [];
  const ky: number[] = [];
  for (let b = 0; b < value.length; b++) {
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
