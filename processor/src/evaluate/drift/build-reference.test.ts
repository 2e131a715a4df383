import { describe, expect, it } from 'vitest';
import { buildNumericReference, withNullLadders } from './build-reference.js';
import { ladderToData } from './null-ladder.js';
import { normals } from '../__fixtures__/closed-windows.js';
import type { NumericReferenceFeature } from './types.js';

const ladder = { sizes: [50, 100, 1000], replicates: 200 };

/** Everything a decision or a profile reads of a numeric reference feature. */
function readable(f: NumericReferenceFeature) {
  return {
    count: f.count,
    missing: f.missing,
    mean: f.mean,
    std: f.std,
    min: f.min,
    max: f.max,
    binEdges: [...f.binEdges],
    binProportions: [...f.binProportions],
    sample: [...f.sample],
    sampleExact: f.sampleExact,
    ladders: f.nullLadders.map((l) => ladderToData(l)),
  };
}

describe('a numeric reference held per stream (deriveBins)', () => {
  // A stored reference window's values: a view into a buffer shared with other features.
  const pool = new Float64Array(300);
  const values = Float64Array.from(normals(200, 5)).sort();
  pool.set(values, 60);
  const view = pool.subarray(60, 260);
  const withMissing = Float64Array.from([...values, NaN, NaN]);
  const lean = buildNumericReference('x', withMissing, {
    seed: 2,
    ladder,
    sorted: view,
    deriveBins: true,
  });
  const full = buildNumericReference('x', withMissing, { seed: 2, ladder });

  it('reads what the fully built feature holds, ladders included', () => {
    expect(readable(lean)).toEqual(readable(full));
    expect(lean.missing).toBe(2);
  });

  it('reads its sample from the shared buffer instead of holding a copy', () => {
    const sample = lean.sample as Float64Array;
    expect(sample).toBeInstanceOf(Float64Array);
    expect(sample.buffer).toBe(pool.buffer);
    expect(sample.byteOffset).toBe(60 * 8);
    expect(sample.length).toBe(200);
    // A value written into the shared buffer shows: nothing was copied at build.
    pool[60] = -1e9;
    expect(lean.min).toBe(-1e9);
    pool[60] = values[0]!;
  });
});

describe('a held numeric reference in the other ladder cases', () => {
  const values = Float64Array.from(normals(120, 7)).sort();
  const lowValues = Float64Array.from(values, (v) => Math.round(Math.abs(v))).sort();
  const held = (xs: Float64Array, options: object) =>
    buildNumericReference('x', xs, { seed: 3, ...options, sorted: xs, deriveBins: true });
  const built = (xs: Float64Array, options: object) =>
    buildNumericReference('x', xs, { seed: 3, ...options });

  it('without ladders: none, the rest as built', () => {
    const lean = held(values, { ladder: false });
    expect(lean.nullLadders).toEqual([]);
    expect(readable(lean)).toEqual(readable(built(values, { ladder: false })));
  });

  it('with few distinct values: the categorical ladders over them', () => {
    const lean = held(lowValues, { ladder });
    expect(lean.lowCardinality).toBeDefined();
    expect(lean.nullLadders.length).toBeGreaterThan(0);
    expect(readable(lean)).toEqual(readable(built(lowValues, { ladder })));
  });

  it('given other ladder options later, derives them as a built feature does', () => {
    const other = { sizes: [100, 1000], replicates: 100 };
    const again = withNullLadders(held(values, { ladder }), { seed: 3, ladder: other });
    const expected = withNullLadders(built(values, { ladder }), { seed: 3, ladder: other });
    expect(readable(again)).toEqual(readable(expected));
    expect(again.nullLadders[0]!.sizes).toEqual([100, 1000]);
  });
});
