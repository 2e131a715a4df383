import {
  ATTR_ML_GROUND_TRUTH_LABELS,
  ATTR_ML_GROUND_TRUTH_RELEVANCE,
  ATTR_ML_GROUND_TRUTH_RELEVANT_ITEMS,
  ATTR_ML_PREDICTION_LABELS,
  ATTR_ML_PREDICTION_RANKING,
  ATTR_ML_RANKING_K,
  ML_MODEL_TASK_VALUE_MULTILABEL_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_RANKING,
} from '@mlmon/conventions';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../processor/src/core.js';
import { evaluateWindow } from '../../processor/src/evaluate/evaluate-window.js';
import { multilabelQuality, rankingQuality } from '../../processor/src/evaluate/set-quality.js';
import type { WindowResult } from '../../processor/src/evaluate/window-result.js';
import {
  multilabelOutputsAccumulator,
  rankingOutputsAccumulator,
} from '../../processor/src/state/accumulators/index.js';
import { closeWindows } from '../../processor/src/state/close-windows.js';
import { restoreState, serializeState } from '../../processor/src/state/serialize-state.js';
import { createState } from '../../processor/src/state/streams.js';
import type { LogRecord } from '../../processor/src/decode/otlp-types.js';
import { aGroundTruth, aPrediction, logsRequest } from '../fixtures/builders.js';
import { toleranceMiss } from './tolerance.js';
import {
  GOLDEN,
  MULTILABEL_METRICS,
  pick,
  qualityMisses,
  rankingCounts,
  rankingMeans,
  type RankingQuery,
} from './multilabel-ranking-golden-data.js';

const ML = multilabelOutputsAccumulator({ maxLabels: 100 });
const RK = rankingOutputsAccumulator();

/** A case's rows in one state, or alternately in two merged states, or through a checkpoint. */
function recordAll<S, I>(
  acc: {
    create(): S;
    record(s: S, i: I, w?: number): void;
    merge(a: S, b: S): S;
    toJSON(s: S): unknown;
    fromJSON(j: unknown): S;
  },
  inputs: readonly (readonly [I, number])[],
  how: 'one' | 'merged' | 'checkpoint',
): S {
  const parts = how === 'merged' ? [acc.create(), acc.create()] : [acc.create()];
  inputs.forEach(([input, w], i) => acc.record(parts[i % parts.length]!, input, w));
  if (how === 'merged') return acc.merge(parts[0]!, parts[1]!);
  if (how === 'checkpoint') return acc.fromJSON(JSON.parse(JSON.stringify(acc.toJSON(parts[0]!))));
  return parts[0]!;
}

const HOWS = ['one', 'merged', 'checkpoint'] as const;

describe('multilabel quality against sklearn (test/golden/scripts/multilabel_ranking.py)', () => {
  for (const c of GOLDEN.multilabel) {
    it.each(HOWS)(`${c.name}: accumulated %s`, (how) => {
      const inputs = c.rows.map((r) => [{ predicted: r.predicted, actual: r.actual }, 1 / r.p] as const);
      const snapshot = ML.snapshot(recordAll(ML, inputs, how));
      expect(toleranceMiss(snapshot.effectiveCount, c.effective_count)).toBeNull();
      const q = multilabelQuality(snapshot)!;
      expect(qualityMisses(q.quality, pick(c, MULTILABEL_METRICS))).toEqual([]);
      const labelMisses = c.labels.flatMap((e) => {
        const row = q.table.labels.find((r) => r.label === e.label);
        return [
          toleranceMiss(row?.truePositives, e.tp),
          toleranceMiss(row?.falsePositives, e.fp),
          toleranceMiss(row?.falseNegatives, e.fn),
          toleranceMiss(row?.support, e.tp + e.fn),
          toleranceMiss(row?.f1, e.f1),
        ].flatMap((m) => (m === null ? [] : [`${e.label}: ${m}`]));
      });
      expect(labelMisses).toEqual([]);
      expect(q.table.labels.map((r) => r.label)).toEqual(c.labels.map((l) => l.label));
    });
  }

  it('keeps micro values and subset accuracy exact beyond the label cap, and says why macro F1 is absent', () => {
    const c = GOLDEN.multilabel[0]!;
    const capped = multilabelOutputsAccumulator({ maxLabels: 3 });
    const inputs = c.rows.map((r) => [{ predicted: r.predicted, actual: r.actual }, 1] as const);
    const q = multilabelQuality(capped.snapshot(recordAll(capped, inputs, 'merged')))!;
    expect(
      qualityMisses(q.quality, pick(c, ['micro_f1', 'micro_precision', 'micro_recall', 'subset_accuracy'])),
    ).toEqual([]);
    expect(q.quality.find((r) => r.metric === 'macro_f1')?.reason).toMatch(/more than 3 distinct labels/);
    expect(q.quality.find((r) => r.metric === 'hamming_loss')?.value).toBeUndefined();
    expect(q.table.labels).toHaveLength(3);
    expect(q.table.overflow?.labels).toBeGreaterThan(0);
  });
});

const toRankingInput = (q: RankingQuery) =>
  [{ ranking: q.ranking, relevant: q.relevant, relevance: q.relevance, k: q.k }, 1 / q.p] as const;

describe('ranking quality against sklearn ndcg_score and NumPy', () => {
  for (const c of GOLDEN.ranking) {
    it.each(HOWS)(`${c.name}: accumulated %s`, (how) => {
      const snapshot = RK.snapshot(recordAll(RK, c.queries.map(toRankingInput), how));
      expect(toleranceMiss(snapshot.effectiveCount, c.effective_count)).toBeNull();
      const q = rankingQuality(snapshot)!;
      expect(qualityMisses(q.quality, rankingMeans(c))).toEqual([]);
      expect(q.table.queries).toBe(c.scored);
      expect(q.table.queriesWithoutRelevant).toBe(c.without_relevant);
    });
  }
});

const W = 60_000;
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % W);

/**
 * The all-slices result of one window: each (prediction, truth) pair sent as OTLP events, half
 * the predictions in slice `region=a` and half in `region=b` (so the all-slices stream is a
 * merge), through a checkpoint of the whole state before the close when `checkpoint`.
 */
function throughIngest(
  pairs: readonly { prediction: LogRecord; truth: LogRecord }[],
  checkpoint: boolean,
): WindowResult {
  let state = createState({ windowSeconds: 60, allowedLatenessSeconds: 0 });
  ingest(state, logsRequest(pairs.map((p) => p.prediction)), T0 + 1000);
  ingest(state, logsRequest(pairs.map((p) => p.truth)), T0 + 2000);
  if (checkpoint) {
    state = restoreState(JSON.parse(JSON.stringify(serializeState(state))), {
      windowSeconds: 60,
      allowedLatenessSeconds: 0,
    });
  }
  const closed = closeWindows(state, T0 + W + 1);
  return evaluateWindow(closed.find((w) => Object.keys(w.stream.slices).length === 0)!);
}

describe('multilabel and ranking quality through ingest, the all-slices merge and a checkpoint', () => {
  it.each([false, true])('multilabel (checkpoint: %s)', (checkpoint) => {
    const c = GOLDEN.multilabel[1]!;
    const pairs = c.rows.map((r, i) => ({
      prediction: aPrediction({
        model: 'topics',
        task: ML_MODEL_TASK_VALUE_MULTILABEL_CLASSIFICATION,
        id: `t-${i}`,
        timeMs: T0 + i,
        samplingProbability: r.p,
        slices: { region: i % 2 === 0 ? 'a' : 'b' },
        attributes: { [ATTR_ML_PREDICTION_LABELS]: r.predicted },
      }),
      truth: aGroundTruth({
        predictionId: `t-${i}`,
        timeMs: T0 + 500 + i,
        attributes: { [ATTR_ML_GROUND_TRUTH_LABELS]: r.actual },
      }),
    }));
    const result = throughIngest(pairs, checkpoint);
    expect(qualityMisses(result.quality, pick(c, MULTILABEL_METRICS))).toEqual([]);
    expect(result.multilabel?.pairs).toBe(c.rows.length);
    expect(result.multilabel?.labels.map((l) => l.label)).toEqual(c.labels.map((l) => l.label));
    // The size the label alerts count: Kish's n_eff of the weighted pairs, not Σw nor the count.
    expect(toleranceMiss(result.samples.effectiveLabeled, c.effective_count)).toBeNull();
  });

  it.each([false, true])('ranking (checkpoint: %s)', (checkpoint) => {
    const c = GOLDEN.ranking[1]!;
    const pairs = c.queries.map((q, i) => ({
      prediction: aPrediction({
        model: 'search',
        task: ML_MODEL_TASK_VALUE_RANKING,
        id: `q-${i}`,
        timeMs: T0 + i,
        samplingProbability: q.p,
        slices: { region: i % 2 === 0 ? 'a' : 'b' },
        attributes: { [ATTR_ML_PREDICTION_RANKING]: q.ranking, [ATTR_ML_RANKING_K]: q.k },
      }),
      truth: aGroundTruth({
        predictionId: `q-${i}`,
        timeMs: T0 + 500 + i,
        attributes: {
          [ATTR_ML_GROUND_TRUTH_RELEVANT_ITEMS]: q.relevant,
          ...(q.relevance !== undefined ? { [ATTR_ML_GROUND_TRUTH_RELEVANCE]: q.relevance } : {}),
        },
      }),
    }));
    const result = throughIngest(pairs, checkpoint);
    expect(qualityMisses(result.quality, rankingMeans(c))).toEqual([]);
    expect(result.ranking).toEqual(rankingCounts(c));
    expect(toleranceMiss(result.samples.effectiveLabeled, c.effective_count)).toBeNull();
  });
});
