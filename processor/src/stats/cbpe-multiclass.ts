/**
 * Multiclass CBPE: one-vs-rest per class with each class's calibrated probability, macro
 * averaged (METRICS.md). The predicted class is the argmax of the uncalibrated probabilities
 * (the first on ties); the expected accuracy is the mean calibrated probability of the predicted
 * class. Probabilities come as one column per class.
 */
import { calibrate, type CbpeCalibration } from './cbpe-calibration.js';
import {
  CBPE_METRICS,
  expectedBinary,
  realizedBinary,
  type CbpeMetric,
  type CbpeValues,
} from './cbpe-estimate.js';
import { rocAuc } from './roc-auc.js';
import type { NumericInput } from './sorted.js';

/** The argmax class of each row of the columns `probs` (rows `start` … `end − 1`). */
export function predictedClasses(
  probs: readonly NumericInput[],
  start = 0,
  end = probs[0]?.length ?? 0,
): Int32Array {
  const out = new Int32Array(end - start);
  for (let i = start; i < end; i++) {
    let best = 0;
    for (let k = 1; k < probs.length; k++) if (probs[k]![i]! > probs[best]![i]!) best = k;
    out[i - start] = best;
  }
  return out;
}

/** Macro average of per-class values; a metric absent for any class is absent. */
export function macroOfClasses(perClass: readonly CbpeValues[]): CbpeValues {
  const out: CbpeValues = {};
  for (const m of CBPE_METRICS) {
    if (m === 'accuracy') continue;
    let sum = 0;
    let defined = true;
    for (const v of perClass) {
      const x = v[m];
      if (x === undefined) defined = false;
      else sum += x;
    }
    if (defined && perClass.length > 0) out[m as CbpeMetric] = sum / perClass.length;
  }
  return out;
}

/** Expected macro metrics of a window from its per-class probability columns. */
export function expectedMulticlass(
  probs: readonly NumericInput[],
  calibrations: readonly CbpeCalibration[],
  w?: NumericInput,
): CbpeValues {
  const n = probs[0]?.length ?? 0;
  const predicted = predictedClasses(probs);
  const perClass: CbpeValues[] = [];
  let correct = 0;
  let total = 0;
  const calibrated = probs.map((col, k) =>
    Float64Array.from(col, (s) => calibrate(calibrations[k]!, s)),
  );
  for (let k = 0; k < probs.length; k++) {
    const isK = Array.from(predicted, (c) => c === k);
    perClass.push(expectedBinary(probs[k]!, calibrated[k]!, isK, w));
  }
  for (let i = 0; i < n; i++) {
    const wi = w === undefined ? 1 : w[i]!;
    correct += wi * calibrated[predicted[i]!]![i]!;
    total += wi;
  }
  const out = macroOfClasses(perClass);
  if (total > 0) out.accuracy = correct / total;
  return out;
}

/** Realized macro metrics of rows `start` … `end − 1` with true class indices `y`. */
export function realizedMulticlass(
  probs: readonly NumericInput[],
  y: NumericInput,
  start = 0,
  end = y.length,
): CbpeValues {
  const predicted = predictedClasses(probs, start, end);
  const perClass: CbpeValues[] = [];
  for (let k = 0; k < probs.length; k++) {
    // One-vs-rest: ŷ = [predicted k] as a score of 1 against threshold 1; the AUC ranks by the
    // class's probability instead of that hard decision.
    const hard = Float64Array.from(predicted, (c) => (c === k ? 1 : 0));
    const truth = new Float64Array(end - start);
    const soft = new Float64Array(end - start);
    for (let i = start; i < end; i++) {
      truth[i - start] = y[i] === k ? 1 : 0;
      soft[i - start] = probs[k]![i]!;
    }
    const values = realizedBinary(hard, truth, 1);
    delete values.roc_auc;
    const auc = rocAuc(soft, truth);
    if (auc.ok) values.roc_auc = auc.value;
    perClass.push(values);
  }
  const out = macroOfClasses(perClass);
  let correct = 0;
  for (let i = start; i < end; i++) correct += predicted[i - start] === y[i] ? 1 : 0;
  if (end > start) out.accuracy = correct / (end - start);
  return out;
}
