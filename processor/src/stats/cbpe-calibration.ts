/**
 * The calibration step of CBPE (METRICS.md §"Performance estimation without labels"): isotonic
 * regression fitted on the labeled reference, used only when it lowers the expected calibration
 * error on held-out reference records.
 */
import { applyIsotonic, fitIsotonicSorted, type IsotonicMap } from './isotonic.js';
import { rocAuc } from './roc-auc.js';
import type { NumericInput } from './sorted.js';

/** Number of equal-mass bins of the ECE that decides, and of the 90/10 splits it averages. */
export const CBPE_ECE_BINS = 10;
export const CBPE_SPLITS = 10;
/** Above this reference ROC AUC the scores separate the classes; isotonic would overfit. */
export const CBPE_MAX_AUC_TO_CALIBRATE = 0.999;

/** The calibration chosen for one score (a binary model's, or one class's of a multiclass model). */
export interface CbpeCalibration {
  /** The isotonic map fitted on the whole reference, when calibration lowered the ECE. */
  readonly map: IsotonicMap | undefined;
  /** Mean held-out ECE of the raw scores and of the calibrated ones, when compared. */
  readonly eceBefore?: number;
  readonly eceAfter?: number;
  /** Why no calibration is used (single class, separable scores, ECE not lowered). */
  readonly reason?: string;
}

/** The calibrated probability of score `s` (the score itself without a map). */
export function calibrate(c: CbpeCalibration, s: number): number {
  return c.map === undefined ? s : applyIsotonic(c.map, s);
}

/**
 * ECE on 10 equal-mass bins: edges are `np.quantile(p, np.linspace(0, 1, 11))`, a
 * value's bin is the number of inner edges ≤ it (`np.digitize(p, edges[1:-1])`), and the ECE is
 * Σ_b n_b/n · |mean y_b − mean p_b|.
 */
export function eceEqualMass(p: NumericInput, y: NumericInput): number {
  const n = p.length;
  const sorted = Float64Array.from(p).sort();
  const inner: number[] = [];
  // q = k · 0.1 exactly as np.linspace(0, 1, 11) spells it, and NumPy's linear rule at (n − 1)q:
  // an inner edge that lands on a data value must land on the same side as NumPy's.
  const step = 1 / CBPE_ECE_BINS;
  for (let k = 1; k < CBPE_ECE_BINS; k++) inner.push(linearQuantile(sorted, k * step));
  const count = new Float64Array(CBPE_ECE_BINS);
  const sumP = new Float64Array(CBPE_ECE_BINS);
  const sumY = new Float64Array(CBPE_ECE_BINS);
  for (let i = 0; i < n; i++) {
    let b = 0;
    while (b < inner.length && inner[b]! <= p[i]!) b++;
    count[b]!++;
    sumP[b]! += p[i]!;
    sumY[b]! += y[i]!;
  }
  let ece = 0;
  for (let b = 0; b < CBPE_ECE_BINS; b++) {
    if (count[b]! > 0) ece += Math.abs(sumY[b]! - sumP[b]!) / n;
  }
  return ece;
}

/** np.quantile(sorted, q) (method `linear`), with NumPy's virtual index (n − 1)·q. */
function linearQuantile(sorted: Float64Array, q: number): number {
  const virtual = (sorted.length - 1) * q;
  const lo = Math.floor(virtual);
  if (lo >= sorted.length - 1) return sorted[sorted.length - 1]!;
  const t = virtual - lo;
  const a = sorted[lo]!;
  const b = sorted[lo + 1]!;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/**
 * Chooses the calibration of scores `s` with 0/1 labels `y`. The splits are deterministic so
 * that a script can reproduce them: split k holds out, within each class, the records whose rank
 * in that class (in input order) is ≡ k mod 10 — ten stratified 90/10 splits.
 */
export function chooseCalibration(s: NumericInput, y: NumericInput): CbpeCalibration {
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i] === 1 ? 1 : 0;
  if (positives === 0 || positives === y.length) {
    return { map: undefined, reason: 'the reference labels hold a single class' };
  }
  const auc = rocAuc(s, y);
  if (auc.ok && auc.value > CBPE_MAX_AUC_TO_CALIBRATE) {
    return {
      map: undefined,
      reason: `the reference ROC AUC ${auc.value.toFixed(4)} > ${CBPE_MAX_AUC_TO_CALIBRATE}: scores separate the classes`,
    };
  }
  const fold = new Int32Array(y.length);
  const rank = [0, 0];
  for (let i = 0; i < y.length; i++) {
    const c = y[i] === 1 ? 1 : 0;
    fold[i] = rank[c]! % CBPE_SPLITS;
    rank[c]!++;
  }
  // Sorted once: each split's training part is then read in score order, so the ten fits need
  // no sort of their own.
  const order = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => s[a]! - s[b]!);
  let before = 0;
  let after = 0;
  let used = 0;
  const sortedS = Float64Array.from(order, (i) => s[i]!);
  const sortedY = Float64Array.from(order, (i) => y[i]!);
  const sortedFold = Int32Array.from(order, (i) => fold[i]!);
  for (let k = 0; k < CBPE_SPLITS; k++) {
    const trainS = new Float64Array(y.length);
    const trainY = new Float64Array(y.length);
    const testS: number[] = [];
    const testY: number[] = [];
    let nTrain = 0;
    for (let j = 0; j < sortedS.length; j++) {
      if (sortedFold[j] === k) {
        testS.push(sortedS[j]!);
        testY.push(sortedY[j]!);
      } else {
        trainS[nTrain] = sortedS[j]!;
        trainY[nTrain++] = sortedY[j]!;
      }
    }
    if (testS.length === 0 || nTrain === 0) continue;
    const map = fitIsotonicSorted(trainS.subarray(0, nTrain), trainY.subarray(0, nTrain));
    before += eceEqualMass(testS, testY);
    after += eceEqualMass(
      testS.map((v) => applyIsotonic(map, v)),
      testY,
    );
    used++;
  }
  if (used === 0)
    return { map: undefined, reason: 'too few reference labels to compare calibrations' };
  const eceBefore = before / used;
  const eceAfter = after / used;
  if (!(eceAfter < eceBefore)) {
    return { map: undefined, eceBefore, eceAfter, reason: 'calibration did not lower the ECE' };
  }
  return { map: fitIsotonicSorted(sortedS, sortedY), eceBefore, eceAfter };
}
