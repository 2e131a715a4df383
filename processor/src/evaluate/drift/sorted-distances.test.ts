import { describe, expect, it } from 'vitest';
import { ksStatisticSorted } from '../../stats/ks.js';
import { wassersteinSorted } from '../../stats/wasserstein.js';
import { createRng } from './rng.js';
import { sortedDistances } from './sorted-distances.js';

function sample(seed: number, n: number, shift: number, grid: number): Float64Array {
  const rng = createRng(seed);
  // Values on a grid, so both samples share many ties.
  return Float64Array.from(
    { length: n },
    () => Math.round((rng.next() + shift) * grid) / grid,
  ).sort();
}

describe('sortedDistances', () => {
  it.each([
    [1000, 1000, 0, 100],
    [3000, 700, 0.1, 1000],
    [50, 5000, 0.5, 10],
    [1, 1, 0, 1],
  ])(
    'equals ksStatisticSorted and wassersteinSorted bit for bit (n=%i/%i)',
    (n1, n2, shift, grid) => {
      const r = sample(n1, n1, 0, grid);
      const c = sample(n2 + 7, n2, shift, grid);
      const both = sortedDistances(r, c);
      expect(both.ks).toBe(ksStatisticSorted(r, c));
      const w = wassersteinSorted(r, c);
      expect(w.ok && both.wasserstein).toBe(w.ok && w.value);
    },
  );

  it('delegates samples with infinite ends (W1 undefined, D still defined)', () => {
    const r = Float64Array.from([0, 1, Infinity]);
    const c = Float64Array.from([0.5, 2]);
    expect(sortedDistances(r, c)).toEqual({ ks: ksStatisticSorted(r, c), wasserstein: undefined });
  });

  it('remembers the result per pair of large arrays', () => {
    const r = sample(3, 3000, 0, 100);
    const c = sample(4, 3000, 0.2, 100);
    expect(sortedDistances(r, c)).toBe(sortedDistances(r, c));
    expect(sortedDistances(r, Float64Array.from(c))).not.toBe(sortedDistances(r, c));
  });

  it('computes small pairs again instead of remembering them', () => {
    const r = sample(3, 200, 0, 100);
    const c = sample(4, 200, 0.2, 100);
    expect(sortedDistances(r, c)).not.toBe(sortedDistances(r, c));
    expect(sortedDistances(r, c)).toEqual(sortedDistances(r, c));
  });
});
