import { describe, expect, it } from 'vitest';
import { aWindowResult } from '../export/__fixtures__/window-results.js';
import { createStatusSource, toStatusWindow } from './status-source.js';

describe('createStatusSource', () => {
  const first = aWindowResult({ startUnixMillis: 1, endUnixMillis: 2 });
  const second = aWindowResult({
    startUnixMillis: 2,
    endUnixMillis: 3,
    groundTruth: {
      labeled: 3,
      coverage: 0.5,
      delays: {
        human: { bounds: [60], counts: [1, 1], count: 2, sum: 100, min: 10, max: 90 },
        '': { bounds: [60], counts: [1, 0], count: 1, sum: 20, min: 20, max: 20 },
      },
    },
  });
  const source = createStatusSource(
    {
      latestResults: () => [second],
      history: (key) => (key === second.stream.key ? [first, second] : []),
    },
    () => true,
  );

  it('lists streams and returns the last n windows oldest first', () => {
    expect(source.listStreams()).toEqual([
      {
        key: second.stream.key,
        modelName: 'fraud',
        modelVersion: '3',
        modelTask: 'binary_classification',
        slice: {},
      },
    ]);
    expect(source.history(second.stream.key, 1).map((w) => w.startUnixMillis)).toEqual([2]);
    expect(source.history(second.stream.key, 5).map((w) => w.startUnixMillis)).toEqual([1, 2]);
    expect(source.history('unknown', 5)).toEqual([]);
  });

  it('maps drift decisions and pools delays over sources', () => {
    const w = toStatusWindow(second);
    expect(w.drift[0]).toMatchObject({
      feature: 'amount',
      method: 'psi',
      status: 'no_drift',
      thresholdNominal: 0.2,
      thresholdEffective: 0.05,
    });
    expect(w.groundTruth).toEqual({
      coverage: 0.5,
      labeled: 3,
      meanDelaySeconds: 40,
      maxDelaySeconds: 90,
    });
  });
});
