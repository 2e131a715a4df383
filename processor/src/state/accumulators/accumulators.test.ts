import { describe, expect, it } from 'vitest';
import { AccumulatorStateError } from './accumulator.js';
import { binaryOutputsAccumulator } from './binary-outputs.js';
import { categoricalFeatureAccumulator, OVERFLOW_CATEGORY } from './categorical-feature.js';
import { createMoments, momentsMerge, momentsRecord, momentsStd } from './moments.js';
import { multiclassOutputsAccumulator } from './multiclass-outputs.js';
import {
  numericFeatureAccumulator,
  sortNumericFeatureValues,
  trimNumericFeatures,
} from './numeric-feature.js';
import { regressionOutputsAccumulator } from './regression-outputs.js';

describe('numeric feature accumulator', () => {
  const acc = numericFeatureAccumulator({ binEdges: [0, 10] });
  it('separates missing, non-numeric and numeric values', () => {
    const s = acc.create();
    for (const v of [1, null, undefined, '', Number.NaN, 'abc', true, Infinity, -5, 10, 11])
      acc.record(s, v);
    const snap = acc.snapshot(s);
    expect(snap.missing).toBe(4);
    expect(snap.nonNumeric).toBe(3);
    expect(snap.count).toBe(4);
    // Bins (−∞, 0], (0, 10], (10, ∞): −5 | 1, 10 | 11.
    expect(Array.from(snap.binCounts)).toEqual([1, 2, 1]);
  });
  it('refuses to merge states with other bin edges, or to restore them', () => {
    const other = numericFeatureAccumulator({ binEdges: [0, 5] });
    expect(() => acc.merge(acc.create(), other.create())).toThrow(/different bin edges/);
    expect(() => acc.fromJSON(other.toJSON(other.create()))).toThrow(/bin edges differ/);
  });
  it('rejects unsorted edges', () => {
    expect(() => numericFeatureAccumulator({ binEdges: [1, 1] })).toThrow(/strictly increasing/);
  });
  it('reports empty snapshots as absent, not NaN', () => {
    const snap = acc.snapshot(acc.create());
    expect(snap.mean.ok || snap.std.ok || snap.proportions.ok).toBe(false);
  });
  it("sorting a sealed state's values in place changes no statistic and keeps its data array", () => {
    const acc = numericFeatureAccumulator({ binEdges: [0, 10], sketchCapacity: 64 });
    const s = acc.create();
    for (const v of [5, -1, 12, 0, 3, -0, 11, 7, 20, 2]) acc.record(s, v);
    const before = acc.snapshot(s);
    const data = s.data;
    sortNumericFeatureValues(s);
    expect(s.data).toBe(data);
    const after = acc.snapshot(s);
    expect(Array.from(after.ecdf.values)).toEqual(Array.from(before.ecdf.values));
    expect(Object.is(after.ecdf.values[1], -0)).toBe(true); // −0 before +0, as a typed sort
    expect(Array.from(after.binCounts)).toEqual(Array.from(before.binCounts));
    expect(after.mean).toEqual(before.mean);
    // The values now lie in sorted order in the data itself (after 7 moments and 3 bin counts).
    expect(Array.from(s.data).slice(10, 10 + s.size)).toEqual(Array.from(after.ecdf.values));
  });

  it('trimmed into one shared buffer, states keep their values and stay independent', () => {
    const small = numericFeatureAccumulator({ binEdges: [0, 10], sketchCapacity: 8 });
    const a = small.create();
    const b = small.create();
    const c = small.create();
    for (const v of [5, -1, 12, 3, 11, 0, 7, 20, 2, 9, 15]) small.record(a, v); // compacted
    for (const v of [4, 1]) small.record(b, v);
    const before = [a, b, c].map((s) => JSON.stringify(small.toJSON(s)));
    const ecdfA = small.snapshot(a).ecdf;
    trimNumericFeatures([a, b, c]);
    expect((a.data as Float64Array).buffer).toBe((b.data as Float64Array).buffer);
    const after = [a, b, c].map((s) => small.snapshot(s));
    expect(Array.from(after[0]!.ecdf.values)).toEqual(Array.from(ecdfA.values));
    expect(Array.from(after[0]!.ecdf.weights)).toEqual(Array.from(ecdfA.weights));
    expect(Array.from(after[1]!.ecdf.values)).toEqual([1, 4]);
    expect(after[2]!.count).toBe(0);
    // Recording into one never changes another's share of the buffer.
    small.record(b, -3);
    small.record(b, 30);
    expect(JSON.stringify(small.toJSON(a))).toBe(before[0]);
    expect(JSON.stringify(small.toJSON(c))).toBe(before[2]);
    expect(Array.from(small.snapshot(b).binCounts)).toEqual([1, 2, 1]);
    expect(Array.from(small.snapshot(b).ecdf.values)).toEqual([-3, 1, 4, 30]);
  });
});

describe('moments', () => {
  it('parallel merge equals sequential recording', () => {
    const xs = [3, 1e6 + 0.5, -2, 7.25, 1e6, 4];
    const all = createMoments();
    const a = createMoments();
    const b = createMoments();
    xs.forEach((x, i) => {
      momentsRecord(all, x);
      momentsRecord(i < 2 ? a : b, x);
    });
    const m = momentsMerge(a, b);
    expect(m.count).toBe(all.count);
    expect(m.mean).toBeCloseTo(all.mean, 9);
    const s1 = momentsStd(m);
    const s2 = momentsStd(all);
    expect(s1.ok && s2.ok && Math.abs(s1.value - s2.value) / s2.value).toBeLessThan(1e-12);
    expect(m.min).toBe(-2);
    expect(m.max).toBe(1e6 + 0.5);
  });
});

describe('categorical feature accumulator', () => {
  it('caps distinct categories across merges and keeps every value counted', () => {
    const acc = categoricalFeatureAccumulator({ maxCategories: 3 });
    const a = acc.create();
    const b = acc.create();
    for (const v of ['x', 'y', 'z', 'w', 'x']) acc.record(a, v);
    for (const v of ['q', 'r', 'y', null, 4]) acc.record(b, v);
    const m = acc.merge(a, b);
    const snap = acc.snapshot(m);
    expect(snap.count).toBe(9);
    expect(snap.missing).toBe(1);
    expect(snap.counts.get('x')).toBe(2);
    expect(snap.counts.get('y')).toBe(2);
    expect(snap.counts.get(OVERFLOW_CATEGORY)).toBe(4); // w, q, r, "4"
    expect(snap.overflowShare).toEqual({ ok: true, value: 4 / 9 });
    expect(acc.snapshot(acc.fromJSON(JSON.parse(JSON.stringify(acc.toJSON(m)))))).toEqual(snap);
  });
  it('rejects checkpoints with more categories than the cap', () => {
    const big = categoricalFeatureAccumulator({ maxCategories: 5 });
    const s = big.create();
    for (const v of ['a', 'b', 'c', 'd']) big.record(s, v);
    expect(() =>
      categoricalFeatureAccumulator({ maxCategories: 2 }).fromJSON(big.toJSON(s)),
    ).toThrow(/exceed the configured cap 2/);
    expect(() =>
      big.fromJSON({
        kind: 'categorical_feature',
        version: 1,
        counts: { a: -1 },
        overflow: 0,
        missing: 0,
      }),
    ).toThrow(AccumulatorStateError);
  });
});

describe('output accumulators validate their input', () => {
  it('binary: labels 0/1, finite scores; AUC absent with one class', () => {
    const acc = binaryOutputsAccumulator();
    const s = acc.create();
    expect(() => acc.record(s, { score: 0.3, label: 2 })).toThrow(/0 or 1, got 2/);
    expect(() => acc.record(s, { score: Number.NaN, label: 1 })).toThrow(/finite/);
    acc.record(s, { score: 0.9, label: 1 });
    const snap = acc.snapshot(s);
    expect(snap.rocAuc.ok).toBe(false);
    expect(snap.accuracy).toEqual({ ok: true, value: 1 });
    expect(() => binaryOutputsAccumulator({ threshold: 0.7 }).fromJSON(acc.toJSON(s))).toThrow(
      /threshold differs/,
    );
  });
  it('multiclass: probability count and label range', () => {
    const acc = multiclassOutputsAccumulator(3);
    const s = acc.create();
    expect(() => acc.record(s, { probabilities: [0.5, 0.5], label: 0 })).toThrow(
      /expected 3 class probabilities/,
    );
    expect(() => acc.record(s, { probabilities: [0.2, 0.3, 0.5], label: 3 })).toThrow(
      /label 3 is not a class index/,
    );
    expect(acc.snapshot(s).ok).toBe(false);
  });
  it('regression: finite values; R² absent for constant actuals', () => {
    const acc = regressionOutputsAccumulator();
    const s = acc.create();
    expect(() => acc.record(s, { actual: Infinity, predicted: 1 })).toThrow(/finite/);
    acc.record(s, { actual: 2, predicted: 1 });
    acc.record(s, { actual: 2, predicted: 3 });
    const m = acc.snapshot(s);
    expect(m.mae).toEqual({ ok: true, value: 1 });
    expect(m.r2.ok).toBe(false);
  });
  it("regression: the absolute errors' moments survive a checkpoint; an old one has none", () => {
    const acc = regressionOutputsAccumulator();
    const s = acc.create();
    // Absolute errors 1, 2, 6 (weights 1, 1, 2): mean 15/4, E[a²] = 77/4, E[a³] = 441/4.
    acc.record(s, { actual: 1, predicted: 0 });
    acc.record(s, { actual: 0, predicted: 2 });
    acc.record(s, { actual: 10, predicted: 4 }, 2);
    const want = {
      n: 16 / 6,
      mean: 15 / 4,
      variance: 77 / 4 - (15 / 4) ** 2,
      third: 441 / 4 - 3 * (15 / 4) * (77 / 4) + 2 * (15 / 4) ** 3,
    };
    const moments = acc.snapshot(s).absoluteErrors!;
    for (const k of ['n', 'mean', 'variance', 'third'] as const) {
      expect(moments[k]).toBeCloseTo(want[k], 12);
    }
    const json = JSON.parse(JSON.stringify(acc.toJSON(s))) as Record<string, unknown>;
    expect(acc.snapshot(acc.fromJSON(json as never)).absoluteErrors).toEqual(moments);
    delete json['absErrorCubeSum'];
    const old = acc.fromJSON(json as never);
    expect(acc.snapshot(old).absoluteErrors).toBeUndefined();
    expect(acc.snapshot(old).mae).toEqual(acc.snapshot(s).mae);
    // Still unknown after merging and after the next checkpoint.
    const merged = acc.merge(old, s);
    expect(
      acc.snapshot(acc.fromJSON(JSON.parse(JSON.stringify(acc.toJSON(merged))))).absoluteErrors,
    ).toBeUndefined();
  });
});
