import {
  ATTR_ML_GROUND_TRUTH_RELEVANCE,
  ATTR_ML_GROUND_TRUTH_RELEVANT_ITEMS,
  ATTR_ML_PREDICTION_RANKING,
  ATTR_ML_RANKING_K,
  ML_QUALITY_METRIC_VALUE_NDCG,
} from '@mlmon/conventions';
import { describe, expect, it } from 'vitest';
import { aGroundTruth, aPrediction, logsRequest } from '../../../test/fixtures/builders.js';
import { ingest } from '../core.js';
import { evaluateWindow } from '../evaluate/evaluate-window.js';
import { closeWindows } from './close-windows.js';
import { serializeState } from './serialize-state.js';
import { createState } from './streams.js';

const W = 60_000;
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % W);
const OPTIONS = { windowSeconds: 60, allowedLatenessSeconds: 10 };

/** What a joined pending prediction may keep: duplicates, shadows and verdicts need these. */
const KEPT_AFTER_JOIN = new Set([
  'arrivedMs',
  'timeMs',
  'modelKey',
  'sliceKey',
  'weight',
  'joined',
  'shadowKeys',
  'joinedLabel',
]);

const query = (id: string, version: string, k: number) =>
  aPrediction({
    model: 'search',
    version,
    id,
    timeMs: T0 + 1,
    threshold: 0.4,
    attributes: { [ATTR_ML_PREDICTION_RANKING]: ['d1', 'd2', 'd3'], [ATTR_ML_RANKING_K]: k },
  });
const truth = (id: string) =>
  aGroundTruth({
    predictionId: id,
    timeMs: T0 + 2,
    attributes: {
      [ATTR_ML_GROUND_TRUTH_RELEVANT_ITEMS]: ['d2'],
      [ATTR_ML_GROUND_TRUTH_RELEVANCE]: [1],
    },
  });

describe('a joined pending prediction', () => {
  it('keeps nothing the join read (the ranking cut-off included), in memory or checkpoint', () => {
    const state = createState(OPTIONS);
    ingest(state, logsRequest([query('q1', '1', 2), truth('q1')]), T0 + 10);
    const p = state.pendingPredictions.get('q1')!;
    expect(p.joined).toBe(true);
    const lingering = Object.entries(p)
      .filter(([key, value]) => value !== undefined && !KEPT_AFTER_JOIN.has(key))
      .map(([key]) => key);
    expect(lingering).toEqual([]);
    const saved = JSON.parse(JSON.stringify(serializeState(state))) as {
      pendingPredictions: [string, Record<string, unknown>][];
    };
    expect(
      Object.keys(saved.pendingPredictions[0]![1]).filter((k) => !KEPT_AFTER_JOIN.has(k)),
    ).toEqual([]);
  });

  it('gives a shadow arriving after the join the same relevant items and its own k', () => {
    const state = createState(OPTIONS);
    // v1 joins its label first; v2 scores the same query later and must join the kept label.
    ingest(state, logsRequest([query('q1', '1', 1), truth('q1')]), T0 + 10);
    const late = ingest(state, logsRequest([query('q1', '2', 2)]), T0 + 20);
    expect(late.accepted).toBe(1);
    const results = closeWindows(state, T0 + 2 * W)
      .filter((c) => c.stream.allSlices)
      .map((c) => evaluateWindow(c));
    const ndcg = (version: string) =>
      results
        .find((r) => r.stream.modelVersion === version)!
        .quality.find((q) => q.metric === ML_QUALITY_METRIC_VALUE_NDCG)?.value;
    // d2 (gain 1) at rank 2: NDCG@1 = 0 for v1; NDCG@2 = (1/log2 3) / 1 for v2.
    expect(ndcg('1')).toBe(0);
    expect(ndcg('2')).toBeCloseTo(1 / Math.log2(3), 12);
  });
});
