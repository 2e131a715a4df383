import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Names of the golden files (SciPy/NumPy reference values, copied unmodified from ../shared/golden). */
export const GOLDEN_FILES = [
  'numeric_drift.json',
  'categorical_drift.json',
  'binary_classification.json',
  'multiclass_classification.json',
  'regression.json',
] as const;

/** Absolute path of a golden file in the repository. */
export function goldenPath(file: (typeof GOLDEN_FILES)[number]): string {
  return fileURLToPath(new URL(`./${file}`, import.meta.url));
}

function load<T>(file: (typeof GOLDEN_FILES)[number]): T {
  return JSON.parse(readFileSync(goldenPath(file), 'utf8')) as T;
}

/** A numeric drift case. */
export interface NumericDriftCase {
  name: string;
  reference: number[];
  current: number[];
  expected: {
    ks_statistic: number;
    ks_p_value: number;
    ks_p_value_asymp: number;
    wasserstein: number;
    wasserstein_normed: number | null;
    bin_edges: number[];
    reference_proportions: number[];
    current_proportions: number[];
    psi: number;
    jensen_shannon: number;
    hellinger: number;
  };
}

/** A categorical drift case. */
export interface CategoricalDriftCase {
  name: string;
  reference: string[];
  current: string[];
  expected: {
    categories: string[];
    chi2_statistic: number;
    chi2_p_value: number;
    chi2_dof: number;
    psi: number;
    jensen_shannon: number;
    hellinger: number;
    l_infinity: number;
    new_category_ratio: number;
  };
}

/** A golden reliability bin. */
export interface GoldenBin {
  count: number;
  mean_confidence: number | null;
  accuracy: number | null;
}

/** A binary classification case. */
export interface BinaryCase {
  name: string;
  scores: number[];
  labels: number[];
  threshold: number;
  expected: {
    brier_score: number;
    log_loss: number;
    ece: number;
    mce: number;
    reliability_bins: GoldenBin[];
    ece_quantile: number;
    roc_auc: number | null;
    accuracy: number;
    precision: number;
    recall: number;
    f1: number;
  };
}

/** A multiclass classification case. */
export interface MulticlassCase {
  name: string;
  probabilities: number[][];
  labels: number[];
  expected: {
    accuracy: number;
    macro_f1: number;
    brier_score: number;
    log_loss: number;
    ece_top_label: number;
    mce_top_label: number;
    reliability_bins: GoldenBin[];
  };
}

/** A regression case. */
export interface RegressionCase {
  name: string;
  actual: number[];
  predicted: number[];
  expected: { mae: number; rmse: number; mape: number; r2: number | null };
}

/** All golden cases, parsed once. */
export const golden = {
  numeric: load<{ cases: NumericDriftCase[] }>('numeric_drift.json').cases,
  categorical: load<{ cases: CategoricalDriftCase[] }>('categorical_drift.json').cases,
  binary: load<{ cases: BinaryCase[] }>('binary_classification.json').cases,
  multiclass: load<{ cases: MulticlassCase[] }>('multiclass_classification.json').cases,
  regression: load<{ cases: RegressionCase[] }>('regression.json').cases,
};
