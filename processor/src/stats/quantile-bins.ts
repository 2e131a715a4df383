import { countBelow, type NumericInput } from './sorted.js';

/** Reference quantile levels used for binning: 0.1 … 0.9 (deciles). */
export const REFERENCE_BIN_QUANTILES: readonly number[] = [
  0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9,
];

/**
 * Quantile q of an ascending-sorted sample with linear interpolation, reproducing NumPy's
 * `np.quantile(x, q, method='linear')` arithmetic (virtual index n·q + (1 − q) − 1 and the
 * two-sided lerp) so that edges that land on data points are bit-identical.
 */
export function quantileSorted(sorted: NumericInput, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const virtual = n * q + (1 - q) - 1;
  if (virtual >= n - 1) return sorted[n - 1]!;
  if (virtual < 0) return sorted[0]!;
  const lo = Math.floor(virtual);
  const t = virtual - lo;
  const a = sorted[lo]!;
  const b = sorted[lo + 1]!;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/**
 * Bin edges from the reference alone: unique(np.quantile(R, [0.1 … 0.9])). Bin i is
 * (e_{i−1}, e_i], outer bins open, so there are edges.length + 1 bins.
 */
export function referenceBinEdges(
  sortedReference: NumericInput,
  quantiles: readonly number[] = REFERENCE_BIN_QUANTILES,
): Float64Array {
  const k = quantiles.length;
  const raw = new Float64Array(k);
  let ascending = true;
  for (let i = 0; i < k; i++) {
    raw[i] = quantileSorted(sortedReference, quantiles[i]!);
    if (i > 0 && !(raw[i - 1]! <= raw[i]!)) ascending = false;
  }
  // Quantiles of a sorted sample at ascending levels come out ascending; a sort is kept for the
  // rest (decisions read these edges a few times per feature and window close).
  if (!ascending) return uniqueEdges(Array.from(raw).sort((x, y) => x - y));
  let unique = 0;
  for (let i = 0; i < k; i++)
    if (unique === 0 || raw[unique - 1] !== raw[i]) raw[unique++] = raw[i]!;
  return unique === k ? raw : raw.slice(0, unique);
}

/** The distinct values of ascending `raw`, in order. */
function uniqueEdges(raw: readonly number[]): Float64Array {
  const unique: number[] = [];
  for (const e of raw) if (unique.length === 0 || unique[unique.length - 1] !== e) unique.push(e);
  return Float64Array.from(unique);
}

/** Bin of x: `np.searchsorted(edges, x, side='left')` = number of edges strictly below x. */
export function binIndex(edges: NumericInput, x: number): number {
  return countBelow(edges, x);
}

/** Counts per bin (edges.length + 1 bins). */
export function binCounts(edges: NumericInput, values: NumericInput): Float64Array {
  const counts = new Float64Array(edges.length + 1);
  for (let i = 0; i < values.length; i++) counts[binIndex(edges, values[i]!)]! += 1;
  return counts;
}

/** Counts divided by their total (no smoothing); all zeros when the total is 0. */
export function proportions(counts: NumericInput): Float64Array {
  return proportionsInto(counts, new Float64Array(counts.length));
}

/**
 * {@link proportions} written into `out` (as long as `counts`; may be `counts` itself: the total
 * is summed before any write); returns it.
 */
export function proportionsInto<T extends { [i: number]: number }>(
  counts: NumericInput,
  out: T,
): T {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i]!;
  for (let i = 0; i < counts.length; i++) out[i] = total > 0 ? counts[i]! / total : 0;
  return out;
}
