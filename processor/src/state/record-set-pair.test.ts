import {
  ATTR_ML_GROUND_TRUTH_LABELS,
  ATTR_ML_GROUND_TRUTH_RELEVANCE,
  ATTR_ML_GROUND_TRUTH_RELEVANT_ITEMS,
  ATTR_ML_PREDICTION_LABELS,
  ATTR_ML_PREDICTION_RANKING,
  ATTR_ML_RANKING_K,
  ML_MODEL_TASK_VALUE_MULTILABEL_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_RANKING,
  ML_QUALITY_METRIC_VALUE_MICRO_F1,
  ML_QUALITY_METRIC_VALUE_NDCG,
  ML_QUALITY_METRIC_VALUE_SUBSET_ACCURACY,
} from '@mlmon/conventions';
import { describe, expect, it } from 'vitest';
import { aGroundTruth, aPrediction, logsRequest } from '../../../test/fixtures/builders.js';
import type { LogRecord } from '../decode/otlp-types.js';
import { ingest } from '../core.js';
import { evaluateWindow } from '../evaluate/evaluate-window.js';
import { closeWindows } from './close-windows.js';
import { createState } from './streams.js';

const W = 60_000;
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % W);

/** Ingests `records` in one request and evaluates the all-slices window of `model`. */
function run(model: string, records: LogRecord[]) {
  const state = createState({ windowSeconds: 60, allowedLatenessSeconds: 0 });
  const ingested = ingest(state, logsRequest(records), T0 + 1000);
  const closed = closeWindows(state, T0 + W + 1).find((w) => w.stream.model === model)!;
  return { ingested, closed, result: evaluateWindow(closed) };
}

const metric = (r: ReturnType<typeof run>['result'], name: string) =>
  r.quality.find((q) => q.metric === name);

describe('multilabel pairs', () => {
  it('thresholds per-class probabilities into the predicted set when no label set is sent', () => {
    const classes = ['a', 'b', 'c'];
    const { result } = run('tags', [
      // At threshold 0.4: {a, b} against {a, b} (exact), {c} against {b} (wrong).
      aPrediction({
        model: 'tags',
        task: ML_MODEL_TASK_VALUE_MULTILABEL_CLASSIFICATION,
        id: 't1',
        probabilities: [0.9, 0.4, 0.1],
        classes,
        threshold: 0.4,
        timeMs: T0,
      }),
      aPrediction({
        model: 'tags',
        task: ML_MODEL_TASK_VALUE_MULTILABEL_CLASSIFICATION,
        id: 't2',
        probabilities: [0.1, 0.3, 0.8],
        classes,
        threshold: 0.4,
        timeMs: T0 + 1,
      }),
      aGroundTruth({
        predictionId: 't1',
        timeMs: T0 + 2,
        attributes: { [ATTR_ML_GROUND_TRUTH_LABELS]: ['a', 'b'] },
      }),
      aGroundTruth({
        predictionId: 't2',
        timeMs: T0 + 3,
        attributes: { [ATTR_ML_GROUND_TRUTH_LABELS]: ['b'] },
      }),
    ]);
    expect(metric(result, ML_QUALITY_METRIC_VALUE_SUBSET_ACCURACY)?.value).toBe(0.5);
    // TP 2 (a, b of t1), FP 1 (c), FN 1 (b of t2): micro F1 = 4 / 6.
    expect(metric(result, ML_QUALITY_METRIC_VALUE_MICRO_F1)?.value).toBeCloseTo(4 / 6, 15);
    expect(result.multilabel?.labels.map((l) => [l.label, l.support])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 0],
    ]);
  });

  it('infers the task from a label set and counts a truth without labels as unusable', () => {
    const { closed, result } = run('tags', [
      aPrediction({
        model: 'tags',
        id: 't1',
        timeMs: T0,
        attributes: { [ATTR_ML_PREDICTION_LABELS]: [] },
      }),
      aPrediction({
        model: 'tags',
        id: 't2',
        timeMs: T0,
        attributes: { [ATTR_ML_PREDICTION_LABELS]: ['x'] },
      }),
      aGroundTruth({
        predictionId: 't1',
        timeMs: T0 + 2,
        attributes: { [ATTR_ML_GROUND_TRUTH_LABELS]: [] },
      }),
      aGroundTruth({ predictionId: 't2', timeMs: T0 + 2, label: 'x' }),
    ]);
    expect(closed.stream.task).toBe(ML_MODEL_TASK_VALUE_MULTILABEL_CLASSIFICATION);
    expect(closed.counts.labeledUnusable).toBe(1);
    // The one usable pair predicts and holds no label: exact, with no label seen.
    expect(metric(result, ML_QUALITY_METRIC_VALUE_SUBSET_ACCURACY)?.value).toBe(1);
    expect(metric(result, ML_QUALITY_METRIC_VALUE_MICRO_F1)?.reason).toMatch(
      /no label was predicted or true/,
    );
  });
});

describe('ranking pairs', () => {
  const query = (id: string, ranking: string[], extra: Record<string, number> = {}) =>
    aPrediction({
      model: 'search',
      task: ML_MODEL_TASK_VALUE_RANKING,
      id,
      timeMs: T0,
      attributes: { [ATTR_ML_PREDICTION_RANKING]: ranking, ...extra },
    });

  it('scores graded relevance at the event k and counts queries without a relevant item apart', () => {
    const { result } = run('search', [
      query('q1', ['d1', 'd2', 'd3'], { [ATTR_ML_RANKING_K]: 2 }),
      query('q2', ['d1', 'd2']),
      aGroundTruth({
        predictionId: 'q1',
        timeMs: T0 + 2,
        attributes: {
          [ATTR_ML_GROUND_TRUTH_RELEVANT_ITEMS]: ['d2', 'd3'],
          [ATTR_ML_GROUND_TRUTH_RELEVANCE]: [1, 3],
        },
      }),
      aGroundTruth({
        predictionId: 'q2',
        timeMs: T0 + 2,
        attributes: { [ATTR_ML_GROUND_TRUTH_RELEVANT_ITEMS]: [] },
      }),
    ]);
    // q1 at k = 2: DCG = 1/log2(3); IDCG = 3 + 1/log2(3).
    const dcg = 1 / Math.log2(3);
    expect(metric(result, ML_QUALITY_METRIC_VALUE_NDCG)?.value).toBeCloseTo(dcg / (3 + dcg), 15);
    expect(result.ranking).toEqual({ queries: 1, queriesWithoutRelevant: 1, minK: 2, maxK: 2 });
  });

  it('counts grades that do not pair with the items as unusable, and rejects a bad k or grade', () => {
    const { ingested, closed } = run('search', [
      query('q1', ['d1']),
      query('q2', ['d1'], { [ATTR_ML_RANKING_K]: 0 }),
      aGroundTruth({
        predictionId: 'q1',
        timeMs: T0 + 2,
        attributes: {
          [ATTR_ML_GROUND_TRUTH_RELEVANT_ITEMS]: ['d1', 'd2'],
          [ATTR_ML_GROUND_TRUTH_RELEVANCE]: [1],
        },
      }),
      aGroundTruth({
        predictionId: 'q3',
        timeMs: T0 + 2,
        attributes: {
          [ATTR_ML_GROUND_TRUTH_RELEVANT_ITEMS]: ['d1'],
          [ATTR_ML_GROUND_TRUTH_RELEVANCE]: [-1],
        },
      }),
    ]);
    expect(ingested.rejected).toEqual({ invalid_number: 2 });
    expect(closed.counts.labeledUnusable).toBe(1);
  });
});
