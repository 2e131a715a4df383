import { describe, expect, it } from 'vitest';
import type { ReferenceFeature } from './drift/types.js';
import { HeldEntries } from './held-entries.js';

const ref = (name: string): ReferenceFeature => ({ name }) as unknown as ReferenceFeature;

describe('HeldEntries', () => {
  it('finds every entry by part and name, in any order, and tells built-nothing from absent', () => {
    const held = new HeldEntries('r1');
    const names = ['a', 'b', 'c', 'd'];
    const built = new Map<string, ReferenceFeature>();
    for (const n of names) {
      const f = ref(`feature ${n}`);
      built.set(n, f);
      held.add('feature', n, f);
    }
    held.add('output', 'a', null);
    expect(held.size).toBe(5);
    expect(held.reference).toBe('r1');
    // In insertion order (the guess hits), reversed and interleaved (the guess misses).
    for (const order of [names, [...names].reverse(), ['c', 'a', 'd', 'b']]) {
      for (const n of order) expect(held.get('feature', n)).toBe(built.get(n));
    }
    // The same name in another part is another entry.
    expect(held.get('output', 'a')).toBeNull();
    expect(held.get('output', 'b')).toBeUndefined();
    expect(held.get('feature', 'e')).toBeUndefined();
    expect(new HeldEntries('r').get('feature', 'a')).toBeUndefined();
  });
});
