/**
 * End to end: a training profile with labeled scores (`mlmon baseline --label-column`) is the
 * reference; the real OTel SDK sends a window of predictions (two slices) through `mlmon
 * serve`, then their labels. The status API and `/metrics` carry the CBPE estimates, bands and
 * estimation errors that the NumPy/sklearn script (`test/golden/scripts/cbpe.py`) computes on
 * the same rows, for the all-slices stream and for each slice.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ATTR_ML_SLICE } from '@mlmon/conventions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QualityEstimateResult } from '../../processor/src/evaluate/window-result.js';
import { expectClose } from '../golden/tolerance.js';
import { parsePrometheus, select, type Sample } from './support/prometheus-parse.js';
import {
  estimationSlices,
  serveBinaryEstimationWindow,
  latestEstimates,
  type EstimationSlice,
} from './support/estimation-window.js';
import { T1 } from './support/scenario.js';
import type { TestService } from './support/start-service.js';

type Values = Record<string, number>;
interface Golden {
  reference: { scores: number[]; labels: number[] };
  current: { scores: number[]; labels: number[]; realized: Values };
  estimates: Values;
  sigma: Values;
  slices: Record<string, { estimates: Values; sigma: Values; realized: Values }>;
}
const golden = (
  JSON.parse(readFileSync(new URL('../golden/cbpe.json', import.meta.url), 'utf8')) as {
    cases: (Golden & { name: string })[];
  }
).cases.find((c) => c.name === 'overconfident_shifted')!;

const MODEL = 'churn';
const region = (i: number): string => (i % 2 === 0 ? 'eu' : 'us');
/** Realized from labels in mlmon's quality (its ROC AUC is binned, so not compared here). */
const CONFUSION_METRICS = ['accuracy', 'precision', 'recall', 'f1', 'specificity'];

describe('mlmon serve: quality estimated before labels (CBPE)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlmon-estimation-'));
  let svc: TestService;
  let slices: EstimationSlice[];
  let samples: Sample[];

  beforeAll(async () => {
    // The labels come later, still inside the window, so it reports realized values too.
    svc = await serveBinaryEstimationWindow(
      dir,
      MODEL,
      T1,
      golden.reference,
      golden.current,
      (i) => ({
        [ATTR_ML_SLICE('region')]: region(i),
      }),
    );
    slices = await estimationSlices(svc, MODEL);
    samples = parsePrometheus(await svc.metrics());
  });

  afterAll(async () => {
    await svc?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const estimatesOf = (slice: Record<string, string>) => latestEstimates(slices, slice);

  const check = (got: QualityEstimateResult[], want: Omit<Golden['slices'][string], never>) => {
    for (const e of got) {
      expectClose(`${e.metric}`, e.value, want.estimates[e.metric]!);
      expectClose(`σ ${e.metric}`, e.sigma, want.sigma[e.metric]!);
      expectClose(`lower ${e.metric}`, e.lower, Math.max(0, e.value! - 3 * e.sigma!));
      if (CONFUSION_METRICS.includes(e.metric)) {
        expectClose(`realized ${e.metric}`, e.realized, want.realized[e.metric]!);
        expectClose(`error ${e.metric}`, e.error, e.value! - want.realized[e.metric]!);
      }
    }
  };

  it('the all-slices stream: estimates, band and errors as the script computes them', () => {
    const all = slices.find((s) => Object.keys(s.slice).length === 0)!;
    expect(all.estimation!.latest).toMatchObject({
      calibrated: true,
      referenceRows: golden.reference.scores.length,
      predictions: golden.current.scores.length,
    });
    check(estimatesOf({}), { ...golden, realized: golden.current.realized });
  });

  it('each slice: its own window size, so its own band', () => {
    check(estimatesOf({ region: 'eu' }), golden.slices['eu']!);
    check(estimatesOf({ region: 'us' }), golden.slices['us']!);
  });

  it('exports the estimate, its band and the error on /metrics', () => {
    const pick = (name: string, labels: Record<string, string | undefined>) =>
      select(samples, name, {
        ml_quality_metric: 'accuracy',
        ml_slice_region: undefined,
        ...labels,
      });
    const [estimate] = pick('ml_quality_estimate', {});
    expectClose('estimate', estimate?.value, golden.estimates['accuracy']!);
    expect(estimate?.labels['ml_reference_kind']).toBe('training');
    const [upper] = pick('ml_quality_estimate_bound', { ml_quality_bound: 'upper' });
    expectClose(
      'upper',
      upper?.value,
      golden.estimates['accuracy']! + 3 * golden.sigma['accuracy']!,
    );
    const [error] = pick('ml_quality_estimation_error', {});
    expectClose(
      'error',
      error?.value,
      golden.estimates['accuracy']! - golden.current.realized['accuracy']!,
    );
  });
});
