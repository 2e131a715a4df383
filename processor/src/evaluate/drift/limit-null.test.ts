import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  LIMIT_MIN_DRAWS,
  limitNumeric,
  limitProportions,
  proportionLimitApplies,
} from './limit-null.js';
import { effectiveSize, numericNullLadders } from './null-ladder.js';

/** SciPy/NumPy values of test/golden/scripts/limit_null.py. */
interface LimitGolden {
  levels: number[];
  kolmogorov: number[];
  chi2: Record<string, number[]>;
  w1_uniform: { mean: number; quantiles: number[] };
  w1_normal: { reference: number[]; quantiles: number[] };
}
const golden = JSON.parse(
  readFileSync(new URL('../../../../test/golden/limit_null.json', import.meta.url), 'utf8'),
) as LimitGolden;

const REPLICATES = 4000;
const SEED = 11;

/** Quantile `level` of an ascending sample (interpolated at level·(n − 1)). */
function quantile(sorted: Float64Array, level: number): number {
  const pos = level * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * Each level's quantile within a relative tolerance: 5 % up to the 0.95 level, 8 % at 0.99
 * (about three standard errors of a 0.99 quantile from 4000 replicates).
 */
function expectQuantiles(sample: Float64Array, expected: number[], transform = (x: number) => x) {
  golden.levels.forEach((level, j) => {
    const want = transform(expected[j]!);
    const tolerance = level >= 0.99 ? 0.08 : 0.05;
    expect(Math.abs(quantile(sample, level) / want - 1), `level ${level}`).toBeLessThan(tolerance);
  });
}

describe('limitProportions', () => {
  it('n·PSI (Pearson form) follows chi2 with one degree of freedom fewer than the nonzero shares', () => {
    const [psi] = limitProportions([1, 1, 1, 1, 1, 1, 1, 1, 1, 1], REPLICATES, SEED);
    expectQuantiles(psi!, golden.chi2['9']!);
    const [unequal] = limitProportions([5000, 3000, 1500, 400, 100], REPLICATES, SEED);
    expectQuantiles(unequal!, golden.chi2['4']!);
    // A zero share never varies: two nonzero shares leave one degree of freedom.
    const [two] = limitProportions([50, 0, 50], REPLICATES, SEED);
    expectQuantiles(two!, golden.chi2['1']!);
  });

  it('JS, Hellinger and L∞ are the second-order forms of the same Gaussian proportions', () => {
    const [, js, hellinger, linf] = limitProportions([30, 70], REPLICATES, SEED);
    expectQuantiles(js!, golden.chi2['1']!, (c) => Math.sqrt(c / (8 * Math.LN2)));
    expectQuantiles(hellinger!, golden.chi2['1']!, (c) => Math.sqrt(c / 8));
    // Two shares: both move by the same |δ| ~ |N(0, p(1 − p))|, and |Z|² is chi2(1).
    expectQuantiles(linf!, golden.chi2['1']!, (c) => Math.sqrt(c * 0.3 * 0.7));
  });

  it('is sorted ascending and deterministic for a seed', () => {
    const a = limitProportions([3, 5, 2], 500, SEED);
    const b = limitProportions([3, 5, 2], 500, SEED);
    expect(a).toEqual(b);
    for (const s of a)
      for (let i = 1; i < s.length; i++) expect(s[i]!).toBeGreaterThanOrEqual(s[i - 1]!);
    expect(limitProportions([3, 5, 2], 500, SEED + 1)[0]).not.toEqual(a[0]);
  });
});

describe('proportionLimitApplies', () => {
  it('needs enough draws and enough expected draws in the smallest nonzero share', () => {
    expect(proportionLimitApplies([10, 10, 10], LIMIT_MIN_DRAWS - 1)).toBe(false);
    expect(proportionLimitApplies([10, 10, 10], LIMIT_MIN_DRAWS)).toBe(true);
    // 1 % of 1000 draws expects 10 < 20.
    expect(proportionLimitApplies([1, 49, 50], 1000)).toBe(false);
    expect(proportionLimitApplies([1, 49, 50], 2000)).toBe(true);
    expect(proportionLimitApplies([0, 50, 50], 1000)).toBe(true);
    expect(proportionLimitApplies([0, 0], 1000)).toBe(false);
  });
});

describe('limitNumeric', () => {
  const N = 10_000;
  const uniform = Float64Array.from({ length: N }, (_, i) => (i + 0.5) / N);

  it('√n·W1 against a uniform population is ∫|B(u)|du (NumPy bridge simulation)', () => {
    const [, w1] = limitNumeric(uniform, 2000, REPLICATES, SEED);
    expectQuantiles(w1!, golden.w1_uniform.quantiles);
    const mean = w1!.reduce((a, b) => a + b, 0) / w1!.length;
    expect(Math.abs(mean / golden.w1_uniform.mean - 1)).toBeLessThan(0.03);
  });

  it('√n·KS D is Kolmogorov-distributed (grid maximum with the continuity correction)', () => {
    const [ks] = limitNumeric(uniform, 2000, REPLICATES, SEED);
    expectQuantiles(ks!, golden.kolmogorov);
  });

  it('√n·W1 against a normal population is ∫|B(Φ(x))|dx', () => {
    const normal = Float64Array.from(golden.w1_normal.reference);
    const [, w1] = limitNumeric(normal, 2000, REPLICATES, SEED);
    expectQuantiles(w1!, golden.w1_normal.quantiles);
  });

  it('is exact at the cumulative shares of a reference with few distinct values', () => {
    // Two values 0 and 2, 30 % / 70 %: D = |B(0.3)| and W1 = 2·|B(0.3)|, |B(0.3)|² / 0.21 ~ chi2(1).
    const twoValues = Float64Array.from({ length: 1000 }, (_, i) => (i < 300 ? 0 : 2));
    const [ks, w1] = limitNumeric(twoValues, 2000, REPLICATES, SEED);
    expectQuantiles(ks!, golden.chi2['1']!, (c) => Math.sqrt(c * 0.21));
    expectQuantiles(w1!, golden.chi2['1']!, (c) => 2 * Math.sqrt(c * 0.21));
  });
});

describe('null ladders past the limit threshold', () => {
  it('read the limit rescaled to each rung (KS: Kolmogorov / √n_eff)', () => {
    const N = 10_000;
    const sorted = Float64Array.from({ length: N }, (_, i) => (i + 0.5) / N);
    const edges = Array.from({ length: 9 }, (_, i) => (i + 1) / 10);
    const [ks, , , psi] = numericNullLadders(
      { sorted, count: N, std: Math.sqrt(1 / 12), binEdges: edges },
      { replicates: REPLICATES },
    );
    // Rung 5 (20,000 current values) against 10,000 reference values: n_eff = 6667. A rung holds
    // the quantiles at the ladder's levels (those of the golden file).
    const nEff = effectiveSize(N, 20_000);
    const expectRung = (
      rung: ArrayLike<number>,
      expected: number[],
      scale: (x: number) => number,
    ) =>
      golden.levels.forEach((level, j) => {
        const tolerance = level >= 0.99 ? 0.08 : 0.05;
        expect(Math.abs(rung[j]! / scale(expected[j]!) - 1), `level ${level}`).toBeLessThan(
          tolerance,
        );
      });
    expectRung(ks!.rung(5), golden.kolmogorov, (k) => k / Math.sqrt(nEff));
    // PSI over ten equal bins: chi2(9) / n_eff.
    expectRung(psi!.rung(5), golden.chi2['9']!, (c) => c / nEff);
  });
});
