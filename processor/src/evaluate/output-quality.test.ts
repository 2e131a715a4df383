import { describe, expect, it } from 'vitest';
import {
  multiclassOutputsAccumulator,
  regressionOutputsAccumulator,
} from '../state/accumulators/index.js';
import { multiclassQuality, regressionQuality } from './output-quality.js';

const byMetric = (q: { metric: string; value?: number }[]) =>
  Object.fromEntries(q.map((x) => [x.metric, x.value]));

describe('multiclassQuality', () => {
  const rows = [
    { p: [0.7, 0.2, 0.1], y: 0 },
    { p: [0.15, 0.75, 0.1], y: 1 },
    { p: [0.3, 0.3, 0.4], y: 0 },
    { p: [0.05, 0.05, 0.9], y: 2 },
    { p: [0.45, 0.35, 0.2], y: 1 },
  ];
  const acc = multiclassOutputsAccumulator(3);
  const state = acc.create();
  for (const r of rows) acc.record(state, { probabilities: r.p, label: r.y });
  const result = multiclassQuality(acc.snapshot(state));

  it('reports accuracy, Brier and log loss per METRICS.md and top-label calibration', () => {
    const argmax = (p: number[]) => p.indexOf(Math.max(...p));
    const accuracy = rows.filter((r) => argmax(r.p) === r.y).length / rows.length;
    const brier =
      rows.reduce(
        (s, r) => s + r.p.reduce((t, pk, k) => t + (pk - (k === r.y ? 1 : 0)) ** 2, 0),
        0,
      ) / rows.length;
    const logLoss = -rows.reduce((s, r) => s + Math.log(r.p[r.y]!), 0) / rows.length;
    const q = byMetric(result.quality);
    expect(q['accuracy']).toBeCloseTo(accuracy, 12);
    expect(q['brier_score']).toBeCloseTo(brier, 12);
    expect(q['log_loss']).toBeCloseTo(logLoss, 12);
    expect(result.calibration).toMatchObject({
      method: 'ece_top_label',
      mceMethod: 'mce_top_label',
    });
  });

  it('reports nothing without labeled pairs', () => {
    const empty = multiclassOutputsAccumulator(3);
    expect(multiclassQuality(empty.snapshot(empty.create()))).toEqual({ quality: [] });
  });
});

describe('regressionQuality', () => {
  const pairs = [
    { actual: 3, predicted: 2.5 },
    { actual: -0.5, predicted: 0 },
    { actual: 2, predicted: 2 },
    { actual: 7, predicted: 8 },
  ];
  const acc = regressionOutputsAccumulator();
  const state = acc.create();
  for (const p of pairs) acc.record(state, p);
  const result = regressionQuality(acc.snapshot(state));

  it('puts MAE and RMSE on ml.quality.error and MAPE, R² on ml.quality.score', () => {
    const n = pairs.length;
    const mae = pairs.reduce((s, p) => s + Math.abs(p.actual - p.predicted), 0) / n;
    const mse = pairs.reduce((s, p) => s + (p.actual - p.predicted) ** 2, 0) / n;
    const mean = pairs.reduce((s, p) => s + p.actual, 0) / n;
    const total = pairs.reduce((s, p) => s + (p.actual - mean) ** 2, 0);
    expect(result.quality).toEqual([
      { metric: 'mae', instrument: 'error', value: expect.closeTo(mae, 12) },
      { metric: 'rmse', instrument: 'error', value: expect.closeTo(Math.sqrt(mse), 12) },
      { metric: 'mape', instrument: 'score', value: expect.any(Number) },
      { metric: 'r2', instrument: 'score', value: expect.closeTo(1 - (mse * n) / total, 12) },
    ]);
    expect(result.calibration).toBeUndefined();
  });

  it('says why R² is absent for constant actual values', () => {
    const constant = regressionOutputsAccumulator();
    const s = constant.create();
    constant.record(s, { actual: 1, predicted: 2 });
    constant.record(s, { actual: 1, predicted: 0 });
    const r2 = regressionQuality(constant.snapshot(s)).quality.find((q) => q.metric === 'r2');
    expect(r2).toEqual({
      metric: 'r2',
      instrument: 'score',
      reason: expect.stringContaining('constant'),
    });
  });
});
