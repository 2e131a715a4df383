/**
 * Multiclass CBPE from sums instead of per-record probability vectors, so that a window keeps
 * k² + k numbers however many predictions it has, and slices merge by adding them.
 *
 * With p̂_c the calibrated probability of class c and ŷ the predicted class, a window keeps
 * E[c][j] = Σ_{ŷ=j} w·p̂_c and W[j] = Σ_{ŷ=j} w. Class c's one-vs-rest expected confusion
 * (METRICS.md: TP = Σ_{ŷ=c} p̂_c, FP = Σ_{ŷ=c} (1−p̂_c), FN = Σ_{ŷ≠c} p̂_c, TN = Σ_{ŷ≠c} (1−p̂_c))
 * is then TP = E[c][c], FP = W[c] − E[c][c], FN = Σ_j E[c][j] − E[c][c] and
 * TN = (ΣW − W[c]) − FN — exact, without assuming the calibrated p̂ sum to 1 (per-class
 * isotonic maps do not keep that). A realized confusion matrix (row = true class, column =
 * predicted) is the same shape with W = its column sums, so both sides share the definitions.
 */
import { metricsOfConfusion, type CbpeValues } from './cbpe-estimate.js';
import { macroOfClasses } from './cbpe-multiclass.js';

/**
 * Accuracy and the macro precision, recall, F1 and specificity of the sums `e` (k×k, row-major:
 * e[c·k + j]) with predicted-class weights `predicted` (k). Accuracy is Σ_c e[c][c] / ΣW; a macro
 * metric undefined for any class is absent, as in the batch estimate.
 */
export function macroOfConfusionSums(
  e: ArrayLike<number>,
  predicted: ArrayLike<number>,
  k: number,
): CbpeValues {
  let total = 0;
  for (let j = 0; j < k; j++) total += predicted[j]!;
  const perClass: CbpeValues[] = [];
  let diagonal = 0;
  for (let c = 0; c < k; c++) {
    let row = 0;
    for (let j = 0; j < k; j++) row += e[c * k + j]!;
    const tp = e[c * k + c]!;
    const fn = row - tp;
    diagonal += tp;
    perClass.push(
      metricsOfConfusion({ tp, fp: predicted[c]! - tp, fn, tn: total - predicted[c]! - fn }),
    );
  }
  const out = macroOfClasses(perClass);
  delete out.roc_auc;
  if (total > 0) out.accuracy = diagonal / total;
  return out;
}

/** {@link macroOfConfusionSums} of a realized confusion matrix (rows true, columns predicted). */
export function macroOfRealizedConfusion(rows: readonly ArrayLike<number>[]): CbpeValues {
  const k = rows.length;
  const e = new Float64Array(k * k);
  const predicted = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < k; j++) {
      e[c * k + j] = rows[c]![j]!;
      predicted[j]! += rows[c]![j]!;
    }
  }
  return macroOfConfusionSums(e, predicted, k);
}
