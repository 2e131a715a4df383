/**
 * Weighted records (METRICS.md "Weighted records (sampling)") against NumPy/SciPy
 * (`scripts/weighted_statistics.py`: repeated rows and `weights=`): through the numeric and
 * categorical accumulators, their merge, their checkpoint round trip, and the drift decision,
 * which reads Kish's effective size.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decideDrift } from '../../processor/src/evaluate/drift/decide.js';
import { buildNumericReference } from '../../processor/src/evaluate/drift/build-reference.js';
import { weightedKsAndWasserstein } from '../../processor/src/evaluate/drift/weighted-ecdf.js';
import {
  categoricalCurrent,
  categoricalReferenceFromCounts,
  numericCurrent,
} from '../../processor/src/evaluate/feature-drift.js';
import { readCategorical, readNumeric } from '../../processor/src/evaluate/snapshot-readers.js';
import {
  binaryOutputsAccumulator,
  categoricalFeatureAccumulator,
  numericFeatureAccumulator,
  regressionOutputsAccumulator,
  type NumericFeatureSnapshot,
  type NumericFeatureState,
} from '../../processor/src/state/accumulators/index.js';
import { hellinger, jensenShannon, psi } from '../../processor/src/stats/index.js';
import { expectClose } from './tolerance.js';

interface NumericCase {
  name: string;
  reference: number[];
  current: number[];
  probabilities: number[];
  expected: {
    weight: number;
    effective_count: number;
    ks_p_value_at_n_eff: number;
    mean: number;
    std: number;
    ks_statistic: number;
    wasserstein: number;
    bin_edges: number[];
    reference_proportions: number[];
    current_bin_weights: number[];
    current_proportions: number[];
    psi: number;
    jensen_shannon: number;
    hellinger: number;
  };
}

interface CategoricalCase {
  name: string;
  reference: string[];
  current: string[];
  probabilities: number[];
  expected: {
    categories: string[];
    current_weights: number[];
    weight: number;
    effective_count: number;
    psi: number;
    hellinger: number;
    chi2_statistic: number;
    chi2_p_value: number;
    chi2_dof: number;
  };
}

interface BinaryCase {
  name: string;
  scores: number[];
  labels: number[];
  probabilities: number[];
  expected: {
    brier_score: number;
    log_loss: number;
    accuracy: number;
    precision: number;
    recall: number;
    f1: number;
    ece: number;
    reliability_bin_weights: number[];
    positives: number;
    weight: number;
    effective_count: number;
  };
}

interface RegressionCase {
  name: string;
  actual: number[];
  predicted: number[];
  probabilities: number[];
  expected: { mae: number; rmse: number; mape: number; r2: number };
}

const golden = JSON.parse(
  readFileSync(fileURLToPath(new URL('./weighted_statistics.json', import.meta.url)), 'utf8'),
) as {
  numeric: NumericCase[];
  categorical: CategoricalCase[];
  binary: BinaryCase[];
  regression: RegressionCase[];
  low_cardinality: {
    reference: number[];
    current: number[];
    probabilities: number[];
    expected: CategoricalCase['expected'];
  };
};

/** Records `c`'s current values with weight 1/p into `state`, in index order `order`. */
function recordCase(
  acc: ReturnType<typeof numericFeatureAccumulator>,
  state: NumericFeatureState,
  c: NumericCase,
  order: readonly number[],
): void {
  for (const i of order) acc.record(state, c.current[i]!, 1 / c.probabilities[i]!);
}

/** Every check of a numeric snapshot against its golden case; `tol` for sketched ECDFs. */
function checkNumeric(c: NumericCase, snap: NumericFeatureSnapshot, ecdfTolerance = 0): void {
  const e = c.expected;
  expect(snap.count).toBe(c.current.length);
  expectClose(`${c.name} Σw`, snap.weight, e.weight);
  expectClose(`${c.name} n_eff`, snap.effectiveCount, e.effective_count);
  expectClose(`${c.name} mean`, snap.mean.ok ? snap.mean.value : null, e.mean);
  expectClose(`${c.name} std`, snap.std.ok ? snap.std.value : null, e.std);
  Array.from(snap.binCounts).forEach((w, i) =>
    expectClose(`${c.name} bin ${i}`, w, e.current_bin_weights[i]!),
  );
  const q = snap.proportions.ok ? snap.proportions.value : new Float64Array(0);
  const p = Float64Array.from(e.reference_proportions);
  const ps = psi(p, q);
  expectClose(`${c.name} psi`, ps.ok ? ps.value : null, e.psi);
  const js = jensenShannon(p, q);
  expectClose(`${c.name} js`, js.ok ? js.value : null, e.jensen_shannon);
  const h = hellinger(p, q);
  expectClose(`${c.name} hellinger`, h.ok ? h.value : null, e.hellinger);
  const sortedRef = Float64Array.from(c.reference).sort();
  const d = weightedKsAndWasserstein(sortedRef, snap.ecdf.values, snap.ecdf.weights);
  if (ecdfTolerance === 0) {
    expect(snap.ecdfError).toBe(0);
    expectClose(`${c.name} ks`, d.ks, e.ks_statistic);
    expectClose(`${c.name} wasserstein`, d.wasserstein, e.wasserstein);
  } else {
    // A compacted sketch: the statistic within the reported ECDF error bounds.
    expect(snap.ecdfError).toBeGreaterThan(0);
    expect(Math.abs(d.ks - e.ks_statistic)).toBeLessThanOrEqual(snap.ecdfError + 1e-12);
    expect(Math.abs(d.wasserstein - e.wasserstein)).toBeLessThanOrEqual(
      snap.ecdfL1Error + 1e-12,
    );
  }
}

const indices = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('weighted numeric accumulator against NumPy/SciPy', () => {
  for (const c of golden.numeric) {
    const acc = numericFeatureAccumulator({ binEdges: c.expected.bin_edges });
    const n = c.current.length;
    it(`${c.name}: Σw, n_eff, moments, bin weights, PSI/JS/Hellinger, KS and Wasserstein`, () => {
      const s = acc.create();
      recordCase(acc, s, c, indices(n));
      checkNumeric(c, acc.snapshot(s));
    });
    it(`${c.name}: two halves merged give the same statistics`, () => {
      const a = acc.create();
      const b = acc.create();
      recordCase(acc, a, c, indices(n).filter((i) => i % 3 === 0));
      recordCase(acc, b, c, indices(n).filter((i) => i % 3 !== 0).reverse());
      checkNumeric(c, acc.snapshot(acc.merge(a, b)));
    });
    it(`${c.name}: a checkpoint round trip keeps the weights`, () => {
      const s = acc.create();
      recordCase(acc, s, c, indices(n));
      const restored = acc.fromJSON(JSON.parse(JSON.stringify(acc.toJSON(s))));
      checkNumeric(c, acc.snapshot(restored));
    });
    it(`${c.name}: a compacted sketch stays within its reported error bound`, () => {
      const small = numericFeatureAccumulator({ binEdges: c.expected.bin_edges, sketchCapacity: 16 });
      const a = small.create();
      const b = small.create();
      for (const i of indices(n)) small.record(i % 2 ? a : b, c.current[i]!, 1 / c.probabilities[i]!);
      checkNumeric(c, small.snapshot(small.merge(a, b)), 1);
    });
    it(`${c.name}: the KS decision reads n_eff (SciPy's asymptotic p-value at n_C = n_eff)`, () => {
      const s = acc.create();
      recordCase(acc, s, c, indices(n));
      const values = readNumeric(acc.snapshot(s))!;
      expect(values.effectiveCount).toBeCloseTo(c.expected.effective_count, 9);
      const reference = buildNumericReference('x', c.reference, { ladder: false });
      const current = numericCurrent(values, 0, reference);
      const decision = decideDrift(reference, current, { method: 'ks', sizeAware: false, threshold: 0.05 });
      expectClose(`${c.name} nCurrent`, decision.nCurrent, c.expected.effective_count);
      expectClose(`${c.name} ks p`, decision.score, c.expected.ks_p_value_at_n_eff, { pValue: true });
    });
  }

  it('a low-cardinality numeric feature is tested as categorical: chi² on weighted shares at n_eff', () => {
    const c = golden.low_cardinality;
    const reference = buildNumericReference('x', c.reference, { ladder: false });
    expect(reference.kind === 'numeric' && reference.lowCardinality).toBeTruthy();
    const acc = numericFeatureAccumulator({ binEdges: reference.binEdges });
    const s = acc.create();
    c.current.forEach((x, i) => acc.record(s, x, 1 / c.probabilities[i]!));
    const current = numericCurrent(readNumeric(acc.snapshot(s))!, 0, reference);
    const options = { sizeAware: false, threshold: 0.05, method: 'chi2' } as const;
    const chi2 = decideDrift(reference, current, options);
    expectClose('low-cardinality chi2 p', chi2.score, c.expected.chi2_p_value, { pValue: true });
    expectClose('low-cardinality nCurrent', chi2.nCurrent, c.expected.effective_count);
  });

  it('unit weights are the unweighted accumulator, bit for bit (state, snapshot, checkpoint)', () => {
    const c = golden.numeric[0]!;
    const acc = numericFeatureAccumulator({ binEdges: c.expected.bin_edges, sketchCapacity: 16 });
    const plain = acc.create();
    const unit = acc.create();
    for (const x of c.current) {
      acc.record(plain, x);
      acc.record(unit, x, 1);
    }
    expect(acc.toJSON(unit)).toEqual(acc.toJSON(plain));
    expect(acc.toJSON(unit)).not.toHaveProperty('weightClasses');
    expect(acc.toJSON(unit).moments).not.toHaveProperty('weight');
    const snap = acc.snapshot(unit);
    expect(snap.effectiveCount).toBe(c.current.length);
    expect(snap.weight).toBe(c.current.length);
    expect(readNumeric(snap)!.effectiveCount).toBeUndefined();
  });

  it('a checkpoint written before weights (no weight fields) loads with w = 1', () => {
    const acc = numericFeatureAccumulator({ binEdges: [0] });
    const old = {
      kind: 'numeric_feature',
      version: 1,
      binEdges: [0],
      binCounts: [1, 2],
      sketch: {
        kind: 'quantile_sketch',
        version: 1,
        capacity: 2048,
        levels: [[-1, 2, 3]],
        parity: [0],
        count: 3,
        rankErrorBound: 0,
        l1ErrorBound: 0,
        min: -1,
        max: 3,
      },
      moments: { kind: 'moments', version: 1, count: 3, mean: 4 / 3, m2: 26 / 3, min: -1, max: 3 },
      missing: 0,
      nonNumeric: 0,
    };
    const s = acc.fromJSON(old);
    const snap = acc.snapshot(s);
    expect(snap.weight).toBe(3);
    expect(snap.effectiveCount).toBe(3);
    acc.record(s, 5, 2);
    expect(acc.snapshot(s).weight).toBe(5);
    expect(acc.snapshot(s).effectiveCount).toBeCloseTo(25 / 7, 12);
  });
});

describe('weighted categorical accumulator against NumPy/SciPy', () => {
  for (const c of golden.categorical) {
    const acc = categoricalFeatureAccumulator();
    const record = (s: ReturnType<typeof acc.create>, order: readonly number[]): void => {
      for (const i of order) acc.record(s, c.current[i]!, 1 / c.probabilities[i]!);
    };
    const check = (s: ReturnType<typeof acc.create>): void => {
      const snap = acc.snapshot(s);
      expectClose(`${c.name} Σw`, snap.count, c.expected.weight);
      expectClose(`${c.name} n_eff`, snap.effectiveCount, c.expected.effective_count);
      c.expected.categories.forEach((k, i) =>
        expectClose(`${c.name} ${k}`, snap.counts.get(k) ?? 0, c.expected.current_weights[i]!),
      );
      // chi² (a p-value test at n_eff), PSI and Hellinger through the processor's decision path.
      const refCounts = new Map<string, number>();
      for (const k of c.reference) refCounts.set(k, (refCounts.get(k) ?? 0) + 1);
      const reference = categoricalReferenceFromCounts(
        'x',
        { counts: refCounts, overflow: 0 },
        0,
        { ladder: false },
      );
      const current = categoricalCurrent(readCategorical(snap)!, 0);
      const options = { sizeAware: false, threshold: 0.05 } as const;
      const chi2 = decideDrift(reference, current, { ...options, method: 'chi2' });
      expectClose(`${c.name} chi2 p`, chi2.score, c.expected.chi2_p_value, { pValue: true });
      expectClose(`${c.name} nCurrent`, chi2.nCurrent, c.expected.effective_count);
      const p = decideDrift(reference, current, { ...options, method: 'psi', threshold: 0.2 });
      expectClose(`${c.name} psi`, p.score, c.expected.psi);
      const h = decideDrift(reference, current, { ...options, method: 'hellinger', threshold: 0.1 });
      expectClose(`${c.name} hellinger`, h.score, c.expected.hellinger);
    };
    it(`${c.name}: weighted counts, n_eff, chi² at n_eff, PSI, Hellinger`, () => {
      const s = acc.create();
      record(s, indices(c.current.length));
      check(s);
    });
    it(`${c.name}: merge and checkpoint round trip keep the weights`, () => {
      const a = acc.create();
      const b = acc.create();
      record(a, indices(c.current.length).filter((i) => i % 2 === 0));
      record(b, indices(c.current.length).filter((i) => i % 2 === 1));
      const merged = acc.merge(a, b);
      check(merged);
      check(acc.fromJSON(JSON.parse(JSON.stringify(acc.toJSON(merged)))));
    });
  }

  it('unit weights write the checkpoint they always wrote', () => {
    const acc = categoricalFeatureAccumulator();
    const s = acc.create();
    for (const k of ['a', 'b', 'a']) acc.record(s, k, 1);
    expect(acc.toJSON(s)).toEqual({
      kind: 'categorical_feature',
      version: 1,
      counts: { a: 2, b: 1 },
      overflow: 0,
      missing: 0,
    });
    expect(readCategorical(acc.snapshot(s))!.effectiveCount).toBeUndefined();
  });
});

describe('weighted labelled pairs against NumPy', () => {
  for (const c of golden.binary) {
    const acc = binaryOutputsAccumulator({ threshold: 0.5 });
    const record = (s: ReturnType<typeof acc.create>, order: readonly number[]): void => {
      for (const i of order) {
        acc.record(s, { score: c.scores[i]!, label: c.labels[i]! }, 1 / c.probabilities[i]!);
      }
    };
    const check = (s: ReturnType<typeof acc.create>): void => {
      const snap = acc.snapshot(s);
      const e = c.expected;
      const v = (m: { ok: boolean; value?: number }): number | null => (m.ok ? m.value! : null);
      expectClose(`${c.name} Σw`, snap.count, e.weight);
      expectClose(`${c.name} n_eff`, snap.effectiveCount, e.effective_count);
      expectClose(`${c.name} positives`, snap.positives, e.positives);
      expectClose(`${c.name} brier`, v(snap.brierScore), e.brier_score);
      expectClose(`${c.name} log loss`, v(snap.logLoss), e.log_loss);
      expectClose(`${c.name} accuracy`, v(snap.accuracy), e.accuracy);
      expectClose(`${c.name} precision`, v(snap.precision), e.precision);
      expectClose(`${c.name} recall`, v(snap.recall), e.recall);
      expectClose(`${c.name} f1`, v(snap.f1), e.f1);
      expectClose(`${c.name} ece`, v(snap.ece), e.ece);
      snap.reliabilityBins.forEach((b, i) =>
        expectClose(`${c.name} bin ${i}`, b.count, e.reliability_bin_weights[i]!),
      );
    };
    const all = indices(c.scores.length);
    it(`${c.name}: Brier, log loss, accuracy/precision/recall/F1, ECE bins at Σw, n_eff`, () => {
      const s = acc.create();
      record(s, all);
      check(s);
    });
    it(`${c.name}: merge and checkpoint round trip keep the weights`, () => {
      const a = acc.create();
      const b = acc.create();
      record(a, all.filter((i) => i < 70));
      record(b, all.filter((i) => i >= 70));
      const merged = acc.merge(a, b);
      check(merged);
      check(acc.fromJSON(JSON.parse(JSON.stringify(acc.toJSON(merged)))));
    });
  }

  for (const c of golden.regression) {
    it(`${c.name}: weighted MAE, RMSE, MAPE, R² (merged and restored)`, () => {
      const acc = regressionOutputsAccumulator();
      const a = acc.create();
      const b = acc.create();
      c.actual.forEach((actual, i) =>
        acc.record(i % 2 ? a : b, { actual, predicted: c.predicted[i]! }, 1 / c.probabilities[i]!),
      );
      const restored = acc.fromJSON(JSON.parse(JSON.stringify(acc.toJSON(acc.merge(a, b)))));
      const m = acc.snapshot(restored);
      const v = (x: { ok: boolean; value?: number }): number | null => (x.ok ? x.value! : null);
      expectClose(`${c.name} mae`, v(m.mae), c.expected.mae);
      expectClose(`${c.name} rmse`, v(m.rmse), c.expected.rmse);
      expectClose(`${c.name} mape`, v(m.mape), c.expected.mape);
      // R² from Chan-merged weighted moments: ~1e-14 relative, as the unweighted one.
      expect(Math.abs(v(m.r2)! - c.expected.r2)).toBeLessThan(1e-12);
    });
  }

  it('a binary checkpoint without weights (written before them) restores Σw = count', () => {
    const acc = binaryOutputsAccumulator({ threshold: 0.5 });
    const s = acc.create();
    acc.record(s, { score: 0.8, label: 1 });
    acc.record(s, { score: 0.3, label: 1 });
    const json = acc.toJSON(s);
    expect(json).not.toHaveProperty('weight');
    const restored = acc.fromJSON(JSON.parse(JSON.stringify(json)));
    acc.record(restored, { score: 0.9, label: 0 }, 4);
    const snap = acc.snapshot(restored);
    expect(snap.count).toBe(6);
    expect(snap.effectiveCount).toBeCloseTo(36 / 18, 12);
    expect(snap.accuracy.ok && snap.accuracy.value).toBeCloseTo(1 / 6, 12);
  });
});
