import { describe, expect, it } from 'vitest';
import type { SecondsHistogram, WindowResult } from '../evaluate/window-result.js';
import { seriesKey } from '../keys/series-key.js';
import { ResultStore } from './result-store.js';

const START = 1_000;

function delay(count: number): SecondsHistogram {
  return { bounds: [1, 10], counts: [count, 0, 0], count, sum: count / 2, min: 0.5, max: 0.5 };
}

/** Only the fields the store reads; the rest of a result does not matter here. */
function result(
  key: string,
  startUnixMillis: number,
  delays: Record<string, SecondsHistogram>,
): WindowResult {
  return {
    stream: { key },
    startUnixMillis,
    drift: [],
    quality: [],
    groundTruth: { delays },
  } as unknown as WindowResult;
}

describe('ResultStore', () => {
  it('keeps a bounded history and the latest result per stream', () => {
    const store = new ResultStore(2, START);
    for (const t of [10, 20, 30]) store.keep(result('a', t, {}));
    store.keep(result('b', 40, {}));
    expect(store.history('a').map((r) => r.startUnixMillis)).toEqual([20, 30]);
    expect(store.latestResults().map((r) => [r.stream.key, r.startUnixMillis])).toEqual([
      ['a', 30],
      ['b', 40],
    ]);
    expect(store.history('missing')).toEqual([]);
  });

  it('never gives the all-slices stream the delays of a slice stream whose key extends it', () => {
    const all = seriesKey('model', '1');
    const slice = seriesKey(all, 'region=eu');
    const store = new ResultStore(5, START);
    store.keep(result(all, 100, { app: delay(1) }));
    store.keep(result(slice, 100, { app: delay(5), '': delay(2) }));
    const exports = new Map(
      store.streamExports('cumulative', 0).map((e) => [e.result.stream.key, e.delays]),
    );
    expect(exports.get(all)).toEqual({ app: { ...delay(1), startUnixMillis: START } });
    expect(Object.keys(exports.get(slice) ?? {}).sort()).toEqual(['', 'app']);
    expect(exports.get(slice)?.['app']?.count).toBe(5);
  });

  it('sums cumulatively since start, and as deltas since the last hand-over', () => {
    const store = new ResultStore(5, START);
    store.keep(result('a', 100, { app: delay(1) }));
    store.keep(result('a', 200, { app: delay(2) }));
    const cumulative = store.streamExports('cumulative', 0)[0]!.delays!['app']!;
    expect(cumulative).toMatchObject({ count: 3, counts: [3, 0, 0], startUnixMillis: START });
    expect(store.streamExports('delta', 0)[0]!.delays!['app']).toMatchObject({
      count: 3,
      startUnixMillis: 100,
    });
    store.takeDelta();
    expect(store.streamExports('delta', 0)[0]!.delays).toEqual({});
    store.keep(result('a', 300, { app: delay(4) }));
    expect(store.streamExports('delta', 0)[0]!.delays!['app']).toMatchObject({
      count: 4,
      startUnixMillis: 300,
    });
    expect(store.streamExports('cumulative', 0)[0]!.delays!['app']!.count).toBe(7);
  });

  it('restores histories from a checkpoint, keeping the newest', () => {
    const store = new ResultStore(2, START);
    store.restoreHistories([['a', [result('a', 1, {}), result('a', 2, {}), result('a', 3, {})]]]);
    expect(store.history('a').map((r) => r.startUnixMillis)).toEqual([2, 3]);
    expect(store.latestResults()[0]!.startUnixMillis).toBe(3);
    expect(store.allHistories()).toEqual([['a', store.history('a')]]);
  });
});

describe('ResultStore exports between decisions', () => {
  it('shows the last real decision after a partial window, and how old it is', () => {
    const store = new ResultStore(5, START);
    const at = (k: number, state: 'drift' | 'insufficient_data'): WindowResult =>
      ({
        stream: { key: 's' },
        startUnixMillis: k * 10_000,
        endUnixMillis: (k + 1) * 10_000,
        drift: [
          {
            kind: 'feature',
            feature: 'income',
            method: 'ks',
            primary: true,
            state,
            ...(state === 'drift' ? { score: 0.4 } : {}),
            nReference: 500,
            nCurrent: state === 'drift' ? 500 : 2,
          },
        ],
        quality: [],
        groundTruth: { delays: {} },
      }) as unknown as WindowResult;
    store.keep(at(0, 'drift'));
    store.keep(at(1, 'insufficient_data'));
    const [shown] = store.streamExports('cumulative', 45_000);
    expect(shown!.result.drift[0]).toMatchObject({ state: 'drift', score: 0.4 });
    expect(shown!.result.endUnixMillis).toBe(20_000);
    // The decision came from the window that ended at 10 s: 35 s old at 45 s.
    expect(shown!.decisionAgeSeconds).toBe(35);
  });
});
