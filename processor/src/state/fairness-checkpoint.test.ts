import { ATTR_ML_SLICE } from '@mlmon/conventions';
import { describe, expect, it } from 'vitest';
import { aGroundTruth, aPrediction, logsRequest } from '../../../test/fixtures/builders.js';
import { ingest } from '../core.js';
import { fairnessOfSnapshot } from '../evaluate/fairness.js';
import { closeWindows } from './close-windows.js';
import { restoreState, serializeState } from './serialize-state.js';
import type { StateConfig } from './state-config.js';
import { createState } from './streams.js';

const W = 60_000;
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % W);
const OPTIONS: Partial<StateConfig> = {
  windowSeconds: 60,
  allowedLatenessSeconds: 10,
  fairness: [
    {
      model: 'm',
      fairness: {
        attributes: [{ name: ATTR_ML_SLICE('gender') }, { name: 'zip' }],
        minGroupCount: 5,
        maxGroups: 3,
        alpha: 0.01,
      },
    },
  ],
};

/** Predictions over genders (one without), 10 zip codes, and labels for most of them. */
function requests() {
  const predictions = Array.from({ length: 60 }, (_, i) =>
    aPrediction({
      model: 'm',
      id: `p${i}`,
      timeMs: T0 + i,
      score: ((i * 37) % 100) / 100,
      features: { zip: `z${i % 10}` },
      slices: i % 7 === 0 ? {} : { gender: i % 2 ? 'f' : 'm' },
    }),
  );
  const labels = Array.from({ length: 50 }, (_, i) =>
    aGroundTruth({ predictionId: `p${i}`, value: i % 9 === 0 ? 5 : i % 2, timeMs: T0 + 500 }),
  );
  return [logsRequest(predictions), logsRequest(labels)];
}

describe('fairness state', () => {
  it('survives a checkpoint mid-window and closes to the same fairness', () => {
    const [predictions, labels] = requests();
    const direct = createState(OPTIONS);
    ingest(direct, predictions!, T0 + 100);
    ingest(direct, labels!, T0 + 600);
    const restored = restoreState(
      JSON.parse(JSON.stringify(serializeState(createStateWith(predictions!)))),
      OPTIONS,
    );
    ingest(restored, labels!, T0 + 600);
    const fairnessOf = (state: ReturnType<typeof createState>) =>
      closeWindows(state, T0 + W + 20_000)
        .filter((w) => w.stream.allSlices)
        .map((w) => fairnessOfSnapshot(w.labeled.fairness!));
    const expected = fairnessOf(direct);
    expect(fairnessOf(restored)).toEqual(expected);
    const [gender, zip] = expected[0]!;
    // 60 predictions: 8 without gender; 50 labels, 6 of them not 0/1 (value 5).
    expect(gender!.groups.find((g) => g.group === '_UNKNOWN')?.predictions).toBe(9);
    expect(gender!.rejectedLabels).toBe(6);
    expect(gender!.groups.reduce((n, g) => n + g.labeled, 0)).toBe(44);
    // Ten zip codes, three kept apart per slice stream; the rest pooled and counted.
    expect(zip!.groups.filter((g) => g.pooled === undefined)).toHaveLength(3);
    expect(zip!.groups.reduce((n, g) => n + g.predictions, 0)).toBe(60);
  });
});

function createStateWith(request: Parameters<typeof ingest>[1]) {
  const state = createState(OPTIONS);
  ingest(state, request, T0 + 100);
  return state;
}
