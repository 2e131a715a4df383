/**
 * The ground-truth join: a prediction and its label meet in the window where the join happens
 * (the window of the later of the two event times), feed that window's labeled accumulator and
 * record the label delay.
 */
import { BINARY_KIND, MULTICLASS_KIND, REGRESSION_KIND } from './accumulator-kinds.js';
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
      if (!recordLabeledPair(state, mv, w, p, label)) w.labeledUnusable++;
      if (p.fairnessGroups !== undefined) recordFairnessLabel(state, mv, w, p, label);
      recordDelay(w, label.source ?? '', Math.max(0, (label.timeMs - p.timeMs) / 1000));
      // Coverage: the prediction's own window learns it got a label, if it is still open.
      const own = stream.windows.get(windowStartOf(state, p.timeMs));
      if (own !== undefined) own.predictionsLabeled++;
    }
  }
  // The entry stays (until its TTL) only to recognise duplicates; drop what it no longer needs.
  p.label = undefined;
  p.score = undefined;
  p.value = undefined;
  p.probabilities = undefined;
  p.classes = undefined;
  p.exampleSpan = undefined;
  p.fairnessGroups = undefined;
  return late;
}

function recordLabeledPair(
  state: MonitorState,
  mv: ModelVersionState,
  w: WindowAcc,
  p: PendingPrediction,
  l: LabelFacts,
): boolean {
  switch (labeledFamilyOf(mv.task)) {
    case 'binary': {
      const actual = binaryActual(l.label, l.value, p.classes ?? mv.classes);
      const score = p.score;
      if (score === undefined || !(score >= 0 && score <= 1) || actual === undefined) return false;
      // One threshold per model version (the accumulator's): the first one a prediction stated.
      mv.threshold ??= p.threshold ?? DEFAULT_THRESHOLD;
      const caps = state.config;
      const binary = (w.binary ??= BINARY_KIND.forSetting(mv.threshold, caps).create());
      // The prediction's weight (1/p) carries to its label: a sampled pair counts 1/p times.
      BINARY_KIND.forState(binary, caps).record(binary, { score, label: actual }, p.weight);
      if (p.exampleSpan !== undefined && state.config.exemplars) {
        w.exemplars ??= createExemplarReservoir(w.startMs);
        const bin = reliabilityBinIndex(score);
        offerLabeled(w.exemplars, bin, RELIABILITY_BIN_COUNT, score, p.exampleSpan, p.timeMs);
        offerLoss(w.exemplars, binaryLogLossTerm(score, actual), p.exampleSpan, p.timeMs);
      }
      return true;
    }
    case 'multiclass': {
      const actual = l.label ?? (l.value === undefined ? undefined : String(l.value));
      const classes = p.classes ?? mv.classes;
      const probabilities = p.probabilities;
      if (actual === undefined || classes === undefined || probabilities === undefined)
        return false;
      const index = classes.indexOf(actual);
      if (index < 0 || probabilities.length !== classes.length || classes.length < 2) return false;
      if (w.multiclass !== undefined && w.multiclass.classCount !== classes.length) return false;
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
      return true;
    }
    case 'regression': {
      if (p.value === undefined || l.value === undefined) return false;
      const caps = state.config;
      const regression = (w.regression ??= REGRESSION_KIND.forSetting(undefined, caps).create());
      REGRESSION_KIND.forState(regression, caps).record(
        regression,
        { predicted: p.value, actual: l.value },
        p.weight,
      );
      return true;
    }
    default:
      return false;
  }
}
