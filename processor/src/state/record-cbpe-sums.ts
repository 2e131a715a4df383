/**
 * Recording a multiclass prediction into its window's CBPE sums (`cbpe-sums-acc.ts`): its
 * probabilities are put in the profile's class order, the predicted class is their argmax (the
 * first on ties, as the batch estimate), and each class's probability is calibrated with that
 * class's map before it is added with the prediction's weight w = 1/p.
 */
import type { PredictionRecord } from '../extract/types.js';
import { calibrate } from '../stats/cbpe-calibration.js';
import { multiclassReferenceOf } from './cbpe-profile-reference.js';
import { cbpeReferenceFor } from './cbpe-reference-pairs.js';
import { cbpeSumsAccumulator, createCbpeSums } from './cbpe-sums-acc.js';
import type { ModelVersionState, WindowAcc } from './monitor-state.js';

/**
 * Adds prediction `r` to `w`'s CBPE sums when `mv` has a multiclass CBPE reference for the
 * window (its profile's labeled class probabilities, else a calibration built from its own
 * labeled pairs) and the prediction carries a probability for each of its classes.
 */
export function recordCbpeSums(mv: ModelVersionState, w: WindowAcc, r: PredictionRecord): void {
  const probabilities = r.probabilities;
  if (probabilities === undefined) return;
  const labeled = mv.profile?.profile.labeledClasses;
  const ref =
    labeled !== undefined ? multiclassReferenceOf(labeled) : cbpeReferenceFor(mv, w.startMs);
  if (ref?.task !== 'multiclass') return;
  const classes = r.classes ?? mv.classes;
  const profileClasses = ref.classes;
  const k = profileClasses.length;
  if (classes === undefined || classes.length !== k || probabilities.length !== k) return;
  const calibrated = new Float64Array(k);
  let predicted = 0;
  let best = -Infinity;
  for (let c = 0; c < k; c++) {
    const at = classes[c] === profileClasses[c] ? c : classes.indexOf(profileClasses[c]!);
    if (at < 0) return;
    const q = probabilities[at]!;
    if (!(q >= 0 && q <= 1)) return;
    if (q > best) {
      best = q;
      predicted = c;
    }
    calibrated[c] = calibrate(ref.calibrations[c]!, q);
  }
  const sums = (w.cbpeSums ??= createCbpeSums(k));
  if (sums.classCount !== k) return;
  cbpeSumsAccumulator.record(sums, { calibrated, predicted }, r.weight);
}
