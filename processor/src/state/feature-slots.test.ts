import { describe, expect, it } from 'vitest';
import { FeatureColumns, FeatureSlots } from './feature-slots.js';
import type { FeatureSlot } from './monitor-state.js';

/** A stand-in slot (only its identity matters here). */
function slot(count: number): FeatureSlot {
  return { kind: 'categorical', count, typeMismatch: 0, typeMismatchWeight: 0 } as FeatureSlot;
}

describe('feature slots on shared columns', () => {
  it('windows of one model version share the columns and hold only their own slots', () => {
    const columns = new FeatureColumns();
    const a = new FeatureSlots(columns);
    const b = new FeatureSlots(columns);
    a.set('x', slot(1));
    a.set('y', slot(2));
    b.set('z', slot(3));
    b.set('x', slot(4));
    expect(columns.names).toEqual(['x', 'y', 'z']);
    expect(a.keys()).toEqual(['x', 'y']);
    expect(b.keys()).toEqual(['x', 'z']);
    expect(b.size).toBe(2);
    expect(a.get('z')).toBeUndefined();
    expect(b.get('x')!.count).toBe(4);
    expect(b.entries().map(([name, s]) => [name, s.count])).toEqual([
      ['x', 4],
      ['z', 3],
    ]);
    expect(b.values().map((s) => s.count)).toEqual([4, 3]);
  });

  it('a window holds no array until a slot is set, then one as wide as the columns known', () => {
    const columns = new FeatureColumns();
    const early = new FeatureSlots(columns);
    for (const name of ['a', 'b', 'c']) columns.columnOf(name);
    const late = new FeatureSlots(columns);
    expect(early.width).toBe(0);
    expect(late.width).toBe(0);
    late.set('a', slot(1));
    expect(late.width).toBe(3);
    expect(late.at(2)).toBeUndefined();
    early.set('c', slot(7));
    expect(early.width).toBe(3);
    expect(early.at(2)!.count).toBe(7);
    expect(early.nameAt(2)).toBe('c');
    // Setting a slot again replaces it without counting it twice.
    early.set('c', slot(8));
    expect(early.size).toBe(1);
    expect(early.get('c')!.count).toBe(8);
  });
});
