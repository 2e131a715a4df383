/**
 * The numeric features of an open window while they hold only exact values of weight 1 (the
 * usual case): per column, the values in arrival order, the count of type mismatches and their
 * weight, and the bin edges — no accumulator object. Closing the window packs them
 * (`packed-numeric.ts`): the moments and bin counts are then computed from the values, with the
 * updates recording would have made, in the same order (so the same doubles).
 *
 * Why: an accumulator per feature held, besides its values, a slot object (64 B without pointer
 * compression, as Node runs), a state object (80 B), its data array's headers (48 B) and seven
 * moments and a count per bin kept up to date on every record (136 B with ten bins): ≈ 6.5 kB
 * per 20-feature stream, as much as 40 values per feature. A column costs its values (in one
 * array the window's columns share), two numbers and its edges' reference. Recording a value is
 * an append.
 *
 * A column becomes an accumulator slot ({@link OpenNumeric.slotAt}, replaying its values) the
 * moment it is asked to take what it does not hold: a value of weight ≠ 1, a big integer, or the
 * value at which the accumulator would start its sketch.
 */
import {
  NUMERIC_KIND,
  NUMERIC_RECORDER,
  numericCapacityOf,
  type AccumulatorCaps,
} from './accumulator-kinds.js';
import { packedDataLength, packValuesInto } from './accumulators/index.js';
import type { FeatureSlotOf, StateCounters } from './monitor-state.js';
import { PackedNumeric, smallIntegerOr } from './packed-numeric.js';

/** Numbers kept per column in {@link OpenNumeric.counts}: values, and where they start. */
const PER_COLUMN = 2;

/** Open numeric columns of one window. */
export class OpenNumeric {
  /**
   * The array of each open column that has one of its own (made when the first column does),
   * its values in arrival order from the column's start; the others are in {@link shared}.
   */
  private own: (number[] | undefined)[] | undefined = undefined;
  /** Per column: values recorded, their start in the column's array ({@link PER_COLUMN}). */
  private counts: number[] = [];
  /** Per column: type mismatches, their weight; made at the window's first mismatch. */
  private mismatches: number[] | undefined = undefined;
  /**
   * Room for the values of the columns a window expects, one segment of {@link segment} values
   * each, in the order they open: one array instead of one per column (each costs 48 B of
   * headers). A column that outgrows its segment moves to an array of its own.
   */
  private shared: number[] | undefined = undefined;
  /** Values per segment of {@link shared}. */
  private segment = 0;
  /** Start of the next free segment of {@link shared}. */
  private sharedNext = 0;
  /** Bin edges of each open column (`undefined`: the column is not open). */
  private edges: (Float64Array | undefined)[] = [];
  /** Items per sketch level of the columns' accumulators (values kept below it). */
  private readonly capacity: number;
  /** Open columns. */
  size = 0;

  /** Columns of accumulators configured by `caps`, room made for `width` of them. */
  constructor(
    private readonly caps: AccumulatorCaps,
    width: number,
  ) {
    this.capacity = numericCapacityOf(caps);
    this.widen(width);
  }

  /**
   * Makes room for `width` columns, exactly (these arrays are kept per window: `push` would
   * leave spare capacity in each).
   */
  private widen(width: number): void {
    const old = this.edges.length;
    if (width <= old) return;
    this.edges = widened(this.edges, width);
    if (this.own !== undefined) this.own = widened(this.own, width);
    const counts = zeros(PER_COLUMN * width);
    for (let k = 0; k < PER_COLUMN * old; k++) counts[k] = this.counts[k]!;
    this.counts = counts;
    if (this.mismatches !== undefined) {
      const mismatches = zeros(2 * width);
      for (let k = 0; k < 2 * old; k++) mismatches[k] = this.mismatches[k]!;
      this.mismatches = mismatches;
    }
  }

  /** Columns this window has room for (open or not). */
  get width(): number {
    return this.edges.length;
  }

  /** Whether column `c` is open. */
  has(c: number): boolean {
    return c < this.edges.length && this.edges[c] !== undefined;
  }

  /**
   * Opens column `c` on `edges`, with room for `reserve` values; the first column opened makes
   * room for `expected` columns of `reserve` values each in one array.
   */
  open(c: number, edges: Float64Array, reserve: number, expected: number): void {
    this.widen(c + 1);
    const room = Math.min(reserve, this.capacity - 1);
    if (room > 0 && this.shared === undefined && expected > 1) {
      this.shared = doubles(room * expected);
      this.segment = room;
    }
    let start = 0;
    const shared = this.shared;
    if (shared !== undefined && room === this.segment && this.sharedNext + room <= shared.length) {
      start = this.sharedNext;
      this.sharedNext += room;
      if (this.own !== undefined) this.own[c] = undefined;
    } else this.ownArray(c, doubles(room));
    this.counts[PER_COLUMN * c] = 0;
    this.counts[PER_COLUMN * c + 1] = start;
    if (this.mismatches !== undefined) this.mismatches[2 * c] = this.mismatches[2 * c + 1] = 0;
    this.edges[c] = edges;
    this.size++;
  }

  /** Gives column `c` an array of its own. */
  private ownArray(c: number, values: number[]): void {
    const own = (this.own ??= new Array<number[] | undefined>(this.edges.length).fill(undefined));
    own[c] = values;
  }

  /** The array of column `c`'s values (from its start on). */
  private valuesOf(c: number): number[] {
    return this.own?.[c] ?? this.shared!;
  }

  /** Where column `c`'s room ends in its array. */
  private endOf(c: number): number {
    const own = this.own?.[c];
    return own !== undefined ? own.length : this.counts[PER_COLUMN * c + 1]! + this.segment;
  }

  /**
   * Records finite `x` of weight 1 into open column `c`; false when the column cannot hold it
   * (the value at which its accumulator starts a sketch).
   */
  private record(c: number, x: number): boolean {
    const at = PER_COLUMN * c;
    const n = this.counts[at]!;
    if (n + 1 >= this.capacity) return false;
    let values = this.valuesOf(c);
    let start = this.counts[at + 1]!;
    if (start + n === this.endOf(c)) {
      // ×1.5 like an accumulator's value slots (`pushValue`), in an array of its own.
      const grown = doubles(Math.max(4, Math.ceil((n * 3) / 4) * 2));
      for (let i = 0; i < n; i++) grown[i] = values[start + i]!;
      this.ownArray(c, grown);
      values = grown;
      start = this.counts[at + 1] = 0;
    }
    values[start + n] = x;
    this.counts[at] = n + 1;
    return true;
  }

  /**
   * Records raw attribute value `v` of record weight `weight` into open column `c` as the numeric
   * feature kind's `observe` would (`window-parts.ts`): a finite number is a value, any other
   * number or type a mismatch, `undefined` nothing. False when the column cannot take it — a
   * value of weight ≠ 1, a big integer, or the value that starts a sketch (see {@link record}):
   * the caller makes the column a slot and records it there.
   */
  observe(c: number, v: unknown, weight: number, counters: StateCounters): boolean {
    if (typeof v === 'number' && Number.isFinite(v)) return weight === 1 && this.record(c, v);
    if (typeof v === 'bigint') return false;
    if (v !== undefined) {
      const mismatches = (this.mismatches ??= zeros(2 * this.edges.length));
      mismatches[2 * c]! += 1;
      mismatches[2 * c + 1]! += weight;
      counters.typeMismatch++;
    }
    return true;
  }

  /** Values recorded in open column `c`. */
  countAt(c: number): number {
    return this.counts[PER_COLUMN * c]!;
  }

  /** Values open column `c` has room for before its array grows. */
  roomAt(c: number): number {
    return this.endOf(c) - this.counts[PER_COLUMN * c + 1]!;
  }

  /**
   * The accumulator slot of open column `c` (a new one, recording its values in order: what
   * recording them into a slot would have made), `undefined` when `c` is not open.
   */
  slotAt(c: number): FeatureSlotOf<'numeric'> | undefined {
    if (!this.has(c)) return undefined;
    const values = this.valuesOf(c);
    const acc = NUMERIC_KIND.forSetting(this.edges[c]!, this.caps).create();
    const at = PER_COLUMN * c;
    const n = this.counts[at]! | 0;
    const start = this.counts[at + 1]!;
    for (let i = 0; i < n; i++) NUMERIC_RECORDER.record(acc, values[start + i]!, 1);
    return {
      kind: 'numeric',
      acc,
      count: n,
      // Small integers, not doubles read from the counts (see `PackedNumeric.slotAt`).
      typeMismatch: this.mismatchAt(c) | 0,
      typeMismatchWeight: smallIntegerOr(this.mismatchWeightAt(c)),
    };
  }

  /** Type mismatches counted in column `c`. */
  private mismatchAt(c: number): number {
    return this.mismatches === undefined ? 0 : this.mismatches[2 * c]!;
  }

  /** Weight of the type mismatches counted in column `c`. */
  private mismatchWeightAt(c: number): number {
    return this.mismatches === undefined ? 0 : this.mismatches[2 * c + 1]!;
  }

  /** Closes column `c` (its slot is about to be set). */
  drop(c: number): void {
    if (!this.has(c)) return;
    if (this.own !== undefined) this.own[c] = undefined;
    this.edges[c] = undefined;
    this.size--;
  }

  /** The open columns packed into one buffer (see `packed-numeric.ts`); none stays open. */
  pack(): PackedNumeric | undefined {
    const counts = this.counts;
    const edges = this.edges;
    return PackedNumeric.build(
      {
        width: edges.length,
        lengthAt: (c) =>
          edges[c] === undefined ? -1 : packedDataLength(edges[c], counts[PER_COLUMN * c]!),
        edgesAt: (c) => edges[c]!,
        mismatchAt: (c) => this.mismatchAt(c),
        mismatchWeightAt: (c) => this.mismatchWeightAt(c),
        write: (c, pool, offset) =>
          packValuesInto(
            edges[c]!,
            this.valuesOf(c),
            counts[PER_COLUMN * c + 1]!,
            counts[PER_COLUMN * c]!,
            pool,
            offset,
          ),
      },
      this.capacity,
    );
  }
}

/** `array` lengthened to `width` entries, exactly (the new ones `undefined`). */
function widened<T>(array: readonly (T | undefined)[], width: number): (T | undefined)[] {
  const out = new Array<T | undefined>(width).fill(undefined);
  for (let c = 0; c < array.length; c++) out[c] = array[c];
  return out;
}

/** An array of `n` doubles, unboxed whatever is stored in it later (see `exact-values.ts`). */
function doubles(n: number): number[] {
  return new Array<number>(n).fill(0.5);
}

/** {@link doubles}, all 0. */
function zeros(n: number): number[] {
  return doubles(n).fill(0);
}
