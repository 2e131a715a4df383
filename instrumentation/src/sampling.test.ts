import { describe, expect, it } from 'vitest';
import { createEventSampler, hashToUnitInterval } from './sampling.js';

describe('createEventSampler', () => {
  it('keeps everything at p = 1 without drawing', () => {
    const sampler = createEventSampler({
      random: () => {
        throw new Error('must not draw');
      },
    });
    expect(sampler.probability).toBe(1);
    expect(sampler.shouldSample('x')).toBe(true);
  });

  it('compares the draw with p', () => {
    const draws = [0.1, 0.3, 0.29999, 0.95];
    const sampler = createEventSampler({ probability: 0.3, random: () => draws.shift() as number });
    expect(['a', 'b', 'c', 'd'].map((id) => sampler.shouldSample(id))).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });

  it('deterministic mode depends only on the id', () => {
    const a = createEventSampler({ probability: 0.5, deterministic: true });
    const b = createEventSampler({ probability: 0.5, deterministic: true });
    const ids = Array.from({ length: 1000 }, (_, i) => `pred-${i}`);
    const kept = ids.filter((id) => a.shouldSample(id));
    expect(ids.filter((id) => b.shouldSample(id))).toEqual(kept);
    // 1000 fair coin flips: 5 standard deviations is ±79.
    expect(kept.length).toBeGreaterThan(420);
    expect(kept.length).toBeLessThan(580);
  });

  it.each([0, -0.1, 1.5, Number.NaN])('rejects probability %s', (p) => {
    expect(() => createEventSampler({ probability: p })).toThrow(RangeError);
  });
});

describe('hashToUnitInterval', () => {
  it('is stable and in [0, 1)', () => {
    expect(hashToUnitInterval('abc')).toBe(hashToUnitInterval('abc'));
    expect(hashToUnitInterval('abc')).not.toBe(hashToUnitInterval('abd'));
    for (let i = 0; i < 100; i++) {
      const u = hashToUnitInterval(String(i));
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
    }
  });
});
