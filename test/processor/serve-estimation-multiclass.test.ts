/**
 * End to end: a multiclass training profile with labeled probabilities (`mlmon baseline
 * --label-column --probability-columns`) is the reference; the real OTel SDK sends a window of
 * three-class predictions (two slices, a quarter of them sampled at probability 0.5) through
 * `mlmon serve`, then their labels. The status API and `/metrics` carry the streaming CBPE
 * estimates, bands and estimation errors that the NumPy/sklearn script
 * (`test/golden/scripts/cbpe_multiclass_stream.py`) computes record by record on the same rows.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ATTR_ML_GROUND_TRUTH_LABEL,
  ATTR_ML_MODEL_CLASSES,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_TASK,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_PREDICTION_ID,
  ATTR_ML_PREDICTION_PROBABILITIES,
  ATTR_ML_SAMPLING_PROBABILITY,
  ATTR_ML_SLICE,
  EVENT_ML_GROUND_TRUTH,
  EVENT_ML_PREDICTION,
  ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION,
} from '@mlmon/conventions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QualityEstimateResult } from '../../processor/src/evaluate/window-result.js';
import { BINNED_AUC_TOLERANCE } from '../../processor/src/stats/binned-roc-auc.js';
import { expectClose } from '../golden/tolerance.js';
import { parsePrometheus, select, type Sample } from './support/prometheus-parse.js';
import {
  estimationSlices,
  expectGoldenEstimates,
  latestEstimates,
  sendLabeledWindow,
  serveWithTrainingProfile,
  type EstimationSlice,
  type GoldenEstimationWindow,
} from './support/estimation-window.js';
import { T1, type ScenarioEvent } from './support/scenario.js';
import type { TestService } from './support/start-service.js';

const golden = JSON.parse(
  readFileSync(new URL('../golden/cbpe-multiclass-stream.json', import.meta.url), 'utf8'),
) as {
  classes: string[];
  reference: { probs: number[][]; labels: number[] };
  current: { probs: number[][]; labels: number[]; sampling_probability: number[] };
  all: GoldenEstimationWindow;
  slices: Record<string, GoldenEstimationWindow>;
};

/** The exact-score AUCs of the same window (`scripts/cbpe_multiclass_auc.py`). */
const aucGolden = JSON.parse(
  readFileSync(new URL('../golden/cbpe-multiclass-auc.json', import.meta.url), 'utf8'),
) as { stream: Record<string, { expected_macro: number; realized_macro: number }> };

const MODEL = 'species';
const region = (i: number): string => (i % 2 === 0 ? 'eu' : 'us');
const METRICS = ['accuracy', 'precision', 'recall', 'f1', 'specificity'];

describe('mlmon serve: multiclass quality estimated before labels (CBPE)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlmon-estimation-mc-'));
  let svc: TestService;
  let slices: EstimationSlice[];
  let samples: Sample[];

  beforeAll(async () => {
    // Only the probabilities and the label: the labeled classes alone make a usable profile.
    const rows = golden.reference.probs.map(
      (p, i) => `${p.join(',')},${golden.classes[golden.reference.labels[i]!]}`,
    );
    const served = await serveWithTrainingProfile(
      dir,
      `${golden.classes.join(',')},label`,
      rows,
      { model: MODEL, probabilityColumns: golden.classes, labelColumn: 'label' },
      T1,
    );
    svc = served.svc;
    expect(served.profile.labeledClasses?.labels.length).toBe(golden.reference.labels.length);
    const identity = { [ATTR_ML_MODEL_NAME]: MODEL, [ATTR_ML_MODEL_VERSION]: '1' };
    const predictions: ScenarioEvent[] = golden.current.probs.map((probabilities, i) => ({
      eventName: EVENT_ML_PREDICTION,
      timeMs: T1 + 1000 + i * 100,
      attributes: {
        ...identity,
        [ATTR_ML_MODEL_TASK]: ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION,
        [ATTR_ML_MODEL_CLASSES]: golden.classes,
        [ATTR_ML_PREDICTION_ID]: `p${i}`,
        [ATTR_ML_PREDICTION_PROBABILITIES]: probabilities,
        [ATTR_ML_SAMPLING_PROBABILITY]: golden.current.sampling_probability[i]!,
        [ATTR_ML_SLICE('region')]: region(i),
      },
    }));
    const labels: ScenarioEvent[] = golden.current.labels.map((label, i) => ({
      eventName: EVENT_ML_GROUND_TRUTH,
      timeMs: T1 + 50_000,
      attributes: {
        ...identity,
        [ATTR_ML_PREDICTION_ID]: `p${i}`,
        [ATTR_ML_GROUND_TRUTH_LABEL]: golden.classes[label]!,
      },
    }));
    await sendLabeledWindow(svc, T1, predictions, labels);
    slices = await estimationSlices(svc, MODEL);
    samples = parsePrometheus(await svc.metrics());
  });

  afterAll(async () => {
    await svc?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const estimatesOf = (slice: Record<string, string>) => latestEstimates(slices, slice);

  // The five macro metrics from the sums; the ROC AUC (from the window's bins) is checked below.
  const check = (got: QualityEstimateResult[], want: GoldenEstimationWindow) =>
    expectGoldenEstimates(
      got.filter((e) => e.metric !== 'roc_auc'),
      want,
      METRICS,
    );

  it('the all-slices stream: weighted estimates, band and errors as the script computes them', () => {
    const all = slices.find((s) => Object.keys(s.slice).length === 0)!;
    expect(all.estimation!.latest).toMatchObject({
      calibrated: true,
      referenceRows: golden.reference.labels.length,
      predictions: golden.current.labels.length,
    });
    check(estimatesOf({}), golden.all);
  });

  it('each slice: its own sums and window size, so its own estimate and band', () => {
    check(estimatesOf({ region: 'eu' }), golden.slices['eu']!);
    check(estimatesOf({ region: 'us' }), golden.slices['us']!);
  });

  it("the one-vs-rest macro ROC AUC, estimated and realized, within the bins' tolerance", () => {
    for (const [slice, want] of [
      [{}, aucGolden.stream.all],
      [{ region: 'eu' }, aucGolden.stream['eu']!],
      [{ region: 'us' }, aucGolden.stream['us']!],
    ] as const) {
      const auc = estimatesOf(slice).find((e) => e.metric === 'roc_auc');
      expect(Math.abs(auc!.value! - want.expected_macro)).toBeLessThan(BINNED_AUC_TOLERANCE);
      expect(Math.abs(auc!.realized! - want.realized_macro)).toBeLessThan(BINNED_AUC_TOLERANCE);
      expect(auc!.error).toBeCloseTo(auc!.value! - auc!.realized!, 12);
      expect(auc!.sigma).toBeGreaterThan(0);
    }
  });

  it('exports the macro estimate, its band and the error on /metrics', () => {
    const pick = (name: string, labels: Record<string, string | undefined>) =>
      select(samples, name, { ml_quality_metric: 'f1', ml_slice_region: undefined, ...labels });
    const [estimate] = pick('ml_quality_estimate', {});
    expectClose('estimate', estimate?.value, golden.all.estimates['f1']!);
    const [lower] = pick('ml_quality_estimate_bound', { ml_quality_bound: 'lower' });
    expectClose('lower', lower?.value, golden.all.estimates['f1']! - 3 * golden.all.sigma['f1']!);
    const [error] = pick('ml_quality_estimation_error', {});
    expectClose('error', error?.value, golden.all.estimates['f1']! - golden.all.realized['f1']!);
  });
});
