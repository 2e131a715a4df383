import { describe, expect, it } from 'vitest';
import { binaryClassificationMetrics } from './binary-classification.js';
import { categoricalDrift } from './categorical-drift.js';
import { multiclassMetrics } from './multiclass.js';
import { numericDrift } from './numeric-drift.js';
import { regressionMetrics } from './regression.js';
import { wassersteinNormed } from './wasserstein.js';

// Undefined statistics are absent with a reason, never NaN (METRICS.md, STYLE.md).
const reasonOf = (m: { ok: boolean; reason?: string }): string | undefined =>
  m.ok ? undefined : m.reason;

describe('undefined values', () => {
  it('wasserstein_normed is absent when the reference is constant', () => {
    const m = wassersteinNormed([2, 2, 2], [1, 2, 3]);
    expect(reasonOf(m)).toMatch(/standard deviation 0/);
  });
  it('ROC AUC is absent with a single class, the rest still computed', () => {
    const m = binaryClassificationMetrics([0.2, 0.7, 0.9], [1, 1, 1]);
    expect(reasonOf(m.rocAuc)).toMatch(/one class/);
    expect(m.brierScore.ok && m.brierScore.value).toBeCloseTo((0.64 + 0.09 + 0.01) / 3, 15);
    expect(m.precision.ok && m.precision.value).toBe(1);
  });
  it('empty inputs are absent everywhere', () => {
    const d = numericDrift([], [1]);
    for (const v of [
      d.ks,
      d.wasserstein,
      d.wassersteinNormed,
      d.psi,
      d.jensenShannon,
      d.hellinger,
    ]) {
      expect(v.ok).toBe(false);
    }
    const b = binaryClassificationMetrics([], []);
    for (const v of [
      b.brierScore,
      b.logLoss,
      b.ece,
      b.mce,
      b.eceQuantile,
      b.rocAuc,
      b.accuracy,
      b.f1,
    ]) {
      expect(v.ok).toBe(false);
    }
    expect(multiclassMetrics([], []).ok).toBe(false);
    expect(regressionMetrics([], []).mae.ok).toBe(false);
  });
  it('R² is absent for constant actual values', () => {
    expect(reasonOf(regressionMetrics([3, 3, 3], [1, 2, 3]).r2)).toMatch(/constant/);
  });
  it('chi-square is absent with one category', () => {
    const d = categoricalDrift(['a', 'a'], ['a']);
    expect(reasonOf(d.chiSquare)).toMatch(/fewer than 2 categories/);
    expect(d.psi.ok && d.psi.value).toBe(0);
  });
  it('multiclass rejects a label outside the classes, naming it', () => {
    expect(() => multiclassMetrics([[0.5, 0.5]], [2])).toThrow(/label 2 at index 0/);
  });
});

describe('NaN inputs', () => {
  it('make KS, Wasserstein and binned statistics absent instead of looping or returning NaN', () => {
    const d = numericDrift([1, 2, Number.NaN], [1, 2, 3]);
    for (const v of [
      d.ks,
      d.wasserstein,
      d.wassersteinNormed,
      d.psi,
      d.jensenShannon,
      d.hellinger,
    ]) {
      expect(v.ok).toBe(false);
    }
    expect(!d.ks.ok && d.ks.reason).toMatch(/NaN/);
  });
});
