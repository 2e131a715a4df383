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
import { restoreState, serializeState } from './serialize-state.js';
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

const OPTIONS = { windowSeconds: 60, allowedLatenessSeconds: 10 };

const tagged = (i: number): LogRecord =>
  aPrediction({
    model: 'tags',
    id: `t${i}`,
    timeMs: T0 + i,
    attributes: { [ATTR_ML_PREDICTION_LABELS]: i % 2 === 0 ? ['a', 'b'] : ['c'] },
  });
const tagsTruth = (i: number): LogRecord =>
  aGroundTruth({
    predictionId: `t${i}`,
    timeMs: T0 + 100 + i,
    attributes: { [ATTR_ML_GROUND_TRUTH_LABELS]: i % 3 === 0 ? ['a'] : ['c'] },
  });
const query = (i: number): LogRecord =>
  aPrediction({
    model: 'search',
    id: `q${i}`,
    timeMs: T0 + i,
    attributes: { [ATTR_ML_PREDICTION_RANKING]: ['d1', 'd2', `d${i}`], [ATTR_ML_RANKING_K]: 2 },
  });
const queryTruth = (i: number): LogRecord =>
  aGroundTruth({
    predictionId: `q${i}`,
    timeMs: T0 + 100 + i,
    attributes: {
      [ATTR_ML_GROUND_TRUTH_RELEVANT_ITEMS]: [`d${i % 3}`, 'd9'],
      [ATTR_ML_GROUND_TRUTH_RELEVANCE]: [2, 1],
    },
  });

describe('checkpoint of the set-valued tasks', () => {
  it('keeps joined pairs, pending predictions and labels waiting for their prediction', () => {
    const ids = Array.from({ length: 12 }, (_, i) => i);
    const original = createState(OPTIONS);
    // Before the checkpoint: every prediction but the last two of each model, half the truths,
    // and the truths of those last two (waiting for their prediction).
    ingest(
      original,
      logsRequest([...ids.slice(0, 10).map(tagged), ...ids.slice(0, 10).map(query)]),
      T0 + 500,
    );
    const early = ids.filter((i) => i < 5 || i >= 10);
    ingest(original, logsRequest([...early.map(tagsTruth), ...early.map(queryTruth)]), T0 + 600);
    const restored = restoreState(JSON.parse(JSON.stringify(serializeState(original))), OPTIONS);
    // After it: the rest of the truths (their predictions are pending) and the last predictions.
    const rest = [
      ...ids.slice(5, 10).flatMap((i) => [tagsTruth(i), queryTruth(i)]),
      ...ids.slice(10).flatMap((i) => [tagged(i), query(i)]),
    ];
    for (const state of [original, restored]) ingest(state, logsRequest(rest), T0 + 700);
    const results = [original, restored].map((state) =>
      closeWindows(state, T0 + 2 * W)
        .filter((c) => c.stream.allSlices)
        .map((c) => evaluateWindow(c)),
    );
    expect(results[1]).toEqual(results[0]);
    const [tags, search] = ['tags', 'search'].map((m) =>
      results[0]!.find((r) => r.stream.modelName === m)!,
    );
    expect(tags!.multilabel?.pairs).toBe(12);
    expect(search!.ranking?.queries).toBe(12);
    expect(tags!.groundTruth.labeled).toBe(12);
  });
});
