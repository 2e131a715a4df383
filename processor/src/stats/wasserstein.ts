import { absent, present, type Maybe } from './maybe.js';
import { meanAndStd, sortedCopy, type NumericInput } from './sorted.js';

/**
 * First Wasserstein distance between two empirical distributions given ascending-sorted samples
 * (`scipy.stats.wasserstein_distance(R, C)`): Σ over consecutive pooled values x_i of
 * |F_R(x_i) − F_C(x_i)|·(x_{i+1} − x_i). O(n_R + n_C), no allocation.
 */
export function wassersteinSorted(r: NumericInput, c: NumericInput): Maybe {
  const n1 = r.length;
  const n2 = c.length;
  if (n1 === 0 || n2 === 0)
    return absent('Wasserstein needs non-empty reference and current samples');
  if (
    !Number.isFinite(r[0]!) ||
    !Number.isFinite(r[n1 - 1]!) ||
    !Number.isFinite(c[0]!) ||
    !Number.isFinite(c[n2 - 1]!)
  ) {
    return absent('Wasserstein is undefined for samples containing NaN or infinite values');
  }
  let i = 0;
  let j = 0;
  let total = 0;
  let prev = Math.min(r[0]!, c[0]!);
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && r[i]! <= c[j]!) ? r[i]! : c[j]!;
    if (v !== v) break; // NaN sorts last; never loop on it
    // The CDF difference holds on [prev, v); it counts the values strictly below v.
    total += Math.abs(i / n1 - j / n2) * (v - prev);
    while (i < n1 && r[i]! <= v) i++;
    while (j < n2 && c[j]! <= v) j++;
    prev = v;
  }
  return present(total);
}

/** Wasserstein-1 distance (sorts copies of the inputs once). */
export function wasserstein(r: NumericInput, c: NumericInput): Maybe {
  return wassersteinSorted(sortedCopy(r), sortedCopy(c));
}

/**
 * Wasserstein-1 divided by the reference's population std (ddof = 0), so that the distance is in
 * reference standard deviations. Absent when std(R) = 0 (METRICS.md; Evidently would use 0.001).
 */
export function wassersteinNormed(r: NumericInput, c: NumericInput): Maybe {
  return normalizeByStd(wasserstein(r, c), meanAndStd(r).std);
}

/** Divides a distance by the reference std, absent for std 0 or an absent distance. */
export function normalizeByStd(distance: Maybe, referenceStd: number): Maybe {
  if (!distance.ok) return distance;
  if (!(referenceStd > 0)) {
    return absent('wasserstein_normed is undefined: the reference has standard deviation 0');
  }
  return present(distance.value / referenceStd);
}
