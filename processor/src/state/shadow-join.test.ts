import { describe, expect, it } from 'vitest';
import { aGroundTruth, aPrediction, logsRequest } from '../../../test/fixtures/builders.js';
import { ingest } from '../core.js';
import { closeWindows } from './close-windows.js';
import { restoreState, serializeState } from './serialize-state.js';
import type { StateConfig } from './state-config.js';
import { createState } from './streams.js';

const W = 60_000;
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % W);
const OPTIONS: Partial<StateConfig> = { windowSeconds: 60, allowedLatenessSeconds: 10 };

const predict = (version: string, id: string, score: number) =>
  aPrediction({ id, version, score, task: 'binary_classification', timeMs: T0 + 100 });

describe('shadow predictions (one request scored by two versions)', () => {
  it('records the pair, joins one label to both versions, and survives a checkpoint', () => {
    const state = createState(OPTIONS);
    // r1: v1 then v2; r2: v2 then v1 (the pair is recorded by whichever came second).
    const first = ingest(
      state,
      logsRequest([predict('1', 'r1', 0.8), predict('2', 'r1', 0.3), predict('2', 'r2', 0.6)]),
      T0 + 200,
    );
    expect(first.accepted).toBe(3);
    const restored = restoreState(JSON.parse(JSON.stringify(serializeState(state))), OPTIONS);
    for (const s of [state, restored]) {
      const late = ingest(
        s,
        logsRequest([
          predict('1', 'r2', 0.7),
          // The same version again is still a duplicate.
          predict('2', 'r1', 0.3),
          aGroundTruth({ predictionId: 'r1', value: 1, timeMs: T0 + 300 }),
          aGroundTruth({ predictionId: 'r2', value: 0, timeMs: T0 + 300 }),
        ]),
        T0 + 300,
      );
      expect(late.accepted).toBe(3);
      expect(late.dropped).toEqual({ duplicate_prediction: 1 });
    }
    const closed = closeWindows(state, T0 + 2 * W);
    expect(closeWindows(restored, T0 + 2 * W)).toEqual(closed);
    const all = (version: string) =>
      closed.find((c) => c.stream.version === version && c.stream.allSlices)!;
    expect(all('1').counts.labeled).toBe(2);
    expect(all('2').counts.labeled).toBe(2);
    // v2 recorded r1 against v1 (0.3 − 0.8, decisions 0 vs 1); v1 recorded r2 against v2
    // (0.7 − 0.6, both 1).
    expect(all('2').outputs.shadow!.get('1')).toEqual({
      pairs: 1,
      decided: 1,
      agreed: 0,
      scored: 1,
      differenceSum: 0.3 - 0.8,
      absDifferenceSum: 0.8 - 0.3,
    });
    expect(all('1').outputs.shadow!.get('2')!.agreed).toBe(1);
    expect(all('1').outputs.shadow!.get('2')!.differenceSum).toBeCloseTo(0.1, 12);
  });
});
