/**
 * Version comparison through a real in-process `mlmon serve`, fed by the real OTel JS SDK over
 * OTLP/HTTP: the golden case (test/golden/scripts/versions.py) sends each request's prediction
 * from version 1 (the configured baseline) and version 2 — as good in region eu, degraded in
 * region us — with their labels, in one window. The comparison on version 2's results, on
 * /metrics and on the status API equals NumPy/SciPy's per slice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VersionComparisonResult } from '../../processor/src/evaluate/version-comparison-result.js';
import type { WindowResult } from '../../processor/src/evaluate/window-result.js';
import { VERSIONS_CASE } from '../golden/versions-golden-data.js';
import { select, type Sample } from './support/prometheus-parse.js';
import { serveVersionCase, version2ComparisonOf } from './support/versions-scenario.js';
import type { TestService } from './support/start-service.js';

const MODEL = 'loans';
const { expected } = VERSIONS_CASE;

describe('version comparison through mlmon serve with the OTel SDK', () => {
  let svc: TestService;
  let results: WindowResult[];
  let samples: Sample[];

  beforeAll(async () => {
    ({ svc, results, samples } = await serveVersionCase(MODEL));
  }, 60_000);

  afterAll(async () => {
    await svc?.stop();
  });

  it.each(['', 'eu', 'us'])('equals NumPy/SciPy in slice "%s"', (region) => {
    const e = expected[region]!;
    const c = version2ComparisonOf(results, region)!;
    expect(c.baselineVersion).toBe('1');
    expect(c.baselineSource).toBe('configured');
    expect(c.verdict).toBe(e.verdict);
    const [test] = c.tests;
    expect(test!.baseline).toEqual({ successes: e.baseline.correct, trials: e.baseline.n });
    expect(test!.candidate).toEqual({ successes: e.candidate.correct, trials: e.candidate.n });
    expect(test!.pWorse / e.p_worse).toBeCloseTo(1, 9);
    expect(test!.pBetter / e.p_better).toBeCloseTo(1, 9);
    const delta = (name: string) => c.deltas.find((d) => d.comparison === name)!.delta;
    expect(delta('accuracy')).toBeCloseTo(e.deltas.accuracy, 12);
    expect(delta('brier_score')).toBeCloseTo(e.deltas.brier_score, 12);
    expect(delta('ece')).toBeCloseTo(e.deltas.ece, 12);
    expect(delta('score_mean')).toBeCloseTo(e.deltas.score_mean, 12);
    const ks = c.predictionDrift.find(
      (d) => d.method === 'ks' && d.feature === 'ml.prediction.score',
    );
    expect(ks!.score).toBeCloseTo(e.ks, 12);
  });

  it('compares no version with itself: the baseline has no comparison', () => {
    expect(results.filter((r) => r.stream.modelVersion === '1' && r.versionComparison)).toEqual([]);
  });

  it('exports the verdict state set and the deltas to Prometheus', () => {
    const base = { ml_model_name: MODEL, ml_model_version: '2', ml_version_baseline: '1' };
    for (const region of ['eu', 'us']) {
      const worse = select(samples, 'ml_version_status', {
        ...base,
        ml_slice_region: region,
        ml_version_verdict: expected[region]!.verdict,
      });
      expect(worse.map((s) => s.value)).toEqual([1]);
      const accuracy = select(samples, 'ml_version_delta', {
        ...base,
        ml_slice_region: region,
        ml_version_comparison: 'accuracy',
      });
      expect(accuracy[0]!.value).toBeCloseTo(expected[region]!.deltas.accuracy, 12);
    }
    // The baseline's own series carry no comparison.
    expect(select(samples, 'ml_version_status', { ml_model_version: '1' })).toEqual([]);
  });

  it('serves the comparison per slice on the status API', async () => {
    const url = `http://127.0.0.1:${svc.addresses.prometheusPort}/api/v1/models/${MODEL}/versions/2`;
    const detail = (await (await fetch(url)).json()) as {
      slices: {
        label: string;
        versions?: { latest: VersionComparisonResult; history: ({ verdict: string } | null)[] };
      }[];
    };
    const us = detail.slices.find((s) => s.label === 'region=us')!;
    expect(us.versions!.latest.verdict).toBe(expected['us']!.verdict);
    expect(us.versions!.history.at(-1)!.verdict).toBe(expected['us']!.verdict);
  });
});

describe('shadow mode through mlmon serve: both versions score the same requests', () => {
  let svc: TestService;
  let results: WindowResult[];
  let samples: Sample[];

  beforeAll(async () => {
    // One label per request; it joins both versions' predictions.
    ({ svc, results, samples } = await serveVersionCase(MODEL, true));
  }, 60_000);

  afterAll(async () => {
    await svc?.stop();
  });

  it.each(['', 'eu', 'us'])(
    'agreement, score differences and verdict equal NumPy in slice "%s"',
    (region) => {
      const e = expected[region]!;
      const c = version2ComparisonOf(results, region)!;
      expect(c.shadow!.pairs).toBe(e.shadow.pairs);
      expect(c.shadow!.decided).toBe(e.shadow.pairs);
      expect(c.shadow!.agreement).toBeCloseTo(e.shadow.agreement, 12);
      expect(c.shadow!.scoreDifferenceMean).toBeCloseTo(e.shadow.score_difference_mean, 12);
      expect(c.shadow!.scoreDifferenceAbsMean).toBeCloseTo(e.shadow.score_difference_abs_mean, 12);
      // Each request's one label joined both versions' predictions.
      expect(c.tests[0]!.baseline).toEqual({ successes: e.baseline.correct, trials: e.baseline.n });
      expect(c.tests[0]!.candidate).toEqual({
        successes: e.candidate.correct,
        trials: e.candidate.n,
      });
      expect(c.verdict).toBe(e.verdict);
    },
  );

  it('exports the agreement and the pairs to Prometheus', () => {
    const base = { ml_model_name: MODEL, ml_model_version: '2', ml_slice_region: 'us' };
    const agreement = select(samples, 'ml_version_shadow_value', {
      ...base,
      ml_version_shadow_statistic: 'agreement',
    });
    expect(agreement[0]!.value).toBeCloseTo(expected['us']!.shadow.agreement, 12);
    expect(select(samples, 'ml_version_shadow_pairs', base)[0]!.value).toBe(
      expected['us']!.shadow.pairs,
    );
  });
});
