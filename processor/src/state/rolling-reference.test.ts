import { describe, expect, it } from 'vitest';
import {
  closeDeWindow,
  sendDeWindow,
  amountsOf,
  T0,
  W,
} from '../../../test/fixtures/slice-windows.js';
import { resetReferences } from './reset-references.js';
import { restoreState, serializeState } from './serialize-state.js';
import { resolveStateConfig, type StateConfig } from './state-config.js';
import { createState } from './streams.js';
import type { ClosedWindow } from './types.js';

const OPTIONS: Partial<StateConfig> = {
  windowSeconds: 60,
  allowedLatenessSeconds: 0,
  reference: 'rolling',
  rollingWindows: 3,
};

/** The reference's amount count, mean and extremes. */
function amountOf(w: ClosedWindow): { count: number; mean: number; min: number; max: number } {
  const ref = w.reference;
  if (ref === undefined || ref.kind === 'training') throw new Error('no window reference');
  const f = ref.features.find((x) => x.name === 'amount');
  if (f?.kind !== 'numeric') throw new Error('no numeric amount in the reference');
  const s = f.snapshot;
  if (!s.mean.ok || !s.min.ok || !s.max.ok) throw new Error('empty amount');
  return { count: s.count, mean: s.mean.value, min: s.min.value, max: s.max.value };
}

describe('rolling reference', () => {
  it('compares each window with the union of the last N windows', () => {
    const state = createState(OPTIONS);
    sendDeWindow(state, 0);
    expect(closeDeWindow(state, 0).reference).toBeUndefined();
    for (let k = 1; k < 6; k++) {
      sendDeWindow(state, k);
      const w = closeDeWindow(state, k);
      const first = Math.max(0, k - 3);
      const union = Array.from({ length: k - first }, (_, j) => amountsOf(first + j)).flat();
      expect(w.reference).toMatchObject({
        kind: 'rolling_window',
        startMs: T0 + first * W,
        endMs: T0 + k * W,
        id: `${new Date(T0 + first * W).toISOString()}/${new Date(T0 + k * W).toISOString()}`,
      });
      expect(w.reference?.kind !== 'training' && w.reference?.counts.predictions).toBe(
        union.length,
      );
      const a = amountOf(w);
      expect(a.count).toBe(union.length);
      expect(a.mean).toBeCloseTo(union.reduce((s, x) => s + x, 0) / union.length, 9);
      expect([a.min, a.max]).toEqual([Math.min(...union), Math.max(...union)]);
    }
  });

  it('skips windows without data, keeps the union across a checkpoint, and a reset forgets it', () => {
    const original = createState(OPTIONS);
    for (const k of [0, 1, 4]) {
      sendDeWindow(original, k);
      closeDeWindow(original, k);
    }
    const restored = restoreState(JSON.parse(JSON.stringify(serializeState(original))), OPTIONS);
    sendDeWindow(original, 5);
    sendDeWindow(restored, 5);
    const w = closeDeWindow(restored, 5);
    expect(w).toEqual(closeDeWindow(original, 5));
    // Windows 2 and 3 had no data: the last three with data are 0, 1 and 4.
    expect(amountOf(w).count).toBe(30);
    expect(w.reference).toMatchObject({ startMs: T0, endMs: T0 + 5 * W });

    const reset = resetReferences(restored, 'fraud', '1');
    expect(reset.streams.length).toBe(2); // DE and the all-slices stream
    sendDeWindow(restored, 6);
    expect(closeDeWindow(restored, 6).reference).toBeUndefined();
  });

  it('validates the window count', () => {
    expect(() => resolveStateConfig({ ...OPTIONS, rollingWindows: 0 })).toThrow(
      /rollingWindows must be an integer from 1 to 100/,
    );
    expect(() => resolveStateConfig({ ...OPTIONS, rollingWindows: 1.5 })).toThrow(/rollingWindows/);
  });
});
