import { absent, present, type Maybe } from './maybe.js';
import type { NumericInput } from './sorted.js';

/** Counts per category, in first-seen order. */
export function countCategories(values: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/**
 * Orders strings by Unicode code point, as Python's `sorted` and NumPy's `np.unique` do; plain
 * `<` compares UTF-16 code units and misorders characters above U+FFFF against U+E000–U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++; // both share the same surrogate pair
  }
  return a.length - b.length;
}

/** Aligned count vectors over the sorted union of categories of two samples. */
export interface AlignedCategoryCounts {
  /** Union of categories seen in reference and current, sorted by code point (as NumPy). */
  categories: string[];
  reference: Float64Array;
  current: Float64Array;
}

/** Aligns two category count maps on the sorted union of their keys. */
export function alignCategoryCounts(
  reference: ReadonlyMap<string, number>,
  current: ReadonlyMap<string, number>,
): AlignedCategoryCounts {
  const set = new Set<string>([...reference.keys(), ...current.keys()]);
  const categories = [...set].sort(compareCodePoints);
  const r = new Float64Array(categories.length);
  const c = new Float64Array(categories.length);
  categories.forEach((cat, i) => {
    r[i] = reference.get(cat) ?? 0;
    c[i] = current.get(cat) ?? 0;
  });
  return { categories, reference: r, current: c };
}

/** L∞ distance max_k |p_k − q_k| between two proportion vectors. */
export function lInfinity(p: NumericInput, q: NumericInput): Maybe {
  if (p.length !== q.length || p.length === 0) {
    return absent('L-infinity needs two non-empty vectors of equal length');
  }
  let m = 0;
  for (let i = 0; i < p.length; i++) m = Math.max(m, Math.abs(p[i]! - q[i]!));
  return present(m);
}

/**
 * Share of the current sample whose category never appears in the reference, from aligned
 * counts. Absent when the current sample is empty.
 */
export function newCategoryRatio(
  referenceCounts: NumericInput,
  currentCounts: NumericInput,
): Maybe {
  let nC = 0;
  let fresh = 0;
  for (let i = 0; i < currentCounts.length; i++) {
    nC += currentCounts[i]!;
    if (referenceCounts[i]! === 0) fresh += currentCounts[i]!;
  }
  if (nC === 0) return absent('new_category_ratio needs a non-empty current sample');
  return present(fresh / nC);
}
