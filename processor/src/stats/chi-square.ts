import { chiSquareSf } from './gamma.js';
import { absent, present, type Maybe } from './maybe.js';
import type { NumericInput } from './sorted.js';

/** Result of the chi-square test of homogeneity. */
export interface ChiSquareResult {
  statistic: number;
  pValue: number;
  dof: number;
}

/**
 * Chi-square test of homogeneity on the 2×k table [reference counts; current counts], no
 * continuity correction (`scipy.stats.chi2_contingency(table, correction=False)`). Categories
 * with zero count in both rows must be left out by the caller (SciPy rejects zero expected
 * frequencies). dof = k − 1. Absent with fewer than 2 categories or an empty row.
 */
export function chiSquareHomogeneity(
  reference: NumericInput,
  current: NumericInput,
): Maybe<ChiSquareResult> {
  const k = reference.length;
  if (k !== current.length) return absent('chi-square needs count vectors of equal length');
  let nR = 0;
  let nC = 0;
  for (let i = 0; i < k; i++) {
    nR += reference[i]!;
    nC += current[i]!;
  }
  if (nR === 0 || nC === 0)
    return absent('chi-square needs non-empty reference and current samples');
  let live = 0;
  for (let i = 0; i < k; i++) if (reference[i]! + current[i]! > 0) live++;
  if (live < 2) return absent('chi-square is undefined with fewer than 2 categories');
  const total = nR + nC;
  let statistic = 0;
  for (let i = 0; i < k; i++) {
    const col = reference[i]! + current[i]!;
    if (col === 0) continue;
    const eR = (col * nR) / total;
    const eC = (col * nC) / total;
    statistic += (reference[i]! - eR) ** 2 / eR + (current[i]! - eC) ** 2 / eC;
  }
  const dof = live - 1;
  return present({ statistic, pValue: chiSquareSf(statistic, dof), dof });
}
