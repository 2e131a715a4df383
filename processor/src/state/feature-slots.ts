/**
 * The feature slots of one window, by name: an array indexed by column, the columns (name →
 * index) shared by every window of the model version.
 *
 * Why not a Map per window: a Map of twenty features costs ~0.95 kB of hash table (V8 grows it
 * to 32 entries), and each stream holds two windows (the open one and its stored reference) — at
 * 10k streams, 19 MB of tables holding the same twenty names. Here a window holds one array of
 * slots (8 B per column) and the names live once per model version. The row-order cache (the
 * names of the last recorded row and their columns, so that a row listing its features in the
 * usual order finds each with one string comparison) is the model version's too, instead of two
 * arrays per open window.
 */
import type { FeatureSlot } from './monitor-state.js';
import { PackedNumeric } from './packed-numeric.js';
import { OpenNumeric } from './open-numeric.js';
import type { AccumulatorCaps } from './accumulator-kinds.js';

/** The feature names of one model version, each given a column on first use. */
export class FeatureColumns {
  /** Column of each name. */
  readonly index = new Map<string, number>();
  /** Name of each column. */
  readonly names: string[] = [];
  /**
   * The features of the last recorded row in the row's order, and their columns (a cache:
   * `rowNames[i]` is the i-th feature of that row; a miss falls back to `index`).
   */
  readonly rowNames: string[] = [];
  readonly rowColumns: number[] = [];

  /** The column of `name`, given one if it has none yet. */
  columnOf(name: string): number {
    let column = this.index.get(name);
    if (column === undefined) {
      column = this.names.length;
      this.names.push(name);
      this.index.set(name, column);
    }
    return column;
  }
}

/** The array of a window that holds no slot object (frozen: the first slot set makes one). */
const NO_SLOTS: (FeatureSlot | undefined)[] = Object.freeze([]) as unknown as (
  FeatureSlot | undefined
)[];

/** The slots of one window's features, by column of its {@link FeatureColumns}. */
export class FeatureSlots {
  /** Slot per column (`undefined`: the window has no slot of that feature). */
  private slots: (FeatureSlot | undefined)[];
  /** Slots in {@link slots}. */
  private count = 0;
  /** The numeric columns packed by {@link seal} or {@link pack} (their {@link slots} are empty). */
  private packed: PackedNumeric | undefined = undefined;
  /** The open numeric columns (see `open-numeric.ts`; their {@link slots} are empty). */
  private open: OpenNumeric | undefined = undefined;

  constructor(readonly columns: FeatureColumns) {
    // As many columns as the model version has: windows usually hold every feature.
    this.slots = NO_SLOTS;
  }

  /** Features with a slot. */
  get size(): number {
    return this.count + (this.packed?.size ?? 0) + (this.open?.size ?? 0);
  }

  /** Columns to look at with {@link at} (some may hold no slot). */
  get width(): number {
    return Math.max(this.slots.length, this.packed?.width ?? 0, this.open?.width ?? 0);
  }

  /**
   * The slot at `column`, if any. Of a packed or open column, a slot made on read: changing it
   * changes nothing held (see {@link heldAt}).
   */
  at(column: number): FeatureSlot | undefined {
    return this.slots[column] ?? this.packed?.slotAt(column) ?? this.open?.slotAt(column);
  }

  /**
   * The slot object held at `column`, if any: undefined for a packed or open column, whose slot
   * is made on read (for callers that change slots in place).
   */
  heldAt(column: number): FeatureSlot | undefined {
    return this.slots[column];
  }

  /** The open numeric columns, if any (recording reads them directly). */
  get openNumeric(): OpenNumeric | undefined {
    return this.open;
  }

  /**
   * Opens numeric column `column` on bin edges `edges` for accumulators configured by `caps`,
   * with room for `reserve` values, the window expecting `expected` numeric columns (see
   * `open-numeric.ts`); it must hold no slot yet.
   */
  openNumericAt(
    column: number,
    edges: Float64Array,
    caps: AccumulatorCaps,
    reserve: number,
    expected: number,
  ): OpenNumeric {
    const open = (this.open ??= new OpenNumeric(caps, this.columns.names.length));
    open.open(column, edges, reserve, expected);
    return open;
  }

  /** Makes open column `column` an accumulator slot (holding what it held) and returns it. */
  promote(column: number): FeatureSlot {
    const slot = this.open!.slotAt(column)!;
    this.setAt(column, slot);
    return slot;
  }

  /** Values recorded in numeric column `column` (`undefined` when it is not numeric). */
  numericCountAt(column: number): number | undefined {
    if (this.open?.has(column) === true) return this.open.countAt(column);
    const slot = this.at(column);
    return slot?.kind === 'numeric' ? slot.count : undefined;
  }

  /**
   * Packs the open numeric columns into one buffer (see `packed-numeric.ts`), for a window that
   * is closing: nothing records into it again.
   */
  seal(): void {
    const open = this.open;
    if (open === undefined) return;
    this.open = undefined;
    if (this.packed === undefined) this.packed = open.pack();
    else {
      // Packed once already: what opened since (never, in a closed window) becomes slots.
      for (let c = 0; c < open.width; c++) {
        const slot = open.slotAt(c);
        if (slot !== undefined) this.setAt(c, slot);
      }
    }
  }

  /**
   * Packs the numeric slots that can be packed into one buffer (see `packed-numeric.ts`), for a
   * sealed window that is kept; a window sealed with open columns holds them packed already.
   */
  pack(): void {
    this.seal();
    if (this.packed !== undefined) return;
    const packed = PackedNumeric.pack(this.slots);
    if (packed === undefined) return;
    for (let c = 0, width = this.width; c < width; c++) {
      if (!packed.has(c)) continue;
      this.slots[c] = undefined;
      this.count--;
    }
    this.packed = packed;
    // Every slot packed (the usual case): no array of empty slots kept.
    if (this.count === 0) this.slots = NO_SLOTS;
  }

  /** Name of the feature at `column`. */
  nameAt(column: number): string {
    return this.columns.names[column]!;
  }

  /** Whether the window has a slot (held, packed or open) at `column`. */
  private has(column: number): boolean {
    return (
      this.slots[column] !== undefined ||
      this.packed?.has(column) === true ||
      this.open?.has(column) === true
    );
  }

  /** The slot of feature `name`, if any. */
  get(name: string): FeatureSlot | undefined {
    const column = this.columns.index.get(name);
    return column === undefined ? undefined : this.at(column);
  }

  /** Sets the slot of feature `name`. */
  set(name: string, slot: FeatureSlot): void {
    this.setAt(this.columns.columnOf(name), slot);
  }

  /** Sets the slot at `column` (a column of {@link columns}). */
  setAt(column: number, slot: FeatureSlot): void {
    this.widen(column);
    this.packed?.drop(column);
    this.open?.drop(column);
    if (this.slots[column] === undefined) this.count++;
    this.slots[column] = slot;
  }

  /** Makes room for `column` in {@link slots}. */
  private widen(column: number): void {
    const slots = this.slots;
    if (column < slots.length) return;
    // The first held slot, or one past the columns known when the array was made.
    // Exactly as long as the model version's columns (push would leave spare capacity).
    const grown = new Array<FeatureSlot | undefined>(
      Math.max(column + 1, this.columns.names.length),
    ).fill(undefined);
    for (let c = 0; c < slots.length; c++) grown[c] = slots[c];
    this.slots = grown;
  }

  /** The slots. */
  values(): FeatureSlot[] {
    const out: FeatureSlot[] = [];
    for (let c = 0, width = this.width; c < width; c++) {
      const slot = this.at(c);
      if (slot !== undefined) out.push(slot);
    }
    return out;
  }

  /** The names of the features with a slot. */
  keys(): string[] {
    const out: string[] = [];
    for (let c = 0, width = this.width; c < width; c++) {
      if (this.has(c)) out.push(this.nameAt(c));
    }
    return out;
  }

  /** (name, slot) of each feature with a slot, in column order. */
  entries(): [string, FeatureSlot][] {
    const out: [string, FeatureSlot][] = [];
    for (let c = 0, width = this.width; c < width; c++) {
      const slot = this.at(c);
      if (slot !== undefined) out.push([this.nameAt(c), slot]);
    }
    return out;
  }
}
