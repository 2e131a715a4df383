/**
 * The regression version-comparison golden case (`version_regression.json`, from
 * `scripts/version_regression.py`): requests in two slices, each predicted by versions 1 and 2,
 * sampled with a probability, and NumPy/SciPy's comparison of their MAE per slice.
 */
import { readFileSync } from 'node:fs';

/** NumPy's weighted statistics of one version's absolute errors in one slice. */
export interface ExpectedErrorStats {
  /** Kish's effective size. */
  n: number;
  mean: number;
  variance: number;
  third: number;
  mae: number;
  rmse: number;
}

/** NumPy/SciPy's comparison of version 2 with version 1 in one slice. */
export interface ExpectedRegressionComparison {
  baseline: ExpectedErrorStats;
  candidate: ExpectedErrorStats;
  deltas: Record<'mae' | 'rmse', number>;
  p_worse: number;
  p_better: number;
  verdict: 'worse' | 'same' | 'better';
  /** Weighted two-sample KS statistic of the predicted values (version 2 against 1). */
  ks: number;
}

/** The golden case: rows and the expected comparison per slice (`''` = all rows). */
export interface VersionRegressionCase {
  alpha: number;
  rows: {
    region: string[];
    actual: number[];
    value_1: number[];
    value_2: number[];
    sampling_probability: number[];
  };
  expected: Record<string, ExpectedRegressionComparison>;
}

/** The golden case. */
export const VERSION_REGRESSION_CASE = JSON.parse(
  readFileSync(new URL('./version_regression.json', import.meta.url), 'utf8'),
) as VersionRegressionCase;
