/**
 * Weighted multiclass and regression pairs through a real in-process `mlmon serve`, fed by the
 * real OTel JS SDK over OTLP/HTTP protobuf: the golden cases of
 * test/golden/scripts/weighted_labeled_pairs.py (NumPy, repeated rows and `weights=`) as sampled
 * `ml.prediction` events (`ml.sampling.probability`) and their `ml.ground_truth` events, split
 * over two slices. The window results carry the weighted metrics and Kish's effective size of
 * the pairs (`samples.effectiveLabeled`, which the label alerts count), /metrics the values.
 */
import {
  ATTR_ML_MODEL_CLASSES,
  ATTR_ML_PREDICTION_PROBABILITIES,
  ATTR_ML_PREDICTION_VALUE,
  ATTR_ML_GROUND_TRUTH_LABEL,
  ATTR_ML_GROUND_TRUTH_VALUE,
  ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_REGRESSION,
} from '@mlmon/conventions';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WindowResult } from '../../processor/src/evaluate/window-result.js';
import { expectClose } from '../golden/tolerance.js';
import { select, type Sample } from './support/prometheus-parse.js';
import { sampledPair } from './support/sampled-pairs.js';
import { T0, type ScenarioEvent } from './support/scenario.js';
import { startTestService, type TestService } from './support/start-service.js';
import { sendOneWindow } from './support/one-window.js';

interface Golden {
  multiclass: {
    name: string;
    probabilities: number[][];
    labels: number[];
    sampling_probabilities: number[];
    expected: Record<string, number>;
  }[];
  regression: {
    name: string;
    predicted: number[];
    actual: number[];
    sampling_probabilities: number[];
    expected: Record<string, number>;
  }[];
}
const golden = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../golden/weighted_labeled_pairs.json', import.meta.url)),
    'utf8',
  ),
) as Golden;
const MULTICLASS = golden.multiclass.find((c) => c.name === 'fractional p')!;
const REGRESSION = golden.regression.find((c) => c.name === 'whole weights')!;

function events(): ScenarioEvent[] {
  const classes = MULTICLASS.probabilities[0]!.map((_, k) => `c${k}`);
  const pairs = [
    ...MULTICLASS.probabilities.map((probabilities, i) =>
      sampledPair(
        'intent',
        ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION,
        i,
        MULTICLASS.sampling_probabilities[i]!,
        { [ATTR_ML_PREDICTION_PROBABILITIES]: probabilities, [ATTR_ML_MODEL_CLASSES]: classes },
        { [ATTR_ML_GROUND_TRUTH_LABEL]: `c${MULTICLASS.labels[i]}` },
      ),
    ),
    ...REGRESSION.predicted.map((value, i) =>
      sampledPair(
        'eta',
        ML_MODEL_TASK_VALUE_REGRESSION,
        i,
        REGRESSION.sampling_probabilities[i]!,
        { [ATTR_ML_PREDICTION_VALUE]: value },
        { [ATTR_ML_GROUND_TRUTH_VALUE]: REGRESSION.actual[i]! },
      ),
    ),
  ];
  return [...pairs.map(([p]) => p), ...pairs.map(([, t]) => t)];
}

describe('weighted multiclass and regression pairs through mlmon serve with the OTel SDK', () => {
  let svc: TestService;
  let results: WindowResult[];
  let samples: Sample[];

  beforeAll(async () => {
    svc = await startTestService(T0);
    ({ results, samples } = await sendOneWindow(svc, T0, events()));
  }, 60_000);

  afterAll(async () => {
    await svc?.stop();
  });

  const allSlices = (model: string): WindowResult =>
    results.find((r) => r.stream.modelName === model && Object.keys(r.stream.slice).length === 0)!;
  const quality = (r: WindowResult, metric: string) =>
    r.quality.find((q) => q.metric === metric)?.value;

  it('weighs the multiclass pairs as NumPy does and counts their n_eff', () => {
    const r = allSlices('intent');
    const e = MULTICLASS.expected;
    expectClose('accuracy', quality(r, 'accuracy'), e['accuracy']!);
    expectClose('macro F1', quality(r, 'macro_f1'), e['macro_f1']!);
    expectClose('log loss', quality(r, 'log_loss'), e['log_loss']!);
    expectClose('n_eff', r.samples.effectiveLabeled, e['effective_count']!);
    expect(r.samples.labeled).toBe(MULTICLASS.labels.length);
  });

  it('weighs the regression pairs as NumPy does and counts their n_eff', () => {
    const r = allSlices('eta');
    const e = REGRESSION.expected;
    expectClose('MAE', quality(r, 'mae'), e['mae']!);
    expectClose('RMSE', quality(r, 'rmse'), e['rmse']!);
    expectClose('R²', quality(r, 'r2'), e['r2']!);
    expectClose('n_eff', r.samples.effectiveLabeled, e['effective_count']!);
  });

  it('exports the weighted values on /metrics', () => {
    const value = (model: string, metric: string) =>
      select(samples, 'ml_quality_score', {
        ml_model_name: model,
        ml_quality_metric: metric,
        ml_slice_region: undefined,
      })[0]?.value;
    expectClose('accuracy', value('intent', 'accuracy'), MULTICLASS.expected['accuracy']!);
    expectClose('R²', value('eta', 'r2'), REGRESSION.expected['r2']!);
  });
});
