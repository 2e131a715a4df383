import {
  absent,
  binaryLogLossTerm,
  calibrationErrorFromBins,
  DEFAULT_THRESHOLD,
  present,
  RELIABILITY_BIN_COUNT,
  reliabilityBinIndex,
  reliabilityFromSums,
  thresholdMetrics,
  type BinSums,
  type ConfusionCounts,
  type Maybe,
  type ReliabilityBin,
} from '../../stats/index.js';
import {
  AccumulatorStateError,
  checkpointObject,
  numberArrayField,
  numberField,
  type Accumulator,
} from './accumulator.js';
import type { BoundedEstimate } from './numeric-drift-estimate.js';

/** One labelled binary prediction: score = probability of the positive class, label 0 or 1. */
export interface BinaryObservation {
  score: number;
  label: number;
}

/** Options of a binary outputs accumulator. */
export interface BinaryOutputsOptions {
  /** Predicted positive when score >= threshold. @default 0.5 */
  threshold?: number;
  /** Equal-width score bins on [0, 1] for ROC AUC and equal-mass ECE. @default 1000 */
  fineBins?: number;
}

/** Streaming state of binary classification outputs with labels. */
export interface BinaryOutputsState {
  threshold: number;
  count: number;
  brierSum: number;
  logLossSum: number;
  /** 10 reliability bins × (count, sum of scores, positives), flattened. */
  reliability: Float64Array;
  confusion: ConfusionCounts;
  /** Per fine score bin: positives, negatives and sum of scores. */
  finePositives: Float64Array;
  fineNegatives: Float64Array;
  fineScoreSum: Float64Array;
}

/** Statistics of a binary outputs state. */
export interface BinaryOutputsSnapshot {
  count: number;
  brierScore: Maybe;
  logLoss: Maybe;
  reliabilityBins: ReliabilityBin[];
  ece: Maybe;
  mce: Maybe;
  accuracy: Maybe;
  precision: Maybe;
  recall: Maybe;
  f1: Maybe;
  /** From the fine score histogram: pairs in the same fine bin count ½. */
  rocAuc: Maybe<BoundedEstimate>;
  /** Equal-mass ECE from the fine histogram. */
  eceQuantile: Maybe<BoundedEstimate>;
}

/** JSON checkpoint of a binary outputs state. */
export interface BinaryOutputsJson {
  kind: 'binary_outputs';
  version: 1;
  threshold: number;
  count: number;
  brierSum: number;
  logLossSum: number;
  reliability: number[];
  confusion: ConfusionCounts;
  finePositives: number[];
  fineNegatives: number[];
  fineScoreSum: number[];
}

/** Fine bin of a score: (b/B, (b+1)/B], clamped to [0, B − 1]; monotone in the score. */
function fineBin(score: number, bins: number): number {
  const b = Math.ceil(score * bins) - 1;
  return b < 0 ? 0 : b >= bins ? bins - 1 : b;
}

/**
 * Accumulator of labelled binary predictions.
 * EXACT (same arithmetic as the whole-sample functions, up to summation order): Brier, log loss,
 * the 10 reliability bins, ECE, MCE, accuracy, precision, recall, F1 at the threshold.
 * BOUNDED:
 * - ROC AUC: pairs in different fine bins are ordered exactly; a pair in the same bin counts ½,
 *   so |AUC − AUC_exact| <= Σ_b pos_b·neg_b / (2·P·N), reported as `bound`.
 * - ece_quantile: only scores in the fine bins holding the order statistics next to each of the
 *   9 quantile edges can be assigned to the wrong equal-mass bin, and moving one score changes
 *   N·ECE by <= 2, so |ECE_q − exact| <= 2·(count in those bins)/N, reported as `bound`.
 * Memory: 3 × fineBins × 8 B (24 kB at 1000 bins) + 30 × 8 B of reliability + 64 B.
 */
export function binaryOutputsAccumulator(
  options: BinaryOutputsOptions = {},
): Accumulator<BinaryOutputsState, BinaryObservation, BinaryOutputsSnapshot, BinaryOutputsJson> {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const B = options.fineBins ?? 1000;
  if (!Number.isInteger(B) || B < 10)
    throw new RangeError(`fineBins must be an integer >= 10, got ${B}`);
  const create = (): BinaryOutputsState => ({
    threshold,
    count: 0,
    brierSum: 0,
    logLossSum: 0,
    reliability: new Float64Array(RELIABILITY_BIN_COUNT * 3),
    confusion: { tp: 0, fp: 0, tn: 0, fn: 0 },
    finePositives: new Float64Array(B),
    fineNegatives: new Float64Array(B),
    fineScoreSum: new Float64Array(B),
  });
  return {
    create,
    record(state, { score, label }) {
      if (!Number.isFinite(score))
        throw new RangeError(`score must be a finite number, got ${score}`);
      if (label !== 0 && label !== 1)
        throw new RangeError(`binary label must be 0 or 1, got ${label}`);
      state.count += 1;
      state.brierSum += (score - label) ** 2;
      state.logLossSum += binaryLogLossTerm(score, label);
      const r = reliabilityBinIndex(score) * 3;
      state.reliability[r]! += 1;
      state.reliability[r + 1]! += score;
      state.reliability[r + 2]! += label;
      const predicted = score >= state.threshold;
      if (predicted) {
        if (label === 1) state.confusion.tp++;
        else state.confusion.fp++;
      } else if (label === 1) state.confusion.fn++;
      else state.confusion.tn++;
      const f = fineBin(score, B);
      if (label === 1) state.finePositives[f]! += 1;
      else state.fineNegatives[f]! += 1;
      state.fineScoreSum[f]! += score;
    },
    merge(a, b) {
      if (a.threshold !== b.threshold)
        throw new RangeError('cannot merge binary outputs with different thresholds');
      const add = (x: Float64Array, y: Float64Array): Float64Array =>
        Float64Array.from(x, (v, i) => v + y[i]!);
      return {
        threshold: a.threshold,
        count: a.count + b.count,
        brierSum: a.brierSum + b.brierSum,
        logLossSum: a.logLossSum + b.logLossSum,
        reliability: add(a.reliability, b.reliability),
        confusion: {
          tp: a.confusion.tp + b.confusion.tp,
          fp: a.confusion.fp + b.confusion.fp,
          tn: a.confusion.tn + b.confusion.tn,
          fn: a.confusion.fn + b.confusion.fn,
        },
        finePositives: add(a.finePositives, b.finePositives),
        fineNegatives: add(a.fineNegatives, b.fineNegatives),
        fineScoreSum: add(a.fineScoreSum, b.fineScoreSum),
      };
    },
    snapshot(state) {
      const n = state.count;
      const none = absent<never>('no labelled prediction recorded');
      const sums: BinSums[] = [];
      for (let i = 0; i < RELIABILITY_BIN_COUNT; i++) {
        sums.push({
          count: state.reliability[i * 3]!,
          sumConfidence: state.reliability[i * 3 + 1]!,
          sumCorrect: state.reliability[i * 3 + 2]!,
        });
      }
      const bins = reliabilityFromSums(sums);
      const err = calibrationErrorFromBins(bins);
      const t = thresholdMetrics(state.confusion);
      return {
        count: n,
        brierScore: n === 0 ? none : present(state.brierSum / n),
        logLoss: n === 0 ? none : present(state.logLossSum / n),
        reliabilityBins: bins,
        ece: err.ok ? present(err.value.ece) : err,
        mce: err.ok ? present(err.value.mce) : err,
        accuracy: t.accuracy,
        precision: n === 0 ? none : present(t.precision),
        recall: n === 0 ? none : present(t.recall),
        f1: n === 0 ? none : present(t.f1),
        rocAuc: histogramAuc(state),
        eceQuantile: n === 0 ? none : histogramEceQuantile(state),
      };
    },
    toJSON(state) {
      return {
        kind: 'binary_outputs',
        version: 1,
        threshold: state.threshold,
        count: state.count,
        brierSum: state.brierSum,
        logLossSum: state.logLossSum,
        reliability: Array.from(state.reliability),
        confusion: { ...state.confusion },
        finePositives: Array.from(state.finePositives),
        fineNegatives: Array.from(state.fineNegatives),
        fineScoreSum: Array.from(state.fineScoreSum),
      };
    },
    fromJSON(json) {
      const where = 'binary_outputs';
      const obj = checkpointObject(json, where, 1);
      if (numberField(obj, 'threshold', where) !== threshold) {
        throw new AccumulatorStateError(
          `${where}: checkpoint threshold differs from the configured ${threshold}`,
        );
      }
      const arr = (key: string, len: number): Float64Array => {
        const a = numberArrayField(obj, key, where);
        if (a.length !== len)
          throw new AccumulatorStateError(`${where}: field "${key}" must have ${len} entries`);
        return Float64Array.from(a);
      };
      const c = obj['confusion'];
      if (typeof c !== 'object' || c === null)
        throw new AccumulatorStateError(`${where}: field "confusion" must be an object`);
      const co = c as Record<string, unknown>;
      return {
        threshold,
        count: numberField(obj, 'count', where),
        brierSum: numberField(obj, 'brierSum', where),
        logLossSum: numberField(obj, 'logLossSum', where),
        reliability: arr('reliability', RELIABILITY_BIN_COUNT * 3),
        confusion: {
          tp: numberField(co, 'tp', `${where}.confusion`),
          fp: numberField(co, 'fp', `${where}.confusion`),
          tn: numberField(co, 'tn', `${where}.confusion`),
          fn: numberField(co, 'fn', `${where}.confusion`),
        },
        finePositives: arr('finePositives', B),
        fineNegatives: arr('fineNegatives', B),
        fineScoreSum: arr('fineScoreSum', B),
      };
    },
  };
}

/** ROC AUC from the fine histograms, ties within a bin counted ½, with its bound. */
function histogramAuc(state: BinaryOutputsState): Maybe<BoundedEstimate> {
  let P = 0;
  let N = 0;
  for (let b = 0; b < state.finePositives.length; b++) {
    P += state.finePositives[b]!;
    N += state.fineNegatives[b]!;
  }
  if (P === 0 || N === 0) return absent('ROC AUC is undefined when only one class is present');
  let negBelow = 0;
  let sum = 0;
  let tiedPairs = 0;
  for (let b = 0; b < state.finePositives.length; b++) {
    const pos = state.finePositives[b]!;
    const neg = state.fineNegatives[b]!;
    sum += pos * (negBelow + neg / 2);
    tiedPairs += pos * neg;
    negBelow += neg;
  }
  const bound = tiedPairs / (2 * P * N);
  return present({ value: sum / (P * N), bound, exact: bound === 0 });
}

/** Equal-mass ECE from the fine histograms, with its bound. */
function histogramEceQuantile(state: BinaryOutputsState): Maybe<BoundedEstimate> {
  const B = state.finePositives.length;
  const counts = new Float64Array(B);
  const cum = new Float64Array(B);
  let N = 0;
  for (let b = 0; b < B; b++) {
    counts[b] = state.finePositives[b]! + state.fineNegatives[b]!;
    N += counts[b]!;
    cum[b] = N;
  }
  // Fine bin holding the order statistic of 0-based rank r.
  const binOfRank = (r: number): number => {
    let lo = 0;
    let hi = B - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  // np.quantile's virtual index for each inner edge names the two order statistics it lies between.
  const marked = new Uint8Array(B);
  const loBins: number[] = [];
  for (let i = 1; i < RELIABILITY_BIN_COUNT; i++) {
    const q = i * 0.1;
    const virtual = N * q + (1 - q) - 1;
    const lo = Math.min(Math.max(Math.floor(virtual), 0), N - 1);
    const hi = Math.min(lo + 1, N - 1);
    const bLo = binOfRank(lo);
    const bHi = binOfRank(virtual - lo > 0 ? hi : lo);
    marked[bLo] = 1;
    marked[bHi] = 1;
    loBins.push(bLo);
  }
  // Whole fine bins go to the equal-mass bin j = #{edges whose lower fine bin is below b}.
  const residual = new Float64Array(RELIABILITY_BIN_COUNT);
  let ambiguous = 0;
  for (let b = 0; b < B; b++) {
    if (counts[b] === 0) continue;
    let j = 0;
    for (const lb of loBins) if (lb < b) j++;
    residual[j]! += state.finePositives[b]! - state.fineScoreSum[b]!;
    if (marked[b]) ambiguous += counts[b]!;
  }
  let ece = 0;
  for (const r of residual) ece += Math.abs(r);
  const bound = (2 * ambiguous) / N;
  return present({ value: ece / N, bound, exact: bound === 0 });
}
