import { describe, expect, it } from 'vitest';
import { NUMERIC_KIND, sortNumericValues, type AccumulatorCaps } from './accumulator-kinds.js';
import { FeatureColumns, FeatureSlots } from './feature-slots.js';
import type { FeatureSlotOf } from './monitor-state.js';

const CAPS: AccumulatorCaps = { maxCategories: 16, sketchCapacity: 64 };
const EDGES = Float64Array.from([0, 1, 2]);

/** A numeric slot holding `values` (weight `weight` each) on `edges`. */
function numericSlot(
  values: readonly number[],
  weight = 1,
  mismatches = 0,
  mismatchWeight = mismatches * weight,
  edges: Float64Array = EDGES,
): FeatureSlotOf<'numeric'> {
  const kind = NUMERIC_KIND.forSetting(edges, CAPS);
  const acc = kind.create();
  for (const v of values) kind.record(acc, v, weight);
  return {
    kind: 'numeric',
    acc,
    count: values.length,
    typeMismatch: mismatches,
    typeMismatchWeight: mismatchWeight,
  };
}

/** What a slot reads as: its counts, snapshot and checkpoint. */
function readSlot(slots: FeatureSlots, name: string): unknown {
  const slot = slots.get(name) as FeatureSlotOf<'numeric'>;
  const kind = NUMERIC_KIND.forState(slot.acc, CAPS);
  const snapshot = kind.snapshot(slot.acc);
  return {
    count: slot.count,
    typeMismatch: slot.typeMismatch,
    typeMismatchWeight: slot.typeMismatchWeight,
    snapshot: { ...snapshot, ecdf: { ...snapshot.ecdf, values: Array.from(snapshot.ecdf.values) } },
    json: kind.toJSON(slot.acc),
  };
}

/**
 * Two sealed windows alike (slots made by `make` in each, values sorted as a seal sorts them);
 * the second one packed.
 */
function packedBeside(make: (slots: FeatureSlots) => void): [FeatureSlots, FeatureSlots] {
  const columns = new FeatureColumns();
  const plain = new FeatureSlots(columns);
  const packed = new FeatureSlots(columns);
  make(plain);
  make(packed);
  for (const slot of plain.values()) if (slot.kind === 'numeric') sortNumericValues(slot.acc);
  packed.pack();
  return [plain, packed];
}

describe('packed numeric columns of a sealed window', () => {
  it('read as the slots they replaced: counts, snapshot and checkpoint (values sorted)', () => {
    const [plain, packed] = packedBeside((s) => {
      s.set('a', numericSlot([2.5, -1, 0.5, 1, 7], 1, 2, 3.5));
      s.set('b', numericSlot([3]));
      s.set('c', numericSlot([]));
    });
    for (const name of ['a', 'b', 'c']) {
      expect(packed.heldAt(packed.columns.index.get(name)!)).toBeUndefined();
      expect(readSlot(packed, name)).toEqual(readSlot(plain, name));
    }
    const a = packed.get('a') as FeatureSlotOf<'numeric'>;
    expect(Array.from(NUMERIC_KIND.forState(a.acc, CAPS).snapshot(a.acc).ecdf.values)).toEqual([
      -1, 0.5, 1, 2.5, 7,
    ]);
    expect([a.typeMismatch, a.typeMismatchWeight]).toEqual([2, 3.5]);
    expect(packed.size).toBe(3);
    expect(packed.keys()).toEqual(['a', 'b', 'c']);
    expect(packed.entries().map(([name, s]) => [name, s.count])).toEqual([
      ['a', 5],
      ['b', 1],
      ['c', 0],
    ]);
  });

  it('keeps each column on its own bin edges when they differ', () => {
    const other = Float64Array.from([10]);
    const [plain, packed] = packedBeside((s) => {
      s.set('a', numericSlot([3, 11, 0.5]));
      s.set('b', numericSlot([12, 9, 10], 1, 0, 0, other));
    });
    for (const name of ['a', 'b']) expect(readSlot(packed, name)).toEqual(readSlot(plain, name));
    const b = packed.get('b') as FeatureSlotOf<'numeric'>;
    expect(Array.from(b.acc.binEdges)).toEqual([10]);
    expect(Array.from(NUMERIC_KIND.forState(b.acc, CAPS).snapshot(b.acc).binCounts)).toEqual([
      2, 1,
    ]);
  });

  it('keeps weighted and sketched features as slots', () => {
    const many = Array.from({ length: 100 }, (_, i) => (i * 37) % 101);
    const [plain, packed] = packedBeside((s) => {
      s.set('weighted', numericSlot([1, 2, 3], 2.5));
      s.set('sketched', numericSlot(many));
      s.set('exact', numericSlot([4, 5]));
    });
    const column = (name: string): number => packed.columns.index.get(name)!;
    expect(packed.heldAt(column('weighted'))).toBeDefined();
    expect(packed.heldAt(column('sketched'))).toBeDefined();
    expect(packed.heldAt(column('exact'))).toBeUndefined();
    for (const name of ['weighted', 'sketched', 'exact']) {
      expect(readSlot(packed, name)).toEqual(readSlot(plain, name));
    }
  });

  it('a slot set on a packed column replaces it', () => {
    const [, packed] = packedBeside((s) => s.set('a', numericSlot([1, 2])));
    packed.set('a', numericSlot([9]));
    expect(packed.size).toBe(1);
    expect(packed.get('a')!.count).toBe(1);
    expect(packed.heldAt(0)).toBeDefined();
  });
});
