import { describe, expect, it } from 'vitest';
import {
  aClosedWindow,
  binaryLabeled,
  categoricalFeature,
  normals,
  numericFeature,
  seeded,
  windowReference,
} from './__fixtures__/closed-windows.js';
import type { CategoricalSnapshot } from '../state/types.js';
import { evaluateWindow } from './evaluate-window.js';
import { ReferenceCache } from './reference-cache.js';

const countries = (n: number, seed: number): string[] => {
  const u = seeded(seed);
  return Array.from({ length: n }, () => {
    const x = u();
    return x < 0.5 ? 'DE' : x < 0.8 ? 'FR' : 'IT';
  });
};

const referenceWindow = aClosedWindow({
  startMs: 1_700_000_100_000,
  endMs: 1_700_000_400_000,
  features: [
    numericFeature('amount', normals(600, 1)),
    categoricalFeature('country', countries(600, 2)),
  ],
  counts: { ...aClosedWindow().counts, predictions: 600, weightedPredictions: 600 },
  isReference: true,
});

// Labeled pairs with scores away from the bin edges; expectations below come from the
// METRICS.md formulas applied directly to these pairs.
const pairs = Array.from({ length: 40 }, (_, i) => {
  const score = ((i % 10) + 0.5) / 10; // 0.05, 0.15, …, 0.95
  const label = (i * 7) % 10 < i % 10 ? 1 : 0;
  return { score, label: label as 0 | 1 };
});

function currentWindow(shift: number) {
  return aClosedWindow({
    features: [
      numericFeature('amount', [
        ...normals(590, 3, shift),
        null,
        null,
        null,
        null,
        null,
        'x',
        'y',
        'z',
        'w',
        'v',
      ]),
      categoricalFeature('country', [...countries(598, 4), 'ES', 'ES']),
    ],
    labeled: { ...aClosedWindow().labeled, binary: binaryLabeled(pairs) },
    counts: {
      ...aClosedWindow().counts,
      predictions: 600,
      weightedPredictions: 600,
      labeled: 40,
      weightedLabeled: 40,
      predictionsLabeled: 30,
      weightedPredictionsLabeled: 30,
      predictionWeight2: 600,
    },
    reference: windowReference(referenceWindow),
  });
}

describe('evaluateWindow', () => {
  const cache = new ReferenceCache();
  const drifted = evaluateWindow(currentWindow(1), { cache });
  const stable = evaluateWindow(currentWindow(0), { cache });

  it('decides drift for the shifted feature only, with the default method and PSI', () => {
    const amount = drifted.drift.filter((d) => d.feature === 'amount');
    expect(amount.map((d) => [d.method, d.primary, d.state])).toEqual([
      ['ks', true, 'drift'],
      ['psi', false, 'drift'],
    ]);
    expect(amount[0]!.pValue).toBeLessThan(1e-10);
    expect(amount[0]!.score).toBeGreaterThan(0.3);
    const country = drifted.drift.filter((d) => d.feature === 'country');
    expect(country.map((d) => [d.method, d.state])).toEqual([
      ['chi2', 'no_drift'],
      ['psi', 'no_drift'],
    ]);
    expect(stable.drift.every((d) => d.state === 'no_drift')).toBe(true);
  });

  it('reports data quality shares over the rows and the values', () => {
    const dq = Object.fromEntries(
      drifted.dataQuality.map((d) => [`${d.feature}/${d.check}`, d.ratio]),
    );
    expect(dq['amount/missing']).toBe(5 / 600);
    expect(dq['amount/type_mismatch']).toBe(5 / 600);
    expect(dq['country/new_category']).toBe(2 / 600);
    // Values outside the reference's [min, max], counted directly.
    const ref = normals(600, 1);
    const [min, max] = [Math.min(...ref), Math.max(...ref)];
    const current = normals(590, 3, 1);
    expect(dq['amount/out_of_range']).toBe(current.filter((x) => x < min || x > max).length / 590);
  });

  it('computes calibration and quality from the labeled pairs (METRICS.md formulas)', () => {
    const n = pairs.length;
    const brier = pairs.reduce((s, p) => s + (p.score - p.label) ** 2, 0) / n;
    const logLoss =
      -pairs.reduce((s, p) => s + (p.label ? Math.log(p.score) : Math.log(1 - p.score)), 0) / n;
    const tp = pairs.filter((p) => p.score >= 0.5 && p.label === 1).length;
    const tn = pairs.filter((p) => p.score < 0.5 && p.label === 0).length;
    const bins = Array.from({ length: 10 }, (_, b) =>
      pairs.filter((p) => Math.floor(p.score * 10) === b),
    );
    const ece = bins.reduce((s, bin) => {
      if (bin.length === 0) return s;
      const mean = bin.reduce((a, p) => a + p.score, 0) / bin.length;
      const acc = bin.reduce((a, p) => a + p.label, 0) / bin.length;
      return s + (bin.length / n) * Math.abs(acc - mean);
    }, 0);
    const q = Object.fromEntries(drifted.quality.map((x) => [x.metric, x.value]));
    expect(q['accuracy']).toBeCloseTo((tp + tn) / n, 12);
    expect(q['brier_score']).toBeCloseTo(brier, 12);
    expect(q['log_loss']).toBeCloseTo(logLoss, 12);
    expect(drifted.calibration?.method).toBe('ece');
    expect(drifted.calibration?.ece).toBeCloseTo(ece, 12);
    expect(drifted.calibration?.bins).toHaveLength(10);
    expect(drifted.calibration?.bins[9]).toMatchObject({ upperEdge: 1, count: 4, meanScore: 0.95 });
  });

  it('reports samples, coverage and the reference used', () => {
    expect(drifted.samples).toEqual({
      reference: 600,
      current: 600,
      labeled: 40,
      weighted: { reference: 600, current: 600, labeled: 40 },
    });
    expect(drifted.groundTruth.coverage).toBe(30 / 600);
    expect(drifted.referenceKind).toBe('fixed_window');
    expect(drifted.referenceId).toBe(new Date(1_700_000_100_000).toISOString());
  });

  it('says why there is no drift in the reference window itself', () => {
    const result = evaluateWindow(referenceWindow);
    expect(result.drift).toEqual([]);
    expect(result.notes).toContain('drift: this window is the reference (first-window)');
    expect(result.stream).toMatchObject({ modelName: 'fraud', modelVersion: '1', slice: {} });
  });

  it('gives the same result with or without a cached reference', () => {
    expect(evaluateWindow(currentWindow(1))).toEqual(drifted);
  });

  it('decides prediction drift on the predicted-label distribution and on the score histogram', () => {
    const labels = (n: number, shareA: number) =>
      categoricalFeature(
        'x',
        Array.from({ length: n }, (_, i) => (i < n * shareA ? 'fraud' : 'ok')),
      ).snapshot as CategoricalSnapshot;
    const histogram = (counts: number[]) => ({
      explicitBounds: [0.25, 0.5, 0.75],
      bucketCounts: counts,
      count: counts.reduce((a, b) => a + b, 0),
      sum: undefined,
      boundsMismatch: 0,
    });
    const ref = aClosedWindow({
      outputs: {
        score: undefined,
        value: undefined,
        label: labels(500, 0.1),
        scoreHistogram: histogram([250, 150, 60, 40]),
      },
      counts: { ...aClosedWindow().counts, predictions: 500 },
    });
    const current = aClosedWindow({
      outputs: {
        score: undefined,
        value: undefined,
        label: labels(500, 0.4),
        scoreHistogram: histogram([248, 152, 61, 39]),
      },
      reference: windowReference(ref),
    });
    const result = evaluateWindow(current);
    const prediction = result.drift.filter((d) => d.kind === 'prediction');
    expect(prediction.map((d) => [d.feature, d.method, d.state])).toEqual([
      ['ml.prediction.label', 'chi2', 'drift'],
      ['ml.prediction.label', 'psi', 'drift'],
      ['ml.inference.score', 'chi2', 'no_drift'],
      ['ml.inference.score', 'psi', 'no_drift'],
    ]);
  });
});
