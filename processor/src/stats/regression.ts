import { absent, present, type Maybe } from './maybe.js';
import type { NumericInput } from './sorted.js';

/** sklearn's MAPE floor for |y| (float64 machine epsilon). */
export const MAPE_EPSILON = Number.EPSILON;

/** Regression metrics (METRICS.md). */
export interface RegressionMetrics {
  mae: Maybe;
  rmse: Maybe;
  mape: Maybe;
  /** Absent when the actual values have zero variance. */
  r2: Maybe;
}

/** MAE, RMSE, MAPE and R² of predictions against actual values (two passes, no allocation). */
export function regressionMetrics(
  actual: NumericInput,
  predicted: NumericInput,
): RegressionMetrics {
  const n = actual.length;
  if (n === 0 || predicted.length !== n) {
    const r = absent(
      n === 0
        ? 'regression metrics need at least one labelled prediction'
        : 'actual and predicted differ in length',
    );
    return { mae: r, rmse: r, mape: r, r2: r };
  }
  let absSum = 0;
  let sqSum = 0;
  let apeSum = 0;
  let ySum = 0;
  for (let i = 0; i < n; i++) {
    const y = actual[i]!;
    const e = y - predicted[i]!;
    absSum += Math.abs(e);
    sqSum += e * e;
    apeSum += Math.abs(e) / Math.max(Math.abs(y), MAPE_EPSILON);
    ySum += y;
  }
  const mean = ySum / n;
  let ssTot = 0;
  for (let i = 0; i < n; i++) ssTot += (actual[i]! - mean) ** 2;
  return {
    mae: present(absSum / n),
    rmse: present(Math.sqrt(sqSum / n)),
    mape: present(apeSum / n),
    r2:
      ssTot > 0
        ? present(1 - sqSum / ssTot)
        : absent('R² is undefined: the actual values are constant'),
  };
}
