import { describe, expect, it } from 'vitest';
import { aPrediction, logsRequest } from '../../../test/fixtures/builders.js';
import { ingest } from '../core.js';
import { closeWindows } from './close-windows.js';
import type { MonitorState } from './monitor-state.js';
import { resetReferences } from './reset-references.js';
import { restoreState, serializeState } from './serialize-state.js';
import { resolveStateConfig, type StateConfig } from './state-config.js';
import { createState } from './streams.js';
import type { ClosedWindow } from './types.js';

const W = 60_000;
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % W);
const OPTIONS: Partial<StateConfig> = {
  windowSeconds: 60,
  allowedLatenessSeconds: 0,
  reference: 'rolling',
  rollingWindows: 3,
};

/** The amounts window `k` holds: k·100 … k·100 + 9 (so windows are told apart). */
const amounts = (k: number): number[] => Array.from({ length: 10 }, (_, i) => k * 100 + i);

/** Ten predictions of slice DE in window `k`. */
function send(state: MonitorState, k: number): void {
  const t = T0 + k * W;
  const rows = amounts(k).map((amount, i) =>
    aPrediction({
      model: 'fraud',
      version: '1',
      timeMs: t + i,
      score: i / 10,
      features: { amount },
      slices: { country: 'DE' },
    }),
  );
  ingest(state, logsRequest(rows), t + 10);
}

/** Closes window `k`; returns the DE stream's closed window. */
function close(state: MonitorState, k: number): ClosedWindow {
  const closed = closeWindows(state, T0 + (k + 1) * W + 1);
  return closed.find((w) => w.stream.slices['country'] === 'DE')!;
}

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
    send(state, 0);
    expect(close(state, 0).reference).toBeUndefined();
    for (let k = 1; k < 6; k++) {
      send(state, k);
      const w = close(state, k);
      const first = Math.max(0, k - 3);
      const union = Array.from({ length: k - first }, (_, j) => amounts(first + j)).flat();
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
      send(original, k);
      close(original, k);
    }
    const restored = restoreState(JSON.parse(JSON.stringify(serializeState(original))), OPTIONS);
    send(original, 5);
    send(restored, 5);
    const w = close(restored, 5);
    expect(w).toEqual(close(original, 5));
    // Windows 2 and 3 had no data: the last three with data are 0, 1 and 4.
    expect(amountOf(w).count).toBe(30);
    expect(w.reference).toMatchObject({ startMs: T0, endMs: T0 + 5 * W });

    const reset = resetReferences(restored, 'fraud', '1');
    expect(reset.streams.length).toBe(2); // DE and the all-slices stream
    send(restored, 6);
    expect(close(restored, 6).reference).toBeUndefined();
  });

  it('validates the window count', () => {
    expect(() => resolveStateConfig({ ...OPTIONS, rollingWindows: 0 })).toThrow(
      /rollingWindows must be an integer from 1 to 100/,
    );
    expect(() => resolveStateConfig({ ...OPTIONS, rollingWindows: 1.5 })).toThrow(/rollingWindows/);
  });
});
