/**
 * "Where quality fell" through `mlmon serve` with the real OTel JS SDK as the client: three
 * windows of a binary model's predictions (a numeric and a categorical feature, a slice), each
 * followed by its label, over OTLP/HTTP protobuf; in the third, country FR's labels disagree far
 * more often. The status API's and `/metrics`' attribution of the third window equals the SciPy
 * script's (`test/golden/scripts/quality_attribution.py`): bins, shares, errors, contributions,
 * Fisher p-values and the Bonferroni-corrected flags, with FR ranked first; and the
 * error-vs-feature drift (`ml.drift.kind=error`) of each attribute equals SciPy's chi².
 */
import { readFileSync } from 'node:fs';
import {
  ATTR_ML_FEATURES,
  ATTR_ML_GROUND_TRUTH_VALUE,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_TASK,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_PREDICTION_ID,
  ATTR_ML_PREDICTION_SCORE,
  ATTR_ML_SLICE,
  EVENT_ML_GROUND_TRUTH,
  EVENT_ML_PREDICTION,
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
} from '@mlmon/conventions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QualityAttributionResult } from '../../processor/src/evaluate/window-result.js';
import { expectClose } from '../golden/tolerance.js';
import { parsePrometheus, select, type Sample } from './support/prometheus-parse.js';
import { closedAfter, T0, WINDOW_SECONDS, type ScenarioEvent } from './support/scenario.js';
import { sdkLogs, startTestService, type TestService } from './support/start-service.js';

interface Row {
  id: string;
  amount: number;
  country: string;
  channel: string;
  score: number;
  label: 0 | 1;
}
const golden = JSON.parse(
  readFileSync(new URL('../golden/quality_attribution.json', import.meta.url), 'utf8'),
) as {
  windows: Row[][];
  expected: QualityAttributionResult;
  error_drift: Record<string, { statistic: number; p_value: number }>;
};
const MODEL = 'churn';
const W = WINDOW_SECONDS * 1000;

function events(rows: Row[], startMs: number): ScenarioEvent[] {
  return rows.flatMap((r, i): ScenarioEvent[] => [
    {
      eventName: EVENT_ML_PREDICTION,
      timeMs: startMs + 1_000 + i,
      attributes: {
        [ATTR_ML_MODEL_NAME]: MODEL,
        [ATTR_ML_MODEL_VERSION]: '1',
        [ATTR_ML_MODEL_TASK]: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
        [ATTR_ML_PREDICTION_ID]: r.id,
        [ATTR_ML_PREDICTION_SCORE]: r.score,
        [ATTR_ML_SLICE('channel')]: r.channel,
        [ATTR_ML_FEATURES]: { amount: r.amount, country: r.country },
      },
    },
    {
      eventName: EVENT_ML_GROUND_TRUTH,
      timeMs: startMs + 1_000 + i,
      attributes: { [ATTR_ML_PREDICTION_ID]: r.id, [ATTR_ML_GROUND_TRUTH_VALUE]: r.label },
    },
  ]);
}

describe('mlmon serve: where quality fell', () => {
  let svc: TestService;
  let samples: Sample[];

  beforeAll(async () => {
    svc = await startTestService(T0);
    const sdk = sdkLogs(svc.addresses, 'http/protobuf');
    for (const [w, rows] of golden.windows.entries()) {
      const start = T0 + w * W;
      svc.clock.set(start + 5_000);
      await sdk.send(events(rows, start));
      svc.clock.set(closedAfter(start));
      await svc.service.flush();
    }
    await sdk.shutdown();
    samples = parsePrometheus(await svc.metrics());
  }, 120_000);

  afterAll(async () => {
    await svc?.stop();
  });

  it('ranks the bins of the last window as the SciPy script does', async () => {
    const base = `http://127.0.0.1:${svc.addresses.prometheusPort}`;
    const detail = (await (await fetch(`${base}/api/v1/models/${MODEL}/versions/1`)).json()) as {
      slices: { label: string; qualityAttribution?: (QualityAttributionResult | null)[] }[];
    };
    const all = detail.slices.find((s) => s.label === 'all')!;
    const got = all.qualityAttribution!.at(-1)!;
    const want = golden.expected;
    expect(got.metric).toBe(want.metric);
    expect(got.binsTested).toBe(want.binsTested);
    expect(got.rows.map((r) => [r.attribute, r.bin])).toEqual(
      want.rows.map((r) => [r.attribute, r.bin]),
    );
    for (const [i, r] of got.rows.entries()) {
      const e = want.rows[i]!;
      const at = `${r.attribute}=${r.bin}`;
      expect(r.pairs, at).toBe(e.pairs);
      expect(r.baselinePairs, at).toBe(e.baselinePairs);
      expect(r.significant, at).toBe(e.significant);
      for (const k of [
        'share',
        'error',
        'baselineError',
        'contribution',
        'mixContribution',
        'pValue',
      ] as const)
        expectClose(`${at} ${k}`, r[k] ?? null, e[k] ?? null);
    }
    expect(got.rows[0]).toMatchObject({ attribute: 'country', bin: 'FR', significant: true });
  });

  it('decides error-vs-feature drift per attribute by chi², as SciPy', () => {
    for (const [attribute, e] of Object.entries(golden.error_drift)) {
      const points = select(samples, 'ml_drift_p_value', {
        ml_model_name: MODEL,
        ml_drift_kind: 'error',
        ml_drift_method: 'chi2',
        ml_feature_name: attribute,
      }).filter((p) => p.labels['ml_slice_channel'] === undefined);
      expect(points.length, attribute).toBe(1);
      expectClose(`${attribute} p`, points[0]!.value, e.p_value);
    }
  });

  it('exports the significant bins as ml.quality.attribution', () => {
    const significant = golden.expected.rows.filter((r) => r.significant);
    const series = select(samples, 'ml_quality_attribution', { ml_model_name: MODEL }).filter(
      (s) => s.labels['ml_slice_channel'] === undefined,
    );
    expect(
      series.map((s) => [s.labels['ml_feature_name'], s.labels['ml_feature_bin']]).sort(),
    ).toEqual(significant.map((r) => [r.attribute, r.bin]).sort());
    for (const r of significant) {
      const [point] = series.filter(
        (s) => s.labels['ml_feature_name'] === r.attribute && s.labels['ml_feature_bin'] === r.bin,
      );
      expectClose(`${r.attribute}=${r.bin}`, point?.value, r.contribution ?? null);
    }
  });
});
