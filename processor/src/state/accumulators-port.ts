/**
 * The accumulator operations `state/` uses, over the streaming accumulators of
 * `state/accumulators/` (issue 3), in one place. Factories are configured once per
 * configuration (bin edges, caps, threshold, class count) and cached.
 *
 * Weights: the accumulators count each recorded value once; sampled predictions
 * (`ml.sampling.probability` < 1) are therefore recorded unweighted, and only the window's
 * `weightedPredictions` count carries 1/p.
 */
import {
  binaryOutputsAccumulator,
  categoricalFeatureAccumulator,
  multiclassOutputsAccumulator,
  numericFeatureAccumulator,
  regressionOutputsAccumulator,
  trimBinaryOutputs,
  trimNumericFeature,
  trimNumericFeatures,
  type BinaryOutputsState,
  type CategoricalFeatureState,
  type MulticlassOutputsState,
  type NumericFeatureState,
  type RegressionOutputsState,
} from './accumulators/index.js';

/** Accumulator state of a numeric feature or output. */
export type NumericAcc = NumericFeatureState;
/** Accumulator state of a categorical feature or predicted label. */
export type CategoricalAcc = CategoricalFeatureState;
/** Accumulator state of labeled binary-classification pairs. */
export type BinaryAcc = BinaryOutputsState;
/** Accumulator state of labeled multiclass pairs. */
export type MulticlassAcc = MulticlassOutputsState;
/** Accumulator state of labeled regression pairs. */
export type RegressionAcc = RegressionOutputsState;

type NumericFactory = ReturnType<typeof numericFeatureAccumulator>;

/** No edges: one bin; used until a reference gives decile edges. */
export const NO_EDGES: Float64Array = new Float64Array(0);

const numericFactories = new Map<string, NumericFactory>();

/** The numeric factory for `edges` (cached by their values). */
function numericFactory(edges: ArrayLike<number>, sketchCapacity?: number): NumericFactory {
  const key = `${sketchCapacity ?? ''}|${Array.prototype.join.call(edges, ',')}`;
  let f = numericFactories.get(key);
  if (f === undefined) {
    if (numericFactories.size > 10_000) numericFactories.clear(); // bounded cache
    f = numericFeatureAccumulator({
      binEdges: edges,
      ...(sketchCapacity ? { sketchCapacity } : {}),
    });
    numericFactories.set(key, f);
  }
  return f;
}

// record / merge / snapshot / toJSON read the edges from the state itself.
const NUMERIC = numericFeatureAccumulator({ binEdges: NO_EDGES });

/** A new numeric accumulator binned by `edges`, its sketch holding `sketchCapacity` items per level. */
export function createNumericAcc(
  edges: ArrayLike<number> = NO_EDGES,
  sketchCapacity?: number,
): NumericAcc {
  return numericFactory(edges, sketchCapacity).create();
}
/** Records a finite number. */
export const recordNumericAcc = (acc: NumericAcc, x: number): void => NUMERIC.record(acc, x);
/** A new state with both inputs (neither is mutated); both must have the same edges. */
export const mergeNumericAcc = (a: NumericAcc, b: NumericAcc): NumericAcc => NUMERIC.merge(a, b);
/** The snapshot evaluate reads. */
export const snapshotNumericAcc = (acc: NumericAcc) => NUMERIC.snapshot(acc);
/** JSON form. */
export const numericAccToJSON = (acc: NumericAcc): unknown => NUMERIC.toJSON(acc);
/** Gives back unused buffer space (a closed window kept as a reference). */
export const trimNumericAcc = (acc: NumericAcc): void => trimNumericFeature(acc);
/** Trims many accumulators into one shared buffer (the numeric parts of a kept window). */
export const trimNumericAccs = (accs: readonly NumericAcc[]): void => trimNumericFeatures(accs);
/** Inverse of {@link numericAccToJSON} (the edges come from the checkpoint). */
export function numericAccFromJSON(json: unknown): NumericAcc {
  const edges = (json as { binEdges?: unknown } | null)?.binEdges;
  return numericFactory(Array.isArray(edges) ? (edges as number[]) : NO_EDGES).fromJSON(json);
}

const categoricalFactories = new Map<number, ReturnType<typeof categoricalFeatureAccumulator>>();

function categoricalFactory(maxCategories: number) {
  let f = categoricalFactories.get(maxCategories);
  if (f === undefined) {
    f = categoricalFeatureAccumulator({ maxCategories });
    categoricalFactories.set(maxCategories, f);
  }
  return f;
}

/** A new categorical accumulator keeping at most `maxCategories` categories. */
export function createCategoricalAcc(maxCategories: number): CategoricalAcc {
  return categoricalFactory(maxCategories).create();
}
/** Records a category. */
export function recordCategoricalAcc(acc: CategoricalAcc, c: string, maxCategories: number): void {
  categoricalFactory(maxCategories).record(acc, c);
}
/** A new state with both inputs. */
export function mergeCategoricalAcc(
  a: CategoricalAcc,
  b: CategoricalAcc,
  maxCategories: number,
): CategoricalAcc {
  return categoricalFactory(maxCategories).merge(a, b);
}
/** The snapshot evaluate reads. */
export const snapshotCategoricalAcc = (acc: CategoricalAcc) => categoricalFactory(1).snapshot(acc);
/** JSON form. */
export const categoricalAccToJSON = (acc: CategoricalAcc): unknown =>
  categoricalFactory(1).toJSON(acc);
/** Inverse of {@link categoricalAccToJSON}. */
export function categoricalAccFromJSON(json: unknown, maxCategories: number): CategoricalAcc {
  return categoricalFactory(maxCategories).fromJSON(json);
}

const binaryFactories = new Map<number, ReturnType<typeof binaryOutputsAccumulator>>();

function binaryFactory(threshold: number) {
  let f = binaryFactories.get(threshold);
  if (f === undefined) {
    if (binaryFactories.size > 1000) binaryFactories.clear();
    f = binaryOutputsAccumulator({ threshold });
    binaryFactories.set(threshold, f);
  }
  return f;
}

/** A new binary accumulator deciding positive when score >= `threshold`. */
export const createBinaryAcc = (threshold: number): BinaryAcc => binaryFactory(threshold).create();
/** Records a labeled pair: `score` for the positive class, `actual` 0/1. */
export function recordBinaryAcc(acc: BinaryAcc, score: number, actual: 0 | 1): void {
  binaryFactory(acc.threshold).record(acc, { score, label: actual });
}
/** A new state with both inputs. */
export const mergeBinaryAcc = (a: BinaryAcc, b: BinaryAcc): BinaryAcc =>
  binaryFactory(a.threshold).merge(a, b);
/** The snapshot evaluate reads. */
export const snapshotBinaryAcc = (acc: BinaryAcc) => binaryFactory(acc.threshold).snapshot(acc);
/** JSON form. */
export const binaryAccToJSON = (acc: BinaryAcc): unknown =>
  binaryFactory(acc.threshold).toJSON(acc);
/** Gives back unused buffer space (a closed window kept as a reference). */
export const trimBinaryAcc = (acc: BinaryAcc): void => trimBinaryOutputs(acc);
/** Inverse of {@link binaryAccToJSON}. */
export function binaryAccFromJSON(json: unknown): BinaryAcc {
  const t = (json as { threshold?: unknown } | null)?.threshold;
  return binaryFactory(typeof t === 'number' ? t : 0.5).fromJSON(json);
}

const multiclassFactories = new Map<number, ReturnType<typeof multiclassOutputsAccumulator>>();

function multiclassFactory(classCount: number) {
  let f = multiclassFactories.get(classCount);
  if (f === undefined) {
    f = multiclassOutputsAccumulator(classCount);
    multiclassFactories.set(classCount, f);
  }
  return f;
}

/** A new multiclass accumulator over `classCount` classes. */
export const createMulticlassAcc = (classCount: number): MulticlassAcc =>
  multiclassFactory(classCount).create();
/** Records a labeled pair: probabilities per class and the index of the true class. */
export function recordMulticlassAcc(
  acc: MulticlassAcc,
  probabilities: readonly number[],
  actualIndex: number,
): void {
  multiclassFactory(acc.classCount).record(acc, { probabilities, label: actualIndex });
}
/** A new state with both inputs. */
export const mergeMulticlassAcc = (a: MulticlassAcc, b: MulticlassAcc): MulticlassAcc =>
  multiclassFactory(a.classCount).merge(a, b);
/** The snapshot evaluate reads. */
export const snapshotMulticlassAcc = (acc: MulticlassAcc) =>
  multiclassFactory(acc.classCount).snapshot(acc);
/** JSON form. */
export const multiclassAccToJSON = (acc: MulticlassAcc): unknown =>
  multiclassFactory(acc.classCount).toJSON(acc);
/** Inverse of {@link multiclassAccToJSON}. */
export function multiclassAccFromJSON(json: unknown): MulticlassAcc {
  const k = (json as { classCount?: unknown } | null)?.classCount;
  return multiclassFactory(typeof k === 'number' ? k : 2).fromJSON(json);
}

const REGRESSION = regressionOutputsAccumulator();

/** A new regression accumulator. */
export const createRegressionAcc = (): RegressionAcc => REGRESSION.create();
/** Records a labeled pair. */
export function recordRegressionAcc(acc: RegressionAcc, predicted: number, actual: number): void {
  REGRESSION.record(acc, { predicted, actual });
}
/** A new state with both inputs. */
export const mergeRegressionAcc = (a: RegressionAcc, b: RegressionAcc): RegressionAcc =>
  REGRESSION.merge(a, b);
/** The snapshot evaluate reads. */
export const snapshotRegressionAcc = (acc: RegressionAcc) => REGRESSION.snapshot(acc);
/** JSON form. */
export const regressionAccToJSON = (acc: RegressionAcc): unknown => REGRESSION.toJSON(acc);
/** Inverse of {@link regressionAccToJSON}. */
export const regressionAccFromJSON = (json: unknown): RegressionAcc => REGRESSION.fromJSON(json);
