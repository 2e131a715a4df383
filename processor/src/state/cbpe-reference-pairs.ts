/**
 * CBPE for model versions without a labeled training profile: the calibration and the band come
 * from the model version's own labeled pairs.
 *
 * Which pairs: the first {@link CBPE_REFERENCE_PAIRS} labeled pairs the model version joins
 * (all slices together, in join order, unweighted: the isotonic fit estimates P(y | score), which
 * sampling a prediction does not change), counted from its start or its last reference reset.
 * These are the pairs of its earliest predictions — the same era the window reference policies
 * start from. Under `rolling` and `seasonal` the estimate's yardstick stays these first pairs:
 * a calibration that followed the rolling reference would absorb the very drift the estimate
 * is meant to show, and would cost ten isotonic fits per window.
 *
 * When the calibration is built: it is decided at the first window close after
 * {@link CBPE_FIRST_BUILD_PAIRS} pairs are held, and once more when the store is full. Each
 * decision is an activation for the windows not yet opened (as reference bin edges are), so a
 * window is estimated — and a multiclass window's sums calibrated — by one calibration from its
 * first prediction to its end. The close only records the decision (which prefix of pairs, for
 * which windows): the ten isotonic fits per class (≈ 0.2 s binary, 0.7 s at three classes) are
 * built afterwards by {@link buildPendingCbpeStep}, one class per call, which the service runs
 * in its own event-loop turns after the close, so the close does not hold ingest. The build is a
 * pure function of the recorded prefix, so when it happens does not change the result; should a
 * window that needs it open before the step ran, {@link cbpeReferenceFor} finishes it there. Memory: the pairs (one score, or k probabilities, plus a label each: 320 kB binary,
 * 640 kB at three classes when full), kept only by model versions that receive labels and have
 * no labeled profile. Checkpointed as the pairs and the prefix length of each activation; the
 * calibrations are rebuilt from those on restore. A reference reset forgets them.
 */
import { chooseCalibration, type CbpeCalibration } from '../stats/cbpe-calibration.js';
import { binaryCbpeReference, multiclassCbpeReference, type CbpeReference } from '../stats/cbpe.js';
import type { ModelVersionState, MonitorState } from './monitor-state.js';

/** Labeled pairs a model version keeps for its CBPE reference. */
export const CBPE_REFERENCE_PAIRS = 20_000;
/** Pairs before the first calibration (the band then covers windows up to a tenth of it). */
export const CBPE_FIRST_BUILD_PAIRS = 2_000;
/** Activations kept (windows older than the last two have closed long ago). */
const MAX_ACTIVATIONS = 2;

/** One calibration, for windows starting at or after `fromStartMs`. */
interface CbpeActivation {
  readonly fromStartMs: number;
  /** Built from the first `pairs` stored pairs. */
  readonly pairs: number;
  /** Undefined until built (see {@link buildPendingCbpeStep}). */
  reference: CbpeReference | undefined;
  /** A multiclass build under way: the classes calibrated so far. */
  partial?: CbpeCalibration[];
}

/** The labeled pairs of one model version and the calibrations built from them. */
export interface CbpeReferencePairs {
  readonly task: 'binary' | 'multiclass';
  /** Binary: the decision threshold; multiclass: the class names, in probability order. */
  readonly threshold: number;
  readonly classes: readonly string[];
  /** Binary: one score per pair; multiclass: k probabilities per pair, pair by pair. */
  readonly scores: number[];
  /** 0/1, or the class index. */
  readonly labels: number[];
  readonly activations: CbpeActivation[];
}

/** The checkpoint form. */
export interface CbpeReferencePairsJson {
  task: 'binary' | 'multiclass';
  threshold: number;
  classes: string[];
  scores: number[];
  labels: number[];
  activations: { fromStartMs: number; pairs: number }[];
}

/** True when `mv` estimates from its own pairs: no labeled profile for its task. */
function usesOwnPairs(mv: ModelVersionState): boolean {
  const p = mv.profile?.profile;
  return p?.labeled === undefined && p?.labeledClasses === undefined;
}

/** Stores a labeled binary pair of `mv` (score in [0, 1], label 0/1) while there is room. */
export function offerBinaryPair(
  mv: ModelVersionState,
  threshold: number,
  score: number,
  label: number,
): void {
  if (!usesOwnPairs(mv)) return;
  const pairs = (mv.cbpePairs ??= empty('binary', threshold, []));
  if (pairs.task !== 'binary' || pairs.labels.length >= CBPE_REFERENCE_PAIRS) return;
  pairs.scores.push(score);
  pairs.labels.push(label);
}

/** Stores a labeled multiclass pair (probabilities in `classes` order, true class index). */
export function offerMulticlassPair(
  mv: ModelVersionState,
  classes: readonly string[],
  probabilities: readonly number[],
  label: number,
): void {
  if (!usesOwnPairs(mv)) return;
  const pairs = (mv.cbpePairs ??= empty('multiclass', 0, classes));
  if (pairs.task !== 'multiclass' || pairs.labels.length >= CBPE_REFERENCE_PAIRS) return;
  // One class order per store: a pair naming its classes otherwise is put in that order.
  const k = pairs.classes.length;
  if (probabilities.length !== k || classes.length !== k) return;
  const start = pairs.scores.length;
  for (let c = 0; c < k; c++) {
    const at = classes[c] === pairs.classes[c] ? c : classes.indexOf(pairs.classes[c]!);
    if (at < 0) {
      pairs.scores.length = start;
      return;
    }
    pairs.scores.push(probabilities[at]!);
  }
  pairs.labels.push(pairs.classes.indexOf(classes[label]!));
}

function empty(
  task: 'binary' | 'multiclass',
  threshold: number,
  classes: readonly string[],
): CbpeReferencePairs {
  return { task, threshold, classes: [...classes], scores: [], labels: [], activations: [] };
}

/**
 * After `mv`'s all-slices window starting at `closedStartMs` closed: builds a calibration when
 * one is due (first at {@link CBPE_FIRST_BUILD_PAIRS} pairs, then once more when full), for the
 * windows not yet opened.
 */
export function activateCbpeReference(
  state: MonitorState,
  mv: ModelVersionState,
  closedStartMs: number,
): void {
  const pairs = mv.cbpePairs;
  if (pairs === undefined) return;
  let maxOpen = closedStartMs;
  for (const s of mv.streams.values())
    for (const start of s.windows.keys()) maxOpen = Math.max(maxOpen, start);
  const fromStartMs = maxOpen + state.windowMs;
  const n = pairs.labels.length;
  const last = pairs.activations.at(-1);
  const due =
    last === undefined
      ? n >= CBPE_FIRST_BUILD_PAIRS
      : n >= CBPE_REFERENCE_PAIRS && last.pairs < CBPE_REFERENCE_PAIRS;
  if (!due) return;
  pairs.activations.push({ fromStartMs, pairs: n, reference: undefined });
  if (pairs.activations.length > MAX_ACTIVATIONS) pairs.activations.shift();
}

/**
 * One step of building the calibrations decided at closes and not built yet: one class of one
 * activation (a binary one whole). Returns false when nothing was left to build.
 */
export function buildPendingCbpeStep(state: MonitorState): boolean {
  for (const mv of state.models.values()) {
    const pairs = mv.cbpePairs;
    if (pairs === undefined) continue;
    for (const a of pairs.activations) {
      if (a.reference !== undefined) continue;
      buildStep(pairs, a);
      return true;
    }
  }
  return false;
}

/** Builds one class of `a` (the whole reference for a binary model). */
function buildStep(pairs: CbpeReferencePairs, a: CbpeActivation): void {
  const n = Math.min(a.pairs, pairs.labels.length);
  if (pairs.task === 'binary') {
    a.reference = binaryCbpeReference(
      pairs.scores.slice(0, n),
      pairs.labels.slice(0, n),
      pairs.threshold,
    );
    return;
  }
  const k = pairs.classes.length;
  const partial = (a.partial ??= []);
  const labels = pairs.labels.slice(0, n);
  const c = partial.length;
  partial.push(
    chooseCalibration(
      column(pairs, c, n),
      Float64Array.from(labels, (y) => (y === c ? 1 : 0)),
    ),
  );
  if (partial.length < k) return;
  const columns = Array.from({ length: k }, (_, j) => column(pairs, j, n));
  a.reference = multiclassCbpeReference(pairs.classes, columns, labels, partial);
  delete a.partial;
}

/** Class `c`'s probabilities of the first `n` pairs. */
function column(pairs: CbpeReferencePairs, c: number, n: number): Float64Array {
  const k = pairs.classes.length;
  return Float64Array.from({ length: n }, (_, i) => pairs.scores[i * k + c]!);
}

/** `a` built, what steps remain done at once. */
function built(pairs: CbpeReferencePairs, a: CbpeActivation): CbpeReference {
  while (a.reference === undefined) buildStep(pairs, a);
  return a.reference;
}

/**
 * The calibration reference in force for `mv`'s window starting at `startMs`, if any; one not
 * built yet is finished here (a window opened before the service's build step ran).
 */
export function cbpeReferenceFor(
  mv: ModelVersionState,
  startMs: number,
): CbpeReference | undefined {
  const pairs = mv.cbpePairs;
  if (pairs === undefined) return undefined;
  const list = pairs.activations;
  for (let i = list.length - 1; i >= 0; i--)
    if (list[i]!.fromStartMs <= startMs) return built(pairs, list[i]!);
  return undefined;
}

/** Labeled pairs held for CBPE references by every model version of `state`, and their numbers. */
export function cbpePairsHeld(state: MonitorState): { pairs: number; numbers: number } {
  let pairs = 0;
  let numbers = 0;
  for (const mv of state.models.values()) {
    const p = mv.cbpePairs;
    if (p === undefined) continue;
    pairs += p.labels.length;
    numbers += p.labels.length + p.scores.length;
  }
  return { pairs, numbers };
}

/** The checkpoint form of `pairs`. */
export function cbpePairsToJSON(pairs: CbpeReferencePairs): CbpeReferencePairsJson {
  return {
    task: pairs.task,
    threshold: pairs.threshold,
    classes: [...pairs.classes],
    scores: [...pairs.scores],
    labels: [...pairs.labels],
    activations: pairs.activations.map((a) => ({ fromStartMs: a.fromStartMs, pairs: a.pairs })),
  };
}

/** Restores pairs and rebuilds their calibrations (deterministic: the same prefixes). */
export function cbpePairsFromJSON(json: CbpeReferencePairsJson): CbpeReferencePairs {
  const k = json.task === 'binary' ? 1 : json.classes.length;
  if (
    (json.task !== 'binary' && json.task !== 'multiclass') ||
    !Array.isArray(json.scores) ||
    !Array.isArray(json.labels) ||
    json.scores.length !== json.labels.length * k ||
    !Array.isArray(json.activations)
  ) {
    throw new Error('cbpePairs: malformed checkpoint (scores, labels and activations disagree)');
  }
  const pairs = empty(json.task, json.threshold, json.classes);
  pairs.scores.push(...json.scores);
  pairs.labels.push(...json.labels);
  for (const a of json.activations) {
    const activation: CbpeActivation = {
      fromStartMs: a.fromStartMs,
      pairs: a.pairs,
      reference: undefined,
    };
    built(pairs, activation);
    pairs.activations.push(activation);
  }
  return pairs;
}
