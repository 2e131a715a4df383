/**
 * The ground-truth join: a prediction and its label meet in the window where the join happens
 * (the window of the later of the two event times), feed that window's labeled accumulator and
 * record the label delay.
 */
import { offerBinaryPair, offerMulticlassPair } from './cbpe-reference-pairs.js';
import { recordCbpeLabelPair } from './record-cbpe-sums.js';
import {
  BINARY_KIND,
  MULTICLASS_KIND,
  NO_EDGES,
  NUMERIC_KIND,
  REGRESSION_KIND,
} from './accumulator-kinds.js';
import { binaryActual, labeledFamilyOf } from './model-task.js';
import type {
  ModelVersionState,
  MonitorState,
  PendingPrediction,
  WindowAcc,
} from './monitor-state.js';
import { isWindowClosed, windowAccFor, windowStartOf } from './windows.js';
import { recordDelay } from './window-acc.js';
import { recordFairnessLabel } from './record-fairness.js';
import { binLabel, createQualityBinSchema, NO_BIN } from './quality-bins.js';
import { QUALITY_BINS_KIND } from './quality-bins-acc.js';
import { recordMultilabelPair, recordRankingPair } from './record-set-pair.js';
import { createExemplarReservoir, offerLabeled, offerLoss } from './exemplar-reservoir.js';
import {
  binaryLogLossTerm,
  RELIABILITY_BIN_COUNT,
  reliabilityBinIndex,
} from '../stats/calibration.js';

/** The label side of a join. */
export interface LabelFacts {
  timeMs: number;
  label: string | undefined;
  value: number | undefined;
  source: string | undefined;
  /** Multilabel: the true label set. */
  labels?: readonly string[] | undefined;
  /** Ranking: the relevant items and their grades. */
  relevantItems?: readonly string[] | undefined;
  relevance?: readonly number[] | undefined;
}

/** Default decision threshold on the score when the prediction states none (METRICS.md). */
const DEFAULT_THRESHOLD = 0.5;

/**
 * Joins `label` to pending prediction `p` and marks it joined. Returns `true` when the join's
 * window had already closed (the pair is then counted as late, not merged).
 */
export function joinLabel(
  state: MonitorState,
  p: PendingPrediction,
  label: LabelFacts,
  nowMs: number,
): boolean {
  p.joined = true;
  const mv = state.models.get(p.modelKey);
  const stream = mv?.streams.get(p.sliceKey);
  let late = false;
  if (mv !== undefined && stream !== undefined) {
    const startMs = windowStartOf(state, Math.max(p.timeMs, label.timeMs));
    if (isWindowClosed(state, startMs, nowMs)) {
      stream.late++;
      mv.late++;
      late = true;
    } else {
      const w = windowAccFor(stream, startMs);
      w.labeled++;
      w.weightedLabeled += p.weight;
      const error = recordLabeledPair(state, mv, w, p, label);
      if (error === undefined) w.labeledUnusable++;
      else if (error !== null) recordQualityBins(state, mv, w, p, error);
      if (p.fairnessGroups !== undefined) recordFairnessLabel(state, mv, w, p, label);
      recordDelay(w, label.source ?? '', Math.max(0, (label.timeMs - p.timeMs) / 1000));
      // Coverage: the prediction's own window learns it got a label, if it is still open.
      const own = stream.windows.get(windowStartOf(state, p.timeMs));
      if (own !== undefined) {
        own.predictionsLabeled++;
        own.weightedPredictionsLabeled += p.weight;
      }
    }
  }
  forgetPayload(p);
  return late;
}

/**
 * After its join the entry stays (until its TTL) only to recognise duplicates, to find its
 * shadows and to place evaluator verdicts: everything the join read is dropped. Every optional
 * field of `PendingPrediction` that only the join reads belongs here — a field left out lingers
 * in memory and in checkpoints for the label TTL (`join-label.test.ts` lists what may stay).
 */
function forgetPayload(p: PendingPrediction): void {
  p.label = undefined;
  p.score = undefined;
  p.value = undefined;
  p.probabilities = undefined;
  p.classes = undefined;
  p.threshold = undefined;
  p.exampleSpan = undefined;
  p.fairnessGroups = undefined;
  p.qualityBins = undefined;
  p.labels = undefined;
  p.ranking = undefined;
  p.rankingK = undefined;
}

/**
 * Feeds the labeled pair to the window's accumulator of the model's task; returns the pair's
 * error (1/0 misclassified, or the absolute error of a regression), `null` for a usable pair
 * without one scalar error (multilabel and ranking: not binned), `undefined` when the pair is
 * unusable for the task.
 */
function recordLabeledPair(
  state: MonitorState,
  mv: ModelVersionState,
  w: WindowAcc,
  p: PendingPrediction,
  l: LabelFacts,
): number | null | undefined {
  switch (labeledFamilyOf(mv.task)) {
    case 'binary': {
      const actual = binaryActual(l.label, l.value, p.classes ?? mv.classes);
      const score = p.score;
      if (score === undefined || !(score >= 0 && score <= 1) || actual === undefined)
        return undefined;
      // One threshold per model version (the accumulator's): the first one a prediction stated.
      mv.threshold ??= p.threshold ?? DEFAULT_THRESHOLD;
      const caps = state.config;
      const binary = (w.binary ??= BINARY_KIND.forSetting(mv.threshold, caps).create());
      // The prediction's weight (1/p) carries to its label: a sampled pair counts 1/p times.
      BINARY_KIND.forState(binary, caps).record(binary, { score, label: actual }, p.weight);
      offerBinaryPair(mv, mv.threshold, score, actual);
      if (p.exampleSpan !== undefined && state.config.exemplars) {
        w.exemplars ??= createExemplarReservoir(w.startMs);
        const bin = reliabilityBinIndex(score);
        offerLabeled(w.exemplars, bin, RELIABILITY_BIN_COUNT, score, p.exampleSpan, p.timeMs);
        offerLoss(w.exemplars, binaryLogLossTerm(score, actual), p.exampleSpan, p.timeMs);
      }
      return (score >= mv.threshold ? 1 : 0) === actual ? 0 : 1;
    }
    case 'multiclass': {
      const actual = l.label ?? (l.value === undefined ? undefined : String(l.value));
      const classes = p.classes ?? mv.classes;
      const probabilities = p.probabilities;
      if (actual === undefined || classes === undefined || probabilities === undefined)
        return undefined;
      const index = classes.indexOf(actual);
      if (index < 0 || probabilities.length !== classes.length || classes.length < 2)
        return undefined;
      if (w.multiclass !== undefined && w.multiclass.classCount !== classes.length)
        return undefined;
      const caps = state.config;
      const multiclass = (w.multiclass ??= MULTICLASS_KIND.forSetting(
        classes.length,
        caps,
      ).create());
      MULTICLASS_KIND.forState(multiclass, caps).record(
        multiclass,
        { probabilities, label: index },
        p.weight,
      );
      offerMulticlassPair(mv, classes, probabilities, index);
      recordCbpeLabelPair(mv, w, classes, probabilities, index, p.weight);
      return argmax(probabilities) === index ? 0 : 1;
    }
    case 'regression': {
      if (p.value === undefined || l.value === undefined) return undefined;
      const caps = state.config;
      const regression = (w.regression ??= REGRESSION_KIND.forSetting(undefined, caps).create());
      REGRESSION_KIND.forState(regression, caps).record(
        regression,
        { predicted: p.value, actual: l.value },
        p.weight,
      );
      const values = (w.groundTruthValues ??= NUMERIC_KIND.forSetting(NO_EDGES, caps).create());
      NUMERIC_KIND.forState(values, caps).record(values, l.value, p.weight);
      return Math.abs(p.value - l.value);
    }
    case 'multilabel':
      return recordMultilabelPair(state, mv, w, p, l) ? null : undefined;
    case 'ranking':
      return recordRankingPair(state, mv, w, p, l) ? null : undefined;
    default:
      return undefined;
  }
}

/** The index of the largest probability (the first of equal ones: the predicted class). */
function argmax(probabilities: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < probabilities.length; i++)
    if (probabilities[i]! > probabilities[best]!) best = i;
  return best;
}

/**
 * Counts the pair's error in its prediction's attribute bins. A model version's first usable pair
 * creates its bin schema: predictions from then on remember their bins.
 */
function recordQualityBins(
  state: MonitorState,
  mv: ModelVersionState,
  w: WindowAcc,
  p: PendingPrediction,
  error: number,
): void {
  const schema = (mv.qualityBins ??= createQualityBinSchema());
  const bins = p.qualityBins;
  if (bins === undefined) return;
  const cells: [string, string][] = [];
  for (let i = 0; i < bins.length; i++) {
    const bin = bins[i]!;
    const a = schema.attributes[i];
    if (bin !== NO_BIN && a !== undefined) cells.push([a.name, binLabel(a, bin)]);
  }
  if (cells.length === 0) return;
  const measure = labeledFamilyOf(mv.task) === 'regression' ? 'absolute_error' : 'misclassified';
  const caps = state.config;
  const acc = (w.qualityBins ??= QUALITY_BINS_KIND.forSetting(measure, caps).create());
  QUALITY_BINS_KIND.forState(acc, caps).record(acc, { bins: cells, error, weight: p.weight });
}
