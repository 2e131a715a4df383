/**
 * The accumulator operations `state/` uses, in one place. The streaming accumulators of issue 3
 * (`state/accumulators/`) are being written in parallel; until they land, this file holds
 * minimal stand-ins (counts and moments) with the same operations, so that windows, joins and
 * serialization can be built and tested. Swapping in the real ones changes only this file and
 * `accumulator-types.ts`.
 */
import type {
  BinarySnapshot,
  CategoricalSnapshot,
  MulticlassSnapshot,
  NumericSnapshot,
  RegressionSnapshot,
} from './accumulator-types.js';

/** Weighted moments of numbers. */
interface Moments {
  n: number;
  w: number;
  sum: number;
  sumSquares: number;
  min: number;
  max: number;
}

/** Accumulator of a numeric feature or output. */
export type NumericAcc = Moments;
/** Accumulator of a categorical feature or predicted label. */
export interface CategoricalAcc {
  cap: number;
  counts: Map<string, number>;
  overflow: number;
}
/** Accumulator of labeled binary-classification pairs. */
export interface BinaryAcc {
  n: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}
/** Accumulator of labeled multiclass pairs. */
export interface MulticlassAcc {
  n: number;
  correct: number;
}
/** Accumulator of labeled regression pairs. */
export interface RegressionAcc {
  n: number;
  absError: number;
  squaredError: number;
}

function newMoments(): Moments {
  return { n: 0, w: 0, sum: 0, sumSquares: 0, min: Infinity, max: -Infinity };
}

/** A new numeric accumulator. */
export function createNumericAcc(): NumericAcc {
  return newMoments();
}

/** Records `x` with weight `w`. */
export function recordNumericAcc(acc: NumericAcc, x: number, w: number): void {
  acc.n++;
  acc.w += w;
  acc.sum += w * x;
  acc.sumSquares += w * x * x;
  if (x < acc.min) acc.min = x;
  if (x > acc.max) acc.max = x;
}

/** Adds `from` into `into`. */
export function mergeNumericAcc(into: NumericAcc, from: NumericAcc): void {
  into.n += from.n;
  into.w += from.w;
  into.sum += from.sum;
  into.sumSquares += from.sumSquares;
  if (from.min < into.min) into.min = from.min;
  if (from.max > into.max) into.max = from.max;
}

/** The snapshot evaluate reads. */
export function snapshotNumericAcc(acc: NumericAcc): NumericSnapshot {
  return { ...acc };
}

/** JSON form (finite numbers only). */
export function numericAccToJSON(acc: NumericAcc): unknown {
  return acc.n === 0 ? { ...acc, min: null, max: null } : { ...acc };
}

/** Inverse of {@link numericAccToJSON}. */
export function numericAccFromJSON(json: unknown): NumericAcc {
  const j = json as Record<string, number | null>;
  return {
    n: j['n'] ?? 0,
    w: j['w'] ?? 0,
    sum: j['sum'] ?? 0,
    sumSquares: j['sumSquares'] ?? 0,
    min: j['min'] ?? Infinity,
    max: j['max'] ?? -Infinity,
  };
}

/** A new categorical accumulator keeping at most `cap` categories. */
export function createCategoricalAcc(cap: number): CategoricalAcc {
  return { cap, counts: new Map(), overflow: 0 };
}

/** Records category `c` with weight `w`. */
export function recordCategoricalAcc(acc: CategoricalAcc, c: string, w: number): void {
  const prev = acc.counts.get(c);
  if (prev !== undefined) acc.counts.set(c, prev + w);
  else if (acc.counts.size < acc.cap) acc.counts.set(c, w);
  else acc.overflow += w;
}

/** Adds `from` into `into`. */
export function mergeCategoricalAcc(into: CategoricalAcc, from: CategoricalAcc): void {
  for (const [c, w] of from.counts) recordCategoricalAcc(into, c, w);
  into.overflow += from.overflow;
}

/** The snapshot evaluate reads. */
export function snapshotCategoricalAcc(acc: CategoricalAcc): CategoricalSnapshot {
  return { counts: Object.fromEntries(acc.counts), overflow: acc.overflow };
}

/** JSON form. */
export function categoricalAccToJSON(acc: CategoricalAcc): unknown {
  return { cap: acc.cap, counts: [...acc.counts], overflow: acc.overflow };
}

/** Inverse of {@link categoricalAccToJSON}. */
export function categoricalAccFromJSON(json: unknown): CategoricalAcc {
  const j = json as { cap: number; counts: [string, number][]; overflow: number };
  return { cap: j.cap, counts: new Map(j.counts), overflow: j.overflow };
}

/** A new binary accumulator. */
export function createBinaryAcc(): BinaryAcc {
  return { n: 0, tp: 0, fp: 0, tn: 0, fn: 0 };
}

/** Records a labeled pair: `score` for the positive class, `actual` 0/1. */
export function recordBinaryAcc(
  acc: BinaryAcc,
  score: number,
  actual: 0 | 1,
  threshold: number,
  w: number,
): void {
  acc.n += w;
  const predicted = score >= threshold;
  if (predicted) {
    if (actual === 1) acc.tp += w;
    else acc.fp += w;
  } else if (actual === 1) acc.fn += w;
  else acc.tn += w;
}

/** Adds `from` into `into`. */
export function mergeBinaryAcc(into: BinaryAcc, from: BinaryAcc): void {
  into.n += from.n;
  into.tp += from.tp;
  into.fp += from.fp;
  into.tn += from.tn;
  into.fn += from.fn;
}

/** The snapshot evaluate reads. */
export function snapshotBinaryAcc(acc: BinaryAcc): BinarySnapshot {
  return { ...acc };
}

/** A new multiclass accumulator. */
export function createMulticlassAcc(): MulticlassAcc {
  return { n: 0, correct: 0 };
}

/** Records a labeled pair. */
export function recordMulticlassAcc(
  acc: MulticlassAcc,
  predictedLabel: string | undefined,
  _probabilities: readonly number[] | undefined,
  _classes: readonly string[] | undefined,
  actualLabel: string,
  w: number,
): void {
  acc.n += w;
  if (predictedLabel === actualLabel) acc.correct += w;
}

/** Adds `from` into `into`. */
export function mergeMulticlassAcc(into: MulticlassAcc, from: MulticlassAcc): void {
  into.n += from.n;
  into.correct += from.correct;
}

/** The snapshot evaluate reads. */
export function snapshotMulticlassAcc(acc: MulticlassAcc): MulticlassSnapshot {
  return { ...acc };
}

/** A new regression accumulator. */
export function createRegressionAcc(): RegressionAcc {
  return { n: 0, absError: 0, squaredError: 0 };
}

/** Records a labeled pair. */
export function recordRegressionAcc(
  acc: RegressionAcc,
  predicted: number,
  actual: number,
  w: number,
): void {
  const e = predicted - actual;
  acc.n += w;
  acc.absError += w * Math.abs(e);
  acc.squaredError += w * e * e;
}

/** Adds `from` into `into`. */
export function mergeRegressionAcc(into: RegressionAcc, from: RegressionAcc): void {
  into.n += from.n;
  into.absError += from.absError;
  into.squaredError += from.squaredError;
}

/** The snapshot evaluate reads. */
export function snapshotRegressionAcc(acc: RegressionAcc): RegressionSnapshot {
  return { ...acc };
}

/** JSON form of the plain-object accumulators (binary, multiclass, regression). */
export function plainAccToJSON(acc: BinaryAcc | MulticlassAcc | RegressionAcc): unknown {
  return { ...acc };
}

/** Inverse of {@link plainAccToJSON}. */
export function plainAccFromJSON<T extends BinaryAcc | MulticlassAcc | RegressionAcc>(
  json: unknown,
): T {
  return { ...(json as T) };
}
