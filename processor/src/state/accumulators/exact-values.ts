import type { WeightedSorted } from '../../stats/index.js';
import {
  createQuantileSketch,
  isFullAndSorted,
  sketchRecord,
  unitWeights,
  type QuantileSketch,
} from './quantile-sketch.js';

/**
 * The exact mode of a numeric accumulator: while fewer values than the sketch's capacity arrived,
 * a quantile sketch holds them all in its level 0 in arrival order, so the values alone are kept
 * instead, and a sketch is made from them (the same values recorded in the same order: the same
 * sketch, bit for bit) when the capacity-th value arrives and the sketch would first compact.
 *
 * Why: a sketch costs ~0.5 kB besides its values (the sketch object, its level and size arrays,
 * a typed array and its ArrayBuffer for level 0), while a typical window holds tens of values
 * per feature of each of thousands of streams. Live values are a plain array of doubles (V8
 * stores them unboxed, 8 B each, behind ~50 B of headers against ~0.2 kB for a typed array),
 * grown ×1.5 like a sketch level; once trimmed, a sorted, exactly full view of a shared buffer.
 */
export interface ExactValues {
  /** The values (the first `size` entries are live). */
  values: number[] | Float64Array;
  size: number;
}

/** Shared zero-length values of empty states: never written (a record grows it first). */
export const NO_VALUES: Float64Array = new Float64Array(0);

/** First allocation of a values array (slots); later growth ×1.5 as a sketch level grows. */
const MIN_SLOTS = 4;

/** Appends `x`, growing the array when full (a full array, e.g. a trimmed view, is never written). */
export function pushExact(e: ExactValues, x: number): void {
  const size = e.size;
  let values = e.values;
  if (size === values.length) {
    const len = Math.max(MIN_SLOTS, Math.ceil((values.length * 3) / 4) * 2);
    // Filled with a double first, so V8 keeps the elements unboxed whatever values follow
    // (integers past the small-integer range would otherwise be boxed one by one).
    const grown = new Array<number>(len).fill(0.5);
    for (let i = 0; i < size; i++) grown[i] = values[i]!;
    values = e.values = grown;
  }
  values[size] = x;
  e.size = size + 1;
}

/** A sketch of `capacity` holding the values, as if they had been recorded into it in order. */
export function sketchOfExact(e: ExactValues, capacity: number): QuantileSketch {
  const s = createQuantileSketch(capacity);
  for (let i = 0; i < e.size; i++) sketchRecord(s, e.values[i]!);
  return s;
}

/**
 * The values sorted, with unit weights. A sorted, exactly full typed array (a trimmed state) is
 * shared, not copied: it is never written again.
 */
export function exactWeightedSorted(e: ExactValues): WeightedSorted {
  const n = e.size;
  const v = e.values;
  if (v instanceof Float64Array && isFullAndSorted(v, n)) {
    return { values: v, weights: unitWeights(n), total: n };
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = v[i]!;
  return { values: values.sort(), weights: unitWeights(n), total: n };
}

/** Values of `a` then `b` in one exactly sized array (what a sketch merge puts in level 0). */
export function concatExact(a: ExactValues, b: ExactValues): ExactValues {
  const values = new Float64Array(a.size + b.size);
  for (let i = 0; i < a.size; i++) values[i] = a.values[i]!;
  for (let i = 0; i < b.size; i++) values[a.size + i] = b.values[i]!;
  return { values, size: values.length };
}

/**
 * The values as a sorted view of `pool` from `offset` on, exactly as long as they are (a full
 * view is never written again: recording copies it first); returns the next free offset.
 */
export function trimExactInto(e: ExactValues, pool: Float64Array, offset: number): number {
  if (e.size === 0) {
    e.values = NO_VALUES;
    return offset;
  }
  const view = pool.subarray(offset, offset + e.size);
  for (let i = 0; i < e.size; i++) view[i] = e.values[i]!;
  view.sort();
  e.values = view;
  return offset + e.size;
}

/**
 * The exact values of a sketch that never compacted (all its items in level 0, each of weight 1),
 * undefined otherwise. Shares the sketch's level buffer.
 */
export function exactOfSketch(s: QuantileSketch): ExactValues | undefined {
  if (s.rankErrorBound !== 0 || s.sizes[0] !== s.count || s.count >= s.capacity) return undefined;
  return { values: s.count === 0 ? NO_VALUES : s.levels[0]!, size: s.count };
}
