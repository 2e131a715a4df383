/**
 * Recording a prediction that is accepted into its window: the window's accumulators, and the
 * ground-truth join when it carries an id. Shared by the ingest path (`apply-records.ts`) and by
 * span candidates materialized at window close (`span-candidates.ts`).
 */
import type { PredictionRecord } from '../extract/types.js';
import { dropOldestIfFull } from './bounded-map.js';
import { joinLabel } from './join-label.js';
import { attachWaitingEvaluations } from './evaluation-join.js';
import type {
  ModelVersionState,
  MonitorState,
  PendingPrediction,
  SliceStream,
} from './monitor-state.js';
import { recordShadowPair, shadowKeyOf } from './shadow-join.js';
import { recordPredictionInWindow } from './window-acc.js';
import { windowAccFor } from './windows.js';
import { recordFairnessPrediction } from './record-fairness.js';
import { binPrediction } from './quality-bins.js';
import { recordCbpeSums } from './record-cbpe-sums.js';

/**
 * Records a prediction into its window and, when it has an id, registers it for the join and
 * joins a label that was waiting for it. Also used when span candidates
 * are materialized.
 */
export function recordPrediction(
  state: MonitorState,
  mv: ModelVersionState,
  stream: SliceStream,
  r: PredictionRecord,
  startMs: number,
  nowMs: number,
  shadowed?: PendingPrediction,
): void {
  const w = windowAccFor(stream, startMs);
  const example = recordPredictionInWindow(state, mv, w, r);
  recordCbpeSums(mv, w, r);
  const fairnessGroups = recordFairnessPrediction(state, mv, w, r);
  const id = r.predictionId;
  if (id === undefined) return;
  const pending = state.pendingPredictions;
  if (dropOldestIfFull(pending, state.config.maxPendingPredictions))
    state.counters.evictedPendingPredictions++;
  const p: PendingPrediction = {
    arrivedMs: nowMs,
    timeMs: r.timeMs,
    modelKey: mv.key,
    sliceKey: stream.sliceKey,
    weight: r.weight,
    label: r.label,
    score: r.score,
    value: r.value,
    probabilities: r.probabilities,
    classes: r.classes,
    threshold: r.threshold,
    joined: false,
    exampleSpan: example ? r.spanKey : undefined,
    ...(fairnessGroups !== undefined ? { fairnessGroups } : {}),
    ...(mv.qualityBins !== undefined ? { qualityBins: binPrediction(mv, r, startMs) } : {}),
    ...(r.labels !== undefined ? { labels: r.labels } : {}),
    ...(r.ranking !== undefined ? { ranking: r.ranking } : {}),
    ...(r.rankingK !== undefined ? { rankingK: r.rankingK } : {}),
  };
  if (shadowed !== undefined) {
    // Another version scored the same request first: a shadow pair, kept under its own key.
    recordShadowPair(state, w, p, shadowed);
    const key = shadowKeyOf(id, mv.key);
    pending.set(key, p);
    (shadowed.shadowKeys ??= []).push(key);
    if (shadowed.joinedLabel !== undefined) joinLabel(state, p, shadowed.joinedLabel, nowMs);
    return;
  }
  pending.set(id, p);
  attachWaitingEvaluations(state, [id], p, nowMs);
  const waiting = state.pendingLabels.get(id);
  if (waiting !== undefined) {
    state.pendingLabels.delete(id);
    joinLabel(state, p, waiting, nowMs);
    p.joinedLabel = waiting;
  }
}
