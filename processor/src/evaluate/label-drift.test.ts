import { readFileSync } from 'node:fs';
import {
  ATTR_ML_GROUND_TRUTH_LABEL,
  ML_DRIFT_KIND_VALUE_GROUND_TRUTH,
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_REGRESSION,
} from '@mlmon/conventions';
import { describe, expect, it } from 'vitest';
import { aGroundTruth, aPrediction, logsRequest } from '../../../test/fixtures/builders.js';
import { ingest } from '../core.js';
import { closeWindows } from '../state/close-windows.js';
import type { MonitorState } from '../state/monitor-state.js';
import { createState } from '../state/streams.js';
import { evaluateWindow } from './evaluate-window.js';
import { ReferenceCache } from './reference-cache.js';
import type { DriftResult } from './window-result.js';

interface GoldenCase {
  name: string;
  reference: number[];
  current: number[];
  p_value: number;
}
const golden = (
  JSON.parse(
    readFileSync(new URL('../../../test/golden/label_drift.json', import.meta.url), 'utf8'),
  ) as { cases: GoldenCase[] }
).cases;
const goldenCase = (name: string): GoldenCase => golden.find((c) => c.name === name)!;

const W = 60_000;
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % W);
const CLASSES = ['cat', 'dog', 'bird'];

/**
 * Sends window `k` of one model: `counts[c]` predictions whose label is class c, each labeled
 * within the window. Binary models score 0.3 or 0.7 by turns (the label distribution, not the
 * score, is what moves); multiclass models predict even probabilities.
 */
function send(state: MonitorState, k: number, task: string, counts: readonly number[]): void {
  const t = T0 + k * W;
  const rows = counts.flatMap((n, c) =>
    Array.from({ length: n }, (_, i) => {
      const id = `${k}-${c}-${i}`;
      const prediction =
        task === ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION
          ? aPrediction({ task, id, timeMs: t + i, score: i % 2 === 0 ? 0.3 : 0.7 })
          : aPrediction({
              task,
              id,
              timeMs: t + i,
              probabilities: [1 / 3, 1 / 3, 1 / 3],
              classes: CLASSES,
            });
      const label =
        task === ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION
          ? aGroundTruth({ predictionId: id, timeMs: t + 5000 + i, value: c })
          : aGroundTruth({ predictionId: id, timeMs: t + 5000 + i, label: CLASSES[c]! });
      return [prediction, label];
    }),
  );
  ingest(state, logsRequest(rows.flat()), t + 10_000);
}

/** Closes window `k` and returns the label drift of its all-slices stream. */
function labelDrift(
  state: MonitorState,
  k: number,
  cache: ReferenceCache,
): DriftResult | undefined {
  const [w] = closeWindows(state, T0 + (k + 1) * W + 1);
  return evaluateWindow(w!, { cache }).drift.find(
    (d) => d.kind === ML_DRIFT_KIND_VALUE_GROUND_TRUTH && d.primary,
  );
}

describe('label drift (ml.drift.kind=ground_truth)', () => {
  it('compares the labels joined in a window with the reference window’s, by chi² (SciPy)', () => {
    const state = createState({ windowSeconds: 60, allowedLatenessSeconds: 0 });
    const cache = new ReferenceCache();
    const task = ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION;
    // Counts per label 0, 1.
    send(state, 0, task, goldenCase('binary_stable').reference);
    expect(labelDrift(state, 0, cache)).toBeUndefined(); // the reference window itself
    send(state, 1, task, goldenCase('binary_stable').current);
    const stable = labelDrift(state, 1, cache)!;
    expect(stable).toMatchObject({
      feature: ATTR_ML_GROUND_TRUTH_LABEL,
      method: 'chi2',
      state: 'no_drift',
      nReference: 200,
      nCurrent: 200,
    });
    expect(stable.pValue).toBeCloseTo(goldenCase('binary_stable').p_value, 12);
    send(state, 2, task, goldenCase('binary_shift').current);
    const shifted = labelDrift(state, 2, cache)!;
    expect(shifted.state).toBe('drift');
    expect(shifted.pValue! / goldenCase('binary_shift').p_value).toBeCloseTo(1, 9);
  });

  it('covers multiclass labels, per class', () => {
    const state = createState({ windowSeconds: 60, allowedLatenessSeconds: 0 });
    const cache = new ReferenceCache();
    const task = ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION;
    const c = goldenCase('multiclass_shift');
    send(state, 0, task, c.reference);
    labelDrift(state, 0, cache);
    send(state, 1, task, c.current);
    const d = labelDrift(state, 1, cache)!;
    expect(d).toMatchObject({ feature: ATTR_ML_GROUND_TRUTH_LABEL, state: 'drift' });
    expect(d.pValue! / c.p_value).toBeCloseTo(1, 9);
  });

  it('compares regression label values by KS (SciPy ks_2samp)', () => {
    const state = createState({ windowSeconds: 60, allowedLatenessSeconds: 0 });
    const cache = new ReferenceCache();
    const task = ML_MODEL_TASK_VALUE_REGRESSION;
    const sendValues = (k: number, labels: readonly number[]): void => {
      const t = T0 + k * W;
      const rows = labels.flatMap((y, i) => {
        const id = `${k}-${i}`;
        return [
          aPrediction({ task, id, timeMs: t + i, value: 50 }),
          aGroundTruth({ predictionId: id, timeMs: t + 5000 + i, value: y }),
        ];
      });
      ingest(state, logsRequest(rows), t + 10_000);
    };
    const stable = goldenCase('regression_stable');
    sendValues(0, stable.reference);
    expect(labelDrift(state, 0, cache)).toBeUndefined();
    sendValues(1, stable.current);
    const d1 = labelDrift(state, 1, cache)!;
    expect(d1.pValue! / stable.p_value).toBeCloseTo(1, 6);
    expect(d1).toMatchObject({
      feature: ATTR_ML_GROUND_TRUTH_LABEL,
      method: 'ks',
      state: 'no_drift',
      nReference: 300,
      nCurrent: 250,
    });
    const shift = goldenCase('regression_shift');
    sendValues(2, shift.current);
    const d = labelDrift(state, 2, cache)!;
    expect(d.pValue! / shift.p_value).toBeCloseTo(1, 6);
  });
});
