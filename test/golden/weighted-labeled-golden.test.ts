/**
 * Weighted labelled multiclass and regression pairs (METRICS.md "Weighted records (sampling)")
 * against NumPy/SciPy (`scripts/weighted_labeled_pairs.py`: repeated rows and `weights=`),
 * through ingest (`ml.sampling.probability` on the prediction, the weight carried to its label),
 * the window's quality, the size its decisions read (Kish's n_eff: `samples.effectiveLabeled`,
 * the version comparison's trials), a checkpoint round trip, and the quality attribution's
 * Fisher test at a cell's effective size.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../processor/src/core.js';
import { evaluateWindow } from '../../processor/src/evaluate/evaluate-window.js';
import { observe } from '../../processor/src/alerts/alert-evidence.js';
import { createAlertState } from '../../processor/src/alerts/alert-state.js';
import { attributeQuality } from '../../processor/src/evaluate/quality-attribution.js';
import { versionDigestOf } from '../../processor/src/evaluate/version-digest.js';
import type { WindowResult } from '../../processor/src/evaluate/window-result.js';
import { closeWindows } from '../../processor/src/state/close-windows.js';
import { QUALITY_BINS_KIND } from '../../processor/src/state/quality-bins-acc.js';
import { restoreState, serializeState } from '../../processor/src/state/serialize-state.js';
import { createState } from '../../processor/src/state/streams.js';
import {
  aGenAiEvaluation,
  aGroundTruth,
  aPrediction,
  logsRequest,
} from '../fixtures/builders.js';
import type { LogRecord } from '../../processor/src/decode/otlp-types.js';
import { expectClose } from './tolerance.js';

interface MulticlassCase {
  name: string;
  probabilities: number[][];
  labels: number[];
  sampling_probabilities: number[];
  expected: {
    accuracy: number;
    macro_f1: number;
    brier: number;
    log_loss: number;
    class_weights: number[];
    weight: number;
    effective_count: number;
  };
}
interface RegressionCase {
  name: string;
  predicted: number[];
  actual: number[];
  sampling_probabilities: number[];
  expected: { mae: number; rmse: number; mape: number; r2: number; weight: number };
}
interface Golden {
  multiclass: MulticlassCase[];
  regression: (RegressionCase & { expected: { effective_count: number } })[];
  embedding: {
    sampling_probabilities: number[];
    vectors: number[][];
    expected: { mean: number[] };
  };
  evaluation: {
    sampling_probabilities: number[];
    scores: number[];
    labels: string[];
    expected: {
      mean: number;
      p10: number;
      p50: number;
      p90: number;
      label_shares: Record<string, number>;
      pass_ratio: number;
    };
  };
  coverage: {
    sampling_probabilities: number[];
    labelled: number[];
    expected: { coverage: number; effective_count: number; 'p_value_below_0.9': number };
  };
  attribution: {
    weights: number[];
    wrong: number[];
    baseline: { pairs: number; wrong: number };
    expected: { error: number; effective_count: number; p_value: number };
  };
}

const golden = JSON.parse(
  readFileSync(fileURLToPath(new URL('./weighted_labeled_pairs.json', import.meta.url)), 'utf8'),
) as Golden;

const W = 60_000;
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % W);
const OPTIONS = { windowSeconds: 60, allowedLatenessSeconds: 0 };

/** Predictions and their labels in one window; half of them before a checkpoint round trip. */
function evaluate(records: LogRecord[], labels: LogRecord[], checkpoint: boolean) {
  let state = createState(OPTIONS);
  ingest(state, logsRequest(records), T0 + 10);
  if (checkpoint) {
    ingest(state, logsRequest(labels.slice(0, labels.length / 2)), T0 + 20);
    state = restoreState(JSON.parse(JSON.stringify(serializeState(state))), OPTIONS);
    ingest(state, logsRequest(labels.slice(labels.length / 2)), T0 + 30);
  } else ingest(state, logsRequest(labels), T0 + 30);
  const closed = closeWindows(state, T0 + W + 1).find((c) => c.stream.allSlices)!;
  return { closed, result: evaluateWindow(closed) };
}

const quality = (r: WindowResult, metric: string) =>
  r.quality.find((q) => q.metric === metric)?.value;

describe('weighted multiclass pairs against NumPy', () => {
  for (const c of golden.multiclass) {
    const classes = c.probabilities[0]!.map((_, i) => `c${i}`);
    const records = c.probabilities.map((probabilities, i) =>
      aPrediction({
        id: `p${i}`,
        version: '1',
        timeMs: T0 + 1,
        task: 'multiclass_classification',
        probabilities,
        classes,
        samplingProbability: c.sampling_probabilities[i],
      }),
    );
    const labels = c.labels.map((y, i) =>
      aGroundTruth({ predictionId: `p${i}`, timeMs: T0 + 2, label: `c${y}` }),
    );
    for (const checkpoint of [false, true]) {
      it(`${c.name}${checkpoint ? ' (checkpoint)' : ''}: metrics at Σw, decisions at n_eff`, () => {
        const { closed, result } = evaluate(records, labels, checkpoint);
        const e = c.expected;
        expectClose('accuracy', quality(result, 'accuracy'), e.accuracy);
        expectClose('macro F1', quality(result, 'macro_f1'), e.macro_f1);
        expectClose('Brier', quality(result, 'brier_score'), e.brier);
        expectClose('log loss', quality(result, 'log_loss'), e.log_loss);
        expectClose('Σw', result.samples.weighted?.labeled, e.weight);
        expectClose('n_eff', result.samples.effectiveLabeled, e.effective_count);
        // The version comparison's exact test counts the effective pairs, not Σw.
        const trials = versionDigestOf(closed)?.labeled?.trials;
        expect(trials).toBe(Math.round(e.effective_count));
      });
    }
  }
});

describe('weighted regression pairs against NumPy', () => {
  for (const c of golden.regression) {
    const records = c.predicted.map((value, i) =>
      aPrediction({
        id: `p${i}`,
        timeMs: T0 + 1,
        task: 'regression',
        value,
        samplingProbability: c.sampling_probabilities[i],
      }),
    );
    const labels = c.actual.map((value, i) =>
      aGroundTruth({ predictionId: `p${i}`, timeMs: T0 + 2, value }),
    );
    for (const checkpoint of [false, true]) {
      it(`${c.name}${checkpoint ? ' (checkpoint)' : ''}: MAE, RMSE, MAPE, R² at Σw, n_eff`, () => {
        const { result } = evaluate(records, labels, checkpoint);
        const e = c.expected;
        expectClose('MAE', quality(result, 'mae'), e.mae);
        expectClose('RMSE', quality(result, 'rmse'), e.rmse);
        expectClose('MAPE', quality(result, 'mape'), e.mape);
        expectClose('R²', quality(result, 'r2'), e.r2);
        expectClose('n_eff', result.samples.effectiveLabeled, e.effective_count);
      });
    }
  }
  it('unweighted pairs report no effective size (it is the pair count)', () => {
    const c = golden.regression[0]!;
    const { result } = evaluate(
      c.predicted.map((value, i) => aPrediction({ id: `p${i}`, timeMs: T0 + 1, value })),
      c.actual.map((value, i) => aGroundTruth({ predictionId: `p${i}`, timeMs: T0 + 2, value })),
      false,
    );
    expect(result.samples.effectiveLabeled).toBeUndefined();
    expect(result.samples.labeled).toBe(c.actual.length);
  });
});

describe('quality attribution of weighted pairs against SciPy', () => {
  const a = golden.attribution;
  const kind = QUALITY_BINS_KIND.forSetting('misclassified', {
    maxCategories: 100,
  });
  const cellOf = (weights: number[], wrong: number[]) => {
    const acc = kind.create();
    weights.forEach((weight, i) =>
      kind.record(acc, { bins: [['plan', 'pro']], error: wrong[i]!, weight }),
    );
    // Through a checkpoint: Σw² must survive it.
    return kind.snapshot(kind.fromJSON(JSON.parse(JSON.stringify(kind.toJSON(acc)))));
  };
  it("tests a bin's rise with Fisher's exact test at the cell's effective size", () => {
    const current = cellOf(a.weights, a.wrong);
    const base = a.baseline;
    const baseline = cellOf(
      Array.from({ length: base.pairs }, () => 1),
      Array.from({ length: base.pairs }, (_, i) => (i < base.wrong ? 1 : 0)),
    );
    const row = attributeQuality(current, baseline)!.rows[0]!;
    expectClose('weighted error rate', row.error, a.expected.error);
    expectClose('Fisher p at n_eff', row.pValue, a.expected.p_value, { pValue: true });
  });
});

describe('ground-truth coverage of sampled predictions against SciPy', () => {
  const c = golden.coverage;
  const records = c.sampling_probabilities.map((p, i) =>
    aPrediction({ id: `p${i}`, timeMs: T0 + 1, score: 0.7, samplingProbability: p }),
  );
  const labels = c.labelled.flatMap((l, i) =>
    l === 1 ? [aGroundTruth({ predictionId: `p${i}`, timeMs: T0 + 2, value: 1 })] : [],
  );
  it('is the labelled share of Σw, checked at the predictions n_eff', () => {
    const { result } = evaluate(records, labels, false);
    expectClose('coverage', result.groundTruth.coverage, c.expected.coverage);
    expectClose('n_eff', result.samples.effectiveCurrent, c.expected.effective_count);
    const [o] = observe(
      {
        name: 'coverage_low',
        statistic: 'ground_truth.coverage',
        operator: '<',
        threshold: 0.9,
        forWindows: 1,
        severity: 'warning',
        minSamples: 1,
        significance: 0.01,
      },
      result,
      createAlertState(),
    );
    expect(o?.samples).toBe(Math.round(c.expected.effective_count));
    expectClose('binomial p at n_eff', o?.pValue, c.expected['p_value_below_0.9'], {
      pValue: true,
    });
  });
});

describe('evaluator verdicts on sampled predictions against NumPy', () => {
  const c = golden.evaluation;
  it("weigh what their prediction weighs: mean, quantiles, label shares, pass ratio", () => {
    const records = c.sampling_probabilities.map((p, i) =>
      aPrediction({ id: `r${i}`, timeMs: T0 + 1, score: 0.5, samplingProbability: p }),
    );
    const verdicts = c.scores.map((scoreValue, i) =>
      aGenAiEvaluation({
        responseId: `r${i}`,
        timeMs: T0 + 2,
        name: 'relevance',
        scoreValue,
        scoreLabel: c.labels[i],
      }),
    );
    const { result } = evaluate(records, verdicts, false);
    const e = result.evaluations!.find((x) => x.name === 'relevance')!;
    expect(e.count).toBe(c.scores.length);
    expectClose('mean', e.score?.mean, c.expected.mean);
    expect([e.score?.p10, e.score?.p50, e.score?.p90]).toEqual([
      c.expected.p10,
      c.expected.p50,
      c.expected.p90,
    ]);
    for (const share of e.labels)
      expectClose(`share ${share.label}`, share.ratio, c.expected.label_shares[share.label]!);
    expectClose('pass ratio', e.pass?.ratio, c.expected.pass_ratio);
  });
});

describe('embeddings of sampled predictions against NumPy', () => {
  const c = golden.embedding;
  it('the mean embedding is the weighted mean (through ingest and a checkpoint)', () => {
    const records = c.vectors.map((vector, i) =>
      aPrediction({
        id: `e${i}`,
        timeMs: T0 + 1,
        samplingProbability: c.sampling_probabilities[i],
        features: { emb: vector },
      }),
    );
    let state = createState(OPTIONS);
    ingest(state, logsRequest(records.slice(0, 10)), T0 + 10);
    state = restoreState(JSON.parse(JSON.stringify(serializeState(state))), OPTIONS);
    ingest(state, logsRequest(records.slice(10)), T0 + 20);
    const closed = closeWindows(state, T0 + W + 1).find((x) => x.stream.allSlices)!;
    const f = closed.embeddings!.features.find((x) => x.name === 'emb')!;
    expect(f.count).toBe(c.vectors.length);
    c.expected.mean.forEach((m, j) => expectClose(`mean[${j}]`, f.mean[j], m));
  });
});
