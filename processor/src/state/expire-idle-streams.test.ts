import { describe, expect, it } from 'vitest';
import { aPrediction, logsRequest } from '../../../test/fixtures/builders.js';
import { ingest } from '../core.js';
import { closeWindows } from './close-windows.js';
import { expireIdleStreams } from './expire-idle-streams.js';
import type { MonitorState } from './monitor-state.js';
import { restoreState, serializeState } from './serialize-state.js';
import { idleStreamTtlMs, resolveStateConfig, type StateConfig } from './state-config.js';
import { createState } from './streams.js';

const W = 60_000;
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % W);
/** Three windows of idle time; no lateness, so a window closes at its end. */
const OPTIONS: Partial<StateConfig> = {
  windowSeconds: 60,
  allowedLatenessSeconds: 0,
  idleStreamTtlSeconds: 180,
};

/** Five predictions in window `k` of model `fraud` version `version`, slice `country`. */
function send(state: MonitorState, k: number, country: string, version = '1'): void {
  const t = T0 + k * W;
  const rows = Array.from({ length: 5 }, (_, i) =>
    aPrediction({
      model: 'fraud',
      version,
      timeMs: t + i,
      score: i / 5,
      features: { amount: i },
      slices: { country },
    }),
  );
  ingest(state, logsRequest(rows), t + 10);
}

/** Closes what `k` windows in have passed and ages out; returns the expired keys. */
function tick(state: MonitorState, k: number): string[] {
  const now = T0 + k * W + 1;
  closeWindows(state, now);
  return expireIdleStreams(state, now);
}

const keysOf = (state: MonitorState): string[] =>
  [...state.models.values()].flatMap((mv) => [
    mv.allSlices.key,
    ...[...mv.streams.values()].flatMap((s) => (s.identity ? [s.identity.key] : [])),
  ]);

describe('expireIdleStreams', () => {
  it('drops a slice stream idle for the TTL after its last window, then the model version', () => {
    const state = createState(OPTIONS);
    send(state, 0, 'DE');
    send(state, 0, 'FR');
    const [all, de, fr] = keysOf(state);
    expect(state.sliceStreamCount).toBe(2);
    // DE keeps sending; FR's last window is window 0 (ends at 1 W): idle from 1 W on.
    for (let k = 1; k <= 3; k++) {
      expect(tick(state, k)).toEqual([]);
      send(state, k, 'DE');
    }
    // At 4 W + 1 ms FR has been idle 3 W + 1 ms ≥ 180 s: it goes, with its reference.
    expect(tick(state, 4)).toEqual([fr]);
    expect(keysOf(state)).toEqual([all, de]);
    expect(state.sliceStreamCount).toBe(1);
    const mv = [...state.models.values()][0]!;
    expect([...mv.references.keys()]).not.toContain(fr);
    // DE's last data is window 3; at 7 W + 1 ms it has been idle long enough, and with it the
    // model version's all-slices stream goes.
    expect(tick(state, 5)).toEqual([]);
    expect(tick(state, 6)).toEqual([]);
    expect(tick(state, 7)).toEqual([de, all]);
    expect(state.models.size).toBe(0);
    expect(state.sliceStreamCount).toBe(0);
    expect(state.counters.expiredStreams).toBe(3);
  });

  it('keeps a stream with an open window, and a stream that comes back starts over', () => {
    const state = createState(OPTIONS);
    send(state, 0, 'DE');
    tick(state, 1);
    // Data again in window 4, not yet closed at 4 W + 1 ms: the stream is alive.
    send(state, 4, 'DE');
    expect(tick(state, 4)).toEqual([]);
    expect(tick(state, 5)).toEqual([]);
    expect(state.models.size).toBe(1);
  });

  it('keeps the idle clock across a checkpoint', () => {
    const state = createState(OPTIONS);
    send(state, 0, 'DE');
    send(state, 0, 'FR');
    for (let k = 1; k <= 3; k++) {
      tick(state, k);
      send(state, k, 'DE');
    }
    const restored = restoreState(JSON.parse(JSON.stringify(serializeState(state))), OPTIONS);
    const [, , fr] = keysOf(restored);
    expect(tick(restored, 4)).toEqual([fr]);
  });

  it('defaults to the prediction TTL plus three windows, and refuses a TTL of 0', () => {
    expect(idleStreamTtlMs(resolveStateConfig({ windowSeconds: 300 }))).toBe(
      (7 * 86400 + 3 * 300) * 1000,
    );
    expect(() => resolveStateConfig({ idleStreamTtlSeconds: 0 })).toThrow(
      /idleStreamTtlSeconds must be a positive number, got 0/,
    );
  });
});
