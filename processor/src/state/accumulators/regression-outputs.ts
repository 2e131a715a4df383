import { absent, MAPE_EPSILON, present, type RegressionMetrics } from '../../stats/index.js';
import { meanMomentsOf, type MeanMoments } from '../../stats/mean-rise-test.js';
import { checkpointObject, numberField, type Accumulator } from './accumulator.js';
import {
  createMoments,
  momentsEffectiveCount,
  momentsFromJSON,
  momentsMerge,
  momentsRecord,
  momentsToJSON,
  type Moments,
  type MomentsJson,
} from './moments.js';

/** One labelled regression prediction. */
export interface RegressionObservation {
  actual: number;
  predicted: number;
}

/** Streaming state of regression outputs with labels. */
export interface RegressionOutputsState {
  absErrorSum: number;
  squaredErrorSum: number;
  /**
   * Σw·|e|³: with the two sums above, the skewness of the absolute errors that the version
   * comparison's test of a rise in MAE corrects for. NaN when restored from a checkpoint written
   * before it was kept (that window then has no error moments).
   */
  absErrorCubeSum: number;
  absPercentageErrorSum: number;
  /** Moments of the actual values (count, mean, M2 = Σ(y − ȳ)²). */
  actual: Moments;
}

/**
 * Snapshot: the metrics and Kish's effective size (Σw)²/Σw² of the pairs (= the pair count when
 * unweighted; 0 when empty), which size-aware decisions on the metrics count instead of Σw, and
 * the moments of the absolute errors at that size (when the window has pairs and kept Σw·|e|³).
 */
export type RegressionOutputsSnapshot = RegressionMetrics & {
  effectiveCount: number;
  absoluteErrors?: MeanMoments;
};

/** JSON checkpoint of a regression outputs state. */
export interface RegressionOutputsJson {
  kind: 'regression_outputs';
  version: 1;
  absErrorSum: number;
  squaredErrorSum: number;
  /** Absent in checkpoints written before it was kept. */
  absErrorCubeSum?: number;
  absPercentageErrorSum: number;
  actual: MomentsJson;
}

/**
 * Accumulator of labelled regression predictions, each weighed by its prediction's frequency
 * weight (1/`ml.sampling.probability`; the means divide by Σw). MAE, RMSE and MAPE are EXACT sums; R² uses
 * Σ(y − ȳ)² from Welford/Chan moments (relative error ~1e-14 vs the two-pass sum).
 * Memory: 11 numbers (88 bytes).
 */
export function regressionOutputsAccumulator(): Accumulator<
  RegressionOutputsState,
  RegressionObservation,
  RegressionOutputsSnapshot,
  RegressionOutputsJson
> {
  return {
    create: () => ({
      absErrorSum: 0,
      squaredErrorSum: 0,
      absErrorCubeSum: 0,
      absPercentageErrorSum: 0,
      actual: createMoments(),
    }),
    record(state, { actual, predicted }, w = 1) {
      if (!Number.isFinite(actual) || !Number.isFinite(predicted)) {
        throw new RangeError(
          `actual and predicted must be finite numbers, got ${actual} and ${predicted}`,
        );
      }
      // Frequency weight w = 1/p of the prediction; w = 1 adds what the unweighted sums added.
      const e = actual - predicted;
      const abs = Math.abs(e);
      const pct = abs / Math.max(Math.abs(actual), MAPE_EPSILON);
      state.absErrorSum += w === 1 ? abs : w * abs;
      state.squaredErrorSum += w === 1 ? e * e : w * e * e;
      state.absErrorCubeSum += w * abs * abs * abs;
      state.absPercentageErrorSum += w === 1 ? pct : w * pct;
      momentsRecord(state.actual, actual, w);
    },
    merge(a, b) {
      return {
        absErrorSum: a.absErrorSum + b.absErrorSum,
        squaredErrorSum: a.squaredErrorSum + b.squaredErrorSum,
        absErrorCubeSum: a.absErrorCubeSum + b.absErrorCubeSum,
        absPercentageErrorSum: a.absPercentageErrorSum + b.absPercentageErrorSum,
        actual: momentsMerge(a.actual, b.actual),
      };
    },
    snapshot(state) {
      const n = state.actual.weight;
      if (state.actual.count === 0) {
        const r = absent('no labelled prediction recorded');
        return { mae: r, rmse: r, mape: r, r2: r, effectiveCount: 0 };
      }
      const effectiveCount = momentsEffectiveCount(state.actual);
      return {
        mae: present(state.absErrorSum / n),
        rmse: present(Math.sqrt(state.squaredErrorSum / n)),
        mape: present(state.absPercentageErrorSum / n),
        r2:
          state.actual.m2 > 0
            ? present(1 - state.squaredErrorSum / state.actual.m2)
            : absent('R² is undefined: the actual values are constant'),
        effectiveCount,
        ...(Number.isFinite(state.absErrorCubeSum)
          ? {
              absoluteErrors: meanMomentsOf(
                effectiveCount,
                n,
                state.absErrorSum,
                state.squaredErrorSum,
                state.absErrorCubeSum,
              ),
            }
          : {}),
      };
    },
    toJSON(state) {
      return {
        kind: 'regression_outputs',
        version: 1,
        absErrorSum: state.absErrorSum,
        squaredErrorSum: state.squaredErrorSum,
        // Unknown (a restored old checkpoint) stays unknown: NaN would be written as null.
        ...(Number.isFinite(state.absErrorCubeSum)
          ? { absErrorCubeSum: state.absErrorCubeSum }
          : {}),
        absPercentageErrorSum: state.absPercentageErrorSum,
        actual: momentsToJSON(state.actual),
      };
    },
    fromJSON(json) {
      const where = 'regression_outputs';
      const obj = checkpointObject(json, where, 1);
      return {
        absErrorSum: numberField(obj, 'absErrorSum', where),
        squaredErrorSum: numberField(obj, 'squaredErrorSum', where),
        absErrorCubeSum:
          obj['absErrorCubeSum'] === undefined
            ? Number.NaN
            : numberField(obj, 'absErrorCubeSum', where),
        absPercentageErrorSum: numberField(obj, 'absPercentageErrorSum', where),
        actual: momentsFromJSON(obj['actual']),
      };
    },
  };
}
