import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibrationPValue, type CalibrationBinCount } from './calibration-significance.js';
import { binomialCdf, binomialTwoSided, fisherLowerTail } from './proportion-tests.js';

const golden = JSON.parse(
  readFileSync(new URL('../../../test/golden/proportion_tests.json', import.meta.url), 'utf8'),
) as {
  binomial: { k: number; n: number; p: number; cdf: number; two_sided: number }[];
  fisher_less: { x: number; n: number; y: number; m: number; p: number }[];
  calibration: { bins: CalibrationBinCount[]; p: number }[];
};

function close(got: number, want: number, relative: number, label: string): void {
  expect(Math.abs(got - want), label).toBeLessThanOrEqual(
    relative * Math.max(want, 1e-300) + 1e-15,
  );
}

describe('exact proportion tests', () => {
  it('binomialCdf and binomialTwoSided match scipy.stats.binom to 1e-9 relative', () => {
    for (const { k, n, p, cdf, two_sided } of golden.binomial) {
      close(binomialCdf(k, n, p), cdf, 1e-9, `cdf k=${k} n=${n} p=${p}`);
      close(binomialTwoSided(k, n, p), two_sided, 1e-9, `two-sided k=${k} n=${n} p=${p}`);
    }
  });

  it('fisherLowerTail matches scipy.stats.fisher_exact(alternative="less") to 1e-7 relative', () => {
    for (const { x, n, y, m, p } of golden.fisher_less) {
      close(fisherLowerTail(x, n, y, m), p, 1e-7, `x=${x} n=${n} y=${y} m=${m}`);
    }
  });

  it('calibrationPValue matches the SciPy per-bin binomial tests with Bonferroni', () => {
    for (const [i, { bins, p }] of golden.calibration.entries()) {
      close(calibrationPValue(bins), p, 1e-9, `case ${i}`);
    }
    expect(calibrationPValue([])).toBe(1);
  });

  it('answers 1 (no evidence) for empty samples and handles certain rates', () => {
    expect(fisherLowerTail(0, 0, 5, 10)).toBe(1);
    expect(binomialTwoSided(0, 10, 0)).toBe(1);
    expect(binomialTwoSided(1, 10, 0)).toBe(0);
    expect(binomialTwoSided(10, 10, 1)).toBe(1);
  });
});
