import { describe, expect, it } from 'vitest';
import { sortFloat64 } from './radix-sort.js';

function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

describe('sortFloat64', () => {
  it('orders like the native numeric sort, including negatives, ties, infinities and NaN', () => {
    const rand = lcg(7);
    const xs = Float64Array.from({ length: 50_000 }, (_, i) => {
      if (i % 997 === 0) return Number.NaN;
      if (i % 1009 === 0) return i % 2 ? Infinity : -Infinity;
      if (i % 13 === 0) return Math.round(rand() * 10) - 5; // ties
      return (rand() - 0.5) * 10 ** Math.floor(rand() * 12 - 6);
    });
    const expected = Float64Array.from(xs).sort();
    const actual = sortFloat64(Float64Array.from(xs));
    expect(Array.from(actual, (v) => (Object.is(v, -0) ? 0 : v))).toEqual(
      Array.from(expected, (v) => (Object.is(v, -0) ? 0 : v)),
    );
  });
  it('handles subarray views and constant arrays', () => {
    const big = new Float64Array(10_000).fill(3);
    big[9_999] = -1;
    const view = big.subarray(1);
    sortFloat64(view);
    expect(view[0]).toBe(-1);
    expect(view[9_998]).toBe(3);
    expect(big[0]).toBe(3);
  });
});
