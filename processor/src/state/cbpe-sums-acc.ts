/**
 * The multiclass CBPE part of a window: per predicted class j, the weighted sums of every
 * class's calibrated probability, E[c][j] = Σ_{ŷ=j} w·p̂_c, and the weights W[j] = Σ_{ŷ=j} w
 * (see `stats/cbpe-confusion-sums.ts` for the metrics they give), and for the one-vs-rest ROC
 * AUC per class c a grid of score bins (`stats/binned-roc-auc.ts`) of the uncalibrated p_c
 * holding, per bin, the expected positives Σw·p̂_c and the prediction weight Σw (expected
 * negatives = the difference), and from the labeled pairs joined in the window the realized
 * positives Σw·[y = c] and the labeled weight Σw. Sums: k² + k + 2 numbers; AUC bins:
 * 4·k·256 numbers (24 kB per window and stream at three classes, 80 kB at ten) whatever the
 * traffic; slices merge into the all-slices stream by adding them. Created only for models with
 * a multiclass CBPE reference (a profile with labeled class probabilities, or the model
 * version's own labeled pairs), so other streams keep nothing.
 */
import {
  AccumulatorStateError,
  checkpointObject,
  numberArrayField,
  numberField,
  type Accumulator,
} from './accumulators/accumulator.js';
import type { AccumulatorKind } from './accumulator-kinds.js';
import { AUC_BINS, aucBinOf } from '../stats/binned-roc-auc.js';
import { equalWeights2, kishCount } from './accumulators/effective-count.js';

/** The accumulated sums of one window and stream. */
export interface CbpeSumsAcc {
  readonly classCount: number;
  /** Predictions recorded (unweighted). */
  count: number;
  /**
   * Σw² of the predictions recorded: with Σw (the sum of `predicted`) Kish's effective size
   * (Σw)²/Σw², the chunk size of the band. Equals `count` under unit weights.
   */
  weight2: number;
  /** E[c·k + j] = Σ_{ŷ=j} w·p̂_c. */
  readonly expected: Float64Array;
  /** W[j] = Σ_{ŷ=j} w. */
  readonly predicted: Float64Array;
  /**
   * The AUC bins, four planes of k·{@link AUC_BINS}: plane q of class c starts at
   * (q·k + c)·AUC_BINS; q = 0 expected positives, 1 prediction weight, 2 realized positives,
   * 3 labeled weight. Absent in a window restored from a checkpoint written before they were
   * kept (its AUC would miss the records before the restart, so it has none).
   */
  readonly auc: Float64Array | undefined;
}

/** The AUC planes of {@link CbpeSumsAcc.auc}. */
export const AUC_PLANE = { expected: 0, predictions: 1, realized: 2, labeled: 3 } as const;

/** A snapshot: the same sums, copied. */
export type CbpeSumsSnapshot = Readonly<CbpeSumsAcc>;

/**
 * One prediction: its calibrated probability per class, its predicted class index and, for the
 * AUC bins, its uncalibrated probability per class (the AUC ranks by it).
 */
export interface CbpeSumsObservation {
  readonly calibrated: ArrayLike<number>;
  readonly predicted: number;
  readonly scores?: ArrayLike<number>;
}

interface CbpeSumsJson {
  kind: 'cbpe_sums';
  /** 1: no AUC bins (read still); 2: with them. */
  version: 1 | 2;
  classCount: number;
  count: number;
  /** Σw²; absent in checkpoints written before it was kept (read as equal weights). */
  weight2?: number;
  expected: number[];
  predicted: number[];
  /** The non-zero AUC bins as indices into {@link CbpeSumsAcc.auc} and their values (v2). */
  aucIndex?: number[];
  aucValue?: number[];
}

/** An empty state over `k` classes. */
export function createCbpeSums(k: number): CbpeSumsAcc {
  return {
    classCount: k,
    count: 0,
    weight2: 0,
    expected: new Float64Array(k * k),
    predicted: new Float64Array(k),
    auc: new Float64Array(4 * k * AUC_BINS),
  };
}

const copy = (s: CbpeSumsAcc): CbpeSumsAcc => ({
  classCount: s.classCount,
  count: s.count,
  weight2: s.weight2,
  expected: Float64Array.from(s.expected),
  predicted: Float64Array.from(s.predicted),
  auc: s.auc && Float64Array.from(s.auc),
});

/**
 * Adds a labeled pair to the realized AUC bins of `state`: its uncalibrated probability per
 * class (`scores`, in the state's class order), its true class index and weight w.
 */
export function recordCbpeLabel(
  state: CbpeSumsAcc,
  scores: ArrayLike<number>,
  label: number,
  w = 1,
): void {
  const auc = state.auc;
  if (auc === undefined) return;
  const k = state.classCount;
  for (let c = 0; c < k; c++) {
    const b = aucBinOf(scores[c]!);
    if (c === label) auc[(AUC_PLANE.realized * k + c) * AUC_BINS + b]! += w;
    auc[(AUC_PLANE.labeled * k + c) * AUC_BINS + b]! += w;
  }
}

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
    state.weight2 += w * w;
    state.predicted[j]! += w;
    for (let c = 0; c < k; c++) state.expected[c * k + j]! += w * o.calibrated[c]!;
    const auc = state.auc;
    if (auc === undefined || o.scores === undefined) return;
    for (let c = 0; c < k; c++) {
      const b = aucBinOf(o.scores[c]!);
      auc[(AUC_PLANE.expected * k + c) * AUC_BINS + b]! += w * o.calibrated[c]!;
      auc[(AUC_PLANE.predictions * k + c) * AUC_BINS + b]! += w;
    }
  },
  merge(a, b) {
    // One model version has one profile, so its slices agree on k; a disagreeing side is not
    // added rather than mixed.
    if (a.classCount !== b.classCount) return copy(a.count >= b.count ? a : b);
    return {
      classCount: a.classCount,
      count: a.count + b.count,
      weight2: a.weight2 + b.weight2,
      expected: Float64Array.from(a.expected, (v, i) => v + b.expected[i]!),
      predicted: Float64Array.from(a.predicted, (v, i) => v + b.predicted[i]!),
      // A side without bins (restored from a v1 checkpoint) leaves the sum without them.
      auc: a.auc && b.auc && Float64Array.from(a.auc, (v, i) => v + b.auc![i]!),
    };
  },
  snapshot: copy,
  toJSON(s) {
    const out: CbpeSumsJson = {
      kind: 'cbpe_sums',
      version: s.auc !== undefined ? 2 : 1,
      classCount: s.classCount,
      count: s.count,
      weight2: s.weight2,
      expected: Array.from(s.expected),
      predicted: Array.from(s.predicted),
    };
    if (s.auc !== undefined) {
      // Most bins of a window are empty: only the others are written.
      const aucIndex: number[] = [];
      const aucValue: number[] = [];
      s.auc.forEach((v, i) => {
        if (v !== 0) {
          aucIndex.push(i);
          aucValue.push(v);
        }
      });
      out.aucIndex = aucIndex;
      out.aucValue = aucValue;
    }
    return out;
  },
  fromJSON(json) {
    const where = 'cbpe_sums';
    const v1 = (json as { version?: unknown } | null)?.version === 1;
    const o = checkpointObject(json, where, v1 ? 1 : 2);
    const k = numberField(o, 'classCount', where);
    const expected = numberArrayField(o, 'expected', where);
    const predicted = numberArrayField(o, 'predicted', where);
    if (!Number.isInteger(k) || k < 2 || expected.length !== k * k || predicted.length !== k) {
      throw new AccumulatorStateError(
        `${where}: expected ${k}×${k} sums and ${k} weights for classCount ${k}`,
      );
    }
    const count = numberField(o, 'count', where);
    return {
      classCount: k,
      count,
      weight2:
        o['weight2'] === undefined
          ? equalWeights2(count, totalWeight(predicted))
          : numberField(o, 'weight2', where),
      expected: Float64Array.from(expected),
      predicted: Float64Array.from(predicted),
      auc: v1 ? undefined : aucFromJSON(o, k, where),
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

/** The dense AUC bins of a v2 checkpoint from its sparse index/value lists. */
function aucFromJSON(o: Record<string, unknown>, k: number, where: string): Float64Array {
  const index = numberArrayField(o, 'aucIndex', where);
  const value = numberArrayField(o, 'aucValue', where);
  const auc = new Float64Array(4 * k * AUC_BINS);
  if (index.length !== value.length) {
    throw new AccumulatorStateError(`${where}: aucIndex and aucValue differ in length`);
  }
  for (let i = 0; i < index.length; i++) {
    const at = index[i]!;
    if (!Number.isInteger(at) || at < 0 || at >= auc.length) {
      throw new AccumulatorStateError(`${where}: aucIndex ${at} is outside 0..${auc.length - 1}`);
    }
    auc[at] = value[i]!;
  }
  return auc;
}

/** Kish's effective size of the predictions in `s`: the chunk size of its band. */
export function cbpeSumsEffectiveCount(s: Readonly<CbpeSumsAcc>): number {
  return kishCount(s.count, totalWeight(s.predicted), s.weight2);
}

function totalWeight(predicted: ArrayLike<number>): number {
  let weight = 0;
  for (let j = 0; j < predicted.length; j++) weight += predicted[j]!;
  return weight;
}
