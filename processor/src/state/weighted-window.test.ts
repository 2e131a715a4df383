/**
 * Weighted records through the window path: ingest (the extraction reads
 * `ml.sampling.probability`) → per-slice windows → the all-slices merge → a checkpoint round
 * trip of the whole state, and the label join (the prediction's weight carries to its label).
 * Expected values are sums of 1/p written out by hand (the statistics themselves are checked
 * against NumPy in `test/golden/weighted-golden.test.ts`).
 */
import { describe, expect, it } from 'vitest';
import { aGroundTruth, aPrediction, logsRequest } from '../../../test/fixtures/builders.js';
import { ingest } from '../core.js';
import { dataQuality } from '../evaluate/data-quality.js';
import { closeWindows } from './close-windows.js';
import { restoreState, serializeState } from './serialize-state.js';
import { createState } from './streams.js';
import type { ClosedWindow, FeatureWindow } from './types.js';
import type { BinaryOutputsSnapshot } from './accumulators/index.js';

const W = 60_000;
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % W);

/** Region `eu` kept whole (p = 1), `us` sampled at p = 0.25; `x` missing on every 4th us row. */
function traffic() {
  const records = [];
  for (let i = 0; i < 8; i++) {
    records.push(
      aPrediction({
        id: `eu-${i}`,
        timeMs: T0 + 10,
        score: 0.9,
        features: { x: i, plan: 'free' },
        slices: { region: 'eu' },
      }),
      aPrediction({
        id: `us-${i}`,
        timeMs: T0 + 10,
        score: 0.2,
        samplingProbability: 0.25,
        features: i % 4 === 0 ? { x: 'n/a', plan: 'pro' } : { x: 10 + i, plan: 'pro' },
        slices: { region: 'us' },
      }),
    );
  }
  return records;
}

function run(checkpoint: boolean): ClosedWindow[] {
  let state = createState({ windowSeconds: W / 1000, allowedLatenessSeconds: 0 });
  const labels = ['us-0', 'us-1', 'eu-0', 'eu-1'].map((predictionId) =>
    aGroundTruth({ predictionId, timeMs: T0 + 20, label: predictionId === 'eu-0' ? '0' : '1' }),
  );
  const first = ingest(state, logsRequest([...traffic(), ...labels.slice(0, 2)]), T0 + 30);
  expect(first.accepted).toBe(18);
  if (checkpoint) {
    const json = JSON.parse(JSON.stringify(serializeState(state))) as unknown;
    state = restoreState(json, { windowSeconds: W / 1000, allowedLatenessSeconds: 0 });
  }
  ingest(state, logsRequest(labels.slice(2)), T0 + 40);
  return closeWindows(state, T0 + W + 1);
}

const feature = (w: ClosedWindow, name: string): FeatureWindow =>
  w.features.find((f) => f.name === name)!;

describe.each([false, true])('weighted window (checkpoint between: %s)', (checkpoint) => {
  const closed = run(checkpoint);
  const all = closed.find((w) => Object.keys(w.stream.slices).length === 0)!;
  const us = closed.find((w) => w.stream.slices['region'] === 'us')!;

  it('counts raw and weighted predictions and labeled pairs per slice and in the merge', () => {
    expect(us.counts).toMatchObject({
      predictions: 8,
      weightedPredictions: 32,
      labeled: 2,
      weightedLabeled: 8,
    });
    expect(all.counts).toMatchObject({
      predictions: 16,
      weightedPredictions: 40,
      labeled: 4,
      weightedLabeled: 10,
    });
  });

  it('weighs feature values, categories and scores by 1/p (Σw, n_eff) in the merged stream', () => {
    const x = feature(all, 'x');
    if (x.kind !== 'numeric') throw new Error('x is numeric');
    // 8 eu values (w 1) and 6 us values (w 4): Σw = 32, Σw² = 8 + 96 = 104.
    expect(x.snapshot.weight).toBe(32);
    expect(x.snapshot.effectiveCount).toBeCloseTo((32 * 32) / 104, 12);
    // Weighted mean: (0+…+7 + 4·(11+12+13+15+16+17)) / 32.
    expect(x.snapshot.mean.ok && x.snapshot.mean.value).toBeCloseTo((28 + 4 * 84) / 32, 12);
    const plan = feature(all, 'plan');
    if (plan.kind !== 'categorical') throw new Error('plan is categorical');
    expect(Object.fromEntries(plan.snapshot.counts)).toEqual({ free: 8, pro: 32 });
    expect(all.outputs.score?.weight).toBe(40);
  });

  it('weighs the type mismatches in data quality (2 us rows of weight 4 among 40)', () => {
    const x = feature(all, 'x');
    expect(x.typeMismatch).toBe(2);
    expect(x.weighted).toEqual({ count: 32, missing: 0, typeMismatch: 8 });
    const rows = dataQuality('x', x, undefined, {});
    expect(rows.find((r) => r.check === 'type_mismatch')?.ratio).toBe(8 / 40);
  });

  it('carries the prediction weight to its label (binary quality at Σw)', () => {
    const binary = all.labeled.binary as BinaryOutputsSnapshot;
    // eu-0 (0.9, label 0) and eu-1 (0.9, 1) weigh 1; us-0 and us-1 (0.2, label 1) weigh 4.
    expect(binary.count).toBe(10);
    expect(binary.positives).toBe(9);
    expect(binary.accuracy.ok && binary.accuracy.value).toBeCloseTo(1 / 10, 12);
    expect(binary.effectiveCount).toBeCloseTo(100 / 34, 12);
  });
});
