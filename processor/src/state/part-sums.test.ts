import { describe, expect, it } from 'vitest';
import { BINARY_KIND, type AccumulatorCaps } from './accumulator-kinds.js';
import { addPart, writePartSums, type PartSums } from './part-sums.js';
import { createWindowAcc } from './window-acc.js';

const CAPS: AccumulatorCaps = { maxCategories: 100 };

describe('part sums', () => {
  it('a binary counter of many states totals what merging them in order gives', () => {
    // Scores 0, ½ and 1: every sum is exact in doubles, whatever the order of the merges.
    const acc = BINARY_KIND.forSetting(0.5, CAPS);
    const states = Array.from({ length: 13 }, (_, k) => {
      const s = acc.create();
      for (let i = 0; i <= k; i++) acc.record(s, { score: ((k + i) % 3) / 2, label: (k * i) % 2 });
      return s;
    });
    const before = states.map((s) => JSON.stringify(acc.toJSON(s)));
    const sums: PartSums = new Map();
    for (const s of states) addPart(sums, 'binary', s, CAPS);
    // 13 = 8 + 4 + 1: three partial sums wait.
    expect(sums.get('binary')!.map((p) => p.rank)).toEqual([3, 2, 0]);
    const w = createWindowAcc(0);
    writePartSums(sums, w, CAPS);
    const sequential = states.slice(1).reduce((a, b) => acc.merge(a, b), states[0]!);
    expect(acc.toJSON(w.binary!)).toEqual(acc.toJSON(sequential));
    expect(acc.snapshot(w.binary!).count).toBe((13 * 14) / 2);
    expect(sums.size).toBe(0);
    // The inputs are untouched (these kinds' merges return new states).
    expect(states.map((s) => JSON.stringify(acc.toJSON(s)))).toEqual(before);
  });

  it('a lone state stands for its sum', () => {
    const acc = BINARY_KIND.forSetting(0.5, CAPS);
    const s = acc.create();
    acc.record(s, { score: 0.7, label: 1 });
    const sums: PartSums = new Map();
    addPart(sums, 'binary', s, CAPS);
    const w = createWindowAcc(0);
    writePartSums(sums, w, CAPS);
    expect(w.binary).toBe(s);
  });
});
