import { describe, expect, it } from 'vitest';
import { categoricalFeatureAccumulator } from './categorical-feature.js';
import { numericFeatureAccumulator, type NumericFeatureState } from './numeric-feature.js';
import {
  createQuantileSketch,
  sketchFromJSON,
  sketchMerge,
  sketchMergeInto,
  sketchMergeValuesInto,
  sketchRecord,
  sketchToJSON,
  type QuantileSketch,
} from './quantile-sketch.js';

/** A deterministic stream of doubles in [-5, 5) (a linear congruential generator). */
function doublesFrom(seed: number): () => number {
  let x = seed;
  return () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 10 - 5;
}

function recorded(capacity: number, values: readonly number[]): QuantileSketch {
  const s = createQuantileSketch(capacity);
  for (const v of values) sketchRecord(s, v);
  return s;
}

/** A copy of a sketch (through its checkpoint form). */
const copyOf = (s: QuantileSketch) => sketchFromJSON(sketchToJSON(s));

describe('in-place merges', () => {
  it('sketchMergeInto gives what sketchMerge gives, level for level, and leaves b alone', () => {
    const next = doublesFrom(7);
    // Sizes around the capacity and past several levels, either side taller.
    for (const [capacity, na, nb] of [
      [8, 3, 4],
      [8, 7, 1],
      [8, 40, 3],
      [8, 3, 40],
      [16, 100, 250],
      [64, 1000, 63],
      [64, 0, 500],
      [2048, 5000, 2047],
    ] as const) {
      const a = recorded(capacity, Array.from({ length: na }, next));
      const b = recorded(capacity, Array.from({ length: nb }, next));
      const expected = sketchToJSON(sketchMerge(a, b));
      const bBefore = sketchToJSON(b);
      const into = copyOf(a);
      sketchMergeInto(into, b);
      expect(sketchToJSON(into)).toEqual(expected);
      expect(sketchToJSON(b)).toEqual(bBefore);
    }
  });

  it('a sum grown one sketch at a time equals the same merges made with sketchMerge', () => {
    const next = doublesFrom(11);
    const parts = Array.from({ length: 60 }, (_, k) =>
      recorded(32, Array.from({ length: 5 + (k % 9) * 7 }, next)),
    );
    let functional = createQuantileSketch(32);
    const sum = createQuantileSketch(32);
    for (const p of parts) {
      functional = sketchMerge(functional, p);
      sketchMergeInto(sum, p);
    }
    expect(sketchToJSON(sum)).toEqual(sketchToJSON(functional));
    expect(sum.rankErrorBound).toBeGreaterThan(0);
  });

  it("sketchMergeValuesInto equals recording the values one at a time after the sketch's own", () => {
    const next = doublesFrom(3);
    for (const [na, nb] of [
      [0, 5],
      [10, 30],
      [100, 7],
      [300, 63],
      [5, 400],
    ] as const) {
      const own = Array.from({ length: na }, next);
      const values = Array.from({ length: nb }, next);
      const into = recorded(64, own);
      sketchMergeValuesInto(into, values);
      expect(sketchToJSON(into)).toEqual(sketchToJSON(recorded(64, [...own, ...values])));
      // Level 0 never held more than the capacity.
      expect(into.levels[0]!.length).toBeLessThanOrEqual(64);
    }
  });

  it('the numeric feature mergeInto equals merge in every mode (exact, sketch, weighted)', () => {
    const acc = numericFeatureAccumulator({ binEdges: [-2, 0, 2], sketchCapacity: 16 });
    const next = doublesFrom(5);
    const fill = (n: number, weighted: boolean): NumericFeatureState => {
      const s = acc.create();
      for (let i = 0; i < n; i++) acc.record(s, next(), weighted && i % 3 === 0 ? 4 : 1);
      acc.record(s, null);
      acc.record(s, 'x');
      return s;
    };
    for (const [na, nb, weighted] of [
      [3, 4, false], // exact + exact, still exact
      [10, 9, false], // exact + exact, past the capacity
      [4, 40, false], // exact + sketch
      [40, 4, false], // sketch + exact
      [50, 70, false], // sketch + sketch
      [30, 30, true], // with weight classes
      [0, 0, false],
    ] as const) {
      const a = fill(na, weighted);
      const b = fill(nb, weighted);
      const expected = acc.toJSON(acc.merge(a, b));
      const bBefore = JSON.stringify(acc.toJSON(b));
      const into = acc.fromJSON(JSON.parse(JSON.stringify(acc.toJSON(a))));
      acc.mergeInto!(into, b);
      expect(acc.toJSON(into)).toEqual(expected);
      expect(acc.snapshot(into).binCounts).toEqual(acc.snapshot(acc.merge(a, b)).binCounts);
      expect(JSON.stringify(acc.toJSON(b))).toBe(bBefore);
    }
  });

  it('the numeric feature mergeInto refuses other bin edges', () => {
    const a = numericFeatureAccumulator({ binEdges: [0, 1] });
    const b = numericFeatureAccumulator({ binEdges: [0, 2] });
    expect(() => a.mergeInto!(a.create(), b.create())).toThrow(/different bin edges/);
  });
});

describe('categorical mergeInto', () => {
  it('equals merge, cap and overflow included, and leaves b alone', () => {
    const acc = categoricalFeatureAccumulator({ maxCategories: 3 });
    const a = acc.create();
    const b = acc.create();
    for (const v of ['x', 'y', 'x', null]) acc.record(a, v);
    for (const v of ['z', 'w', 'y', 'w', '']) acc.record(b, v, 2);
    const expected = acc.toJSON(acc.merge(a, b));
    const bBefore = JSON.stringify(acc.toJSON(b));
    acc.mergeInto!(a, b);
    expect(acc.toJSON(a)).toEqual(expected);
    expect(acc.toJSON(a).overflow).toBe(4); // w arrived past the cap of 3
    expect(JSON.stringify(acc.toJSON(b))).toBe(bBefore);
  });
});
