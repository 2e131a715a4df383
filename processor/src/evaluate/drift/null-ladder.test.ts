import { describe, expect, it } from 'vitest';
import { buildCategoricalReference, buildNumericReference } from './build-reference.js';
import {
  categoricalNullLadders,
  effectiveSize,
  ladderFromData,
  ladderSizesFor,
  ladderToData,
  numericNullLadders,
} from './null-ladder.js';
import { createRng } from './rng.js';
import { nullQuantile, rungQuantile } from './threshold.js';
import type { NullLadder } from './types.js';

function normals(seed: number, n: number): Float64Array {
  const rng = createRng(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = 1 - rng.next();
    out[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
  }
  return out;
}

const reference = normals(7, 10_000);
/** Every rung of a ladder, derived. */
const rows = (l: NullLadder): (readonly number[])[] => ladderToData(l).quantiles.map((r) => r);
const allRows = (ls: readonly NullLadder[]) => ls.map(rows);
const small = { sizes: [100, 1000, 100_000], replicates: 400 };

describe('null ladders', () => {
  it('are deterministic given the seed, and change with it', () => {
    const a = buildNumericReference('x', reference, { seed: 3, ladder: small });
    const b = buildNumericReference('x', reference, { seed: 3, ladder: small });
    const c = buildNumericReference('x', reference, { seed: 4, ladder: small });
    expect(allRows(a.nullLadders)).toEqual(allRows(b.nullLadders));
    expect(allRows(a.nullLadders)).not.toEqual(allRows(c.nullLadders));
    // Features get their own stream from the base seed and their name.
    const renamed = buildNumericReference('y', reference, { seed: 3, ladder: small });
    expect(allRows(renamed.nullLadders)).not.toEqual(allRows(a.nullLadders));
  });

  it('derive each rung on first use, with the same values in any order as all at once', () => {
    const options = { seed: 9, ladder: { sizes: [100, 300, 2000, 100_000], replicates: 200 } };
    const eager = allRows(buildNumericReference('x', reference, options).nullLadders);
    const lazy = buildNumericReference('x', reference, options).nullLadders;
    // Only the last rung of the third ladder first, then the rest.
    expect(Array.from(lazy[2]!.rung(3))).toEqual(eager[2]![3]);
    expect(Array.from(lazy[0]!.rung(1))).toEqual(eager[0]![1]);
    expect(allRows(lazy)).toEqual(eager);
    const cat = buildCategoricalReference(
      'c',
      new Map([
        ['a', 30],
        ['b', 70],
      ]),
      0,
      options,
    );
    const catEager = allRows(cat.nullLadders);
    const catLazy = buildCategoricalReference(
      'c',
      new Map([
        ['a', 30],
        ['b', 70],
      ]),
      0,
      options,
    );
    expect(Array.from(catLazy.nullLadders[3]!.rung(2))).toEqual(catEager[3]![2]);
  });

  it('round-trip through their stored form (profile rows)', () => {
    const f = buildNumericReference('x', reference, { ladder: small });
    const data = f.nullLadders.map(ladderToData);
    expect(data.map(ladderFromData).map(ladderToData)).toEqual(data);
    expect(JSON.parse(JSON.stringify(f.nullLadders))).toEqual(data);
    expect(data[0]!.quantiles).toHaveLength(3);
  });

  it('hold the same rows whichever subset of sizes is derived (the CLI derives only the rungs it needs)', () => {
    const full = buildNumericReference('x', reference, {
      ladder: { sizes: [100, 1000, 5000, 100_000], replicates: 200 },
    });
    const part = buildNumericReference('x', reference, {
      ladder: { sizes: ladderSizesFor(3000, [100, 1000, 5000, 100_000]), replicates: 200 },
    });
    expect(part.nullLadders[0]!.sizes).toEqual([1000, 5000]);
    part.nullLadders.forEach((l, i) =>
      expect(rows(l)).toEqual(rows(full.nullLadders[i]!).slice(1, 3)),
    );
    expect(ladderSizesFor(50)).toEqual([100]);
    expect(ladderSizesFor(1000)).toEqual([1000]);
    expect(ladderSizesFor(1e6)).toEqual([100_000]);
  });

  it('store every statistic, sizes, levels and one row of quantiles per size', () => {
    const f = buildNumericReference('x', reference, { ladder: small });
    expect(f.nullLadders.map((l) => l.method)).toEqual([
      'ks',
      'wasserstein',
      'wasserstein_normed',
      'psi',
      'jensen_shannon',
      'hellinger',
    ]);
    for (const l of f.nullLadders) {
      expect(l.sizes).toEqual(small.sizes);
      expect(l.levels).toEqual([0.5, 0.9, 0.95, 0.99]);
      const q = rows(l);
      expect(q).toHaveLength(3);
      // Quantiles grow with the level and shrink with the window size.
      for (const row of q) expect([...row].sort((x, y) => x - y)).toEqual(row);
      expect(q[2]![3]!).toBeLessThan(q[0]![3]!);
    }
  });

  it('match the Kolmogorov distribution for KS D: q(1−a) ≈ c(a)/√n_eff', () => {
    const ks = numericNullLadders(
      { sorted: reference.slice().sort(), count: 10_000, std: 1, binEdges: [] },
      { sizes: [100, 1000], replicates: 2000 },
    )[0]!;
    // Asymptotic Kolmogorov quantiles: 0.95 → 1.358, 0.99 → 1.628 (finite n is slightly lower).
    ks.sizes.forEach((n, i) => {
      const root = Math.sqrt(effectiveSize(10_000, n));
      expect(ks.rung(i)[2]! * root).toBeGreaterThan(1.358 * 0.9);
      expect(ks.rung(i)[2]! * root).toBeLessThan(1.358 * 1.05);
      expect(ks.rung(i)[3]! * root).toBeGreaterThan(1.628 * 0.88);
      expect(ks.rung(i)[3]! * root).toBeLessThan(1.628 * 1.08);
    });
  });

  it('match the chi-square law for categorical JS: 8·ln2·n_eff·JS² ~ χ²(k−1)', () => {
    const [, js] = categoricalNullLadders(
      { counts: [4000, 3000, 2000, 1000] },
      { sizes: [5000], replicates: 2000 },
    );
    const nEff = effectiveSize(10_000, 5000);
    const chi = (q: number): number => 8 * Math.LN2 * nEff * q * q;
    // χ²(3): 0.95 → 7.815, 0.99 → 11.345.
    expect(chi(js!.rung(0)[2]!)).toBeGreaterThan(7.815 * 0.85);
    expect(chi(js!.rung(0)[2]!)).toBeLessThan(7.815 * 1.15);
    expect(chi(js!.rung(0)[3]!)).toBeGreaterThan(11.345 * 0.8);
    expect(chi(js!.rung(0)[3]!)).toBeLessThan(11.345 * 1.2);
  });

  it('match the chi-square law for numeric PSI over decile bins: n_eff·PSI ~ χ²(9)', () => {
    const sorted = reference.slice().sort();
    const edges = Array.from({ length: 9 }, (_, i) => sorted[((i + 1) * sorted.length) / 10]!);
    const ladders = numericNullLadders(
      { sorted, count: 10_000, std: 1, binEdges: edges },
      { sizes: [5000], replicates: 2000 },
    );
    const psi = ladders.find((l) => l.method === 'psi')!;
    const nEff = effectiveSize(10_000, 5000);
    // χ²(9) from scipy.stats.chi2.ppf: 0.95 → 16.919, 0.99 → 21.666.
    expect(nEff * psi.rung(0)[2]!).toBeGreaterThan(16.919 * 0.85);
    expect(nEff * psi.rung(0)[2]!).toBeLessThan(16.919 * 1.15);
    expect(nEff * psi.rung(0)[3]!).toBeGreaterThan(21.666 * 0.8);
    expect(nEff * psi.rung(0)[3]!).toBeLessThan(21.666 * 1.2);
  });

  it('share the binned rows of features with equal bin counts; KS and Wasserstein stay per feature', () => {
    // Two different samples of 100 distinct values: decile bins hold 10 atoms each in both.
    const a = buildNumericReference('a', normals(11, 100), { seed: 5, ladder: small });
    const b = buildNumericReference('b', normals(12, 100), { seed: 5, ladder: small });
    const binned = ['psi', 'jensen_shannon', 'hellinger'];
    const pick = (ls: readonly NullLadder[], keep: boolean) =>
      ls.filter((l) => binned.includes(l.method) === keep).map(rows);
    expect(pick(a.nullLadders, true)).toEqual(pick(b.nullLadders, true));
    expect(pick(a.nullLadders, false)).not.toEqual(pick(b.nullLadders, false));
    // Another base seed gives other binned rows: the shared stream still follows the seed.
    const c = buildNumericReference('a', normals(11, 100), { seed: 6, ladder: small });
    expect(pick(c.nullLadders, true)).not.toEqual(pick(a.nullLadders, true));
  });

  it('low-cardinality numerics get categorical ladders', () => {
    const f = buildNumericReference(
      'level',
      Float64Array.from({ length: 600 }, (_, i) => i % 3),
    );
    expect(f.lowCardinality).toEqual({ categories: ['0', '1', '2'], counts: [200, 200, 200] });
    expect(f.nullLadders.map((l) => l.method)).toEqual([
      'psi',
      'jensen_shannon',
      'hellinger',
      'l_infinity',
    ]);
  });

  it('are skipped on request and for empty references', () => {
    expect(buildNumericReference('x', reference, { ladder: false }).nullLadders).toEqual([]);
    expect(buildCategoricalReference('c', new Map(), 5).nullLadders).toEqual([]);
  });
});

describe('threshold interpolation and extrapolation', () => {
  it('interpolates stored levels and extrapolates an exponential tail of score^p', () => {
    // Kolmogorov tail P(K > z) ≈ 2·exp(−2z²): exponential in z², so p = 2 extrapolates exactly.
    const z = (a: number): number => Math.sqrt(Math.log(2 / a) / 2);
    const levels = [0.9, 0.95, 0.99];
    const values = levels.map((l) => z(1 - l));
    expect(rungQuantile(levels, values, 0.05, 2)).toBeCloseTo(z(0.05), 12);
    expect(rungQuantile(levels, values, 0.075, 2)).toBeCloseTo((z(0.1) + z(0.05)) / 2, 12);
    expect(rungQuantile(levels, values, 0.0005, 2)).toBeCloseTo(z(0.0005), 10);
  });

  it('interpolates in log n between rungs and scales by n_eff^(−1/p) outside', () => {
    const ladder = ladderFromData({
      method: 'jensen_shannon' as const,
      sizes: [100, 10_000],
      replicates: [1, 1],
      levels: [0.5, 0.99],
      quantiles: [
        [0.1, 0.2],
        [0.01, 0.02],
      ],
    });
    const nRef = 1e12; // n_eff = n
    expect(nullQuantile(ladder, 100, nRef, 0.01, 2)).toBeCloseTo(0.2, 9);
    expect(nullQuantile(ladder, 1000, nRef, 0.01, 2)).toBeCloseTo(Math.sqrt(0.2 * 0.02), 9);
    expect(nullQuantile(ladder, 25, nRef, 0.01, 2)).toBeCloseTo(0.4, 6);
    expect(nullQuantile(ladder, 1_000_000, nRef, 0.01, 2)).toBeCloseTo(0.002, 6);
  });

  it('reads only the rung at n, and above the limit draw count only the rung above (rescaled)', () => {
    const read: number[] = [];
    const fake = (limitFrom: number): NullLadder => ({
      method: 'wasserstein_normed',
      sizes: [100, 500, 1000, 5000],
      replicates: [1, 1, 1, 1],
      levels: [0.5, 0.99],
      rung(i) {
        read.push(i);
        return [0.1 / (i + 1), 0.2 / (i + 1)];
      },
      readsLimitAt: (n) => n >= limitFrom,
    });
    const nRef = 6000;
    expect(nullQuantile(fake(Infinity), 1000, nRef, 0.01, 2)).toBe(0.2 / 3);
    expect(read).toEqual([2]);
    read.length = 0;
    // n = 700 with a 6000-value reference: n_eff = 626, past a limit from 600 — the 1000 rung's
    // quantile rescaled by √(n_eff(1000) / n_eff(700)), without the 500 rung.
    const scaled = (0.2 / 3) * Math.sqrt(effectiveSize(nRef, 1000) / effectiveSize(nRef, 700));
    expect(nullQuantile(fake(600), 700, nRef, 0.01, 2)).toBeCloseTo(scaled, 12);
    expect(read).toEqual([2]);
    read.length = 0;
    // Below the limit: log–log interpolation between the rungs around n, as before.
    const q0 = 0.2 / 2;
    const q1 = 0.2 / 3;
    const f = Math.log(700 / 500) / Math.log(1000 / 500);
    expect(nullQuantile(fake(800), 700, nRef, 0.01, 2)).toBeCloseTo(
      Math.exp(Math.log(q0) + f * (Math.log(q1) - Math.log(q0))),
      12,
    );
    expect(read.sort()).toEqual([1, 2]);
  });

  it('a numeric ladder reads the limit from n_eff = 500 draws on', () => {
    const [w] = numericNullLadders(
      {
        sorted: [...reference].sort((a, b) => a - b),
        count: reference.length,
        std: 1,
        binEdges: [],
      },
      { seed: 3 },
    );
    // n_eff(n) = 10000·n/(10000 + n), in whole draws, is 499 at n = 525 (499.3) and 500 at
    // n = 526 (499.7).
    expect(w!.readsLimitAt!(525)).toBe(false);
    expect(w!.readsLimitAt!(526)).toBe(true);
  });
});
