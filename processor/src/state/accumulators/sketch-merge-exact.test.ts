import { describe, expect, it } from 'vitest';
import {
  createQuantileSketch,
  sketchMerge,
  sketchMergeExact,
  sketchRecord,
  sketchToJSON,
} from './quantile-sketch.js';

/** A sketch with `values` recorded in order. */
function recorded(capacity: number, values: readonly number[]) {
  const s = createQuantileSketch(capacity);
  for (const v of values) sketchRecord(s, v);
  return s;
}

describe('sketchMergeExact', () => {
  it('is the merge of the two exact sketches, level for level and bound for bound', () => {
    let x = 12345;
    const next = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 10 - 5;
    for (const [capacity, na, nb] of [
      [8, 3, 4],
      [8, 7, 7],
      [16, 15, 9],
      [64, 63, 63],
      [64, 10, 0],
      [2048, 1600, 1600],
    ] as const) {
      const a = Array.from({ length: na }, next);
      const b = Array.from({ length: nb }, next);
      if (na > 1) a[1] = -0;
      const merged = sketchMergeExact(capacity, a, b);
      const expected = sketchMerge(recorded(capacity, a), recorded(capacity, b));
      expect(sketchToJSON(merged)).toEqual(sketchToJSON(expected));
      expect(merged.rankErrorBound).toBe(expected.rankErrorBound);
      expect(merged.l1ErrorBound).toBe(expected.l1ErrorBound);
      expect(Object.is(merged.min, expected.min)).toBe(true);
      expect(Object.is(merged.max, expected.max)).toBe(true);
    }
  });
});
