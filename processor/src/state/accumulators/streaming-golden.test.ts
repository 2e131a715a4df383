import { describe, expect, it } from 'vitest';
import { golden } from '../../../../test/golden/golden-data.js';
import { toleranceMiss } from '../../../../test/golden/tolerance.js';
import {
  categoricalDriftFromCounts,
  referenceBinEdges,
  sortedCopy,
  type Maybe,
  type ReliabilityBin,
} from '../../stats/index.js';
import type { Accumulator } from './accumulator.js';
import { binaryOutputsAccumulator } from './binary-outputs.js';
import { categoricalFeatureAccumulator, OVERFLOW_CATEGORY } from './categorical-feature.js';
import { multiclassOutputsAccumulator } from './multiclass-outputs.js';
import { estimateNumericDrift, referenceFromSnapshot } from './numeric-drift-estimate.js';
import { numericFeatureAccumulator } from './numeric-feature.js';
import { regressionOutputsAccumulator } from './regression-outputs.js';

// Streaming accumulators against the SciPy golden values: every case fed one value at a time in
// order, in a seeded random order, and split at random into parts merged in random order.
// Exact statistics must meet the golden tolerance; estimates must lie within their own bound.

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(xs: readonly T[], rand: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

type Mode = 'in order' | 'shuffled' | 'merged splits';
const MODES: Mode[] = ['in order', 'shuffled', 'merged splits'];

/** Feeds `inputs` into a state according to the mode, through a JSON checkpoint round trip. */
function feed<S, I, Snap, J>(
  acc: Accumulator<S, I, Snap, J>,
  inputs: readonly I[],
  mode: Mode,
  seed: number,
): S {
  const rand = rng(seed);
  if (mode === 'in order') {
    const s = acc.create();
    for (const x of inputs) acc.record(s, x);
    return acc.fromJSON(JSON.parse(JSON.stringify(acc.toJSON(s))));
  }
  const order = shuffled(inputs, rand);
  if (mode === 'shuffled') {
    const s = acc.create();
    for (const x of order) acc.record(s, x);
    return s;
  }
  const parts = 2 + Math.floor(rand() * 5);
  let states: S[] = Array.from({ length: parts }, () => acc.create());
  for (const x of order) acc.record(states[Math.floor(rand() * parts)]!, x);
  // Checkpoint one part through JSON, then merge pairs picked at random until one is left.
  states[0] = acc.fromJSON(JSON.parse(JSON.stringify(acc.toJSON(states[0]!))));
  while (states.length > 1) {
    const i = Math.floor(rand() * states.length);
    const [a] = states.splice(i, 1);
    const j = Math.floor(rand() * states.length);
    states[j] = acc.merge(a!, states[j]!);
  }
  states = states.filter(Boolean);
  return states[0]!;
}

class Checker {
  readonly misses: string[] = [];
  exact(
    label: string,
    actual: Maybe | number | null,
    expected: number | null,
    pValue = false,
  ): void {
    const v =
      actual === null || typeof actual === 'number' ? actual : actual.ok ? actual.value : null;
    const miss = toleranceMiss(v, expected, { pValue });
    if (miss !== null) this.misses.push(`${label}: ${miss}`);
  }
  bounded(label: string, actual: Maybe<{ value: number; bound: number }>, expected: number): void {
    if (!actual.ok) {
      this.misses.push(`${label}: absent (${actual.reason})`);
      return;
    }
    // The documented bound plus the golden relative tolerance for floating-point summation.
    const slack = actual.value.bound + 1e-9 * Math.abs(expected) + 1e-12;
    if (Math.abs(actual.value.value - expected) > slack) {
      this.misses.push(
        `${label}: ${actual.value.value} not within ${actual.value.bound} of ${expected}`,
      );
    }
  }
  bins(
    label: string,
    actual: readonly ReliabilityBin[],
    expected: readonly { count: number; mean_confidence: number | null; accuracy: number | null }[],
  ): void {
    expected.forEach((e, i) => {
      if (actual[i]!.count !== e.count)
        this.misses.push(`${label}[${i}].count ${actual[i]!.count} != ${e.count}`);
      this.exact(`${label}[${i}].mean_confidence`, actual[i]!.meanConfidence, e.mean_confidence);
      this.exact(`${label}[${i}].accuracy`, actual[i]!.accuracy, e.accuracy);
    });
  }
}

const cases = <T extends { name: string }>(xs: readonly T[]) =>
  MODES.flatMap((mode, m) => xs.map((c, i) => [c.name, mode, c, 1000 * m + i] as const));

describe.each([2048, 64])('numeric feature accumulator (sketch capacity %d)', (capacity) => {
  it.each(cases(golden.numeric))('%s, %s', (_name, mode, c, seed) => {
    const e = c.expected;
    const edges = referenceBinEdges(sortedCopy(c.reference));
    const acc = numericFeatureAccumulator({ binEdges: edges, sketchCapacity: capacity });
    const ref = acc.snapshot(feed(acc, c.reference, mode, seed));
    const cur = acc.snapshot(feed(acc, c.current, mode, seed + 7));
    const k = new Checker();
    if (!ref.proportions.ok || !cur.proportions.ok) throw new Error('empty sample');
    e.reference_proportions.forEach((p, i) =>
      k.exact(
        `reference_proportions[${i}]`,
        ref.proportions.ok ? ref.proportions.value[i]! : null,
        p,
      ),
    );
    e.current_proportions.forEach((p, i) =>
      k.exact(
        `current_proportions[${i}]`,
        cur.proportions.ok ? cur.proportions.value[i]! : null,
        p,
      ),
    );
    const d = estimateNumericDrift(referenceFromSnapshot(ref), cur);
    k.exact('psi', d.psi, e.psi);
    k.exact('jensen_shannon', d.jensenShannon, e.jensen_shannon);
    k.exact('hellinger', d.hellinger, e.hellinger);
    k.bounded('ks_statistic', d.ksStatistic, e.ks_statistic);
    k.bounded('wasserstein', d.wasserstein, e.wasserstein);
    if (e.wasserstein_normed !== null)
      k.bounded('wasserstein_normed', d.wassersteinNormed, e.wasserstein_normed);
    const exact = ref.ecdfError === 0 && cur.ecdfError === 0;
    if (exact) k.exact('ks_p_value', d.ksPValue, e.ks_p_value, true);
    else expect(d.ksPValue.ok).toBe(false);
    // A priori bound: ECDF error <= (levels − 1)/capacity, levels <= ⌈log2(n/capacity)⌉ + 1.
    for (const [s, n] of [
      [ref, c.reference.length],
      [cur, c.current.length],
    ] as const) {
      const levels = n <= capacity ? 0 : Math.ceil(Math.log2(n / capacity)) + 1;
      expect(s.ecdfError).toBeLessThanOrEqual(levels / capacity);
      expect(s.count).toBe(n);
      expect(s.ecdf.total).toBe(n);
    }
    expect(k.misses).toEqual([]);
  });

  it('is exact below capacity and lossy (with a bound) above it', () => {
    const c = golden.numeric.find((x) => x.name === 'lognormal_large_n20000')!;
    const acc = numericFeatureAccumulator({ binEdges: [0], sketchCapacity: capacity });
    const s = acc.snapshot(feed(acc, c.reference, 'shuffled', 1));
    expect(s.ecdfError > 0).toBe(c.reference.length >= capacity);
  });
});

describe('categorical feature accumulator', () => {
  it.each(cases(golden.categorical))('%s, %s', (_name, mode, c, seed) => {
    const e = c.expected;
    const acc = categoricalFeatureAccumulator();
    const ref = acc.snapshot(feed(acc, c.reference, mode, seed));
    const cur = acc.snapshot(feed(acc, c.current, mode, seed + 7));
    expect(ref.overflowShare).toEqual({ ok: true, value: 0 });
    const d = categoricalDriftFromCounts(ref.counts, cur.counts);
    expect(d.categories).toEqual(e.categories);
    const k = new Checker();
    k.exact(
      'chi2_statistic',
      d.chiSquare.ok ? d.chiSquare.value.statistic : null,
      e.chi2_statistic,
    );
    k.exact('chi2_p_value', d.chiSquare.ok ? d.chiSquare.value.pValue : null, e.chi2_p_value, true);
    expect(d.chiSquare.ok && d.chiSquare.value.dof).toBe(e.chi2_dof);
    k.exact('psi', d.psi, e.psi);
    k.exact('jensen_shannon', d.jensenShannon, e.jensen_shannon);
    k.exact('hellinger', d.hellinger, e.hellinger);
    k.exact('l_infinity', d.lInfinity, e.l_infinity);
    k.exact('new_category_ratio', d.newCategoryRatio, e.new_category_ratio);
    expect(k.misses).toEqual([]);
  });

  it('pools categories beyond the cap into __overflow__ and reports the share', () => {
    const c = golden.categorical.find((x) => x.name === 'new_category')!;
    const acc = categoricalFeatureAccumulator({ maxCategories: 2 });
    const s = acc.snapshot(feed(acc, c.current, 'merged splits', 3));
    expect(s.count).toBe(c.current.length);
    expect(s.counts.size).toBe(3);
    expect(s.counts.get(OVERFLOW_CATEGORY)).toBeGreaterThan(0);
    expect(s.overflowShare.ok && s.overflowShare.value).toBe(
      s.counts.get(OVERFLOW_CATEGORY)! / s.count,
    );
  });
});

describe('binary outputs accumulator', () => {
  it.each(cases(golden.binary))('%s, %s', (_name, mode, c, seed) => {
    const e = c.expected;
    const acc = binaryOutputsAccumulator({ threshold: c.threshold });
    const inputs = c.scores.map((score, i) => ({ score, label: c.labels[i]! }));
    const s = acc.snapshot(feed(acc, inputs, mode, seed));
    const k = new Checker();
    k.exact('brier_score', s.brierScore, e.brier_score);
    k.exact('log_loss', s.logLoss, e.log_loss);
    k.exact('ece', s.ece, e.ece);
    k.exact('mce', s.mce, e.mce);
    k.bins('reliability_bins', s.reliabilityBins, e.reliability_bins);
    k.exact('accuracy', s.accuracy, e.accuracy);
    k.exact('precision', s.precision, e.precision);
    k.exact('recall', s.recall, e.recall);
    k.exact('f1', s.f1, e.f1);
    if (e.roc_auc !== null) k.bounded('roc_auc', s.rocAuc, e.roc_auc);
    k.bounded('ece_quantile', s.eceQuantile, e.ece_quantile);
    expect(k.misses).toEqual([]);
  });
});

describe('multiclass outputs accumulator', () => {
  it.each(cases(golden.multiclass))('%s, %s', (_name, mode, c, seed) => {
    const e = c.expected;
    const acc = multiclassOutputsAccumulator(c.probabilities[0]!.length);
    const inputs = c.probabilities.map((probabilities, i) => ({
      probabilities,
      label: c.labels[i]!,
    }));
    const r = acc.snapshot(feed(acc, inputs, mode, seed));
    if (!r.ok) throw new Error(r.reason);
    const k = new Checker();
    k.exact('accuracy', r.value.accuracy, e.accuracy);
    k.exact('macro_f1', r.value.macroF1, e.macro_f1);
    k.exact('brier_score', r.value.brierScore, e.brier_score);
    k.exact('log_loss', r.value.logLoss, e.log_loss);
    k.exact('ece_top_label', r.value.eceTopLabel, e.ece_top_label);
    k.exact('mce_top_label', r.value.mceTopLabel, e.mce_top_label);
    k.bins('reliability_bins', r.value.reliabilityBins, e.reliability_bins);
    expect(k.misses).toEqual([]);
  });
});

describe('regression outputs accumulator', () => {
  it.each(cases(golden.regression))('%s, %s', (_name, mode, c, seed) => {
    const e = c.expected;
    const acc = regressionOutputsAccumulator();
    const inputs = c.actual.map((actual, i) => ({ actual, predicted: c.predicted[i]! }));
    const m = acc.snapshot(feed(acc, inputs, mode, seed));
    const k = new Checker();
    k.exact('mae', m.mae, e.mae);
    k.exact('rmse', m.rmse, e.rmse);
    k.exact('mape', m.mape, e.mape);
    k.exact('r2', m.r2, e.r2);
    expect(k.misses).toEqual([]);
  });
});
