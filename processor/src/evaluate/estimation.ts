/**
 * The window's quality estimated before its labels arrive (CBPE, METRICS.md §"Performance
 * estimation without labels"), for binary models whose reference is a training profile with
 * labeled scores (`mlmon baseline --label-column`).
 *
 * The current side is the window's score distribution as its accumulator holds it: the exact
 * scores while the window has at most the sketch's capacity of them (2048), beyond that the
 * sketch's weighted points, each counting its weight (within the sketch's rank error). The
 * realized side is the window's realized quality (labels joined in the window), so the
 * estimation error is read where both exist.
 */
import { ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION } from '@mlmon/conventions';
import type { ProfileLabeledScores, ReferenceProfile } from '../profile/reference-profile.js';
import type { ClosedWindow } from '../state/types.js';
import { binaryCbpeReference, estimateWindow, type CbpeReference } from '../stats/cbpe.js';
import { readNumeric } from './snapshot-readers.js';
import type { EstimationResult, QualityResult, QualityEstimateResult } from './window-result.js';

/**
 * Built references by the profile's labeled scores: calibration costs ten isotonic fits, and a
 * profile does not change while it is loaded. Weak, so an unloaded profile's entry goes with it.
 */
const BUILT = new WeakMap<ProfileLabeledScores, CbpeReference>();

function referenceOf(labeled: ProfileLabeledScores): CbpeReference {
  let ref = BUILT.get(labeled);
  if (ref === undefined) {
    ref = binaryCbpeReference(labeled.scores, labeled.labels, labeled.threshold);
    BUILT.set(labeled, ref);
  }
  return ref;
}

/**
 * Builds the estimation reference of `profile` now (when it has labeled scores), so that the
 * calibration's ten isotonic fits (about a second at 100 000 rows) are paid at load time and
 * not in the first window's evaluation.
 */
export function prepareEstimation(profile: ReferenceProfile): void {
  if (profile.labeled !== undefined) referenceOf(profile.labeled);
}

/**
 * The estimation of window `closed` with the window's realized `quality` beside it; undefined
 * when the reference has no labeled scores, the model is not binary or the window has no scores.
 */
export function estimationOf(
  closed: ClosedWindow,
  quality: readonly QualityResult[],
): EstimationResult | undefined {
  const reference = closed.reference;
  if (reference?.kind !== 'training' || reference.profile.labeled === undefined) return undefined;
  const task = closed.stream.task;
  if (task !== undefined && task !== ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION) return undefined;
  const scores = readNumeric(closed.outputs.score);
  if (scores === undefined || scores.count === 0) return undefined;
  const ref = referenceOf(reference.profile.labeled);
  const realized = new Map<string, number>();
  for (const q of quality) if (q.value !== undefined) realized.set(q.metric, q.value);
  const metrics = estimateWindow(ref, [scores.sorted], scores.count, scores.weights).map(
    (e): QualityEstimateResult => {
      const r = realized.get(e.metric);
      return {
        ...e,
        ...(r !== undefined ? { realized: r } : {}),
        ...(r !== undefined && e.value !== undefined ? { error: e.value - r } : {}),
      };
    },
  );
  return {
    calibrated: ref.task === 'binary' && ref.calibration.map !== undefined,
    referenceRows: ref.labels.length,
    predictions: scores.count,
    metrics,
  };
}

/** The `estimation` field of a result, when there is one. */
export function withEstimation(e: EstimationResult | undefined): { estimation?: EstimationResult } {
  return e !== undefined ? { estimation: e } : {};
}
