/**
 * Joined pairs of the set-valued tasks: a multilabel prediction's label set against the true
 * set, and a ranking query's list against its relevant items. Called by the ground-truth join
 * (`join-label.ts`); a pair these cannot read is counted as unusable there.
 */
import { MULTILABEL_KIND, RANKING_KIND } from './accumulator-kinds.js';
import type { LabelFacts } from './join-label.js';
import type {
  ModelVersionState,
  MonitorState,
  PendingPrediction,
  WindowAcc,
} from './monitor-state.js';
import { rankingKFor } from './ranking-settings.js';

/** Default decision threshold of a multilabel class probability (METRICS.md). */
const DEFAULT_THRESHOLD = 0.5;

/**
 * The predicted label set: `ml.prediction.labels`, else the classes whose probability is at
 * least the prediction's threshold (0.5 when it states none). `undefined` when neither is usable.
 */
export function predictedLabelSet(
  p: Pick<PendingPrediction, 'labels' | 'probabilities' | 'classes' | 'threshold'>,
  modelClasses: readonly string[] | undefined,
): readonly string[] | undefined {
  if (p.labels !== undefined) return p.labels;
  const classes = p.classes ?? modelClasses;
  const probs = p.probabilities;
  if (probs === undefined || classes === undefined || probs.length !== classes.length) {
    return undefined;
  }
  const threshold = p.threshold ?? DEFAULT_THRESHOLD;
  return classes.filter((_, i) => probs[i]! >= threshold);
}

/** Records a multilabel pair; `false` when the prediction or the truth has no label set. */
export function recordMultilabelPair(
  state: MonitorState,
  mv: ModelVersionState,
  w: WindowAcc,
  p: PendingPrediction,
  l: LabelFacts,
): boolean {
  const predicted = predictedLabelSet(p, mv.classes);
  if (predicted === undefined || l.labels === undefined) return false;
  const caps = state.config;
  const acc = (w.multilabel ??= MULTILABEL_KIND.forSetting(undefined, caps).create());
  MULTILABEL_KIND.forState(acc, caps).record(acc, { predicted, actual: l.labels }, p.weight);
  return true;
}

/**
 * Records a ranking query; `false` without a ranked list or relevant items, or when the grades
 * do not pair with the items.
 */
export function recordRankingPair(
  state: MonitorState,
  mv: ModelVersionState,
  w: WindowAcc,
  p: PendingPrediction,
  l: LabelFacts,
): boolean {
  const ranking = p.ranking;
  const relevant = l.relevantItems;
  if (ranking === undefined || relevant === undefined) return false;
  if (l.relevance !== undefined && l.relevance.length !== relevant.length) return false;
  const caps = state.config;
  const acc = (w.ranking ??= RANKING_KIND.forSetting(undefined, caps).create());
  RANKING_KIND.forState(acc, caps).record(
    acc,
    {
      ranking,
      relevant,
      relevance: l.relevance,
      k: p.rankingK ?? rankingKFor(state.config.ranking, mv.model, mv.version),
    },
    // The prediction's weight (1/p) carries to its ground truth, as for the other tasks.
    p.weight,
  );
  return true;
}
