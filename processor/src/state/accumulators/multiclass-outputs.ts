import {
  absent,
  argmax,
  calibrationErrorFromBins,
  macroF1FromConfusion,
  multiclassBrierTerm,
  multiclassLogLossTerm,
  present,
  RELIABILITY_BIN_COUNT,
  reliabilityBinIndex,
  reliabilityFromSums,
  rowSums,
  type Maybe,
  type MulticlassMetrics,
} from '../../stats/index.js';
import {
  AccumulatorStateError,
  checkpointObject,
  numberArrayField,
  numberField,
  type Accumulator,
} from './accumulator.js';

/** One labelled multiclass prediction: probability per class, label = class index. */
export interface MulticlassObservation {
  probabilities: ArrayLike<number>;
  label: number;
}

/** Streaming state of multiclass outputs with labels. */
export interface MulticlassOutputsState {
  classCount: number;
  /** Labelled pairs, each weighed by its prediction's w = 1/p (Σw; the count when unweighted). */
  count: number;
  /** Σw² of the pairs (= count when unweighted), for Kish's effective size. */
  weight2: number;
  brierSum: number;
  logLossSum: number;
  correct: number;
  /** k×k confusion matrix, row = true class, column = argmax, row-major. */
  confusion: Float64Array;
  /** 10 top-label reliability bins × (count, sum of confidence, correct), flattened. */
  reliability: Float64Array;
}

/** JSON checkpoint of a multiclass outputs state. */
export interface MulticlassOutputsJson {
  kind: 'multiclass_outputs';
  version: 1;
  classCount: number;
  count: number;
  brierSum: number;
  logLossSum: number;
  correct: number;
  confusion: number[];
  reliability: number[];
  /** Σw²; written only when some pair weighed other than 1 (absent: Σw² = count). */
  weight2?: number;
}

/**
 * Snapshot: the metrics and Kish's effective size (Σw)²/Σw² of the pairs (= the pair count when
 * unweighted), which size-aware decisions on the metrics count instead of Σw.
 */
export type MulticlassOutputsSnapshot = Maybe<MulticlassMetrics & { effectiveCount: number }>;

/**
 * Accumulator of labelled multiclass predictions over `classCount` classes. Every metric is
 * EXACT (sums and counts; only the summation order differs from the whole-sample function):
 * accuracy, macro F1 (from the confusion matrix), Brier, log loss, top-label reliability bins,
 * ECE and MCE. Memory: 8·k² + 240 + 40 bytes (≈ 1 kB for 10 classes).
 */
export function multiclassOutputsAccumulator(
  classCount: number,
): Accumulator<
  MulticlassOutputsState,
  MulticlassObservation,
  MulticlassOutputsSnapshot,
  MulticlassOutputsJson
> {
  if (!Number.isInteger(classCount) || classCount < 2) {
    throw new RangeError(`classCount must be an integer >= 2, got ${classCount}`);
  }
  const k = classCount;
  const create = (): MulticlassOutputsState => ({
    classCount: k,
    count: 0,
    weight2: 0,
    brierSum: 0,
    logLossSum: 0,
    correct: 0,
    confusion: new Float64Array(k * k),
    reliability: new Float64Array(RELIABILITY_BIN_COUNT * 3),
  });
  return {
    create,
    record(state, { probabilities: p, label }, w = 1) {
      if (p.length !== k)
        throw new RangeError(`expected ${k} class probabilities, got ${p.length}`);
      if (!Number.isInteger(label) || label < 0 || label >= k) {
        throw new RangeError(`label ${label} is not a class index in 0..${k - 1}`);
      }
      const pred = argmax(p);
      const conf = p[pred]!;
      const hit = pred === label ? 1 : 0;
      // Frequency weight w = 1/p of the prediction; w = 1 adds what the unweighted sums added.
      const brier = multiclassBrierTerm(p, label);
      const logLoss = multiclassLogLossTerm(p, label);
      state.count += w;
      state.weight2 += w * w;
      state.correct += w === 1 ? hit : w * hit;
      state.brierSum += w === 1 ? brier : w * brier;
      state.logLossSum += w === 1 ? logLoss : w * logLoss;
      state.confusion[label * k + pred]! += w;
      const r = reliabilityBinIndex(conf) * 3;
      state.reliability[r]! += w;
      state.reliability[r + 1]! += w === 1 ? conf : w * conf;
      state.reliability[r + 2]! += w === 1 ? hit : w * hit;
    },
    merge(a, b) {
      return {
        classCount: k,
        count: a.count + b.count,
        weight2: a.weight2 + b.weight2,
        brierSum: a.brierSum + b.brierSum,
        logLossSum: a.logLossSum + b.logLossSum,
        correct: a.correct + b.correct,
        confusion: Float64Array.from(a.confusion, (v, i) => v + b.confusion[i]!),
        reliability: Float64Array.from(a.reliability, (v, i) => v + b.reliability[i]!),
      };
    },
    snapshot(state) {
      const n = state.count;
      if (n === 0) return absent('no labelled prediction recorded');
      const rows = Array.from({ length: k }, (_, i) =>
        state.confusion.subarray(i * k, (i + 1) * k),
      );
      const bins = reliabilityFromSums(
        Array.from({ length: RELIABILITY_BIN_COUNT }, (_, i) => ({
          count: state.reliability[i * 3]!,
          sumConfidence: state.reliability[i * 3 + 1]!,
          sumCorrect: state.reliability[i * 3 + 2]!,
        })),
      );
      const err = calibrationErrorFromBins(bins);
      return present({
        accuracy: state.correct / n,
        macroF1: macroF1FromConfusion(rows),
        brierScore: state.brierSum / n,
        logLoss: state.logLossSum / n,
        eceTopLabel: err.ok ? err.value.ece : 0,
        mceTopLabel: err.ok ? err.value.mce : 0,
        reliabilityBins: bins,
        classCounts: rowSums(rows),
        confusion: rows.map((r) => Float64Array.from(r)),
        effectiveCount: n === state.weight2 ? n : (n * n) / state.weight2,
      });
    },
    toJSON(state) {
      return {
        kind: 'multiclass_outputs',
        version: 1,
        classCount: k,
        count: state.count,
        brierSum: state.brierSum,
        logLossSum: state.logLossSum,
        correct: state.correct,
        confusion: Array.from(state.confusion),
        reliability: Array.from(state.reliability),
        ...(state.weight2 !== state.count ? { weight2: state.weight2 } : {}),
      };
    },
    fromJSON(json) {
      const where = 'multiclass_outputs';
      const obj = checkpointObject(json, where, 1);
      if (numberField(obj, 'classCount', where) !== k) {
        throw new AccumulatorStateError(
          `${where}: checkpoint class count differs from the configured ${k}`,
        );
      }
      const confusion = numberArrayField(obj, 'confusion', where);
      const reliability = numberArrayField(obj, 'reliability', where);
      if (confusion.length !== k * k)
        throw new AccumulatorStateError(`${where}: field "confusion" must have ${k * k} entries`);
      if (reliability.length !== RELIABILITY_BIN_COUNT * 3) {
        throw new AccumulatorStateError(
          `${where}: field "reliability" must have ${RELIABILITY_BIN_COUNT * 3} entries`,
        );
      }
      const count = numberField(obj, 'count', where);
      return {
        classCount: k,
        count,
        // A checkpoint without it (unweighted, or written before Σw² was kept): Σw² = count.
        weight2: obj['weight2'] === undefined ? count : numberField(obj, 'weight2', where),
        brierSum: numberField(obj, 'brierSum', where),
        logLossSum: numberField(obj, 'logLossSum', where),
        correct: numberField(obj, 'correct', where),
        confusion: Float64Array.from(confusion),
        reliability: Float64Array.from(reliability),
      };
    },
  };
}
