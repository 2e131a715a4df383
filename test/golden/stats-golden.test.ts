import {
  binaryClassificationMetrics,
  categoricalDrift,
  ksTest,
  multiclassMetrics,
  numericDrift,
  regressionMetrics,
  type Maybe,
  type ReliabilityBin,
} from '@mlmon/processor';
import { describe, expect, it } from 'vitest';
import { golden, type GoldenBin } from './golden-data.js';
import { toleranceMiss, type ToleranceOptions } from './tolerance.js';

/** Collects every mismatch of a case so one failing test names all of them. */
class Checker {
  readonly misses: string[] = [];
  num(
    label: string,
    actual: Maybe | number | null,
    expected: number | null,
    opts: ToleranceOptions = {},
  ): void {
    const value =
      actual === null || typeof actual === 'number' ? actual : actual.ok ? actual.value : null;
    const miss = toleranceMiss(value, expected, opts);
    if (miss !== null) this.misses.push(`${label}: ${miss}`);
  }
  arr(label: string, actual: ArrayLike<number>, expected: readonly number[]): void {
    if (actual.length !== expected.length) {
      this.misses.push(`${label}: length ${actual.length} != ${expected.length}`);
      return;
    }
    expected.forEach((e, i) => this.num(`${label}[${i}]`, actual[i]!, e));
  }
  bins(label: string, actual: readonly ReliabilityBin[], expected: readonly GoldenBin[]): void {
    if (actual.length !== expected.length) {
      this.misses.push(`${label}: ${actual.length} bins != ${expected.length}`);
      return;
    }
    expected.forEach((e, i) => {
      const a = actual[i]!;
      if (a.count !== e.count) this.misses.push(`${label}[${i}].count: ${a.count} != ${e.count}`);
      this.num(`${label}[${i}].mean_confidence`, a.meanConfidence, e.mean_confidence);
      this.num(`${label}[${i}].accuracy`, a.accuracy, e.accuracy);
    });
  }
}

const P = { pValue: true };

describe('numeric drift vs SciPy golden values', () => {
  it.each(golden.numeric.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const e = c.expected;
    const d = numericDrift(c.reference, c.current);
    const asymp = ksTest(c.reference, c.current, 'asymp');
    const k = new Checker();
    k.num('ks_statistic', d.ks.ok ? d.ks.value.statistic : null, e.ks_statistic);
    k.num('ks_p_value', d.ks.ok ? d.ks.value.pValue : null, e.ks_p_value, P);
    k.num('ks_p_value_asymp', asymp.ok ? asymp.value.pValue : null, e.ks_p_value_asymp, P);
    k.num('wasserstein', d.wasserstein, e.wasserstein);
    k.num('wasserstein_normed', d.wassersteinNormed, e.wasserstein_normed);
    k.arr('bin_edges', d.binEdges, e.bin_edges);
    k.arr('reference_proportions', d.referenceProportions, e.reference_proportions);
    k.arr('current_proportions', d.currentProportions, e.current_proportions);
    k.num('psi', d.psi, e.psi);
    k.num('jensen_shannon', d.jensenShannon, e.jensen_shannon);
    k.num('hellinger', d.hellinger, e.hellinger);
    expect(k.misses).toEqual([]);
  });
});

describe('categorical drift vs SciPy golden values', () => {
  it.each(golden.categorical.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const e = c.expected;
    const d = categoricalDrift(c.reference, c.current);
    const k = new Checker();
    expect(d.categories).toEqual(e.categories);
    k.num('chi2_statistic', d.chiSquare.ok ? d.chiSquare.value.statistic : null, e.chi2_statistic);
    k.num('chi2_p_value', d.chiSquare.ok ? d.chiSquare.value.pValue : null, e.chi2_p_value, P);
    expect(d.chiSquare.ok && d.chiSquare.value.dof).toBe(e.chi2_dof);
    k.num('psi', d.psi, e.psi);
    k.num('jensen_shannon', d.jensenShannon, e.jensen_shannon);
    k.num('hellinger', d.hellinger, e.hellinger);
    k.num('l_infinity', d.lInfinity, e.l_infinity);
    k.num('new_category_ratio', d.newCategoryRatio, e.new_category_ratio);
    expect(k.misses).toEqual([]);
  });
});

describe('binary classification vs golden values', () => {
  it.each(golden.binary.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const e = c.expected;
    const m = binaryClassificationMetrics(c.scores, c.labels, c.threshold);
    const k = new Checker();
    k.num('brier_score', m.brierScore, e.brier_score);
    k.num('log_loss', m.logLoss, e.log_loss);
    k.num('ece', m.ece, e.ece);
    k.num('mce', m.mce, e.mce);
    k.bins('reliability_bins', m.reliabilityBins, e.reliability_bins);
    k.num('ece_quantile', m.eceQuantile, e.ece_quantile);
    k.num('roc_auc', m.rocAuc, e.roc_auc);
    k.num('accuracy', m.accuracy, e.accuracy);
    k.num('precision', m.precision, e.precision);
    k.num('recall', m.recall, e.recall);
    k.num('f1', m.f1, e.f1);
    expect(k.misses).toEqual([]);
  });
});

describe('multiclass classification vs golden values', () => {
  it.each(golden.multiclass.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const e = c.expected;
    const r = multiclassMetrics(c.probabilities, c.labels);
    if (!r.ok) throw new Error(r.reason);
    const m = r.value;
    const k = new Checker();
    k.num('accuracy', m.accuracy, e.accuracy);
    k.num('macro_f1', m.macroF1, e.macro_f1);
    k.num('brier_score', m.brierScore, e.brier_score);
    k.num('log_loss', m.logLoss, e.log_loss);
    k.num('ece_top_label', m.eceTopLabel, e.ece_top_label);
    k.num('mce_top_label', m.mceTopLabel, e.mce_top_label);
    k.bins('reliability_bins', m.reliabilityBins, e.reliability_bins);
    expect(k.misses).toEqual([]);
  });
});

describe('regression vs golden values', () => {
  it.each(golden.regression.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const e = c.expected;
    const m = regressionMetrics(c.actual, c.predicted);
    const k = new Checker();
    k.num('mae', m.mae, e.mae);
    k.num('rmse', m.rmse, e.rmse);
    k.num('mape', m.mape, e.mape);
    k.num('r2', m.r2, e.r2);
    expect(k.misses).toEqual([]);
  });
});
