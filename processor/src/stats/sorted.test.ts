import { describe, expect, it } from 'vitest';
import { countAtMost, countBelow } from './sorted.js';

describe('countBelow / countAtMost (np.searchsorted side=left / side=right)', () => {
  // np.searchsorted([1, 2, 2, 2, 5], v, side='left'|'right') for v in [0, 1, 2, 3, 5, 6].
  const xs = Float64Array.from([1, 2, 2, 2, 5]);
  it.each([
    [0, 0, 0],
    [1, 0, 1],
    [2, 1, 4],
    [3, 4, 4],
    [5, 4, 5],
    [6, 5, 5],
  ])('v = %d: %d below, %d at most', (v, below, atMost) => {
    expect(countBelow(xs, v)).toBe(below);
    expect(countAtMost(xs, v)).toBe(atMost);
  });

  it('reads −0 and +0 as equal, like the comparisons it stands for', () => {
    const zeros = Float64Array.from([-1, -0, 0, 1]);
    expect(countBelow(zeros, 0)).toBe(1);
    expect(countAtMost(zeros, -0)).toBe(3);
  });

  it('counts nothing in an empty sample', () => {
    expect(countBelow([], 1)).toBe(0);
    expect(countAtMost([], 1)).toBe(0);
  });
});
