/**
 * The window's quality estimated before its labels arrive (CBPE, METRICS.md §"Performance
 * estimation without labels"). The reference is a training profile's labeled scores (binary,
 * `mlmon baseline --label-column`) or labeled class probabilities (multiclass,
 * `--probability-columns`), else the model version's own first labeled pairs
 * (`state/cbpe-reference-pairs.ts`). Multiclass windows keep the CBPE sums of
 * `state/cbpe-sums-acc.ts`, which give accuracy and the macro precision, recall, F1 and
 * specificity, and the ROC AUC from its grid of score bins (about 1e−3 from the exact area, see
 * `stats/binned-roc-auc.ts`).
 *
 * The current side is the window's score distribution as its accumulator holds it: the exact
 * scores while the window has at most the sketch's capacity of them (2048), beyond that the
 * sketch's weighted points, each counting its weight (within the sketch's rank error). The
 * realized side is the window's realized quality (labels joined in the window), so the
 * estimation error is read where both exist.
 */
import {
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
  ML_QUALITY_METRIC_VALUE_ROC_AUC,
} from '@mlmon/conventions';
import type { ProfileLabeledScores, ReferenceProfile } from '../profile/reference-profile.js';
import type { ClosedWindow } from '../state/types.js';
import { multiclassReferenceOf } from '../state/cbpe-profile-reference.js';
import type { CbpeValues } from '../stats/cbpe-estimate.js';
import { macroOfConfusionSums, macroOfRealizedConfusion } from '../stats/cbpe-confusion-sums.js';
import {
  binaryCbpeReference,
  bandChunkSize,
  estimateWindow,
  withBand,
  type CbpeMetricEstimate,
  type CbpeReference,
} from '../stats/cbpe.js';
import { macroBinnedRocAuc } from '../stats/binned-roc-auc.js';
import { AUC_PLANE, cbpeSumsEffectiveCount } from '../state/cbpe-sums-acc.js';
import { readMulticlass, readNumeric } from './snapshot-readers.js';
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
  if (profile.labeledClasses !== undefined) multiclassReferenceOf(profile.labeledClasses);
}

/**
 * The estimation of window `closed` with the window's realized `quality` beside it; undefined
 * when the reference has no labeled scores, the model is not binary or the window has no scores.
 */
export function estimationOf(
  closed: ClosedWindow,
  quality: readonly QualityResult[],
): EstimationResult | undefined {
  const ref = cbpeReferenceOf(closed);
  if (ref === undefined) return undefined;
  if (ref.task === 'multiclass') {
    return closed.outputs.cbpeSums !== undefined ? multiclassEstimation(closed, ref) : undefined;
  }
  const task = closed.stream.task;
  if (task !== undefined && task !== ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION) return undefined;
  const scores = readNumeric(closed.outputs.score);
  if (scores === undefined || scores.count === 0) return undefined;
  const realized = new Map<string, number>();
  for (const q of quality) if (q.value !== undefined) realized.set(q.metric, q.value);
  const chunk = bandChunkSize(scores.count, scores.effectiveCount);
  const metrics = estimateWindow(ref, [scores.sorted], chunk, scores.weights).map((e) =>
    withRealized(e, realized.get(e.metric)),
  );
  return {
    calibrated: ref.task === 'binary' && ref.calibration.map !== undefined,
    referenceRows: ref.labels.length,
    predictions: scores.count,
    metrics,
  };
}

/**
 * The CBPE reference of a window: its training profile's labeled classes or scores, else the
 * calibration built from the model version's own labeled pairs (`state/cbpe-reference-pairs.ts`).
 */
function cbpeReferenceOf(closed: ClosedWindow): CbpeReference | undefined {
  const reference = closed.reference;
  if (reference?.kind === 'training') {
    const profile = reference.profile;
    if (profile.labeledClasses !== undefined) return multiclassReferenceOf(profile.labeledClasses);
    if (profile.labeled !== undefined) return referenceOf(profile.labeled);
  }
  return closed.cbpe;
}

function withRealized(e: CbpeMetricEstimate, r: number | undefined): QualityEstimateResult {
  return {
    ...e,
    ...(r !== undefined ? { realized: r } : {}),
    ...(r !== undefined && e.value !== undefined ? { error: e.value - r } : {}),
  };
}

/**
 * A multiclass window's estimation from its CBPE sums; the realized side is the same macro
 * definitions on the confusion matrix of the pairs joined in the window (the one-vs-rest F1
 * macro, absent when a class's F1 is undefined — not the `macro_f1` quality row, which counts
 * such a class as 0). The ROC AUC, estimated and realized, is the one-vs-rest macro area of the
 * window's AUC bins; a window restored from a checkpoint without bins has none.
 */
function multiclassEstimation(closed: ClosedWindow, ref: CbpeReference): EstimationResult {
  const sums = closed.outputs.cbpeSums!;
  const k = sums.classCount;
  const values = macroOfConfusionSums(sums.expected, sums.predicted, k);
  const labeled = readMulticlass(closed.labeled.multiclass);
  const confusion = labeled?.ok ? labeled.value.confusion : undefined;
  const realized: CbpeValues =
    confusion !== undefined && confusion.length === k ? macroOfRealizedConfusion(confusion) : {};
  const auc = sums.auc;
  const expectedAuc = auc && macroBinnedRocAuc(auc, k, AUC_PLANE.expected, AUC_PLANE.predictions);
  const realizedAuc = auc && macroBinnedRocAuc(auc, k, AUC_PLANE.realized, AUC_PLANE.labeled);
  if (expectedAuc !== undefined) values.roc_auc = expectedAuc;
  if (realizedAuc !== undefined) realized.roc_auc = realizedAuc;
  const metrics = withBand(ref, values, bandChunkSize(sums.count, cbpeSumsEffectiveCount(sums)))
    .filter((e) => e.metric !== ML_QUALITY_METRIC_VALUE_ROC_AUC || auc !== undefined)
    .map((e) => withRealized(e, realized[e.metric]));
  return {
    calibrated: ref.task === 'multiclass' && ref.calibrations.some((c) => c.map !== undefined),
    referenceRows: ref.labels.length,
    predictions: sums.count,
    metrics,
  };
}

/** The `estimation` field of a result, when there is one. */
export function withEstimation(e: EstimationResult | undefined): { estimation?: EstimationResult } {
  return e !== undefined ? { estimation: e } : {};
}
