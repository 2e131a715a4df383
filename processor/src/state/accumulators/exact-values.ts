import type { WeightedSorted } from '../../stats/index.js';
import type { Moments } from './moments.js';
import {
  before,
  createQuantileSketch,
  isFullAndSorted,
  sketchRecord,
  unitWeights,
  type QuantileSketch,
} from './quantile-sketch.js';

/**
 * The packed data of a numeric accumulator: its moments, its counts per bin and, in exact mode,
 * its values of weight 1, in ONE array of doubles.
 *
 * Exact mode: while fewer values than the sketch's capacity arrived, a quantile sketch holds them
 * all in its level 0 in arrival order, so the values alone are kept instead, and a sketch is made
 * from them (the same values recorded in the same order: the same sketch, bit for bit) when the
 * capacity-th value arrives and the sketch would first compact.
 *
 * Why: a window holds tens of values per feature of each of thousands of streams, and what
 * surrounded them cost more than they did: a sketch ~0.5 kB (its object, level and size arrays,
 * a typed array and its ArrayBuffer for level 0), moments ~0.15 kB (an object and four boxed
 * doubles), bin counts ~0.13 kB. Live, the data is a plain array of doubles (V8 stores them
 * unboxed, 8 B each, behind ~50 B of headers against ~0.2 kB for a typed array), its value
 * slots grown ×1.5 like a sketch level; once trimmed, an exactly full view of a shared buffer
 * with the values sorted (so a reference built from it shares them).
 */

/** Slots of the moments at the head of the data: count, Σw, Σw², mean, M2, min, max. */
export const HEAD = 7;

/** The data's array: live, or a trimmed view. */
export type NumericData = number[] | Float64Array;

/** An array of `n` doubles, unboxed whatever is stored in it later. */
function doubles(n: number): number[] {
  // Filled with a double first, so V8 keeps the elements unboxed (integers past the
  // small-integer range would otherwise be boxed one by one).
  return new Array<number>(n).fill(0.5);
}

/** Empty data of `bins` bins: no moments, zero counts, no values. */
export function emptyData(bins: number): number[] {
  const d = doubles(HEAD + bins).fill(0);
  clearMoments(d);
  return d;
}

/** Sets the moments at the head of `d` to those of no value (count 0, min +∞, max −∞). */
export function clearMoments(d: NumericData): void {
  for (let i = 0; i < HEAD; i++) d[i] = 0;
  d[5] = Infinity;
  d[6] = -Infinity;
}

/**
 * Records finite `x` of frequency weight `w` into the moments: {@link momentsRecord}'s update,
 * operation for operation (so the same doubles).
 */
export function recordMoments(d: NumericData, x: number, w: number): void {
  d[0]! += 1;
  d[1]! += w;
  d[2]! += w * w;
  const delta = x - d[3]!;
  d[3]! += w === 1 ? delta / d[1]! : (delta * w) / d[1]!;
  d[4]! += w === 1 ? delta * (x - d[3]!) : w * delta * (x - d[3]!);
  if (x < d[5]!) d[5] = x;
  if (x > d[6]!) d[6] = x;
}

/** The moments as a {@link Moments} object. */
export function momentsOf(d: NumericData): Moments {
  return {
    count: d[0]!,
    weight: d[1]!,
    weight2: d[2]!,
    mean: d[3]!,
    m2: d[4]!,
    min: d[5]!,
    max: d[6]!,
  };
}

/**
 * The counts per bin of a sealed (trimmed) state: a view of its data, which nothing records into
 * again — a close snapshots thousands of windows, and a copy per feature was a typed array
 * allocated each time. Live data: a copy.
 */
export function binCountsView(d: NumericData, bins: number): Float64Array {
  return d instanceof Float64Array ? d.subarray(HEAD, HEAD + bins) : binCountsOf(d, bins);
}

/** The counts per bin (a copy). */
export function binCountsOf(d: NumericData, bins: number): Float64Array {
  const out = new Float64Array(bins);
  for (let i = 0; i < bins; i++) out[i] = d[HEAD + i]!;
  return out;
}

/** Data of these moments, bin counts and `size` values (an exactly sized array). */
export function packData(
  m: Moments,
  binCounts: ArrayLike<number>,
  values: ArrayLike<number>,
  size: number,
): number[] {
  const start = HEAD + binCounts.length;
  const d = packHead(m, binCounts, size);
  for (let i = 0; i < size; i++) d[start + i] = values[i]!;
  return d;
}

/** Data of these moments and bin counts with room for `size` values (not written yet). */
function packHead(m: Moments, binCounts: ArrayLike<number>, size: number): number[] {
  const d = doubles(HEAD + binCounts.length + size);
  writeMoments(d, m);
  for (let i = 0; i < binCounts.length; i++) d[HEAD + i] = binCounts[i]!;
  return d;
}

/**
 * Adds the moments at the head of `e` into those at the head of `d`: {@link momentsMerge}'s
 * arithmetic, operation for operation (so the same doubles), without its objects — a close
 * merges thousands of windows' features.
 */
export function mergeMomentsInto(d: NumericData, e: NumericData): void {
  if (e[0] === 0) return;
  if (d[0] === 0) {
    for (let i = 0; i < HEAD; i++) d[i] = e[i]!;
    return;
  }
  const weight = d[1]! + e[1]!;
  const delta = e[3]! - d[3]!;
  const m2 = d[4]! + e[4]! + (delta * delta * d[1]! * e[1]!) / weight;
  d[0] = d[0]! + e[0]!;
  d[2] = d[2]! + e[2]!;
  d[3] = d[3]! + (delta * e[1]!) / weight;
  d[4] = m2;
  d[1] = weight;
  d[5] = Math.min(d[5]!, e[5]!);
  d[6] = Math.max(d[6]!, e[6]!);
}

/** Writes these moments over the head of `d` (its counts and values untouched). */
function writeMoments(d: NumericData, m: Moments): void {
  d[0] = m.count;
  d[1] = m.weight;
  d[2] = m.weight2;
  d[3] = m.mean;
  d[4] = m.m2;
  d[5] = m.min;
  d[6] = m.max;
}

/**
 * Data of these moments and bin counts holding the live values of `a` then those of `b` (each
 * from its `start` on): {@link packData} of their concatenation, without an intermediate copy.
 */
export function packConcat(
  m: Moments,
  binCounts: ArrayLike<number>,
  a: PackedValues,
  aStart: number,
  b: PackedValues,
  bStart: number,
): number[] {
  const start = HEAD + binCounts.length;
  const d = packHead(m, binCounts, a.size + b.size);
  for (let i = 0; i < a.size; i++) d[start + i] = a.data[aStart + i]!;
  for (let i = 0; i < b.size; i++) d[start + a.size + i] = b.data[bStart + i]!;
  return d;
}

/** A numeric state's data, as far as these helpers read and write it. */
export interface PackedValues {
  data: NumericData;
  /** Live values, from `start` on. */
  size: number;
}

/**
 * Appends value `x` after the `size` live ones from `start` on, growing the value slots ×1.5
 * when full (a full array, e.g. a trimmed view, is never written in place: it is copied first).
 */
export function pushValue(p: PackedValues, start: number, x: number): void {
  const end = start + p.size;
  let d = p.data;
  if (end === d.length) {
    const slots = Math.max(4, Math.ceil(((d.length - start) * 3) / 4) * 2);
    const grown = doubles(start + slots);
    for (let i = 0; i < end; i++) grown[i] = d[i]!;
    d = p.data = grown;
  }
  d[end] = x;
  p.size += 1;
}

/**
 * Makes room for `n` values in all (live ones included) when the data has less: one array of
 * exactly that many value slots, so `n` values pushed then fill it (see {@link pushValue}).
 */
export function reserveValues(p: PackedValues, start: number, n: number): void {
  const d = p.data;
  if (d.length >= start + n) return;
  const grown = doubles(start + n);
  const end = start + p.size;
  for (let i = 0; i < end; i++) grown[i] = d[i]!;
  p.data = grown;
}

/**
 * Appends the `n` values of `src` from `from` on after the live ones (one growth for all of them,
 * ×1.5 or to what they need; a full array is copied first, as in {@link pushValue}).
 */
export function appendValues(
  p: PackedValues,
  start: number,
  src: NumericData,
  from: number,
  n: number,
): void {
  const end = start + p.size;
  let d = p.data;
  if (end + n > d.length) {
    const slots = Math.max(4, Math.ceil(((d.length - start) * 3) / 4) * 2, p.size + n);
    const grown = doubles(start + slots);
    for (let i = 0; i < end; i++) grown[i] = d[i]!;
    d = p.data = grown;
  }
  for (let i = 0; i < n; i++) d[end + i] = src[from + i]!;
  p.size += n;
}

/** A sketch of `capacity` holding the live values, as if they had been recorded in order. */
export function sketchOfValues(p: PackedValues, start: number, capacity: number): QuantileSketch {
  const s = createQuantileSketch(capacity);
  for (let i = 0; i < p.size; i++) sketchRecord(s, p.data[start + i]!);
  return s;
}

/**
 * Sorts the live values in place, through a scratch buffer reused across calls (a typed array's
 * sort; a plain array has no sort of a range). Writes doubles only: no new object is pointed to
 * from the state, so a state in the old generation makes nothing survive a scavenge.
 */
export function sortValues(p: PackedValues, start: number): void {
  const n = p.size;
  const d = p.data;
  if (isAscending(d, start, n)) return;
  if (sortScratch.length < n) sortScratch = new Float64Array(Math.max(n, 2 * sortScratch.length));
  const run = sortScratch.subarray(0, n);
  for (let i = 0; i < n; i++) run[i] = d[start + i]!;
  run.sort();
  for (let i = 0; i < n; i++) d[start + i] = run[i]!;
}

let sortScratch: Float64Array = new Float64Array(0);

/** Whether the `n` values from `start` on are in a typed array's sort order. */
function isAscending(d: NumericData, start: number, n: number): boolean {
  for (let i = start + 1; i < start + n; i++) if (before(d[i]!, d[i - 1]!)) return false;
  return true;
}

/**
 * The live values sorted, with unit weights. Sorted values filling a typed array to its end
 * (a trimmed state) are shared, not copied: they are never written again.
 */
export function sortedValues(p: PackedValues, start: number): WeightedSorted {
  const n = p.size;
  const d = p.data;
  if (d instanceof Float64Array && d.length === start + n) {
    const view = d.subarray(start);
    if (isFullAndSorted(view, n)) return { values: view, weights: unitWeights(n), total: n };
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = d[start + i]!;
  if (!isAscending(d, start, n)) values.sort();
  return { values, weights: unitWeights(n), total: n };
}

/**
 * Moves the data into `pool` from `offset` on (the moments, counts and live values, these
 * sorted), exactly as long as it is; returns the next free offset.
 */
export function trimInto(
  p: PackedValues,
  start: number,
  pool: Float64Array,
  offset: number,
): number {
  const end = start + p.size;
  const view = pool.subarray(offset, offset + end);
  for (let i = 0; i < end; i++) view[i] = p.data[i]!;
  view.subarray(start).sort();
  p.data = view;
  return offset + end;
}

/**
 * The values of a sketch that never compacted (all its items in level 0, each of weight 1),
 * undefined otherwise.
 */
export function valuesOfSketch(s: QuantileSketch): Float64Array | undefined {
  if (s.rankErrorBound !== 0 || s.sizes[0] !== s.count || s.count >= s.capacity) return undefined;
  return s.levels[0]!.subarray(0, s.count);
}
