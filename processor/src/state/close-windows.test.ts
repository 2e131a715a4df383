import { describe, expect, it } from 'vitest';
import { aPrediction, logsRequest } from '../../../test/fixtures/builders.js';
import { ingest } from '../core.js';
import { closeNextWindow, closeWindows, finishClosing, sealWindows } from './close-windows.js';
import type { MonitorState } from './monitor-state.js';
import { serializeState } from './serialize-state.js';
import type { StateConfig } from './state-config.js';
import { createState } from './streams.js';
import type { ClosedWindow } from './types.js';

const W = 60_000;
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % W);
const OPTIONS: Partial<StateConfig> = { windowSeconds: 60, allowedLatenessSeconds: 0 };

/** Twenty predictions in window `k` of slice `country`, arriving at `nowMs`. */
function send(state: MonitorState, k: number, country: string, nowMs = T0 + k * W + 10): void {
  const t = T0 + k * W;
  const rows = Array.from({ length: 20 }, (_, i) =>
    aPrediction({
      model: 'fraud',
      version: '1',
      timeMs: t + i,
      score: (i % 10) / 10,
      features: { amount: i * (country === 'DE' ? 1 : 3), channel: i % 2 ? 'web' : 'app' },
      slices: { country },
    }),
  );
  ingest(state, logsRequest(rows), nowMs);
}

function filled(): MonitorState {
  const state = createState(OPTIONS);
  send(state, 0, 'DE');
  send(state, 0, 'FR');
  return state;
}

function inSteps(
  state: MonitorState,
  nowMs: number,
  between?: (emitted: ClosedWindow) => void,
): ClosedWindow[] {
  const closing = sealWindows(state, nowMs);
  const out: ClosedWindow[] = [];
  for (
    let w = closeNextWindow(state, closing);
    w !== undefined;
    w = closeNextWindow(state, closing)
  ) {
    out.push(w);
    between?.(w);
  }
  finishClosing(state, closing);
  return out;
}

describe('closing windows in steps', () => {
  it('emits what closing at once emits, in the same order, and leaves the same state', () => {
    const atOnce = filled();
    const stepwise = filled();
    const now = T0 + W + 1;
    const a = closeWindows(atOnce, now);
    const b = inSteps(stepwise, now);
    expect(b.map((w) => w.stream.key)).toEqual(a.map((w) => w.stream.key));
    expect(b).toEqual(a);
    expect(a).toHaveLength(3); // DE, FR, then all slices
    expect(JSON.stringify(serializeState(stepwise))).toBe(JSON.stringify(serializeState(atOnce)));
  });

  it('seals nothing when no window has closed', () => {
    const state = filled();
    const closing = sealWindows(state, T0 + W - 1);
    expect(closing.groups).toHaveLength(0);
    expect(closeNextWindow(state, closing)).toBeUndefined();
  });

  it('sealed windows take no more records: a record for them is late from the seal on', () => {
    const state = filled();
    const closing = sealWindows(state, T0 + W + 1);
    send(state, 0, 'DE', T0 + W + 2);
    const windows: ClosedWindow[] = [];
    for (let w = closeNextWindow(state, closing); w; w = closeNextWindow(state, closing)) {
      windows.push(w);
    }
    finishClosing(state, closing);
    const de = windows.find((w) => w.stream.slices['country'] === 'DE')!;
    expect(de.counts.predictions).toBe(20);
    expect(de.counts.late).toBe(0);
    // Counted late against the stream, reported with its next window.
    const mv = [...state.models.values()][0]!;
    expect([...mv.streams.values()].find((s) => s.identity?.slices['country'] === 'DE')?.late).toBe(
      20,
    );
  });

  it("changes what ingest reads (the new reference's bin edges) only when finished", () => {
    // Window 1 opened after the last window was emitted but before the closing finished: it was
    // opened before the edges took effect, so they apply from window 2.
    const during = filled();
    inSteps(during, T0 + W + 1, (w) => {
      if (Object.keys(w.stream.slices).length === 0) send(during, 1, 'DE', T0 + W + 2);
    });
    const after = filled();
    inSteps(after, T0 + W + 1);
    send(after, 1, 'DE', T0 + W + 2);
    const fromStart = (s: MonitorState) =>
      [...s.models.values()][0]!.numericEdges.get('amount')?.map((a) => a.fromStartMs);
    expect(fromStart(during)).toEqual([T0 + 2 * W]);
    expect(fromStart(after)).toEqual([T0 + W]);
  });

  it('the all-slices window takes every slice, examples included, when slices become references', () => {
    // Under previous-window every slice window is kept (and trimmed) as its stream's reference
    // as it is prepared; the sum must have taken it, examples and all, before that.
    const countries = ['DE', 'FR', 'IT', 'ES', 'PL'];
    const state = createState({ ...OPTIONS, reference: 'previous-window' });
    countries.forEach((country, c) => {
      const rows = Array.from({ length: 4 }, (_, i) =>
        aPrediction({
          model: 'fraud',
          version: '1',
          timeMs: T0 + i,
          features: { amount: 10 * c + i },
          slices: { country },
          traceId: (c * 16 + i + 1).toString(16).padStart(32, '0'),
          spanId: (c * 16 + i + 1).toString(16).padStart(16, '0'),
        }),
      );
      ingest(state, logsRequest(rows), T0 + 10);
    });
    const closed = inSteps(state, T0 + W + 1);
    const all = closed.find((w) => Object.keys(w.stream.slices).length === 0)!;
    expect(all.counts.predictions).toBe(20);
    expect(all.exemplars!.offered).toBe(20);
    expect(all.exemplars!.kept).toBe(16);
    // The kept rows come from every slice (amount 10·c + i was sent by slice c).
    const column = all.exemplars!.names.indexOf('amount');
    const slicesSeen = new Set<number>();
    for (let s = 0; s < all.exemplars!.kept; s++) {
      slicesSeen.add(
        Math.floor(all.exemplars!.values[s * all.exemplars!.names.length + column]! / 10),
      );
    }
    expect(slicesSeen.size).toBe(countries.length);
  });
});
