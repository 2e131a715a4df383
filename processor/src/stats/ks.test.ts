import { describe, expect, it } from 'vitest';
import { expectClose } from '../../../test/golden/tolerance.js';
import { kolmogorovNSf } from './kolmogorov-n.js';
import { ksTest } from './ks.js';
import { smirnovSf } from './smirnov.js';

// Reference values computed with SciPy 1.17.1 (`scipy.stats.kstwo.sf(x, n)`,
// `scipy.special.smirnov(n, x)`, `scipy.stats.ks_2samp`); they cover the branches of SciPy's
// algorithm that the golden files do not reach (Pomeranz, Pelz–Good, Ruben–Gambino, Miller,
// the equal-size exact path falling back to asymp).
const KSTWO_SF: [n: number, x: number, sf: number][] = [
  [3, 0.2, 0.9982222222222222], // n·x <= 1 (Ruben–Gambino)
  [3, 0.9, 0.0019999999999999987], // n·x >= n − 1
  [10, 0.05, 1.0], // n·x <= 0.5
  [10, 0.08, 0.9999978058034054], // Durbin matrix
  [10, 0.95, 1.9531250000000172e-13],
  [10, 0.3, 0.27053557479999946], // Pomeranz
  [10, 0.5, 0.00777741], // 2·smirnov
  [50, 0.1, 0.6623112704658186],
  [50, 0.2, 0.03143877776953241],
  [50, 0.35, 5.573523514803185e-6],
  [100, 0.15, 0.019839242125643017],
  [140, 0.25, 3.391572437071032e-8],
  [200, 0.05, 0.6802625495871704],
  [200, 0.09, 0.07358925139953587],
  [1000, 0.02, 0.8108971656895577],
  [1000, 0.03, 0.3226902143914636],
  [5000, 0.015, 0.20846142096186204],
  [100000, 0.003, 0.3284563327726956],
  [150000, 0.004, 0.01641549696764547], // Pelz–Good
  [2000000, 0.0005, 0.6991771101944894],
  [300, 0.0025, 1.0],
  [1000, 0.0125, 0.9971528020597908], // Durbin matrix at n > 140
  [400, 0.02, 0.9962957072474701],
  [400, 0.035, 0.6976614726937255],
  [300, 0.2, 5.4021531300969695e-11],
];

const SMIRNOV: [n: number, x: number, sf: number][] = [
  [5, 0.3, 0.34282],
  [20, 0.1, 0.6290710188849629],
  [100, 0.05, 0.5871453380805337],
  [1000, 0.01, 0.8133237754763678],
  [1000, 0.6, 0.0],
  [2000000, 0.001, 0.018303432023617325], // Miller's approximation above n = 1e6
];

const range = (n: number, scale = 1, shift = 0): number[] =>
  Array.from({ length: n }, (_, i) => i * scale + shift);

describe('kolmogorovNSf (= scipy.stats.kstwo.sf)', () => {
  it.each(KSTWO_SF)('n=%d x=%d', (n, x, sf) => {
    expectClose(`kstwo.sf(${x}, ${n})`, kolmogorovNSf(n, x), sf, { pValue: true });
  });
  it('is 1 at x <= 0 and 0 at x >= 1', () => {
    expect(kolmogorovNSf(10, 0)).toBe(1);
    expect(kolmogorovNSf(10, 1)).toBe(0);
  });
});

describe('smirnovSf (= scipy.special.smirnov)', () => {
  it.each(SMIRNOV)('n=%d x=%d', (n, x, sf) => {
    expectClose(`smirnov(${n}, ${x})`, smirnovSf(n, x), sf, { pValue: true });
  });
});

describe('ksTest (= scipy.stats.ks_2samp)', () => {
  it('equal sizes where the exact sum exceeds 1 fall back to asymp like SciPy', () => {
    const r = ksTest(range(60), range(60, 1, 1.5));
    if (!r.ok) throw new Error(r.reason);
    expectClose('statistic', r.value.statistic, 0.03333333333333333);
    expectClose('p', r.value.pValue, 0.9999999999987117);
    expect(r.value.method).toBe('asymp');
  });
  it('h = 1 with equal sizes gives p = 1', () => {
    const r = ksTest(range(5), range(5, 1, 0.5));
    expect(r.ok && r.value.pValue).toBe(1);
  });
  it('unequal sizes, exact', () => {
    const r = ksTest(range(1000), range(999, 1.01, 3));
    if (!r.ok) throw new Error(r.reason);
    expectClose('statistic', r.value.statistic, 0.012098098098098099);
    expectClose('p', r.value.pValue, 0.9999985678658178);
    expect(r.value.method).toBe('exact');
  });
  it('above 10000 values uses the asymptotic distribution', () => {
    const r = ksTest(range(12000), range(10001, 1.005, 10));
    if (!r.ok) throw new Error(r.reason);
    expectClose('statistic', r.value.statistic, 0.16166666666666663);
    expectClose('p', r.value.pValue, 4.927302589146652e-125, { pValue: true });
    expect(r.value.method).toBe('asymp');
  });
  it('method exact on a far-apart pair reaches tiny p-values', () => {
    const r = ksTest(range(3000), range(200, 1.005, 10), 'exact');
    if (!r.ok) throw new Error(r.reason);
    expectClose('statistic', r.value.statistic, 0.93);
    expectClose('p', r.value.pValue, 8.166897577234374e-202, { pValue: true });
  });
  it('an empty sample is absent with a reason', () => {
    const r = ksTest([], [1, 2]);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/non-empty/);
  });
  it('does not depend on input order', () => {
    const a = [3, 1, 2, 5, 4, 9, 7];
    const b = [8, 6, 10, 2.5, 11];
    const r1 = ksTest(a, b);
    const r2 = ksTest([...a].reverse(), [...b].reverse());
    expect(r1).toEqual(r2);
  });
});
