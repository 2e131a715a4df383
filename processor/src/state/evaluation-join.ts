/**
 * Attaching `gen_ai.evaluation.result` verdicts to the responses they judge. A verdict finds its
 * response by `gen_ai.response.id` (a prediction with that `ml.prediction.id`, or a GenAI call
 * with that response id) or by the span it was emitted in (a GenAI call's span); it is recorded,
 * under its evaluator's name, in the response's stream, in the window of the later of the two
 * times (as labels join). Unlike a label, a response takes any number of verdicts. A verdict
 * that arrives before its response waits for it (bounded, with the label TTL).
 */
import type { EvaluationRecord } from '../extract/types.js';
import type { ApplyResult } from './apply-result.js';
import { dropOldestIfFull } from './bounded-map.js';
import { EVALUATIONS_KIND } from './evaluations-acc.js';
import type { MonitorState } from './monitor-state.js';
import { isWindowClosed, windowAccFor, windowStartOf } from './windows.js';

/** A verdict as it waits for its response. */
export interface WaitingEvaluation {
  arrivedMs: number;
  timeMs: number;
  name: string;
  label: string | undefined;
  value: number | undefined;
}

/** Where a response was recorded: what a verdict needs to find its stream and window. */
export interface ResponseTarget {
  arrivedMs: number;
  timeMs: number;
  modelKey: string;
  sliceKey: string;
  /**
   * 1/`ml.sampling.probability` of the response (a sampled prediction's weight); absent for a
   * GenAI call (its spans carry no sampling probability): 1.
   */
  weight?: number;
}

/** The join's own state. */
export interface EvaluationJoinState {
  /** GenAI calls by `gen_ai.response.id` and by `traceId:spanId` (predictions use their own map). */
  targets: Map<string, ResponseTarget>;
  /** Verdicts waiting for their response, by response id (or span key when they had none). */
  waiting: Map<string, WaitingEvaluation[]>;
}

/** An empty join state. */
export function createEvaluationJoin(): EvaluationJoinState {
  return { targets: new Map(), waiting: new Map() };
}

/** Applies one verdict: recorded in its response's window, late, or waiting. */
export function applyEvaluation(
  state: MonitorState,
  r: EvaluationRecord,
  nowMs: number,
  result: ApplyResult,
): void {
  const facts: WaitingEvaluation = {
    arrivedMs: nowMs,
    timeMs: r.timeMs,
    name: r.name,
    label: r.label,
    value: r.value,
  };
  const target = findTarget(state, r);
  if (target !== undefined) {
    if (recordEvaluation(state, target, facts, nowMs)) result.late++;
    else result.accepted++;
    return;
  }
  const key = r.responseId ?? r.spanKey;
  const join = state.evaluationJoin;
  let list = join.waiting.get(key);
  if (list === undefined) {
    if (dropOldestIfFull(join.waiting, state.config.maxPendingLabels))
      state.counters.evictedPendingLabels++;
    list = [];
    join.waiting.set(key, list);
  }
  // A response gets a handful of verdicts; a key piling up more is a producer's bug, bounded here.
  if (list.length >= MAX_WAITING_PER_RESPONSE) {
    list.shift();
    state.counters.evictedPendingLabels++;
  }
  list.push(facts);
  result.accepted++;
}

/** Most verdicts waiting for one response. */
export const MAX_WAITING_PER_RESPONSE = 64;

function findTarget(state: MonitorState, r: EvaluationRecord): ResponseTarget | undefined {
  const targets = state.evaluationJoin.targets;
  if (r.responseId !== undefined) {
    const p = state.pendingPredictions.get(r.responseId);
    if (p !== undefined) return p;
    const t = targets.get(r.responseId);
    if (t !== undefined) return t;
  }
  return r.spanKey === '' ? undefined : targets.get(r.spanKey);
}

/**
 * Records one verdict in the window of the later of the response's and the verdict's time;
 * returns true when that window had closed (the verdict is then counted late).
 */
function recordEvaluation(
  state: MonitorState,
  target: ResponseTarget,
  e: WaitingEvaluation,
  nowMs: number,
): boolean {
  const mv = state.models.get(target.modelKey);
  const stream = mv?.streams.get(target.sliceKey);
  if (mv === undefined || stream === undefined) return true;
  const startMs = windowStartOf(state, Math.max(target.timeMs, e.timeMs));
  if (isWindowClosed(state, startMs, nowMs)) {
    stream.late++;
    mv.late++;
    return true;
  }
  const w = windowAccFor(stream, startMs);
  const caps = state.config;
  const acc = (w.evaluations ??= EVALUATIONS_KIND.forSetting(undefined, caps).create());
  // A verdict on a sampled response stands for the traffic its response stands for.
  EVALUATIONS_KIND.forState(acc, caps).record(acc, e, target.weight ?? 1);
  return false;
}

/**
 * A response has been recorded under `keys` (its prediction id; a GenAI call's response id and
 * span key): the verdicts waiting under those keys are recorded in its stream.
 */
export function attachWaitingEvaluations(
  state: MonitorState,
  keys: readonly string[],
  target: ResponseTarget,
  nowMs: number,
): void {
  const waiting = state.evaluationJoin.waiting;
  if (waiting.size === 0) return;
  for (const key of keys) {
    const list = waiting.get(key);
    if (list === undefined) continue;
    waiting.delete(key);
    for (const e of list) recordEvaluation(state, target, e, nowMs);
  }
}

/**
 * Remembers a GenAI call as a target for verdicts under its response id and span key (bounded
 * by the pending-prediction cap, kept for the pending-prediction TTL) and records the verdicts
 * that were waiting for it.
 */
export function registerResponse(
  state: MonitorState,
  keys: readonly string[],
  target: ResponseTarget,
  nowMs: number,
): void {
  const targets = state.evaluationJoin.targets;
  for (const key of keys) {
    if (targets.has(key))
      targets.delete(key); // keep Map order = arrival
    else if (dropOldestIfFull(targets, state.config.maxPendingPredictions))
      state.counters.evictedPendingPredictions++;
    targets.set(key, target);
  }
  attachWaitingEvaluations(state, keys, target, nowMs);
}

/** Drops targets past the prediction TTL and waiting verdicts past the label TTL. */
export function expireEvaluationJoin(state: MonitorState, nowMs: number): void {
  const join = state.evaluationJoin;
  const targetCutoff = nowMs - state.config.pendingPredictionTtlSeconds * 1000;
  for (const [key, t] of join.targets) {
    if (t.arrivedMs >= targetCutoff) break;
    join.targets.delete(key);
  }
  const waitCutoff = nowMs - state.config.pendingLabelTtlSeconds * 1000;
  for (const [key, list] of join.waiting) {
    if (list[0]!.arrivedMs >= waitCutoff) break;
    join.waiting.delete(key);
    state.counters.expiredPendingLabels += list.length;
  }
}

/** The join state as JSON-compatible data (for checkpoints). */
export interface SerializedEvaluationJoin {
  targets: [string, ResponseTarget][];
  waiting: [string, WaitingEvaluation[]][];
}

/** {@link EvaluationJoinState} → JSON-compatible data (copies: the state goes on changing). */
export function serializeEvaluationJoin(join: EvaluationJoinState): SerializedEvaluationJoin {
  return {
    targets: [...join.targets].map(([k, t]) => [k, { ...t }]),
    waiting: [...join.waiting].map(([k, list]) => [k, list.map((e) => ({ ...e }))]),
  };
}

/** Restores {@link serializeEvaluationJoin}'s output (absent in older checkpoints: empty). */
export function restoreEvaluationJoin(
  json: SerializedEvaluationJoin | undefined,
): EvaluationJoinState {
  const join = createEvaluationJoin();
  if (json === undefined) return join;
  for (const [k, t] of json.targets) join.targets.set(k, { ...t });
  for (const [k, list] of json.waiting)
    join.waiting.set(
      k,
      list.map((e) => ({ ...e })),
    );
  return join;
}
