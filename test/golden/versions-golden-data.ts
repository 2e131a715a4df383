/**
 * The version-comparison golden case (`versions.json`, from `scripts/versions.py`): requests in
 * two slices, each scored by versions 1 and 2, and NumPy/SciPy's comparison per slice.
 */
import { readFileSync } from 'node:fs';

/** NumPy's statistics of one version in one slice. */
export interface ExpectedVersionStats {
  n: number;
  correct: number;
  accuracy: number;
  brier_score: number;
  ece: number;
  score_mean: number;
}

/** NumPy/SciPy's comparison of version 2 with version 1 in one slice. */
export interface ExpectedVersionComparison {
  baseline: ExpectedVersionStats;
  candidate: ExpectedVersionStats;
  deltas: Record<'accuracy' | 'brier_score' | 'ece' | 'score_mean', number>;
  p_worse: number;
  p_better: number;
  verdict: 'worse' | 'same' | 'better';
  ks: number;
  shadow: {
    pairs: number;
    agreement: number;
    score_difference_mean: number;
    score_difference_abs_mean: number;
  };
}

/** The golden case: rows and the expected comparison per slice (`''` = all rows). */
export interface VersionsCase {
  name: string;
  alpha: number;
  rows: { region: string[]; label: (0 | 1)[]; score_1: number[]; score_2: number[] };
  expected: Record<string, ExpectedVersionComparison>;
}

/** The golden case. */
export const VERSIONS_CASE: VersionsCase = (
  JSON.parse(readFileSync(new URL('./versions.json', import.meta.url), 'utf8')) as {
    cases: VersionsCase[];
  }
).cases[0]!;
