import { describe, expect, it } from 'vitest';
import { countAtOrBelow, interpolatedQuantile } from './explicit-histogram.js';

// Buckets (-inf,0.1], (0.1,0.3], (0.3,1], (1,+inf) with 10, 20, 30, 40 values.
const h = { bounds: [0.1, 0.3, 1], counts: [10, 20, 30, 40], min: 0.05, max: 3 };

describe('countAtOrBelow', () => {
  it('is exact at bucket bounds and beyond min and max', () => {
    expect(countAtOrBelow(h, 0.1)).toBe(10);
    expect(countAtOrBelow(h, 0.3)).toBe(30);
    expect(countAtOrBelow(h, 1)).toBe(60);
    expect(countAtOrBelow(h, 0.01)).toBe(0);
    expect(countAtOrBelow(h, 5)).toBe(100);
  });
  it('interpolates linearly inside a bucket, closing open ends with min and max', () => {
    expect(countAtOrBelow(h, 0.2)).toBeCloseTo(10 + 20 * 0.5, 12);
    expect(countAtOrBelow(h, 0.075)).toBeCloseTo(5, 12); // (0.05, 0.1] half-way
    expect(countAtOrBelow(h, 2)).toBeCloseTo(60 + 20, 12); // (1, 3] half-way
  });
});

describe('interpolatedQuantile', () => {
  it('matches the histogram_quantile interpolation', () => {
    // rank 50 lies in (0.3, 1] at 20/30 of the bucket.
    expect(interpolatedQuantile(h, 0.5)).toBeCloseTo(0.3 + 0.7 * (20 / 30), 12);
    expect(interpolatedQuantile(h, 0.1)).toBeCloseTo(0.1, 12);
    expect(interpolatedQuantile(h, 0.99)).toBeCloseTo(1 + 2 * (39 / 40), 12);
  });
  it('is undefined for an empty histogram and the lower bound of an open last bucket', () => {
    expect(interpolatedQuantile({ bounds: [1], counts: [0, 0] }, 0.5)).toBeUndefined();
    expect(interpolatedQuantile({ bounds: [1, 2], counts: [0, 0, 4] }, 0.5)).toBe(2);
  });
});
