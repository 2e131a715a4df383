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
 * Memory is proportional to what the sketch holds: buffers are allocated lazily (an empty level
 * shares one zero-length buffer) and grow ×1.5 from 4 slots up to `capacity`; a buffer grown
 * past `capacity` during a merge is shrunk back when compacted, a merge allocates each level at
 * the size it needs, and {@link sketchTrim} sizes every level to exactly what it holds. So while
 * exact (n < capacity) the items take <= 8·max(4, 1.5·n + 2) bytes, and always
 * <= 8·capacity·(C + 1) bytes with C as above. Measured (Node 20, heapUsed + arrayBuffers, default
 * capacity 2048): empty 0.25 kB, n = 100: 1.5 kB, n = 2048: 29 kB, n = 1e5: 112 kB (before lazy
 * allocation: 16.6 kB from creation). Transient copies during a merge or snapshot come on top.
 */
export interface QuantileSketch {
  capacity: number;
  /** levels[h] holds `sizes[h]` items of weight 2^h (a prefix of the buffer is live). */
  levels: Float64Array[];
  sizes: number[];
  /**
   * Alternating offset per level, so successive compactions do not bias one side; levels past
   * its length have offset 0 (a sketch never compacted shares one empty array: see setParity).
   */
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

/** First allocation of a level buffer (slots); later growth doubles it. */
const MIN_SLOTS = 4;

/** Parity of a sketch that never compacted: shared, never written (setParity replaces it). */
const NO_PARITY: number[] = [];

/** Sets level h's parity, giving the sketch its own parity array first. */
function setParity(s: QuantileSketch, h: number, value: number): void {
  if (s.parity === NO_PARITY) s.parity = [];
  while (s.parity.length <= h) s.parity.push(0);
  s.parity[h] = value;
}

/** Parity of level h of `s`, undefined when `s` has no level h. */
function parityAt(s: QuantileSketch, h: number): number | undefined {
  return h < s.levels.length ? (s.parity[h] ?? 0) : undefined;
}

/** Shared zero-length buffer of empty levels: never written (a push grows it first). */
const EMPTY: Float64Array = new Float64Array(0);

/** Shared unit weights; snapshots of exact sketches get read-only views of it. */
let ONES: Float64Array = new Float64Array(0);

/** `n` unit weights as a view of a shared buffer (no per-snapshot copy of n ones). */
export function unitWeights(n: number): Float64Array {
  if (ONES.length < n) ONES = new Float64Array(Math.max(n, 2 * ONES.length, 4096)).fill(1);
  return ONES.subarray(0, n);
}

/** A new empty sketch; `capacity` must be an even integer >= 8. */
export function createQuantileSketch(capacity: number = DEFAULT_SKETCH_CAPACITY): QuantileSketch {
  if (!Number.isInteger(capacity) || capacity < 8 || capacity % 2 !== 0) {
    throw new RangeError(`quantile sketch capacity must be an even integer >= 8, got ${capacity}`);
  }
  return {
    capacity,
    levels: [EMPTY],
    sizes: [0],
    parity: NO_PARITY,
    count: 0,
    rankErrorBound: 0,
    l1ErrorBound: 0,
    min: Infinity,
    max: -Infinity,
  };
}

function ensureLevel(s: QuantileSketch, h: number): void {
  while (s.levels.length <= h) {
    s.levels.push(EMPTY);
    s.sizes.push(0);
  }
}

/**
 * Level h's buffer with room for at least `needed` items: grown ×1.5 (from {@link MIN_SLOTS};
 * at most a third of it unused), capped at `capacity` while that suffices (only a merge needs
 * more, transiently).
 */
function reserve(s: QuantileSketch, h: number, needed: number): Float64Array {
  const buf = s.levels[h]!;
  if (needed <= buf.length) return buf;
  let len = Math.max(MIN_SLOTS, Math.ceil((buf.length * 3) / 4) * 2);
  if (buf.length < s.capacity) len = Math.min(len, s.capacity);
  if (len < needed) len = needed;
  const grown = new Float64Array(len);
  grown.set(buf.subarray(0, s.sizes[h]!));
  s.levels[h] = grown;
  return grown;
}

function push(s: QuantileSketch, h: number, value: number): void {
  const size = s.sizes[h]!;
  const buf = size < s.levels[h]!.length ? s.levels[h]! : reserve(s, h, size + 1);
  buf[size] = value;
  s.sizes[h] = size + 1;
}

/** Compacts level h (and cascades upward) while it holds >= capacity items. */
function compact(s: QuantileSketch, h: number): void {
  while (h < s.levels.length && s.sizes[h]! >= s.capacity) {
    ensureLevel(s, h + 1);
    const size = s.sizes[h]!;
    const live = s.levels[h]!.subarray(0, size);
    sortLevel(live);
    const even = size - (size % 2);
    const offset = s.parity[h] ?? 0;
    setParity(s, h, 1 - offset);
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

/**
 * Sorts a level's live items in place exactly as `live.sort()` does (ascending, −0 before +0),
 * by merging their ascending runs when there are few of them (at most {@link MAX_RUNS}). A
 * merge's levels above 0 are two such runs (compactions push their items in ascending order,
 * and a merge lays the two inputs' levels end to end), and the all-slices sum's level 0 is the
 * slice windows' values, each window's sorted when it was sealed: tens of runs, merged in
 * log2(runs) passes instead of sorted from scratch, thousands of times per close.
 */
export function sortLevel(live: Float64Array): void {
  const n = live.length;
  let runs = 0;
  for (let i = 1; i < n; i++) {
    if (!before(live[i]!, live[i - 1]!)) continue;
    if (runs + 1 === MAX_RUNS) {
      live.sort();
      return;
    }
    runStarts[++runs] = i;
  }
  if (runs === 0) return;
  runs += 1;
  runStarts[0] = 0;
  runStarts[runs] = n;
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, 2 * scratch.length));
  let src = live;
  let dst = scratch;
  // Bottom-up: each pass merges neighbouring runs pairwise from `src` into `dst`.
  while (runs > 1) {
    let merged = 0;
    for (let r = 0; r < runs; r += 2) {
      const lo = runStarts[r]!;
      const mid = runStarts[r + 1]!;
      const hi = r + 2 <= runs ? runStarts[r + 2]! : mid;
      mergeTwo(src, lo, mid, hi, dst);
      runStarts[merged++] = lo;
    }
    runStarts[merged] = n;
    runs = merged;
    [src, dst] = [dst, src];
  }
  if (src !== live) live.set(src.subarray(0, n));
}

/** More runs than this: a general sort is cheaper than merging them. */
const MAX_RUNS = 128;

/** Start of each run (and the end of the last) during {@link sortLevel}. */
const runStarts = new Int32Array(MAX_RUNS + 1);

/**
 * Merges the ascending runs `src[lo, mid)` and `src[mid, hi)` into `dst[lo, hi)`; ties take the
 * first run's item first (equal items are equal doubles: ±0 are ordered by {@link before}).
 */
function mergeTwo(src: Float64Array, lo: number, mid: number, hi: number, dst: Float64Array): void {
  let i = lo;
  let j = mid;
  let k = lo;
  while (i < mid && j < hi) dst[k++] = before(src[j]!, src[i]!) ? src[j++]! : src[i++]!;
  while (i < mid) dst[k++] = src[i++]!;
  while (j < hi) dst[k++] = src[j++]!;
}

/** Scratch of {@link sortLevel}: the other buffer of each merge pass. */
let scratch: Float64Array = new Float64Array(0);

/** `a` sorts strictly before `b` in a typed array's sort (numeric order, −0 before +0). */
export function before(a: number, b: number): boolean {
  return a < b || (a === 0 && b === 0 && Object.is(a, -0) && Object.is(b, 0));
}

/** Records one finite value. */
export function sketchRecord(s: QuantileSketch, value: number): void {
  const size = s.sizes[0]!;
  const buf = size < s.levels[0]!.length ? s.levels[0]! : reserve(s, 0, size + 1);
  buf[size] = value;
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
    const na = a.sizes[h] ?? 0;
    const nb = b.sizes[h] ?? 0;
    // Sized to need: a merge of two small windows costs what they hold, not `capacity`.
    if (na + nb > 0) {
      const buf = new Float64Array(na + nb);
      if (na > 0) buf.set(a.levels[h]!.subarray(0, na));
      if (nb > 0) buf.set(b.levels[h]!.subarray(0, nb), na);
      out.levels[h] = buf;
      out.sizes[h] = na + nb;
    }
    const parity = parityAt(a, h) ?? parityAt(b, h) ?? 0;
    if (parity !== 0) setParity(out, h, parity);
  }
  out.count = a.count + b.count;
  out.rankErrorBound = a.rankErrorBound + b.rankErrorBound;
  out.l1ErrorBound = a.l1ErrorBound + b.l1ErrorBound;
  out.min = Math.min(a.min, b.min);
  out.max = Math.max(a.max, b.max);
  for (let h = 0; h < out.levels.length; h++) compact(out, h);
  return out;
}

/**
 * Adds `b` into `a` (`a` mutated, `b` untouched): `a` becomes what {@link sketchMerge}(a, b)
 * returns, item for item, without a copy of `a`. A sum grown one input at a time (the
 * all-slices window of thousands of slice windows) then costs what the inputs hold, not what
 * the sum holds at every step. `a` must be its owner's own (not a view another reader shares).
 */
export function sketchMergeInto(a: QuantileSketch, b: QuantileSketch): void {
  if (a.capacity !== b.capacity) {
    throw new RangeError(
      `cannot merge quantile sketches of capacity ${a.capacity} and ${b.capacity}`,
    );
  }
  const ownHeight = a.levels.length;
  ensureLevel(a, b.levels.length - 1);
  for (let h = 0; h < b.levels.length; h++) {
    appendItems(a, h, b.levels[h]!, 0, b.sizes[h]!);
    // A level `a` lacked takes `b`'s offset, as sketchMerge's parity choice does.
    const parity = h < ownHeight ? 0 : (parityAt(b, h) ?? 0);
    if (parity !== 0) setParity(a, h, parity);
  }
  a.count += b.count;
  a.rankErrorBound += b.rankErrorBound;
  a.l1ErrorBound += b.l1ErrorBound;
  a.min = Math.min(a.min, b.min);
  a.max = Math.max(a.max, b.max);
  for (let h = 0; h < a.levels.length; h++) compact(a, h);
}

/**
 * Adds `n` values of `xs` from `from` on (weight 1 each) into `a`: the sketch that recording them
 * one at a time after `a`'s own gives (compacting each time level 0 fills), filled a run at a
 * time. Level 0 never grows past the capacity, as one merge laying all of them end to end would
 * make it.
 */
export function sketchMergeValuesInto(
  a: QuantileSketch,
  xs: ArrayLike<number>,
  from = 0,
  n = xs.length - from,
): void {
  for (let i = from, end = from + n; i < end;) {
    const take = Math.min(a.capacity - a.sizes[0]!, end - i);
    appendItems(a, 0, xs, i, take);
    for (let k = i; k < i + take; k++) {
      const x = xs[k]!;
      if (x < a.min) a.min = x;
      if (x > a.max) a.max = x;
    }
    i += take;
    if (a.sizes[0]! >= a.capacity) compact(a, 0);
  }
  a.count += n;
}

/** Appends `n` of `items` from `from` on to level h (compacting is the caller's). */
function appendItems(
  s: QuantileSketch,
  h: number,
  items: ArrayLike<number>,
  from: number,
  n: number,
): void {
  if (n === 0) return;
  const size = s.sizes[h]!;
  const buf = reserve(s, h, size + n);
  for (let i = 0; i < n; i++) buf[size + i] = items[from + i]!;
  s.sizes[h] = size + n;
}

/**
 * What {@link sketchMerge} gives for two exact sketches (never compacted, every item in level 0)
 * whose level-0 items are `a` and `b`: their items laid end to end, compacted. Made without the
 * two input sketches: an exact numeric state keeps only its values (`exact-values.ts`), and
 * making a sketch of each, item by item, only to merge them cost more than the merge.
 */
export function sketchMergeExact(
  capacity: number,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
): QuantileSketch {
  const out = createQuantileSketch(capacity);
  const n = a.length + b.length;
  if (n === 0) return out;
  const level = new Float64Array(n);
  for (let i = 0; i < a.length; i++) level[i] = a[i]!;
  for (let i = 0; i < b.length; i++) level[a.length + i] = b[i]!;
  out.levels[0] = level;
  out.sizes[0] = n;
  out.count = n;
  // The extremes as recording each input, then merging, sets them (the same doubles).
  const [minA, maxA] = extremes(a);
  const [minB, maxB] = extremes(b);
  out.min = Math.min(minA, minB);
  out.max = Math.max(maxA, maxB);
  compact(out, 0);
  return out;
}

/** The min and max {@link sketchRecord} keeps for `xs` recorded in order. */
function extremes(xs: ArrayLike<number>): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return [min, max];
}

/**
 * The sketch's items sorted by value with their weights (the estimated ECDF). Read-only: while
 * the sketch is exact, `weights` is a view of a buffer of ones shared by every snapshot, and
 * after {@link sketchTrim} `values` is the sketch's own (never again written) level buffer.
 */
export function sketchWeightedSorted(s: QuantileSketch): WeightedSorted {
  let n = 0;
  for (const size of s.sizes) n += size;
  // Each level sorted on its own (typed, numeric), then merged level by level in one pass;
  // ties go to the lower level first (the order a stable sort by value would give).
  if (s.levels.length === 1 && isFullAndSorted(s.levels[0]!, s.sizes[0]!)) {
    // A trimmed sketch (closed window kept as a reference): share its buffer, which is never
    // written again (every write to an exactly full buffer reallocates it first).
    return { values: s.levels[0]!, weights: unitWeights(n), total: s.count };
  }
  const runs: Float64Array[] = [];
  for (let h = 0; h < s.levels.length; h++) {
    runs.push(Float64Array.from(s.levels[h]!.subarray(0, s.sizes[h]!)).sort());
  }
  if (runs.length === 1) {
    // Exact: every weight is 1 (a shared read-only view, not n ones per snapshot).
    return { values: runs[0]!, weights: unitWeights(n), total: s.count };
  }
  return { ...mergeSortedRuns(runs, n, (h) => 2 ** h), total: s.count };
}

/**
 * Merges ascending `runs` (`n` items in all) into one ascending sequence in one pass, ties to
 * the lower run first (the order a stable sort by value would give); each item's weight is
 * `weightOf(run, index)`.
 */
export function mergeSortedRuns(
  runs: readonly ArrayLike<number>[],
  n: number,
  weightOf: (run: number, index: number) => number,
): { values: Float64Array; weights: Float64Array } {
  const values = new Float64Array(n);
  const weights = new Float64Array(n);
  const heads = new Array<number>(runs.length).fill(0);
  for (let i = 0; i < n; i++) {
    let best = -1;
    let bestValue = Infinity;
    for (let h = 0; h < runs.length; h++) {
      const j = heads[h]!;
      if (j < runs[h]!.length && (best < 0 || runs[h]![j]! < bestValue)) {
        best = h;
        bestValue = runs[h]![j]!;
      }
    }
    values[i] = bestValue;
    weights[i] = weightOf(best, heads[best]!);
    heads[best]! += 1;
  }
  return { values, weights };
}

/** True when `buf` holds exactly `size` items in ascending order. */
export function isFullAndSorted(buf: Float64Array, size: number): boolean {
  if (buf.length !== size) return false;
  for (let i = 1; i < size; i++) if (buf[i - 1]! > buf[i]!) return false;
  return true;
}

/**
 * Gives back unused buffer space: each level becomes a new buffer of exactly what it holds,
 * sorted (item order within a level carries no meaning), e.g. for a closed window kept as a
 * reference. Its snapshots then share level 0 instead of copying it: an exactly full buffer is
 * never written again, since recording reallocates it first (the sketch stays usable).
 */
export function sketchTrim(s: QuantileSketch): void {
  for (let h = 0; h < s.levels.length; h++) {
    const size = s.sizes[h]!;
    const buf = s.levels[h]!;
    if (size === 0) s.levels[h] = EMPTY;
    else if (!isFullAndSorted(buf, size)) s.levels[h] = buf.slice(0, size).sort();
  }
}

/** Items the sketch holds (the room {@link sketchTrimInto} needs). */
export function sketchItemCount(s: QuantileSketch): number {
  let n = 0;
  for (const size of s.sizes) n += size;
  return n;
}

/**
 * {@link sketchTrim} into a shared pool: each non-empty level becomes a sorted view of
 * `pool` from `offset` on, exactly as long as what it holds, so many frozen sketches (a closed
 * window kept as a reference) pay for one buffer instead of one each. Like a trimmed level, a
 * full view is never written again: recording reallocates it first. Returns the next free offset.
 */
export function sketchTrimInto(s: QuantileSketch, pool: Float64Array, offset: number): number {
  for (let h = 0; h < s.levels.length; h++) {
    const size = s.sizes[h]!;
    if (size === 0) {
      s.levels[h] = EMPTY;
      continue;
    }
    const view = pool.subarray(offset, offset + size);
    view.set(s.levels[h]!.subarray(0, size));
    view.sort();
    s.levels[h] = view;
    offset += size;
  }
  return offset;
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
    parity: s.levels.map((_buf, h) => s.parity[h] ?? 0),
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
    // Sized to what the checkpoint holds; recording grows it geometrically.
    if (items.length > 0) s.levels[h] = Float64Array.from(items);
    s.sizes[h] = items.length;
    if (parity[h] === 1) setParity(s, h, 1);
  });
  s.count = numberField(obj, 'count', where);
  s.rankErrorBound = numberField(obj, 'rankErrorBound', where);
  s.l1ErrorBound = numberField(obj, 'l1ErrorBound', where);
  s.min = s.count === 0 ? Infinity : numberField(obj, 'min', where);
  s.max = s.count === 0 ? -Infinity : numberField(obj, 'max', where);
  if (s.sizes[0]! >= s.capacity) compact(s, 0);
  return s;
}
