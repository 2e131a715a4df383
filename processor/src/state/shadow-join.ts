/**
 * Shadow predictions: a prediction whose `ml.prediction.id` is already pending for another
 * version of the same model (a shadow or champion/challenger deployment scoring one request with
 * two versions) is recorded in its own stream like any prediction, kept pending under
 * `id NUL modelKey`, and paired with the earlier one in its window's `shadow` part (decisions
 * and score difference). A label for the id joins every version's prediction. The join needs
 * no memory of its own: it rides on the pending predictions (bounded by
 * `maxPendingPredictions`, each kept until its label TTL), so a pair is found while the first
 * prediction is pending. After the first prediction's label joined, its score is gone: a later
 * shadow counts as a pair without a score difference or decision.
 */
import { SHADOW_KIND } from './accumulator-kinds.js';
import type { LabelFacts } from './join-label.js';
import { joinLabel } from './join-label.js';
import type {
  ModelVersionState,
  MonitorState,
  PendingLabel,
  PendingPrediction,
  WindowAcc,
} from './monitor-state.js';

/** Default decision threshold on the score when the prediction states none (METRICS.md). */
const DEFAULT_THRESHOLD = 0.5;

/** The pending key of a shadow prediction. */
export function shadowKeyOf(id: string, modelKey: string): string {
  return `${id}\u0000${modelKey}`;
}

/** True when `existing` is another version of `mv`'s model (so a new prediction shadows it). */
export function isShadowOf(
  state: MonitorState,
  existing: PendingPrediction,
  mv: ModelVersionState,
): boolean {
  if (existing.modelKey === mv.key) return false;
  return state.models.get(existing.modelKey)?.model === mv.model;
}

/** The facts of a decision a pending prediction keeps. */
interface Decided {
  readonly label: string | undefined;
  readonly score: number | undefined;
  readonly threshold: number | undefined;
}

/** The predicted label, else the score against the threshold (`1`/`0`), else none. */
function decisionOf(p: Decided): string | undefined {
  if (p.label !== undefined) return p.label;
  if (p.score === undefined) return undefined;
  return p.score >= (p.threshold ?? DEFAULT_THRESHOLD) ? '1' : '0';
}

/** Records the pair of `p` (new) and `earlier` into `w`'s shadow part. */
export function recordShadowPair(
  state: MonitorState,
  w: WindowAcc,
  p: Decided,
  earlier: PendingPrediction,
): void {
  const otherVersion = state.models.get(earlier.modelKey)?.version;
  if (otherVersion === undefined) return;
  const kind = SHADOW_KIND.forSetting(undefined, state.config);
  w.shadow ??= kind.create();
  kind.record(w.shadow, {
    otherVersion,
    decision: decisionOf(p),
    otherDecision: earlier.joined ? undefined : decisionOf(earlier),
    score: p.score,
    otherScore: earlier.joined ? undefined : earlier.score,
  });
}

/** The label facts of a join, kept on the prediction for shadows that arrive after it. */
export function keptLabel(label: LabelFacts, nowMs: number): PendingLabel {
  return {
    arrivedMs: nowMs,
    timeMs: label.timeMs,
    label: label.label,
    value: label.value,
    source: label.source,
    // A shadow of a multilabel or ranking model joins the same sets.
    ...(label.labels !== undefined ? { labels: label.labels } : {}),
    ...(label.relevantItems !== undefined ? { relevantItems: label.relevantItems } : {}),
    ...(label.relevance !== undefined ? { relevance: label.relevance } : {}),
  };
}

/** Joins `label` to the shadow predictions of `p` that are still pending and unjoined. */
export function joinShadows(
  state: MonitorState,
  p: PendingPrediction,
  label: LabelFacts,
  nowMs: number,
): void {
  for (const key of p.shadowKeys ?? []) {
    const shadow = state.pendingPredictions.get(key);
    if (shadow !== undefined && !shadow.joined) joinLabel(state, shadow, label, nowMs);
  }
}
