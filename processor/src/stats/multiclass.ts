import {
  calibrationErrorFromBins,
  equalWidthBinSums,
  LOG_LOSS_EPS,
  reliabilityFromSums,
  type ReliabilityBin,
} from './calibration.js';
import { absent, present, type Maybe } from './maybe.js';

/** Index of the largest probability; the first one on ties (`np.argmax`). */
export function argmax(p: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < p.length; k++) if (p[k]! > p[best]!) best = k;
  return best;
}

/** Squared error of one probability vector against the one-hot label. */
export function multiclassBrierTerm(p: ArrayLike<number>, label: number): number {
  let s = 0;
  for (let k = 0; k < p.length; k++) s += (p[k]! - (k === label ? 1 : 0)) ** 2;
  return s;
}

/** −ln clip(P_y, 1e−15, 1). */
export function multiclassLogLossTerm(p: ArrayLike<number>, label: number): number {
  return -Math.log(Math.min(Math.max(p[label]!, LOG_LOSS_EPS), 1));
}

/** Macro F1 from a k×k confusion matrix (rows = true class, columns = predicted). */
export function macroF1FromConfusion(confusion: readonly ArrayLike<number>[]): number {
  const k = confusion.length;
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const tp = confusion[c]![c]!;
    let fn = 0;
    let fp = 0;
    for (let o = 0; o < k; o++) {
      if (o === c) continue;
      fn += confusion[c]![o]!;
      fp += confusion[o]![c]!;
    }
    const den = 2 * tp + fp + fn;
    sum += den === 0 ? 0 : (2 * tp) / den;
  }
  return sum / k;
}

/** Multiclass metrics (METRICS.md). */
export interface MulticlassMetrics {
  accuracy: number;
  /** Unweighted mean over all k classes of per-class F1 (0 for a class never seen nor predicted). */
  macroF1: number;
  brierScore: number;
  logLoss: number;
  eceTopLabel: number;
  mceTopLabel: number;
  reliabilityBins: ReliabilityBin[];
  /** Labelled predictions per true class (the label distribution, for label drift). */
  classCounts: number[];
  /**
   * The weighted confusion matrix (row = true class, column = predicted), when the streaming
   * accumulator produced the metrics: the realized side of the multiclass CBPE.
   */
  confusion?: Float64Array[];
}

/**
 * Multiclass metrics for probability vectors (all of length k) and labels given as class
 * indices 0…k−1. Absent for empty input; throws RangeError on an out-of-range label.
 */
export function multiclassMetrics(
  probabilities: readonly ArrayLike<number>[],
  labels: ArrayLike<number>,
): Maybe<MulticlassMetrics> {
  const n = probabilities.length;
  if (n === 0) return absent('multiclass metrics need at least one labelled prediction');
  const k = probabilities[0]!.length;
  const confusion = Array.from({ length: k }, () => new Float64Array(k));
  const confidence = new Float64Array(n);
  const correct = new Float64Array(n);
  let brier = 0;
  let logLoss = 0;
  let hits = 0;
  for (let i = 0; i < n; i++) {
    const p = probabilities[i]!;
    const y = labels[i]!;
    if (!Number.isInteger(y) || y < 0 || y >= k) {
      throw new RangeError(`label ${y} at index ${i} is not a class index in 0..${k - 1}`);
    }
    const pred = argmax(p);
    confusion[y]![pred]! += 1;
    confidence[i] = p[pred]!;
    correct[i] = pred === y ? 1 : 0;
    hits += correct[i]!;
    brier += multiclassBrierTerm(p, y);
    logLoss += multiclassLogLossTerm(p, y);
  }
  const bins = reliabilityFromSums(equalWidthBinSums(confidence, correct));
  const err = calibrationErrorFromBins(bins);
  return present({
    accuracy: hits / n,
    macroF1: macroF1FromConfusion(confusion),
    brierScore: brier / n,
    logLoss: logLoss / n,
    eceTopLabel: err.ok ? err.value.ece : 0,
    mceTopLabel: err.ok ? err.value.mce : 0,
    reliabilityBins: bins,
    classCounts: rowSums(confusion),
  });
}

/** Σ of each row of a confusion matrix: the pairs per true class. */
export function rowSums(rows: readonly ArrayLike<number>[]): number[] {
  return rows.map((row) => {
    let sum = 0;
    for (let j = 0; j < row.length; j++) sum += row[j]!;
    return sum;
  });
}
