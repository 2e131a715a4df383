import { describe, expect, it } from 'vitest';
import { sortLevel } from './quantile-sketch.js';

/** A deterministic generator of doubles (xorshift), so failures reproduce. */
function generator(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}

/** What `Float64Array.prototype.sort` gives, bit for bit (±0 compared by their bits). */
function expectSameBits(actual: Float64Array, expected: Float64Array): void {
  expect(actual.length).toBe(expected.length);
  const a = new BigUint64Array(actual.buffer, actual.byteOffset, actual.length);
  const e = new BigUint64Array(expected.buffer, expected.byteOffset, expected.length);
  expect(Array.from(a)).toEqual(Array.from(e));
}

/** Values with many ties and both zeros, like a level of a sketch of rounded data. */
function values(next: () => number, n: number): number[] {
  return Array.from({ length: n }, () => {
    const u = next();
    if (u < 0.1) return -0;
    if (u < 0.2) return 0;
    return Math.round((next() - 0.5) * 20) / 4;
  });
}

describe('sortLevel', () => {
  it('sorts one ascending run, two runs and unsorted items exactly as the typed-array sort', () => {
    const next = generator(7);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(next() * 60);
      const split = Math.floor(next() * (n + 1));
      const shape = trial % 3;
      const first = values(next, split);
      const second = values(next, n - split);
      // 0: one run, 1: two runs (a merge's level), 2: arrival order.
      const items =
        shape === 0
          ? Float64Array.from([...first, ...second]).sort()
          : shape === 1
            ? Float64Array.from([
                ...Float64Array.from(first).sort(),
                ...Float64Array.from(second).sort(),
              ])
            : Float64Array.from([...first, ...second]);
      const expected = items.slice().sort();
      sortLevel(items);
      expectSameBits(items, expected);
    }
  });

  it('merges many ascending runs (and falls back past the run cap) exactly as the typed-array sort', () => {
    const next = generator(11);
    for (const [runs, length] of [
      [3, 5],
      [41, 50],
      [127, 4],
      [128, 4],
      [400, 3],
    ] as const) {
      const items = Float64Array.from(
        Array.from({ length: runs }, () =>
          Float64Array.from(values(next, 1 + Math.floor(next() * length))).sort(),
        ).flatMap((run) => Array.from(run)),
      );
      const expected = items.slice().sort();
      sortLevel(items);
      expectSameBits(items, expected);
    }
  });

  it('puts −0 before +0 across the two runs', () => {
    const items = Float64Array.from([0, 1, -0, 0.5]);
    sortLevel(items);
    expectSameBits(items, Float64Array.from([-0, 0, 0.5, 1]));
  });
});
