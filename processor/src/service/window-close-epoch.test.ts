import { describe, expect, it } from 'vitest';
import { windowCloseEpoch } from './window-close-epoch.js';

describe('windowCloseEpoch', () => {
  // 60 s windows, 5 s lateness: the window [0, 60 s) closes once the clock is past 65 s.
  const epoch = (ms: number) => windowCloseEpoch(ms, 60, 5);

  it('changes exactly when a window closes (the clock strictly past end + lateness)', () => {
    expect(epoch(65_000)).toBe(epoch(64_999));
    expect(epoch(65_001)).toBe(epoch(65_000) + 1);
    expect(epoch(125_000)).toBe(epoch(65_001));
    expect(epoch(125_001)).toBe(epoch(65_001) + 1);
  });
});
