/**
 * Label alerts of multilabel and ranking models on sampled traffic: their pairs weigh
 * 1/`ml.sampling.probability`, and the minimum-samples rule counts Kish's effective size
 * n_eff = (Σw)²/Σw² of the pairs (`samples.effectiveLabeled`), never the raw count nor Σw. The
 * windows go through ingest, a checkpoint round trip (Σw² must survive it), `evaluateWindow` and
 * `evaluateAlerts`; old (version 1) checkpoints of the two accumulators still restore.
 */
import {
  ATTR_ML_GROUND_TRUTH_LABELS,
  ATTR_ML_GROUND_TRUTH_RELEVANT_ITEMS,
  ATTR_ML_PREDICTION_LABELS,
  ATTR_ML_PREDICTION_RANKING,
  ATTR_ML_RANKING_K,
  ML_MODEL_TASK_VALUE_MULTILABEL_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_RANKING,
} from '@mlmon/conventions';
import { describe, expect, it } from 'vitest';
import type { AlertRule } from '../../processor/src/alerts/alert-rule.js';
import { createAlertState } from '../../processor/src/alerts/alert-state.js';
import { evaluateAlerts } from '../../processor/src/alerts/evaluate-alerts.js';
import { ingest } from '../../processor/src/core.js';
import type { LogRecord } from '../../processor/src/decode/otlp-types.js';
import { evaluateWindow } from '../../processor/src/evaluate/evaluate-window.js';
import {
  multilabelOutputsAccumulator,
  rankingOutputsAccumulator,
} from '../../processor/src/state/accumulators/index.js';
import { closeWindows } from '../../processor/src/state/close-windows.js';
import { restoreState, serializeState } from '../../processor/src/state/serialize-state.js';
import { createState } from '../../processor/src/state/streams.js';
import { aGroundTruth, aPrediction, logsRequest } from '../fixtures/builders.js';

const W = 60_000;
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % W);
const OPTIONS = { windowSeconds: 60, allowedLatenessSeconds: 0 };

/** 10 pairs sampled at p = 0.01 (w = 100) and `unit` pairs kept whole (w = 1). */
function sampling(unit: number): number[] {
  return [...Array<number>(10).fill(0.01), ...Array<number>(unit).fill(1)];
}

/** Kish's n_eff of {@link sampling}: (1000 + u)² / (100 000 + u). */
const kish = (unit: number) => (1000 + unit) ** 2 / (100_000 + unit);

function window(pairs: { prediction: LogRecord; truth: LogRecord }[]) {
  let state = createState(OPTIONS);
  ingest(state, logsRequest(pairs.map((p) => p.prediction)), T0 + 1000);
  ingest(state, logsRequest(pairs.map((p) => p.truth)), T0 + 2000);
  state = restoreState(JSON.parse(JSON.stringify(serializeState(state))), OPTIONS);
  const closed = closeWindows(state, T0 + W + 1).find((c) => c.stream.allSlices)!;
  return evaluateWindow(closed);
}

function multilabelWindow(probabilities: number[]) {
  return window(
    probabilities.map((p, i) => ({
      prediction: aPrediction({
        model: 'topics',
        task: ML_MODEL_TASK_VALUE_MULTILABEL_CLASSIFICATION,
        id: `t-${i}`,
        timeMs: T0 + i,
        samplingProbability: p,
        attributes: { [ATTR_ML_PREDICTION_LABELS]: i % 3 === 0 ? ['tech'] : ['sports'] },
      }),
      truth: aGroundTruth({
        predictionId: `t-${i}`,
        timeMs: T0 + 500 + i,
        attributes: { [ATTR_ML_GROUND_TRUTH_LABELS]: ['sports'] },
      }),
    })),
  );
}

function rankingWindow(probabilities: number[]) {
  return window(
    probabilities.map((p, i) => ({
      prediction: aPrediction({
        model: 'search',
        task: ML_MODEL_TASK_VALUE_RANKING,
        id: `q-${i}`,
        timeMs: T0 + i,
        samplingProbability: p,
        attributes: { [ATTR_ML_PREDICTION_RANKING]: ['a', 'b', 'c'], [ATTR_ML_RANKING_K]: 3 },
      }),
      truth: aGroundTruth({
        predictionId: `q-${i}`,
        timeMs: T0 + 500 + i,
        attributes: { [ATTR_ML_GROUND_TRUTH_RELEVANT_ITEMS]: ['c'] },
      }),
    })),
  );
}

const ruleOn = (statistic: string): AlertRule => ({
  name: 'low',
  statistic,
  operator: '<',
  threshold: 0.99,
  forWindows: 1,
  severity: 'warning',
  minSamples: 100,
  significance: 1,
});

const fires = (rule: AlertRule, result: ReturnType<typeof window>) =>
  evaluateAlerts(createAlertState(), [rule], [result]).some((t) => t.state === 'firing');

describe.each([
  ['multilabel', multilabelWindow, 'quality.micro_f1'],
  ['ranking', rankingWindow, 'quality.ndcg'],
] as const)('%s alerts count the effective pairs', (_, windowOf, statistic) => {
  it('stays silent below 100 effective pairs though 150 pairs weigh 1140', () => {
    // 150 pairs (≥ 100), Σw = 1140 (≥ 100), n_eff = 12.98: too few to count as evidence.
    const result = windowOf(sampling(140));
    expect(result.samples.labeled).toBe(150);
    expect(result.samples.weighted?.labeled).toBe(1140);
    expect(result.samples.effectiveLabeled).toBeCloseTo(kish(140), 9);
    expect(fires(ruleOn(statistic), result)).toBe(false);
  });
  it('fires once the effective pairs reach the minimum', () => {
    // 10 pairs at w = 100 and 9000 at w = 1: n_eff = 10000² / 109000 = 917.4.
    const result = windowOf(sampling(9000));
    expect(result.samples.effectiveLabeled).toBeCloseTo(kish(9000), 9);
    expect(fires(ruleOn(statistic), result)).toBe(true);
  });
});

describe('version 1 checkpoints (before Σw² was kept)', () => {
  it('restore a multilabel state with n_eff = its pair count', () => {
    const acc = multilabelOutputsAccumulator({ maxLabels: 10 });
    const v1 = {
      kind: 'multilabel_outputs',
      version: 1,
      maxLabels: 10,
      count: 4,
      weight: 10,
      subsetCorrect: 5,
      labels: [['a', 5, 2, 3]],
      overflow: [0, 0, 0],
      overflowLabels: 0,
    };
    const state = acc.fromJSON(v1 as never);
    expect(state.weight2).toBe(25);
    expect(acc.snapshot(state).effectiveCount).toBe(4);
    acc.record(state, { predicted: ['a'], actual: ['a'] }, 2);
    expect(acc.toJSON(state)).toMatchObject({ version: 2, weight: 12, weight2: 29 });
    expect(acc.snapshot(state).effectiveCount).toBeCloseTo(144 / 29, 12);
  });
  it('restore a ranking state with n_eff = its query count', () => {
    const acc = rankingOutputsAccumulator();
    const v1 = {
      kind: 'ranking_outputs',
      version: 1,
      count: 5,
      weight: 20,
      ndcgSum: 10,
      precisionSum: 4,
      reciprocalRankSum: 8,
      withoutRelevant: 1,
      minK: 3,
      maxK: 5,
    };
    const state = acc.fromJSON(v1 as never);
    expect(state.weight2).toBe(80);
    expect(acc.snapshot(state).effectiveCount).toBe(5);
    expect(() => acc.fromJSON({ ...v1, version: 3 } as never)).toThrow(/expected 1 or 2/);
  });
});
