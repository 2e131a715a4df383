/**
 * Recording a multiclass prediction into its window's CBPE sums (`cbpe-sums-acc.ts`): its
 * probabilities are put in the profile's class order, the predicted class is their argmax (the
 * first on ties, as the batch estimate), and each class's probability is calibrated with that
 * class's map before it is added with the prediction's weight w = 1/p. A labeled pair joined in
 * the window adds its uncalibrated probabilities to the realized AUC bins the same way.
 */
import type { PredictionRecord } from '../extract/types.js';
import { calibrate } from '../stats/cbpe-calibration.js';
import type { CbpeReference } from '../stats/cbpe.js';
import { multiclassReferenceOf } from './cbpe-profile-reference.js';
import { cbpeReferenceFor } from './cbpe-reference-pairs.js';
import { cbpeSumsAccumulator, createCbpeSums, recordCbpeLabel } from './cbpe-sums-acc.js';
import type { ModelVersionState, WindowAcc } from './monitor-state.js';

/** The multiclass reference of `mv`'s window `w` and `probabilities` put in its class order. */
function inReferenceOrder(
  mv: ModelVersionState,
  w: WindowAcc,
  classes: readonly string[] | undefined,
  probabilities: readonly number[],
): { ref: CbpeReference & { task: 'multiclass' }; scores: Float64Array } | undefined {
  const labeled = mv.profile?.profile.labeledClasses;
  const ref =
    labeled !== undefined ? multiclassReferenceOf(labeled) : cbpeReferenceFor(mv, w.startMs);
  if (ref?.task !== 'multiclass') return undefined;
  const profileClasses = ref.classes;
  const k = profileClasses.length;
  if (classes === undefined || classes.length !== k || probabilities.length !== k) return undefined;
  const scores = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const at = classes[c] === profileClasses[c] ? c : classes.indexOf(profileClasses[c]!);
    if (at < 0) return undefined;
    const q = probabilities[at]!;
    if (!(q >= 0 && q <= 1)) return undefined;
    scores[c] = q;
  }
  return { ref, scores };
}

/**
 * Adds prediction `r` to `w`'s CBPE sums when `mv` has a multiclass CBPE reference for the
 * window (its profile's labeled class probabilities, else a calibration built from its own
 * labeled pairs) and the prediction carries a probability for each of its classes.
 */
export function recordCbpeSums(mv: ModelVersionState, w: WindowAcc, r: PredictionRecord): void {
  const probabilities = r.probabilities;
  if (probabilities === undefined) return;
  const ordered = inReferenceOrder(mv, w, r.classes ?? mv.classes, probabilities);
  if (ordered === undefined) return;
  const { ref, scores } = ordered;
  const k = scores.length;
  const calibrated = new Float64Array(k);
  let predicted = 0;
  for (let c = 0; c < k; c++) {
    if (scores[c]! > scores[predicted]!) predicted = c;
    calibrated[c] = calibrate(ref.calibrations[c]!, scores[c]!);
  }
  const sums = (w.cbpeSums ??= createCbpeSums(k));
  if (sums.classCount !== k) return;
  cbpeSumsAccumulator.record(sums, { calibrated, predicted, scores }, r.weight);
}

/**
 * Adds a labeled multiclass pair joined in window `w` (its prediction's `classes` and
 * `probabilities`, the true class index `label` into `classes`, the prediction's weight) to the
 * realized AUC bins of `w`'s CBPE sums, when the window has them.
 */
export function recordCbpeLabelPair(
  mv: ModelVersionState,
  w: WindowAcc,
  classes: readonly string[],
  probabilities: readonly number[],
  label: number,
  weight: number,
): void {
  const sums = w.cbpeSums;
  if (sums === undefined) return;
  const ordered = inReferenceOrder(mv, w, classes, probabilities);
  if (ordered === undefined || ordered.scores.length !== sums.classCount) return;
  const index = ordered.ref.classes.indexOf(classes[label]!);
  if (index >= 0) recordCbpeLabel(sums, ordered.scores, index, weight);
}
