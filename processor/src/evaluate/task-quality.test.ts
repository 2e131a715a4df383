import {
  ML_MODEL_TASK_VALUE_ANOMALY_DETECTION,
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_FORECASTING,
  ML_MODEL_TASK_VALUE_REGRESSION,
  ML_QUALITY_METRIC_VALUE_ACCURACY,
  ML_QUALITY_METRIC_VALUE_MAE,
  ML_QUALITY_METRIC_VALUE_ROC_AUC,
} from '@mlmon/conventions';
import { describe, expect, it } from 'vitest';
import { aGroundTruth, aPrediction, logsRequest } from '../../../test/fixtures/builders.js';
import { ingest } from '../core.js';
import { closeWindows } from '../state/close-windows.js';
import { createState } from '../state/streams.js';
import { evaluateWindow } from './evaluate-window.js';
import type { WindowResult } from './window-result.js';

const W = 60_000;
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % W);

/**
 * The all-slices result of one window of model `model` (task `task`): 40 predictions, each
 * labeled at once. `output(i)` gives prediction i's outputs, `truth(i)` its ground truth.
 */
function scoredWindow(
  model: string,
  task: string,
  output: (i: number) => { score?: number; value?: number },
  truth: (i: number) => { label?: string; value?: number },
): WindowResult {
  const state = createState({ windowSeconds: 60, allowedLatenessSeconds: 0 });
  const rows = Array.from({ length: 40 }, (_, i) => [
    aPrediction({ model, task, id: `${model}-${i}`, timeMs: T0 + i, ...output(i) }),
    aGroundTruth({ predictionId: `${model}-${i}`, timeMs: T0 + 100 + i, ...truth(i) }),
  ]).flat();
  ingest(state, logsRequest(rows), T0 + 1000);
  const closed = closeWindows(state, T0 + W + 1).filter((w) => w.stream.model === model);
  return evaluateWindow(closed.find((w) => Object.keys(w.stream.slices).length === 0)!);
}

describe('quality per declared task', () => {
  it('scores a forecasting model as regression of its forecast value', () => {
    const forecast = (i: number) => ({ value: 10 + i });
    const actual = (i: number) => ({ value: 10 + i + ((i * 7) % 5) - 2 });
    const f = scoredWindow('demand', ML_MODEL_TASK_VALUE_FORECASTING, forecast, actual);
    const r = scoredWindow('demand', ML_MODEL_TASK_VALUE_REGRESSION, forecast, actual);
    expect(f.quality.map((q) => q.metric)).toContain(ML_QUALITY_METRIC_VALUE_MAE);
    // (i·7 mod 5) − 2 runs through −2…2 evenly: |error| averages 6/5.
    expect(f.quality.find((q) => q.metric === ML_QUALITY_METRIC_VALUE_MAE)?.value).toBeCloseTo(
      1.2,
      12,
    );
    expect(f.quality).toEqual(r.quality);
  });

  it('scores an anomaly detector as binary classification of its anomaly score', () => {
    const score = (i: number) => ({ score: ((i * 13) % 40) / 40 });
    const truth = (i: number) => ({ value: (i * 13) % 40 >= 24 || i % 9 === 0 ? 1 : 0 });
    const a = scoredWindow('intrusion', ML_MODEL_TASK_VALUE_ANOMALY_DETECTION, score, truth);
    const b = scoredWindow('intrusion', ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION, score, truth);
    expect(a.quality.map((q) => q.metric)).toContain(ML_QUALITY_METRIC_VALUE_ROC_AUC);
    // Accuracy by its definition: the share of rows whose [score >= 0.5] equals the label.
    const rows = Array.from({ length: 40 }, (_, i) => ({ s: score(i).score, y: truth(i).value }));
    const accuracy = rows.filter((r) => (r.s >= 0.5 ? 1 : 0) === r.y).length / rows.length;
    expect(a.quality.find((q) => q.metric === ML_QUALITY_METRIC_VALUE_ACCURACY)?.value).toBeCloseTo(
      accuracy,
      12,
    );
    expect(a.quality).toEqual(b.quality);
    expect(a.calibration).toEqual(b.calibration);
  });
});
