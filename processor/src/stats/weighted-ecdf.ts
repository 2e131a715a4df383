import type { NumericInput } from './sorted.js';

/**
 * A weighted sample sorted by value: `values` ascending, `weights` the weight of each value
 * (a quantile sketch's items). Plain samples are the special case of unit weights.
 */
export interface WeightedSorted {
  values: NumericInput;
  weights: NumericInput;
  /** Σ weights. */
  total: number;
}

/** Unit weights over an ascending-sorted sample. */
export function unitWeighted(sorted: NumericInput): WeightedSorted {
  return { values: sorted, weights: new Float64Array(sorted.length).fill(1), total: sorted.length };
}

/**
 * KS statistic sup |F_R − F_C| between two weighted ECDFs (ECDFs count values <= x), walking
 * the distinct pooled values. Equals `ksStatisticSorted` for unit weights.
 */
export function ksStatisticWeighted(r: WeightedSorted, c: WeightedSorted): number {
  let i = 0;
  let j = 0;
  let wr = 0;
  let wc = 0;
  let d = 0;
  const n1 = r.values.length;
  const n2 = c.values.length;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && r.values[i]! <= c.values[j]!) ? r.values[i]! : c.values[j]!;
    if (v !== v) break; // NaN sorts last; never loop on it
    while (i < n1 && r.values[i]! <= v) wr += r.weights[i++]!;
    while (j < n2 && c.values[j]! <= v) wc += c.weights[j++]!;
    const diff = Math.abs(wr / r.total - wc / c.total);
    if (diff > d) d = diff;
  }
  return d;
}

/** Wasserstein-1 distance ∫|F_R − F_C| dx between two weighted ECDFs. */
export function wassersteinWeighted(r: WeightedSorted, c: WeightedSorted): number {
  let i = 0;
  let j = 0;
  let wr = 0;
  let wc = 0;
  let total = 0;
  const n1 = r.values.length;
  const n2 = c.values.length;
  if (n1 === 0 || n2 === 0) return Number.NaN;
  let prev = Math.min(r.values[0]!, c.values[0]!);
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && r.values[i]! <= c.values[j]!) ? r.values[i]! : c.values[j]!;
    if (v !== v) break; // NaN sorts last; never loop on it
    total += Math.abs(wr / r.total - wc / c.total) * (v - prev);
    while (i < n1 && r.values[i]! <= v) wr += r.weights[i++]!;
    while (j < n2 && c.values[j]! <= v) wc += c.weights[j++]!;
    prev = v;
  }
  return total;
}
