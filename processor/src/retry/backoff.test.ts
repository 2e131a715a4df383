import { describe, expect, it } from 'vitest';
import { backoffMillis } from './backoff.js';

describe('backoffMillis', () => {
  const policy = { initialMillis: 1000, maxMillis: 30_000 };

  it('doubles per failure up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((f) => backoffMillis(policy, f))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000,
    ]);
    expect(backoffMillis(policy, 1000)).toBe(30_000);
  });

  it('with jitter waits between (1 - jitter) and all of the wait', () => {
    const jittered = { ...policy, jitter: 0.5 };
    expect(backoffMillis(jittered, 3, 0)).toBe(2000);
    expect(backoffMillis(jittered, 3, 0.999)).toBeCloseTo(3998, 0);
    expect(backoffMillis(jittered, 3, 0.5)).toBe(3000);
  });
});
