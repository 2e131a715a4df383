import { describe, expect, it } from 'vitest';
import { closeDeWindow, sendDeWindow, T0, W } from '../../../test/fixtures/slice-windows.js';
import type { MonitorState } from './monitor-state.js';
import { resetReferences } from './reset-references.js';
import { restoreState, serializeState } from './serialize-state.js';
import { resolveStateConfig, type StateConfig } from './state-config.js';
import { createState } from './streams.js';

const OPTIONS: Partial<StateConfig> = {
  windowSeconds: 60,
  allowedLatenessSeconds: 0,
  reference: 'seasonal',
  seasonWindows: 3,
};

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
      sendDeWindow(state, k);
      const w = closeDeWindow(state, k);
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
    sendDeWindow(state, 0);
    closeDeWindow(state, 0);
    // Windows 1 and 2 without data; window 4's season partner (1) never existed.
    sendDeWindow(state, 3);
    expect(closeDeWindow(state, 3).reference).toMatchObject({ startMs: T0 });
    sendDeWindow(state, 4);
    expect(closeDeWindow(state, 4).reference).toBeUndefined();
  });

  it('keeps the season across a checkpoint, and a reset forgets it', () => {
    const original = createState(OPTIONS);
    for (let k = 0; k < 4; k++) {
      sendDeWindow(original, k);
      closeDeWindow(original, k);
    }
    const restored = restoreState(JSON.parse(JSON.stringify(serializeState(original))), OPTIONS);
    expect(seasonOf(restored)).toEqual(seasonOf(original));
    sendDeWindow(original, 4);
    sendDeWindow(restored, 4);
    expect(closeDeWindow(restored, 4)).toEqual(closeDeWindow(original, 4));

    const reset = resetReferences(restored, 'fraud', '1');
    expect(reset.streams.length).toBe(2); // DE and the all-slices stream
    sendDeWindow(restored, 5);
    expect(closeDeWindow(restored, 5).reference).toBeUndefined();
  });

  it('validates the season length', () => {
    expect(() => resolveStateConfig({ ...OPTIONS, seasonWindows: 1 })).toThrow(
      /seasonWindows must be an integer from 2 to 1000/,
    );
    expect(() => resolveStateConfig({ ...OPTIONS, seasonWindows: 2.5 })).toThrow(/seasonWindows/);
  });
});
