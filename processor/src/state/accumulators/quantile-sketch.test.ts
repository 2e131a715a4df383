import { describe, expect, it } from 'vitest';
import { AccumulatorStateError } from './accumulator.js';
import {
  createQuantileSketch,
  sketchEcdfError,
  sketchEcdfL1Error,
  sketchFromJSON,
  sketchMerge,
  sketchRecord,
  sketchToJSON,
  sketchTrim,
  sketchWeightedSorted,
  type QuantileSketch,
} from './quantile-sketch.js';

/** Largest ECDF error (for <= x and < x) and ∫|F̂ − F| of a sketch against the exact sample. */
function measuredErrors(s: QuantileSketch, data: readonly number[]): { sup: number; l1: number } {
  const exact = [...data].sort((a, b) => a - b);
  const est = sketchWeightedSorted(s);
  const points = [...new Set(exact)];
  const cdf = (
    values: ArrayLike<number>,
    weights: ArrayLike<number> | null,
    x: number,
    strict: boolean,
  ): number => {
    let w = 0;
    for (let i = 0; i < values.length; i++)
      if (strict ? values[i]! < x : values[i]! <= x) w += weights ? weights[i]! : 1;
    return w / data.length;
  };
  let sup = 0;
  let l1 = 0;
  points.forEach((x, i) => {
    const le = Math.abs(cdf(est.values, est.weights, x, false) - cdf(exact, null, x, false));
    const lt = Math.abs(cdf(est.values, est.weights, x, true) - cdf(exact, null, x, true));
    sup = Math.max(sup, le, lt);
    if (i + 1 < points.length) l1 += le * (points[i + 1]! - x);
  });
  return { sup, l1 };
}

const ADVERSARIAL: [string, number[]][] = [
  ['ascending', Array.from({ length: 3000 }, (_, i) => i)],
  ['descending', Array.from({ length: 3000 }, (_, i) => 3000 - i)],
  ['all ties', Array.from({ length: 3000 }, () => 7)],
  ['few distinct values', Array.from({ length: 3000 }, (_, i) => (i * 7919) % 5)],
  ['zig-zag', Array.from({ length: 3000 }, (_, i) => (i % 2 ? i : -i))],
];

describe('quantile sketch', () => {
  it.each(ADVERSARIAL)('%s: measured errors stay within the tracked bounds', (_name, data) => {
    const s = createQuantileSketch(16);
    for (const x of data) sketchRecord(s, x);
    const { sup, l1 } = measuredErrors(s, data);
    expect(sup).toBeLessThanOrEqual(sketchEcdfError(s) + 1e-12);
    expect(l1).toBeLessThanOrEqual(sketchEcdfL1Error(s) * (1 + 1e-12) + 1e-12);
    // A priori: (levels − 1)/capacity.
    expect(sketchEcdfError(s)).toBeLessThanOrEqual((s.levels.length - 1) / 16);
    expect(s.min).toBe(Math.min(...data));
    expect(s.max).toBe(Math.max(...data));
  });

  it('merging many small sketches keeps the bound', () => {
    const data = ADVERSARIAL[4]![1];
    const parts = Array.from({ length: 7 }, () => createQuantileSketch(16));
    data.forEach((x, i) => sketchRecord(parts[i % 7]!, x));
    const merged = parts.reduce((a, b) => sketchMerge(a, b));
    expect(merged.count).toBe(data.length);
    const { sup, l1 } = measuredErrors(merged, data);
    expect(sup).toBeLessThanOrEqual(sketchEcdfError(merged) + 1e-12);
    expect(l1).toBeLessThanOrEqual(sketchEcdfL1Error(merged) * (1 + 1e-12) + 1e-12);
    expect(parts[0]!.count).toBe(Math.ceil(data.length / 7)); // inputs untouched
  });

  it('is exact below its capacity', () => {
    const s = createQuantileSketch(64);
    for (let i = 0; i < 63; i++) sketchRecord(s, 63 - i);
    expect(sketchEcdfError(s)).toBe(0);
    expect(Array.from(sketchWeightedSorted(s).values)).toEqual(
      Array.from({ length: 63 }, (_, i) => i + 1),
    );
  });

  it('survives a JSON checkpoint unchanged', () => {
    const s = createQuantileSketch(16);
    for (const x of ADVERSARIAL[3]![1]) sketchRecord(s, x);
    const back = sketchFromJSON(JSON.parse(JSON.stringify(sketchToJSON(s))));
    expect(sketchToJSON(back)).toEqual(sketchToJSON(s));
    sketchRecord(back, 1);
    expect(back.count).toBe(s.count + 1);
  });

  it('rejects malformed checkpoints naming the problem', () => {
    expect(() => sketchFromJSON(null)).toThrow(AccumulatorStateError);
    expect(() => sketchFromJSON({ kind: 'moments', version: 1 })).toThrow(
      /expected a "quantile_sketch" checkpoint/,
    );
    expect(() => sketchFromJSON({ kind: 'quantile_sketch', version: 9 })).toThrow(
      /version 9 is not supported/,
    );
    const good = sketchToJSON(createQuantileSketch(16));
    expect(() => sketchFromJSON({ ...good, count: 'x' })).toThrow(
      /"count" must be a finite number/,
    );
    expect(() => sketchFromJSON({ ...good, levels: [[1, 'a']] })).toThrow(/levels: field "0"/);
  });

  it('rejects a bad capacity and merges of different capacities', () => {
    expect(() => createQuantileSketch(7)).toThrow(/even integer >= 8/);
    expect(() => sketchMerge(createQuantileSketch(8), createQuantileSketch(16))).toThrow(
      /capacity 8 and 16/,
    );
  });
});

describe('quantile sketch memory', () => {
  const slots = (s: QuantileSketch): number => s.levels.reduce((n, buf) => n + buf.length, 0);

  it('keeps every level buffer within capacity after merges', () => {
    const parts = Array.from({ length: 9 }, () => createQuantileSketch(16));
    for (let i = 0; i < 20_000; i++) sketchRecord(parts[i % 9]!, (i * 7919) % 10007);
    const merged = parts.reduce((a, b) => sketchMerge(a, b));
    expect(merged.levels.every((buf) => buf.length <= 16)).toBe(true);
    expect(merged.levels.length).toBeLessThanOrEqual(Math.floor(Math.log2(20_000 / 16)) + 2);
    for (let h = 0; h < merged.levels.length; h++) expect(merged.sizes[h]).toBeLessThan(16);
  });

  it('allocates nothing until the first value and grows geometrically while exact', () => {
    const s = createQuantileSketch(2048);
    expect(slots(s)).toBe(0);
    for (let i = 0; i < 50; i++) sketchRecord(s, i);
    // 50 values in 4 → 6 → 10 → 16 → 24 → 36 → 54 slots: proportional to the values held, not
    // the capacity.
    expect(slots(s)).toBe(54);
    for (let i = 50; i < 2047; i++) sketchRecord(s, i);
    expect(slots(s)).toBe(2048);
    expect(sketchEcdfError(s)).toBe(0);
  });

  it('never grows a level past its capacity while recording', () => {
    const s = createQuantileSketch(24);
    for (let i = 0; i < 5000; i++) sketchRecord(s, (i * 7919) % 10007);
    expect(s.levels.every((buf) => buf.length <= 24)).toBe(true);
    expect(slots(s)).toBeLessThanOrEqual(24 * s.levels.length);
  });

  it('merges small sketches into a buffer sized to what they hold', () => {
    const a = createQuantileSketch(2048);
    const b = createQuantileSketch(2048);
    for (let i = 0; i < 30; i++) sketchRecord(a, i);
    for (let i = 1; i <= 20; i++) sketchRecord(b, -i);
    const merged = sketchMerge(a, b);
    expect(slots(merged)).toBe(50);
    expect(slots(sketchMerge(createQuantileSketch(), createQuantileSketch()))).toBe(0);
    sketchRecord(merged, 0.5); // grows again on demand
    expect(merged.count).toBe(51);
    expect(Array.from(sketchWeightedSorted(merged).values)).toEqual(
      [
        ...Array.from({ length: 30 }, (_, i) => i),
        ...Array.from({ length: 20 }, (_, i) => -1 - i),
        0.5,
      ].sort((x, y) => x - y),
    );
  });

  it('restores a checkpoint into buffers sized to its items', () => {
    const s = createQuantileSketch(2048);
    for (let i = 0; i < 10; i++) sketchRecord(s, i);
    const back = sketchFromJSON(sketchToJSON(s));
    expect(slots(back)).toBe(10);
  });

  it('trims to exactly what it holds and keeps recording correctly afterwards', () => {
    const s = createQuantileSketch(16);
    for (let i = 0; i < 100; i++) sketchRecord(s, (i * 37) % 101);
    // Same items per level (trimming sorts each level: item order in a level carries no meaning).
    const normalized = () => {
      const j = sketchToJSON(s);
      return { ...j, levels: j.levels.map((l) => [...l].sort((x, y) => x - y)) };
    };
    const before = normalized();
    sketchTrim(s);
    expect(slots(s)).toBe(s.sizes.reduce((n, k) => n + k, 0));
    expect(normalized()).toEqual(before);
    for (let i = 0; i < 100; i++) sketchRecord(s, i);
    expect(s.count).toBe(200);
    expect(s.levels.every((buf) => buf.length <= 16)).toBe(true);
  });

  it('gives exact snapshots unit weights', () => {
    const s = createQuantileSketch(64);
    for (let i = 0; i < 40; i++) sketchRecord(s, 40 - i);
    const { weights, total } = sketchWeightedSorted(s);
    expect(Array.from(weights)).toEqual(new Array<number>(40).fill(1));
    expect(total).toBe(40);
  });

  it('shares a trimmed level with its snapshot, which later records leave unchanged', () => {
    const s = createQuantileSketch(16);
    for (let i = 0; i < 12; i++) sketchRecord(s, (i * 5) % 12);
    sketchTrim(s);
    const snap = sketchWeightedSorted(s);
    expect(snap.values).toBe(s.levels[0]); // no copy
    const frozen = Array.from(snap.values);
    expect(frozen).toEqual(Array.from({ length: 12 }, (_, i) => i));
    for (let i = 0; i < 40; i++) sketchRecord(s, -i); // grows, then compacts: reallocates first
    expect(Array.from(snap.values)).toEqual(frozen);
    expect(sketchWeightedSorted(s).total).toBe(52);
  });
});
