/**
 * Regression version comparison through a real in-process `mlmon serve`, fed by the real OTel JS
 * SDK over OTLP/HTTP: the golden case (test/golden/scripts/version_regression.py) sends each
 * request's prediction from version 1 (the configured baseline) and version 2 — as good in
 * region eu, with wider skewed errors in region us — each sampled with a probability, then the
 * actual values, in one window. The MAE test, its verdict, the deltas and the predicted values'
 * KS against the baseline's equal NumPy/SciPy's per slice, weighted and at Kish's effective size.
 */
import {
  ATTR_ML_MODEL_TASK,
  ATTR_ML_PREDICTION_VALUE,
  ATTR_ML_SAMPLING_PROBABILITY,
  ML_MODEL_TASK_VALUE_REGRESSION,
} from '@mlmon/conventions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VersionComparisonResult } from '../../processor/src/evaluate/version-comparison-result.js';
import type { WindowResult } from '../../processor/src/evaluate/window-result.js';
import { VERSION_REGRESSION_CASE } from '../golden/version-regression-golden-data.js';
import { sendOneWindow } from './support/one-window.js';
import { select, type Sample } from './support/prometheus-parse.js';
import { T0 } from './support/scenario.js';
import { startTestService, type TestService } from './support/start-service.js';
import { twoVersionEvents, version2ComparisonOf } from './support/versions-scenario.js';

const MODEL = 'prices';
const { rows, expected } = VERSION_REGRESSION_CASE;

describe('regression version comparison through mlmon serve with the OTel SDK', () => {
  let svc: TestService;
  let results: WindowResult[];
  let samples: Sample[];

  beforeAll(async () => {
    svc = await startTestService(T0, { modelVersions: [{ model: MODEL, baseline: '1' }] });
    const events = twoVersionEvents(MODEL, T0, {
      region: rows.region,
      label: rows.actual,
      prediction: (version, i) => ({
        [ATTR_ML_MODEL_TASK]: ML_MODEL_TASK_VALUE_REGRESSION,
        [ATTR_ML_PREDICTION_VALUE]: version === '1' ? rows.value_1[i]! : rows.value_2[i]!,
        [ATTR_ML_SAMPLING_PROBABILITY]: rows.sampling_probability[i]!,
      }),
    });
    ({ results, samples } = await sendOneWindow(svc, T0, events));
  }, 60_000);

  afterAll(async () => {
    await svc?.stop();
  });

  it.each(['', 'eu', 'us'])('tests the MAE as NumPy/SciPy do in slice "%s"', (region) => {
    const e = expected[region]!;
    const c = version2ComparisonOf(results, region)!;
    expect(c.baselineVersion).toBe('1');
    expect(c.verdict).toBe(e.verdict);
    expect(c.tests).toHaveLength(1);
    const test = c.tests[0]!;
    expect(test.comparison).toBe('mae');
    if (test.comparison !== 'mae') return;
    expect(test.baseline.mean).toBeCloseTo(e.baseline.mean, 9);
    expect(test.baseline.samples).toBeCloseTo(e.baseline.n, 9);
    expect(test.candidate.mean).toBeCloseTo(e.candidate.mean, 9);
    expect(test.candidate.samples).toBeCloseTo(e.candidate.n, 9);
    expect(test.pWorse / e.p_worse).toBeCloseTo(1, 6);
    expect(test.pBetter / e.p_better).toBeCloseTo(1, 6);
    const delta = (name: string) => c.deltas.find((d) => d.comparison === name)!.delta;
    expect(delta('mae')).toBeCloseTo(e.deltas.mae, 9);
    expect(delta('rmse')).toBeCloseTo(e.deltas.rmse, 9);
    const ks = c.predictionDrift.find(
      (d) => d.method === 'ks' && d.feature === 'ml.prediction.value',
    );
    expect(ks!.score).toBeCloseTo(e.ks, 12);
  });

  it('exports the MAE p-value, delta and verdict to Prometheus', () => {
    const base = { ml_model_name: MODEL, ml_model_version: '2', ml_version_baseline: '1' };
    for (const region of ['eu', 'us']) {
      const e = expected[region]!;
      const slice = { ...base, ml_slice_region: region };
      const p = select(samples, 'ml_version_p_value', { ...slice, ml_version_comparison: 'mae' });
      expect(p.map((s) => s.value / e.p_worse)[0]).toBeCloseTo(1, 6);
      const mae = select(samples, 'ml_version_delta', { ...slice, ml_version_comparison: 'mae' });
      expect(mae[0]!.value).toBeCloseTo(e.deltas.mae, 9);
      const status = select(samples, 'ml_version_status', {
        ...slice,
        ml_version_verdict: e.verdict,
      });
      expect(status.map((s) => s.value)).toEqual([1]);
    }
  });

  it('serves the MAE delta per window on the status API', async () => {
    const url = `http://127.0.0.1:${svc.addresses.prometheusPort}/api/v1/models/${MODEL}/versions/2`;
    const detail = (await (await fetch(url)).json()) as {
      slices: {
        label: string;
        versions?: { latest: VersionComparisonResult; history: ({ maeDelta?: number } | null)[] };
      }[];
    };
    const us = detail.slices.find((s) => s.label === 'region=us')!;
    expect(us.versions!.latest.verdict).toBe(expected['us']!.verdict);
    expect(us.versions!.history.at(-1)!.maeDelta).toBeCloseTo(expected['us']!.deltas.mae, 9);
  });
});
