/**
 * Sampled prediction/ground-truth event pairs for the `mlmon serve` tests of weighted labelled
 * tasks: the prediction carries `ml.sampling.probability` and alternates between two slices.
 */
import {
  ATTR_ML_GROUND_TRUTH_LABELS,
  ATTR_ML_GROUND_TRUTH_RELEVANCE,
  ATTR_ML_GROUND_TRUTH_RELEVANT_ITEMS,
  ATTR_ML_PREDICTION_LABELS,
  ATTR_ML_PREDICTION_RANKING,
  ATTR_ML_RANKING_K,
  ML_MODEL_TASK_VALUE_MULTILABEL_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_RANKING,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_TASK,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_PREDICTION_ID,
  ATTR_ML_SAMPLING_PROBABILITY,
  ATTR_ML_SLICE,
  EVENT_ML_GROUND_TRUTH,
  EVENT_ML_PREDICTION,
} from '@mlmon/conventions';
import type { MultilabelCase, RankingQuery } from '../../golden/multilabel-ranking-golden-data.js';
import { T0, type ScenarioEvent } from './scenario.js';

/**
 * Prediction `i` of `model` (sampled with probability `p`, slice `region` eu/us alternating) and
 * its ground truth (at the end of the window).
 */
export function sampledPair(
  model: string,
  task: string,
  i: number,
  p: number,
  output: ScenarioEvent['attributes'],
  truth: ScenarioEvent['attributes'],
): [ScenarioEvent, ScenarioEvent] {
  const id = `${model}-${i}`;
  return [
    {
      eventName: EVENT_ML_PREDICTION,
      timeMs: T0 + 1000 + i * 10,
      attributes: {
        [ATTR_ML_MODEL_NAME]: model,
        [ATTR_ML_MODEL_VERSION]: '1',
        [ATTR_ML_MODEL_TASK]: task,
        [ATTR_ML_PREDICTION_ID]: id,
        [ATTR_ML_SAMPLING_PROBABILITY]: p,
        [ATTR_ML_SLICE('region')]: i % 2 === 0 ? 'eu' : 'us',
        ...output,
      },
    },
    {
      eventName: EVENT_ML_GROUND_TRUTH,
      timeMs: T0 + 50_000,
      attributes: { [ATTR_ML_PREDICTION_ID]: id, ...truth },
    },
  ];
}

/** The sampled pairs of a multilabel golden case's rows (`multilabel_ranking.py`). */
export function multilabelPairs(
  model: string,
  rows: MultilabelCase['rows'],
): [ScenarioEvent, ScenarioEvent][] {
  return rows.map((r, i) =>
    sampledPair(
      model,
      ML_MODEL_TASK_VALUE_MULTILABEL_CLASSIFICATION,
      i,
      r.p,
      { [ATTR_ML_PREDICTION_LABELS]: r.predicted },
      { [ATTR_ML_GROUND_TRUTH_LABELS]: r.actual },
    ),
  );
}

/**
 * The sampled pairs of a ranking golden case's queries; a query's k is sent as `ml.ranking.k`
 * unless it equals `configuredK` (then the model's configured k applies).
 */
export function rankingPairs(
  model: string,
  queries: readonly RankingQuery[],
  configuredK?: number,
): [ScenarioEvent, ScenarioEvent][] {
  return queries.map((q, i) =>
    sampledPair(
      model,
      ML_MODEL_TASK_VALUE_RANKING,
      i,
      q.p,
      {
        [ATTR_ML_PREDICTION_RANKING]: q.ranking,
        ...(q.k !== configuredK ? { [ATTR_ML_RANKING_K]: q.k } : {}),
      },
      {
        [ATTR_ML_GROUND_TRUTH_RELEVANT_ITEMS]: q.relevant,
        ...(q.relevance !== undefined ? { [ATTR_ML_GROUND_TRUTH_RELEVANCE]: q.relevance } : {}),
      },
    ),
  );
}
