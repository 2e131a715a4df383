import { describe, expect, it } from 'vitest';
import { buildCategoricalReference, buildNumericReference } from './build-reference.js';
import { decideDrift } from './decide.js';
import { getDriftMethod } from './registry.js';
import { createRng } from './rng.js';
import { defaultDriftMethod, selectDriftMethod, validateDriftRules } from './select-method.js';
import { summarizeCategorical, summarizeNumeric } from './summarize.js';

function uniform(seed: number, n: number, shift = 0): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: n }, () => rng.next() + shift);
}

const ladder = { sizes: [100, 1000, 10_000], replicates: 300 };

describe('insufficient_data', () => {
  const ref = buildNumericReference('x', uniform(1, 5000), { ladder });

  it('below the method minimum of current values: a reason, no verdict, no effective threshold', () => {
    const d = decideDrift(ref, summarizeNumeric(uniform(2, 29, 5), ref));
    expect(d.method).toBe('wasserstein_normed');
    expect(d.state).toBe('insufficient_data');
    expect(d.drifted).toBeNull();
    expect(d.effectiveThreshold).toBeNull();
    expect(d.reason).toBe('29 current values, fewer than the 30 that wasserstein_normed needs');
    expect(d.nCurrent).toBe(29);
    expect(d.nReference).toBe(5000);
  });

  it('at the minimum a decision is made', () => {
    const d = decideDrift(ref, summarizeNumeric(uniform(2, 30, 5), ref));
    expect(d.state).toBe('drift');
  });

  it('per method: binned distances need 50, KS 20, chi2 30', () => {
    const cur = summarizeNumeric(uniform(3, 40), ref);
    expect(decideDrift(ref, cur, { method: 'psi' }).reason).toBe(
      '40 current values, fewer than the 50 that psi needs',
    );
    expect(decideDrift(ref, cur, { method: 'ks' }).state).not.toBe('insufficient_data');
    const cat = buildCategoricalReference(
      'c',
      new Map([
        ['a', 20],
        ['b', 20],
      ]),
      0,
      { ladder: false },
    );
    const d = decideDrift(cat, summarizeCategorical(['a', 'b', 'a']));
    expect(d.method).toBe('chi2');
    expect(d.reason).toBe('3 current values, fewer than the 30 that chi2 needs');
  });

  it('too small a reference', () => {
    const tiny = buildNumericReference('x', uniform(4, 10), { ladder: false });
    const d = decideDrift(tiny, summarizeNumeric(uniform(5, 100), tiny));
    expect(d.reason).toBe('10 reference values, fewer than the 20 that ks needs');
  });

  it('an undefined statistic (constant reference for wasserstein_normed)', () => {
    const constant = buildNumericReference(
      'x',
      new Float64Array(2000).fill(1).map((v, i) => (i < 1000 ? v : 1)),
      {
        ladder: false,
      },
    );
    // One distinct value: tested as categorical, so force the numeric method.
    expect(constant.lowCardinality).toBeDefined();
    const ramp = buildNumericReference(
      'x',
      Float64Array.from({ length: 2000 }, () => 3),
      { ladder: false },
    );
    expect(() =>
      decideDrift(ramp, summarizeNumeric(uniform(6, 100), ramp), { method: 'wasserstein_normed' }),
    ).toThrow(
      "drift method 'wasserstein_normed' does not apply to categorical feature 'x' (applies to: numeric)",
    );
  });
});

describe('decisions', () => {
  const ref = buildNumericReference('x', uniform(1, 5000), { ladder });

  it('report method, nominal and effective threshold, α and both sizes', () => {
    const d = decideDrift(ref, summarizeNumeric(uniform(7, 100), ref));
    expect(d).toMatchObject({
      feature: 'x',
      method: 'wasserstein_normed',
      scoreKind: 'distance',
      testedAs: 'numeric',
      threshold: 0.1,
      alpha: 0.0005,
      nReference: 5000,
      nCurrent: 100,
      exact: true,
    });
    // A window of 100 stationary points is noisier than the nominal 0.1 allows.
    expect(d.effectiveThreshold!).toBeGreaterThan(0.1);
    expect(d.state).toBe('no_drift');
  });

  it('without size awareness the nominal threshold applies (Evidently behaviour)', () => {
    const d = decideDrift(ref, summarizeNumeric(uniform(7, 100), ref), { sizeAware: false });
    expect(d.effectiveThreshold).toBe(0.1);
  });

  it('p-value tests need p <= min(nominal, α) and the effect floor', () => {
    const small = buildNumericReference('x', uniform(1, 800), { ladder: false });
    const shifted = decideDrift(small, summarizeNumeric(uniform(8, 800, 0.1), small));
    expect(shifted.method).toBe('ks');
    expect(shifted.effectiveThreshold).toBe(0.0005);
    expect(shifted.effect?.method).toBe('ks');
    expect(shifted.effect?.floor).toBe(0.1);
    expect(shifted.effect!.value).toBeGreaterThan(0.09);
    expect(shifted.drifted).toBe(shifted.score! <= 0.0005 && shifted.effect!.value >= 0.1);
    // A significant but negligible shift does not alarm when the floor is above its D.
    const floorHigh = decideDrift(small, summarizeNumeric(uniform(8, 800, 0.1), small), {
      effectSizeFloor: 0.5,
    });
    expect(floorHigh.score!).toBeLessThan(0.0005);
    expect(floorHigh.drifted).toBe(false);
  });

  it('low-cardinality numerics are tested as categorical over their values', () => {
    const levels = buildNumericReference(
      'level',
      Float64Array.from({ length: 900 }, (_, i) => i % 3),
      { ladder: false },
    );
    const cur = summarizeNumeric(
      Float64Array.from({ length: 300 }, (_, i) => (i < 200 ? 0 : i % 3)),
      levels,
    );
    const d = decideDrift(levels, cur);
    expect(d.testedAs).toBe('categorical');
    expect(d.method).toBe('chi2');
    expect(d.drifted).toBe(true);
    expect(d.effect?.method).toBe('l_infinity');
    // Share of 0 moves from 1/3 to 233/300.
    expect(d.effect?.value).toBeCloseTo(233 / 300 - 1 / 3, 9);
  });
});

describe('registry and selection', () => {
  it('unknown names fail with the list of valid ones', () => {
    expect(() => getDriftMethod('kl')).toThrow(
      "unknown drift method 'kl'; valid methods: ks, wasserstein, wasserstein_normed, psi, jensen_shannon, hellinger, chi2, l_infinity, new_category_ratio",
    );
  });

  it('defaults: numeric by the Evidently rule on the reference size, categorical chi2 at every size', () => {
    expect(defaultDriftMethod('numeric', 1000).id).toBe('ks');
    expect(defaultDriftMethod('numeric', 1001).id).toBe('wasserstein_normed');
    expect(defaultDriftMethod('categorical', 1000).id).toBe('chi2');
    // Issue 4 over issue 3: not Jensen–Shannon above 1000 reference values.
    expect(defaultDriftMethod('categorical', 1001).id).toBe('chi2');
    expect(defaultDriftMethod('categorical', 1_000_000).id).toBe('chi2');
  });

  it('the default catches a 10-point move of a large category that JS >= 0.1 misses', () => {
    // Reference 40/30/20/10 % of 10,000; current 50/25/16.67/8.33 % of 3,000 (exact shares).
    const reference = buildCategoricalReference(
      'c',
      new Map([
        ['a', 4000],
        ['b', 3000],
        ['c', 2000],
        ['d', 1000],
      ]),
      0,
    );
    const current = summarizeCategorical([
      ...Array<string>(1500).fill('a'),
      ...Array<string>(750).fill('b'),
      ...Array<string>(500).fill('c'),
      ...Array<string>(250).fill('d'),
    ]);
    const d = decideDrift(reference, current);
    expect(d.method).toBe('chi2');
    expect(d.drifted).toBe(true);
    expect(d.effect?.value).toBeCloseTo(0.1, 9);
    const js = decideDrift(reference, current, { method: 'jensen_shannon' });
    expect(js.score).toBeLessThan(0.1);
    expect(js.drifted).toBe(false);
  });

  it('rules: first match wins, globs and kinds, inapplicable methods skipped', () => {
    const rules = [
      { feature: 'age', method: 'psi', threshold: 0.2 },
      { feature: 'income_*', method: 'hellinger' },
      { method: 'chi2' },
      { method: 'ks' },
    ];
    expect(validateDriftRules(rules)).toEqual([]);
    const pick = (name: string, testedAs: 'numeric' | 'categorical') =>
      selectDriftMethod({ name, testedAs, nReference: 5000 }, rules);
    expect(pick('age', 'numeric')).toMatchObject({ threshold: 0.2, ruleIndex: 0 });
    expect(pick('income_usd', 'numeric').spec.id).toBe('hellinger');
    expect(pick('country', 'categorical').spec.id).toBe('chi2');
    expect(pick('height', 'numeric')).toMatchObject({ ruleIndex: 3, threshold: 0.05 });
    expect(selectDriftMethod({ name: 'x', testedAs: 'numeric', nReference: 5000 }).ruleIndex).toBe(
      -1,
    );
  });

  it('validation reports every bad rule', () => {
    expect(
      validateDriftRules([
        { method: 'nope' },
        { kind: 'categorical', method: 'ks' },
        { method: 'wasserstein' },
      ]),
    ).toEqual([
      "rule 1: unknown drift method 'nope'; valid methods: ks, wasserstein, wasserstein_normed, psi, jensen_shannon, hellinger, chi2, l_infinity, new_category_ratio",
      "rule 2: method 'ks' does not apply to categorical features",
      "rule 3: method 'wasserstein' has no default threshold; give one",
    ]);
  });
});
