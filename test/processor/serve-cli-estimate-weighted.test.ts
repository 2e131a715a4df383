/**
 * CBPE on sampled predictions, two ways: a training profile with labeled scores (`mlmon
 * baseline --label-column`) as the reference of `mlmon serve`, the real OTel SDK sending a
 * window of predictions carrying `ml.sampling.probability` and then their labels; and `mlmon
 * estimate --sampling-probability-column` on the same rows as files. The estimates, their band
 * (σ) and the realized values agree, and they differ from the unweighted file's (so the weights
 * are really read). The rows are the `overconfident_shifted` case of `scripts/cbpe.py`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ATTR_ML_SAMPLING_PROBABILITY } from '@mlmon/conventions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEstimate, type EstimateReport } from '../../processor/src/cli/commands/estimate.js';
import type { QualityEstimateResult } from '../../processor/src/evaluate/window-result.js';
import { toleranceMiss } from '../golden/tolerance.js';
import { writeCsv } from '../cli/cli-files.js';
import {
  estimationSlices,
  serveBinaryEstimationWindow,
  latestEstimates,
} from './support/estimation-window.js';
import { T1 } from './support/scenario.js';
import type { TestService } from './support/start-service.js';

interface Side {
  scores: number[];
  labels: number[];
}
const golden = (
  JSON.parse(readFileSync(new URL('../golden/cbpe.json', import.meta.url), 'utf8')) as {
    cases: { name: string; reference: Side; current: Side }[];
  }
).cases.find((c) => c.name === 'overconfident_shifted')!;

const MODEL = 'churn';
/** Predictions scored ≥ 0.5 kept with probability 0.2 (w = 5), the others whole. */
const P = golden.current.scores.map((s) => (s >= 0.5 ? 0.2 : 1));

describe('mlmon serve and mlmon estimate agree on sampled predictions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlmon-estimate-weighted-'));
  let svc: TestService;
  let stream: QualityEstimateResult[];
  let weighted: EstimateReport;
  let unweighted: EstimateReport;

  beforeAll(async () => {
    const ref = golden.reference;
    svc = await serveBinaryEstimationWindow(dir, MODEL, T1, ref, golden.current, (i) => ({
      [ATTR_ML_SAMPLING_PROBABILITY]: P[i]!,
    }));
    stream = latestEstimates(await estimationSlices(svc, MODEL), {});
    const reference = writeCsv(
      join(dir, 'reference.csv'),
      ['score', 'label'],
      ref.scores.map((s, i) => [s, ref.labels[i]!]),
    );
    const current = writeCsv(
      join(dir, 'current.csv'),
      ['score', 'label', 'p'],
      golden.current.scores.map((s, i) => [s, golden.current.labels[i]!, P[i]!]),
    );
    const options = {
      reference,
      current,
      task: 'binary_classification' as const,
      labelColumn: 'label',
      scoreColumn: 'score',
    };
    weighted = await runEstimate({ ...options, samplingProbabilityColumn: 'p' });
    unweighted = await runEstimate(options);
  }, 60_000);

  afterAll(async () => {
    await svc?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the stream estimates, band and realized values from the weighted file', () => {
    expect(stream.map((e) => e.metric).sort()).toEqual(
      weighted.metrics.map((m) => m.metric).sort(),
    );
    const misses = stream.flatMap((e) => {
      const file = weighted.metrics.find((m) => m.metric === e.metric)!;
      return [
        toleranceMiss(e.value, file.estimate),
        toleranceMiss(e.sigma, file.sigma),
        toleranceMiss(e.realized, file.realized ?? null),
      ].flatMap((m) => (m === null ? [] : [`${e.metric}: ${m}`]));
    });
    expect(misses).toEqual([]);
    expect(weighted.current_weight).toBeCloseTo(
      P.reduce((sum, p) => sum + 1 / p, 0),
      9,
    );
  });

  it('differs from the unweighted file', () => {
    const accuracy = (r: EstimateReport) => r.metrics.find((m) => m.metric === 'accuracy')!;
    expect(Math.abs(accuracy(weighted).estimate! - accuracy(unweighted).estimate!)).toBeGreaterThan(
      1e-3,
    );
    expect(unweighted.current_weight).toBeUndefined();
  });
});
