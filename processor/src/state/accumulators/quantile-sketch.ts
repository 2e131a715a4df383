import type { WeightedSorted } from '../../stats/index.js';
import {
  AccumulatorStateError,
  checkpointObject,
  numberArrayField,
  numberField,
} from './accumulator.js';

/**
 * Deterministic mergeable quantile sketch (a compactor hierarchy after Manku–Rajagopalan–Lindsay
 * and the deterministic core of KLL). Level h holds items of weight 2^h. When a level holds at
 * least `capacity` items it is sorted and compacted: every other item (alternating offset)
 * moves up with doubled weight; with an odd count the largest item stays.
 *
 * Rank error (deterministic, not probabilistic). One compaction at level h changes the weighted
 * count of items <= x (and of items < x) by at most 2^h for every x. The state tracks the sum of
 * those 2^h as `rankErrorBound`, so for every x: |F̂(x) − F(x)| <= rankErrorBound / count.
 * A priori, each compaction at level h consumes >= capacity·2^h of weight, so
 * rankErrorBound <= count · C / capacity with C = number of levels ever compacted
 * <= ⌊log2(count / capacity)⌋ + 1 (level h needs count >= capacity·2^h): for capacity 2048 and
 * n = 1e6, ECDF error <= 9/2048 ≈ 0.44%.
 * Merging keeps the same bound (compactions still consume >= capacity·2^h of weight).
 * Wasserstein: the state also tracks `l1ErrorBound` >= ∫ |weighted-count error| dx (each
 * compaction errs by exactly 2^h between the items of each thinned pair), so
 * ∫ |F̂ − F| dx <= l1ErrorBound / count, usually far below rankErrorBound·(max − min)/count.
 * Exact (rankErrorBound = 0) while fewer than `capacity` values were recorded.
 *
 * Memory: every level buffer holds `capacity` slots between operations (buffers grown during a
 * merge are shrunk back when compacted), so <= 8·capacity·(C + 1) bytes with C as above
 * (default capacity 2048, n = 1e6: <= 10 levels, <= 164 kB), plus
 * transient copies during a merge or snapshot.
 */
export interface QuantileSketch {
  capacity: number;
  /** levels[h] holds `sizes[h]` items of weight 2^h (a prefix of the buffer is live). */
  levels: Float64Array[];
  sizes: number[];
  /** Alternating offset per level, so successive compactions do not bias one side. */
  parity: number[];
  /** Total weight = number of values recorded. */
  count: number;
  /** Upper bound on the weighted-count error of the ECDF at any point. */
  rankErrorBound: number;
  /**
   * Upper bound on ∫ |weighted-count error(x)| dx: a compaction at level h errs by exactly 2^h
   * between the two items of each pair it thins, so it adds 2^h·Σ(pair gaps).
   */
  l1ErrorBound: number;
  min: number;
  max: number;
}

/** Default capacity per level. */
export const DEFAULT_SKETCH_CAPACITY = 2048;

/** A new empty sketch; `capacity` must be an even integer >= 8. */
export function createQuantileSketch(capacity: number = DEFAULT_SKETCH_CAPACITY): QuantileSketch {
  if (!Number.isInteger(capacity) || capacity < 8 || capacity % 2 !== 0) {
    throw new RangeError(`quantile sketch capacity must be an even integer >= 8, got ${capacity}`);
  }
  return {
    capacity,
    levels: [new Float64Array(capacity)],
    sizes: [0],
    parity: [0],
    count: 0,
    rankErrorBound: 0,
    l1ErrorBound: 0,
    min: Infinity,
    max: -Infinity,
  };
}

function ensureLevel(s: QuantileSketch, h: number): void {
  while (s.levels.length <= h) {
    s.levels.push(new Float64Array(s.capacity));
    s.sizes.push(0);
    s.parity.push(0);
  }
}

function push(s: QuantileSketch, h: number, value: number): void {
  let buf = s.levels[h]!;
  const size = s.sizes[h]!;
  if (size === buf.length) {
    const grown = new Float64Array(buf.length * 2);
    grown.set(buf);
    s.levels[h] = buf = grown;
  }
  buf[size] = value;
  s.sizes[h] = size + 1;
}

/** Compacts level h (and cascades upward) while it holds >= capacity items. */
function compact(s: QuantileSketch, h: number): void {
  while (h < s.levels.length && s.sizes[h]! >= s.capacity) {
    ensureLevel(s, h + 1);
    const size = s.sizes[h]!;
    const live = s.levels[h]!.subarray(0, size);
    live.sort();
    const even = size - (size % 2);
    const offset = s.parity[h]!;
    s.parity[h] = 1 - offset;
    let gaps = 0;
    for (let i = 0; i < even; i += 2) gaps += live[i + 1]! - live[i]!;
    for (let i = offset; i < even; i += 2) push(s, h + 1, live[i]!);
    // An odd leftover (the largest item) stays at this level.
    if (size % 2 === 1) live[0] = live[size - 1]!;
    s.sizes[h] = size % 2;
    // A merge may have grown this buffer; give the memory back so the bound below holds.
    if (s.levels[h]!.length > s.capacity) {
      const shrunk = new Float64Array(s.capacity);
      shrunk[0] = live[0]!;
      s.levels[h] = shrunk;
    }
    s.rankErrorBound += 2 ** h;
    s.l1ErrorBound += 2 ** h * gaps;
    h += 1;
  }
}

/** Records one finite value. */
export function sketchRecord(s: QuantileSketch, value: number): void {
  const size = s.sizes[0]!;
  s.levels[0]![size] = value;
  s.sizes[0] = size + 1;
  s.count += 1;
  if (value < s.min) s.min = value;
  if (value > s.max) s.max = value;
  if (size + 1 >= s.capacity) compact(s, 0);
}

/** A new sketch holding both inputs (which are left untouched); capacities must match. */
export function sketchMerge(a: QuantileSketch, b: QuantileSketch): QuantileSketch {
  if (a.capacity !== b.capacity) {
    throw new RangeError(
      `cannot merge quantile sketches of capacity ${a.capacity} and ${b.capacity}`,
    );
  }
  const out = createQuantileSketch(a.capacity);
  const height = Math.max(a.levels.length, b.levels.length);
  ensureLevel(out, height - 1);
  for (let h = 0; h < height; h++) {
    for (const src of [a, b]) {
      const n = src.sizes[h] ?? 0;
      for (let i = 0; i < n; i++) push(out, h, src.levels[h]![i]!);
    }
    out.parity[h] = a.parity[h] ?? b.parity[h] ?? 0;
  }
  out.count = a.count + b.count;
  out.rankErrorBound = a.rankErrorBound + b.rankErrorBound;
  out.l1ErrorBound = a.l1ErrorBound + b.l1ErrorBound;
  out.min = Math.min(a.min, b.min);
  out.max = Math.max(a.max, b.max);
  for (let h = 0; h < out.levels.length; h++) compact(out, h);
  // Level 0 must keep room for `capacity` records before the next compaction.
  if (out.levels[0]!.length < out.capacity) out.levels[0] = new Float64Array(out.capacity);
  return out;
}

/** The sketch's items sorted by value with their weights (the estimated ECDF). */
export function sketchWeightedSorted(s: QuantileSketch): WeightedSorted {
  let n = 0;
  for (const size of s.sizes) n += size;
  const values = new Float64Array(n);
  const weights = new Float64Array(n);
  // At most capacity·(levels) items: an object sort is cheap at this size.
  const order: { v: number; w: number }[] = [];
  for (let h = 0; h < s.levels.length; h++) {
    const w = 2 ** h;
    for (let i = 0; i < s.sizes[h]!; i++) order.push({ v: s.levels[h]![i]!, w });
  }
  order.sort((x, y) => x.v - y.v);
  for (let i = 0; i < n; i++) {
    values[i] = order[i]!.v;
    weights[i] = order[i]!.w;
  }
  return { values, weights, total: s.count };
}

/** ECDF error bound of the sketch as a share: sup_x |F̂(x) − F(x)| <= this. 0 when exact. */
export function sketchEcdfError(s: QuantileSketch): number {
  return s.count === 0 ? 0 : s.rankErrorBound / s.count;
}

/** ∫ |F̂(x) − F(x)| dx <= this (bounds the Wasserstein error contributed by the sketch). */
export function sketchEcdfL1Error(s: QuantileSketch): number {
  return s.count === 0 ? 0 : s.l1ErrorBound / s.count;
}

/** JSON checkpoint of a sketch. */
export interface QuantileSketchJson {
  kind: 'quantile_sketch';
  version: 1;
  capacity: number;
  levels: number[][];
  parity: number[];
  count: number;
  rankErrorBound: number;
  l1ErrorBound: number;
  min: number | null;
  max: number | null;
}

/** Plain-object form of a sketch. */
export function sketchToJSON(s: QuantileSketch): QuantileSketchJson {
  return {
    kind: 'quantile_sketch',
    version: 1,
    capacity: s.capacity,
    levels: s.levels.map((buf, h) => Array.from(buf.subarray(0, s.sizes[h]!))),
    parity: [...s.parity],
    count: s.count,
    rankErrorBound: s.rankErrorBound,
    l1ErrorBound: s.l1ErrorBound,
    min: s.count === 0 ? null : s.min,
    max: s.count === 0 ? null : s.max,
  };
}

/** Restores a sketch from {@link sketchToJSON}. */
export function sketchFromJSON(json: unknown): QuantileSketch {
  const where = 'quantile_sketch';
  const obj = checkpointObject(json, where, 1);
  const s = createQuantileSketch(numberField(obj, 'capacity', where));
  const levels = obj['levels'];
  if (!Array.isArray(levels))
    throw new AccumulatorStateError(`${where}: field "levels" must be an array`);
  const parity = numberArrayField(obj, 'parity', where);
  levels.forEach((_, h) => {
    const items = numberArrayField(
      levels as unknown as Record<string, unknown>,
      String(h),
      `${where}.levels`,
    );
    ensureLevel(s, h);
    for (const v of items) push(s, h, v);
    s.parity[h] = parity[h] === 1 ? 1 : 0;
  });
  s.count = numberField(obj, 'count', where);
  s.rankErrorBound = numberField(obj, 'rankErrorBound', where);
  s.l1ErrorBound = numberField(obj, 'l1ErrorBound', where);
  s.min = s.count === 0 ? Infinity : numberField(obj, 'min', where);
  s.max = s.count === 0 ? -Infinity : numberField(obj, 'max', where);
  if (s.sizes[0]! >= s.capacity) compact(s, 0);
  return s;
}
