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
  reference: 'seasonal',
  seasonWindows: 3,
};

/** Ten predictions of slice DE in window `k` (amount = k, so windows are told apart). */
function send(state: MonitorState, k: number): void {
  const t = T0 + k * W;
  const rows = Array.from({ length: 10 }, (_, i) =>
    aPrediction({
      model: 'fraud',
      version: '1',
      timeMs: t + i,
      score: i / 10,
      features: { amount: k * 100 + i },
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

/** Window indexes the DE stream keeps in its season. */
function seasonOf(state: MonitorState): number[] {
  const mv = [...state.models.values()][0]!;
  const de = [...mv.streams.values()].find((s) => s.identity?.slices['country'] === 'DE')!;
  return [...(mv.keptWindows.get(de.identity!.key)?.keys() ?? [])].map((s) => (s - T0) / W);
}

describe('seasonal reference', () => {
  it('compares each window with the one a season earlier, keeping one season per stream', () => {
    const state = createState(OPTIONS);
    const references: (number | undefined)[] = [];
    for (let k = 0; k < 7; k++) {
      send(state, k);
      const w = close(state, k);
      const ref = w.reference;
      if (ref !== undefined) expect(ref.kind).toBe('seasonal_window');
      references.push(
        ref === undefined || ref.kind === 'training' ? undefined : (ref.startMs - T0) / W,
      );
    }
    // Windows 0–2 have no window a season (3 windows) earlier; then k is compared with k − 3.
    expect(references).toEqual([undefined, undefined, undefined, 0, 1, 2, 3]);
    expect(seasonOf(state)).toEqual([4, 5, 6]);
  });

  it('compares with nothing when the stream had no data a season earlier', () => {
    const state = createState(OPTIONS);
    send(state, 0);
    close(state, 0);
    // Windows 1 and 2 without data; window 4's season partner (1) never existed.
    send(state, 3);
    expect(close(state, 3).reference).toMatchObject({ startMs: T0 });
    send(state, 4);
    expect(close(state, 4).reference).toBeUndefined();
  });

  it('keeps the season across a checkpoint, and a reset forgets it', () => {
    const original = createState(OPTIONS);
    for (let k = 0; k < 4; k++) {
      send(original, k);
      close(original, k);
    }
    const restored = restoreState(JSON.parse(JSON.stringify(serializeState(original))), OPTIONS);
    expect(seasonOf(restored)).toEqual(seasonOf(original));
    send(original, 4);
    send(restored, 4);
    expect(close(restored, 4)).toEqual(close(original, 4));

    const reset = resetReferences(restored, 'fraud', '1');
    expect(reset.streams.length).toBe(2); // DE and the all-slices stream
    send(restored, 5);
    expect(close(restored, 5).reference).toBeUndefined();
  });

  it('validates the season length', () => {
    expect(() => resolveStateConfig({ ...OPTIONS, seasonWindows: 1 })).toThrow(
      /seasonWindows must be an integer from 2 to 1000/,
    );
    expect(() => resolveStateConfig({ ...OPTIONS, seasonWindows: 2.5 })).toThrow(/seasonWindows/);
  });
});
