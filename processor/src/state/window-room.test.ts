import { describe, expect, it } from 'vitest';
import { aPrediction, logsRequest } from '../../../test/fixtures/builders.js';
import { ingest } from '../core.js';
import { HEAD } from './accumulators/exact-values.js';
import { closeWindows } from './close-windows.js';
import type { MonitorState, WindowAcc } from './monitor-state.js';
import { restoreState, serializeState } from './serialize-state.js';
import type { StateConfig } from './state-config.js';
import { createState } from './streams.js';
import type { ClosedWindow } from './types.js';

const W = 60_000;
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % W);
const OPTIONS: Partial<StateConfig> = { windowSeconds: 60, allowedLatenessSeconds: 0 };

/**
 * `n` predictions in window `k` of one slice; with `sparse`, a feature present in every third row
 * only; `sampled`: every row was kept with probability 0.5.
 */
function send(state: MonitorState, k: number, n: number, sampled = false, sparse = false): void {
  const t = T0 + k * W;
  const rows = Array.from({ length: n }, (_, i) =>
    aPrediction({
      model: 'fraud',
      version: '1',
      timeMs: t + i,
      score: (i % 10) / 10,
      features: {
        amount: ((i * 7919) % 101) / 3 + k,
        age: (i * 31) % 17,
        ...(sparse && i % 3 === 0 ? { sparse: i / 7 } : {}),
      },
      slices: { country: 'DE' },
      ...(sampled ? { samplingProbability: 0.5 } : {}),
    }),
  );
  ingest(state, logsRequest(rows), t + n + 10);
}

/** The open window of the DE stream starting at window `k`. */
function openWindow(state: MonitorState, k: number): WindowAcc {
  const mv = [...state.models.values()][0]!;
  const stream = [...mv.streams.values()].find((s) => s.sliceKey !== '')!;
  return stream.windows.get(T0 + k * W)!;
}

/** Value slots an open numeric feature's data holds (live or spare). */
function slots(w: WindowAcc, name: string): { live: number; room: number } {
  const column = w.features.columns.index.get(name)!;
  const open = w.features.openNumeric;
  if (open?.has(column) === true) return { live: open.countAt(column), room: open.roomAt(column) };
  const slot = w.features.heldAt(column)!;
  if (slot.kind !== 'numeric') throw new Error(`${name} is not numeric`);
  const start = HEAD + slot.acc.binEdges.length + 1;
  return { live: slot.acc.size, room: slot.acc.data.length - start };
}

function closeWindow(state: MonitorState, k: number): ClosedWindow[] {
  return closeWindows(state, T0 + (k + 1) * W + 1);
}

describe('room for the values of a stream’s next window', () => {
  it('a steady stream’s next window fills its arrays exactly: no spare slot', () => {
    const state = createState(OPTIONS);
    send(state, 0, 50);
    // Window 0 made its arrays grow ×1.5: spare slots once 50 values arrived.
    expect(slots(openWindow(state, 0), 'amount').room).toBeGreaterThan(50);
    closeWindow(state, 0);
    send(state, 1, 50);
    expect(slots(openWindow(state, 1), 'amount')).toEqual({ live: 50, room: 50 });
    expect(slots(openWindow(state, 1), 'age')).toEqual({ live: 50, room: 50 });
  });

  it('no feature is given more room than the sparsest one received', () => {
    const state = createState(OPTIONS);
    send(state, 0, 50, false, true);
    closeWindow(state, 0);
    send(state, 1, 50, false, true);
    // The sparse feature received 17 of 50 rows; the others grew from there.
    expect(slots(openWindow(state, 1), 'sparse')).toEqual({ live: 17, room: 17 });
    expect(slots(openWindow(state, 1), 'amount').live).toBe(50);
  });

  it('a window with more values than its room grows as before; one with fewer keeps the room', () => {
    const state = createState(OPTIONS);
    send(state, 0, 20);
    closeWindow(state, 0);
    send(state, 1, 30);
    const grown = slots(openWindow(state, 1), 'amount');
    expect(grown.live).toBe(30);
    expect(grown.room).toBeGreaterThanOrEqual(30);
    closeWindow(state, 1);
    send(state, 2, 5);
    // Window 1 held 30 values per feature.
    expect(slots(openWindow(state, 2), 'amount')).toEqual({ live: 5, room: 30 });
  });

  it('sampled traffic gives no room (weighted values are not kept in order)', () => {
    const state = createState(OPTIONS);
    send(state, 0, 40, true);
    closeWindow(state, 0);
    send(state, 1, 40, true);
    expect(slots(openWindow(state, 1), 'amount').room).toBe(0);
  });

  it('changes no statistic: the closed windows equal those of a state without room', () => {
    const withRoom = createState(OPTIONS);
    const without = createState(OPTIONS);
    for (const state of [withRoom, without]) {
      send(state, 0, 50);
      closeWindow(state, 0);
    }
    // The state without room forgets its hint, as a stream that never closed a window.
    for (const mv of without.models.values()) for (const s of mv.streams.values()) s.valuesHint = 0;
    send(withRoom, 1, 50);
    send(without, 1, 50);
    expect(slots(openWindow(without, 1), 'amount').room).toBeGreaterThan(50);
    const a = closeWindow(withRoom, 1);
    const b = closeWindow(without, 1);
    expect(a).toHaveLength(2);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('label delays of a window', () => {
  it('are absent until one is recorded, and a checkpoint restores them as they were', () => {
    const state = createState(OPTIONS);
    send(state, 0, 10);
    expect(openWindow(state, 0).delays).toBeUndefined();
    const restored = restoreState(serializeState(state), OPTIONS);
    expect(openWindow(restored, 0).delays).toBeUndefined();
    expect(JSON.stringify(serializeState(restored))).toBe(JSON.stringify(serializeState(state)));
    const [closed] = closeWindow(state, 0);
    expect(closed!.labeled.delays).toEqual({});
  });
});
