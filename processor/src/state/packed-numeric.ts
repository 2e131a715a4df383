/**
 * The numeric features of a sealed window, packed into ONE buffer: per column the accumulator's
 * data (moments, bin counts, sorted values) and, if any was counted, the type mismatches. A column
 * is read as a slot made on read, sharing the buffer.
 *
 * Why: a stored window (a reference) is never recorded into again, and it is read rarely — when
 * evaluate builds its reference, when the state is checkpointed, when a rolling union is merged —
 * while it lives for as long as the reference does. Each of its numeric features cost a slot
 * object (64 B without pointer compression, as Node runs), an accumulator state (80 B) and a
 * typed-array view of the shared buffer (96 B): ≈ 4.8 kB per 20-feature stream, more than half
 * of what its fifty values per feature take. Packed, a column costs its start in the buffer
 * and its bin edges' reference (and 16 B of mismatch counts where a window counted any).
 *
 * Only exact columns of weight-1 values are packed (`packedNumericLength`); a sketched or
 * weighted feature keeps its slot.
 */
import { packedNumericLength, packNumericInto, sealedNumericState } from './accumulators/index.js';
import type { FeatureSlot, FeatureSlotOf } from './monitor-state.js';

/** Numeric columns to pack (see {@link PackedNumeric.build}). */
export interface PackSource {
  /** Columns to look at. */
  readonly width: number;
  /** Doubles of column `c`'s accumulator data; −1: the column is not packed. */
  lengthAt(c: number): number;
  /** Bin edges of column `c`'s accumulator. */
  edgesAt(c: number): Float64Array;
  /** Type mismatches counted in column `c`, and their weight. */
  mismatchAt(c: number): number;
  mismatchWeightAt(c: number): number;
  /** Writes column `c`'s data (values sorted) from `offset` on; returns the next free offset. */
  write(c: number, pool: Float64Array, offset: number): number;
}

/** Packed numeric columns of one sealed window. */
export class PackedNumeric {
  private constructor(
    /**
     * `pool[c]` (c < width): start of column c's data; then, when {@link mismatches}, each
     * column's type mismatches and their weight (2 per column); then the data.
     */
    private readonly pool: Float64Array,
    /** Whether any column counted a type mismatch (else none is stored: all are 0). */
    private readonly mismatches: boolean,
    /** Columns: the first `width` entries of {@link pool}. */
    readonly width: number,
    /**
     * Bin edges of each packed column, or the one array every packed column shares (a stream's
     * first window, binned before any reference, or windows binned on a profile's edges).
     */
    private readonly edges: Float64Array | (Float64Array | undefined)[],
    /** Sketch capacity of every packed column's accumulator. */
    private readonly capacity: number,
    /** Columns packed. */
    public size: number,
  ) {}

  /**
   * The numeric slots among `slots` that can be packed, packed (their values sorted); those
   * slots then read the buffer too, and the caller drops them. `undefined` when none can.
   */
  static pack(slots: readonly (FeatureSlot | undefined)[]): PackedNumeric | undefined {
    let capacity = -1;
    for (const slot of slots) {
      if (slot?.kind === 'numeric' && packable(slot)) {
        capacity = slot.acc.capacity;
        break;
      }
    }
    if (capacity < 0) return undefined;
    const numericAt = (c: number): FeatureSlotOf<'numeric'> | undefined => {
      const slot = slots[c];
      return slot?.kind === 'numeric' && packable(slot) && slot.acc.capacity === capacity
        ? slot
        : undefined;
    };
    return PackedNumeric.build(
      {
        width: slots.length,
        lengthAt: (c) => {
          const slot = numericAt(c);
          return slot === undefined ? -1 : packedNumericLength(slot.acc);
        },
        edgesAt: (c) => numericAt(c)!.acc.binEdges,
        mismatchAt: (c) => numericAt(c)!.typeMismatch,
        mismatchWeightAt: (c) => numericAt(c)!.typeMismatchWeight,
        write: (c, pool, offset) => packNumericInto(numericAt(c)!.acc, pool, offset),
      },
      capacity,
    );
  }

  /**
   * The columns of `source` that have data (length ≥ 0) packed into one new buffer, for
   * accumulators of sketch capacity `capacity`; `undefined` when no column has data.
   */
  static build(source: PackSource, capacity: number): PackedNumeric | undefined {
    const width = source.width;
    const lengths = new Array<number>(width);
    let total = width;
    let size = 0;
    let mismatches = false;
    for (let c = 0; c < width; c++) {
      const length = source.lengthAt(c);
      lengths[c] = length;
      if (length < 0) continue;
      total += length;
      size++;
      if (source.mismatchAt(c) !== 0 || source.mismatchWeightAt(c) !== 0) mismatches = true;
    }
    if (size === 0) return undefined;
    if (mismatches) total += 2 * width;
    const pool = new Float64Array(total);
    const edges = new Array<Float64Array | undefined>(width).fill(undefined);
    let shared: Float64Array | undefined;
    let sharedByAll = true;
    let offset = mismatches ? 3 * width : width;
    for (let c = 0; c < width; c++) {
      pool[c] = -1;
      if (lengths[c]! < 0) continue;
      pool[c] = offset;
      if (mismatches) {
        pool[width + 2 * c] = source.mismatchAt(c);
        pool[width + 2 * c + 1] = source.mismatchWeightAt(c);
      }
      const e = (edges[c] = source.edgesAt(c));
      if (shared === undefined) shared = e;
      else if (e !== shared) sharedByAll = false;
      offset = source.write(c, pool, offset);
    }
    return new PackedNumeric(
      pool,
      mismatches,
      width,
      sharedByAll ? shared! : edges,
      capacity,
      size,
    );
  }

  /** Whether column `c` is packed. */
  has(c: number): boolean {
    return c < this.width && this.pool[c]! >= 0;
  }

  /**
   * The slot of packed column `c` (a new object on each call, reading the buffer; nothing writes
   * it: the window is sealed), `undefined` when `c` is not packed.
   */
  slotAt(c: number): FeatureSlotOf<'numeric'> | undefined {
    if (!this.has(c)) return undefined;
    const binEdges = this.edges instanceof Float64Array ? this.edges : this.edges[c]!;
    const pool = this.pool;
    const acc = sealedNumericState(binEdges, pool, pool[c]!, this.capacity);
    const mismatch = this.width + 2 * c;
    return {
      kind: 'numeric',
      acc,
      count: acc.size,
      // Small integers where they are, not doubles: a double stored in a field makes V8 box it
      // in every slot of the same hidden class, 16 B each (see `sealedNumericState`).
      typeMismatch: this.mismatches ? pool[mismatch]! | 0 : 0,
      typeMismatchWeight: this.mismatches ? smallIntegerOr(pool[mismatch + 1]!) : 0,
    };
  }

  /** Unpacks column `c` (its slot is about to be replaced). */
  drop(c: number): void {
    if (!this.has(c)) return;
    this.pool[c] = -1;
    this.size--;
  }
}

/** A slot whose counts a packed column keeps: its values all recorded (`count` = values). */
function packable(slot: FeatureSlotOf<'numeric'>): boolean {
  return slot.count === slot.acc.size;
}

/** `x` as a small integer when it is one (see {@link PackedNumeric.slotAt}). */
export function smallIntegerOr(x: number): number {
  const i = x | 0;
  return i === x ? i : x;
}
