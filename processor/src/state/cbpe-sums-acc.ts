/**
 * The multiclass CBPE part of a window: per predicted class j, the weighted sums of every
 * class's calibrated probability, E[c][j] = Σ_{ŷ=j} w·p̂_c, and the weights W[j] = Σ_{ŷ=j} w
 * (see `stats/cbpe-confusion-sums.ts` for the metrics they give). k² + k + 2 numbers per window
 * and stream (≈ 100 bytes at three classes, 900 at ten) whatever the traffic; slices merge into
 * the all-slices stream by adding them. Created only for models whose profile carries labeled
 * class probabilities, so other streams keep nothing.
 */
import {
  AccumulatorStateError,
  checkpointObject,
  numberArrayField,
  numberField,
  type Accumulator,
} from './accumulators/accumulator.js';
import type { AccumulatorKind } from './accumulator-kinds.js';

/** The accumulated sums of one window and stream. */
export interface CbpeSumsAcc {
  readonly classCount: number;
  /** Predictions recorded (unweighted): the chunk size of the band. */
  count: number;
  /** E[c·k + j] = Σ_{ŷ=j} w·p̂_c. */
  readonly expected: Float64Array;
  /** W[j] = Σ_{ŷ=j} w. */
  readonly predicted: Float64Array;
}

/** A snapshot: the same sums, copied. */
export type CbpeSumsSnapshot = Readonly<CbpeSumsAcc>;

/** One prediction: its calibrated probability per class and its predicted class index. */
export interface CbpeSumsObservation {
  readonly calibrated: ArrayLike<number>;
  readonly predicted: number;
}

interface CbpeSumsJson {
  kind: 'cbpe_sums';
  version: 1;
  classCount: number;
  count: number;
  expected: number[];
  predicted: number[];
}

/** An empty state over `k` classes. */
export function createCbpeSums(k: number): CbpeSumsAcc {
  return {
    classCount: k,
    count: 0,
    expected: new Float64Array(k * k),
    predicted: new Float64Array(k),
  };
}

const copy = (s: CbpeSumsAcc): CbpeSumsAcc => ({
  classCount: s.classCount,
  count: s.count,
  expected: Float64Array.from(s.expected),
  predicted: Float64Array.from(s.predicted),
});

/** The accumulator (its class count travels in the state). */
export const cbpeSumsAccumulator: Accumulator<
  CbpeSumsAcc,
  CbpeSumsObservation,
  CbpeSumsSnapshot,
  CbpeSumsJson
> = {
  // A state is created for its class count by `createCbpeSums`; this one only fills the table.
  create: () => createCbpeSums(2),
  record(state, o, w = 1) {
    const k = state.classCount;
    const j = o.predicted;
    state.count++;
    state.predicted[j]! += w;
    for (let c = 0; c < k; c++) state.expected[c * k + j]! += w * o.calibrated[c]!;
  },
  merge(a, b) {
    // One model version has one profile, so its slices agree on k; a disagreeing side is not
    // added rather than mixed.
    if (a.classCount !== b.classCount) return copy(a.count >= b.count ? a : b);
    return {
      classCount: a.classCount,
      count: a.count + b.count,
      expected: Float64Array.from(a.expected, (v, i) => v + b.expected[i]!),
      predicted: Float64Array.from(a.predicted, (v, i) => v + b.predicted[i]!),
    };
  },
  snapshot: copy,
  toJSON: (s) => ({
    kind: 'cbpe_sums',
    version: 1,
    classCount: s.classCount,
    count: s.count,
    expected: Array.from(s.expected),
    predicted: Array.from(s.predicted),
  }),
  fromJSON(json) {
    const where = 'cbpe_sums';
    const o = checkpointObject(json, where, 1);
    const k = numberField(o, 'classCount', where);
    const expected = numberArrayField(o, 'expected', where);
    const predicted = numberArrayField(o, 'predicted', where);
    if (!Number.isInteger(k) || k < 2 || expected.length !== k * k || predicted.length !== k) {
      throw new AccumulatorStateError(
        `${where}: expected ${k}×${k} sums and ${k} weights for classCount ${k}`,
      );
    }
    return {
      classCount: k,
      count: numberField(o, 'count', where),
      expected: Float64Array.from(expected),
      predicted: Float64Array.from(predicted),
    };
  },
};

/** The window part's kind (no settings: the class count travels in the state). */
export const CBPE_SUMS_KIND: AccumulatorKind<
  CbpeSumsAcc,
  CbpeSumsObservation,
  CbpeSumsSnapshot,
  void
> = {
  forSetting: () => cbpeSumsAccumulator,
  forState: () => cbpeSumsAccumulator,
  forJSON: () => cbpeSumsAccumulator,
};
