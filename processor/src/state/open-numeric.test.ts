import { describe, expect, it } from 'vitest';
import { NUMERIC_KIND, sortNumericValues, type AccumulatorCaps } from './accumulator-kinds.js';
import { FeatureColumns, FeatureSlots } from './feature-slots.js';
import type { FeatureSlotOf, StateCounters } from './monitor-state.js';
import { OpenNumeric } from './open-numeric.js';
import { FEATURE_KINDS } from './window-parts.js';

const CAPS: AccumulatorCaps = { maxCategories: 16, sketchCapacity: 8 };
const EDGES = Float64Array.from([-1, 0.25, 3]);

/** Counters as the state keeps them (only `typeMismatch` is counted here). */
function counters(): StateCounters {
  return { typeMismatch: 0 } as StateCounters;
}

/** A slot recorded through the numeric feature kind, as a window records without columns. */
function slotOf(values: readonly unknown[], c: StateCounters): FeatureSlotOf<'numeric'> {
  const slot: FeatureSlotOf<'numeric'> = {
    kind: 'numeric',
    acc: NUMERIC_KIND.forSetting(EDGES, CAPS).create(),
    count: 0,
    typeMismatch: 0,
    typeMismatchWeight: 0,
  };
  for (const v of values) FEATURE_KINDS.numeric.observe(slot, v, c, CAPS, 1);
  return slot;
}

/** What a slot reads as: counts and checkpoint (moments as doubles, values, bins). */
function readSlot(slot: FeatureSlotOf<'numeric'>): unknown {
  return {
    count: slot.count,
    typeMismatch: slot.typeMismatch,
    typeMismatchWeight: slot.typeMismatchWeight,
    json: NUMERIC_KIND.forState(slot.acc, CAPS).toJSON(slot.acc),
  };
}

// Values whose running mean and M2 round differently in another order.
const VALUES = [0.1, 7.3, -2.2, 1e-9, 0.3, 3, 0.25];
const RAW: unknown[] = [0.1, 'x', 7.3, Number.NaN, -2.2, 1e-9, undefined, 0.3, Infinity, 3, 0.25];

describe('open numeric columns', () => {
  it('hold what a slot recording the same values holds, moments to the last bit', () => {
    const open = new OpenNumeric(CAPS, 1);
    open.open(0, EDGES, 0, 1);
    const c1 = counters();
    for (const v of RAW) expect(open.observe(0, v, 1, c1)).toBe(true);
    const c2 = counters();
    const slot = slotOf(RAW, c2);
    expect(c1.typeMismatch).toBe(3);
    expect(c2.typeMismatch).toBe(3);
    expect(open.countAt(0)).toBe(VALUES.length);
    expect(readSlot(open.slotAt(0)!)).toEqual(readSlot(slot));
  });

  it('packed at the seal, read as the sealed slot: the same moments, bin counts and values', () => {
    const columns = new FeatureColumns();
    const sealed = new FeatureSlots(columns);
    const plain = new FeatureSlots(columns);
    const c = counters();
    const open = sealed.openNumericAt(columns.columnOf('a'), EDGES, CAPS, 4, 1);
    for (const v of RAW) open.observe(0, v, 1, c);
    sealed.seal();
    const slot = slotOf(RAW, c);
    sortNumericValues(slot.acc);
    plain.set('a', slot);
    expect(sealed.openNumeric).toBeUndefined();
    expect(sealed.heldAt(0)).toBeUndefined();
    const read = sealed.get('a') as FeatureSlotOf<'numeric'>;
    expect(readSlot(read)).toEqual(readSlot(plain.get('a') as FeatureSlotOf<'numeric'>));
    // Moments (7), bin counts (4), values (7); the slot's data may have spare room after them.
    expect(read.acc.data).toHaveLength(18);
    expect(Array.from(read.acc.data)).toEqual(Array.from(slot.acc.data).slice(0, 18));
  });

  it('columns share one array of segments; one that outgrows its segment moves out alone', () => {
    const open = new OpenNumeric(CAPS, 3);
    const values = [
      [0.5, 2, -1],
      [4, 3, 2, 1, 0],
      [9, 8],
    ];
    for (let c = 0; c < 3; c++) open.open(c, EDGES, 3, 3);
    const c = counters();
    // Interleaved, as rows arrive.
    for (let i = 0; i < 5; i++) {
      for (let k = 0; k < 3; k++) if (i < values[k]!.length) open.observe(k, values[k]![i], 1, c);
    }
    expect([open.roomAt(0), open.roomAt(1), open.roomAt(2)]).toEqual([3, 6, 3]);
    for (let k = 0; k < 3; k++) {
      expect(readSlot(open.slotAt(k)!)).toEqual(readSlot(slotOf(values[k]!, counters())));
    }
  });

  it('refuses what it does not hold: weight ≠ 1, big integers, the value that starts a sketch', () => {
    const open = new OpenNumeric(CAPS, 1);
    open.open(0, EDGES, 0, 1);
    const c = counters();
    expect(open.observe(0, 1.5, 2, c)).toBe(false);
    expect(open.observe(0, 10n, 1, c)).toBe(false);
    // A wrong type of any weight is counted: no value to weigh.
    expect(open.observe(0, 'x', 2.5, c)).toBe(true);
    for (let i = 0; i < CAPS.sketchCapacity! - 1; i++) expect(open.observe(0, i, 1, c)).toBe(true);
    expect(open.observe(0, 99, 1, c)).toBe(false);
    expect(open.countAt(0)).toBe(CAPS.sketchCapacity! - 1);
    expect(open.slotAt(0)).toMatchObject({ count: 7, typeMismatch: 1, typeMismatchWeight: 2.5 });
  });

  it('a promoted column carries on as the slot it would have been', () => {
    const columns = new FeatureColumns();
    const slots = new FeatureSlots(columns);
    const c = counters();
    const open = slots.openNumericAt(columns.columnOf('a'), EDGES, CAPS, 0, 1);
    const values = [3, 1, 2, 5, 4, 0.5, 7, 8, 9, 10];
    let promoted: FeatureSlotOf<'numeric'> | undefined;
    for (const v of values) {
      if (promoted === undefined && open.observe(0, v, 1, c)) continue;
      promoted ??= slots.promote(0) as FeatureSlotOf<'numeric'>;
      FEATURE_KINDS.numeric.observe(promoted, v, c, CAPS, 1);
    }
    expect(slots.heldAt(0)).toBe(promoted);
    expect(slots.size).toBe(1);
    expect(readSlot(promoted!)).toEqual(readSlot(slotOf(values, counters())));
    // Past the capacity the accumulator holds a sketch.
    expect(promoted!.acc.sketch).toBeDefined();
  });
});
