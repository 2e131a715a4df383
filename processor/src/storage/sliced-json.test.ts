import { describe, expect, it } from 'vitest';
import { stringifySliced } from './sliced-json.js';

/** A nested value with everything JSON.stringify treats specially. */
function awkward(seed: number): unknown {
  const rows = Array.from({ length: 40 }, (_, i) => ({
    id: `s${seed}-${i}`,
    n: i % 7 === 0 ? Number.NaN : i / 3,
    inf: i % 11 === 0 ? Infinity : -i,
    gone: undefined,
    fn: () => i,
    nested: Array.from({ length: 12 }, (_, j) => (j % 5 === 0 ? undefined : { j, s: '"\u2028' })),
    typed: Float64Array.from([i, i + 0.5]),
    when: new Date(1_800_000_000_000 + i),
    custom: { toJSON: (key: string) => `custom:${key}` },
    map: new Map([[1, 2]]),
    empty: {},
    none: null,
  }));
  return {
    format: 'x',
    list: rows,
    deep: { a: { b: { c: { d: { e: { f: { g: { h: { i: rows.slice(0, 9) } } } } } } } } },
    sparse: [1, , 3, undefined, () => 1, 'ä'], // eslint-disable-line no-sparse-arrays
    'key "quoted"': true,
  };
}

describe('stringifySliced', () => {
  it('writes exactly what JSON.stringify writes', async () => {
    for (const seed of [1, 2]) {
      const value = awkward(seed);
      expect(await stringifySliced(value, 0)).toBe(JSON.stringify(value));
      expect(await stringifySliced(value, 1000)).toBe(JSON.stringify(value));
    }
    expect(await stringifySliced([1, 2], 0)).toBe('[1,2]');
    expect(await stringifySliced('x', 0)).toBe('"x"');
  });

  it('gives the event loop turns while it runs', async () => {
    let turns = 0;
    const timer = setInterval(() => turns++, 0);
    const big = { rows: Array.from({ length: 20_000 }, (_, i) => ({ i, v: [i, i * 2, i * 3] })) };
    await stringifySliced(big, 1);
    clearInterval(timer);
    expect(turns).toBeGreaterThan(0);
  });

  it('refuses a value with no JSON form', async () => {
    await expect(stringifySliced(undefined, 1)).rejects.toThrow(/no JSON form/);
  });
});
