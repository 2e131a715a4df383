import {
  ATTR_ML_GROUND_TRUTH_LABELS,
  ATTR_ML_GROUND_TRUTH_RELEVANCE,
  ATTR_ML_GROUND_TRUTH_RELEVANT_ITEMS,
  ATTR_ML_PREDICTION_LABELS,
  ATTR_ML_PREDICTION_RANKING,
  ATTR_ML_RANKING_K,
} from '@mlmon/conventions';
import { describe, expect, it } from 'vitest';
import { aGroundTruth, aPrediction, logsRequest } from '../../../test/fixtures/builders.js';
import { ingest } from '../core.js';
import type { LogRecord } from '../decode/otlp-types.js';
import { evaluateWindow } from '../evaluate/evaluate-window.js';
import { closeWindows } from './close-windows.js';
import { restoreState, serializeState } from './serialize-state.js';
import { createState } from './streams.js';

const W = 60_000;
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % W);
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
