/**
 * Confidence-based performance estimation (CBPE, METRICS.md §"Performance estimation without
 * labels"): a reference built once from labeled records (calibrations plus the records the band
 * needs), then per window the estimated metrics with their ±3σ band.
 *
 * What a reference keeps: the calibration maps (a few knots per score) and its labeled records
 * (the scores, or one probability column per class, and the labels) for the σ over chunks of a
 * window's size; mean and σ are memoised for the last {@link MAX_CHUNK_SIZES} chunk sizes.
 */
import { chooseCalibration, calibrate, type CbpeCalibration } from './cbpe-calibration.js';
import {
  CBPE_METRICS,
  chunkStats,
  expectedBinary,
  realizedBinary,
  type CbpeMetric,
  type CbpeValues,
  type ChunkStats,
} from './cbpe-estimate.js';
import { expectedMulticlass, realizedMulticlass } from './cbpe-multiclass.js';
import type { NumericInput } from './sorted.js';

/**
 * Chunk sizes whose mean and σ a reference memoises (each costs 10–60 ms to compute at 100 000
 * reference rows, and two numbers per metric to keep).
 */
export const MAX_CHUNK_SIZES = 256;

/** Width of the band in σ. */
export const CBPE_BAND_SIGMAS = 3;

/** A CBPE reference of a binary model (ŷ = [s ≥ threshold]) or a multiclass one (argmax). */
export type CbpeReference =
  | {
      readonly task: 'binary';
      readonly threshold: number;
      readonly calibration: CbpeCalibration;
      readonly scores: Float64Array;
      readonly labels: Float64Array;
      readonly chunks: Map<number, ChunkStats>;
    }
  | {
      readonly task: 'multiclass';
      readonly classes: readonly string[];
      readonly calibrations: readonly CbpeCalibration[];
      /** One column of reference probabilities per class. */
      readonly probs: readonly Float64Array[];
      /** The true class index of each reference record. */
      readonly labels: Float64Array;
      readonly chunks: Map<number, ChunkStats>;
    };

/** One estimated metric with its band. */
export interface CbpeMetricEstimate {
  readonly metric: CbpeMetric;
  /** The estimate; absent when its denominator is 0. */
  readonly value?: number;
  /** σ of the realized metric over reference chunks of the window's size. */
  readonly sigma?: number;
  /** The mean of the realized metric over those chunks: what the reference's quality was. */
  readonly referenceValue?: number;
  /** value ∓ 3σ, clipped to [0, 1]. */
  readonly lower?: number;
  readonly upper?: number;
}

/** Builds a binary reference from scores `s` and 0/1 labels `y`. */
export function binaryCbpeReference(
  s: NumericInput,
  y: NumericInput,
  threshold: number,
): CbpeReference {
  return {
    task: 'binary',
    threshold,
    calibration: chooseCalibration(s, y),
    scores: Float64Array.from(s),
    labels: Float64Array.from(y),
    chunks: new Map(),
  };
}

/**
 * Builds a multiclass reference from one probability column per class (`classes[k]`'s in
 * `probs[k]`) and the true class indices `y`; `chosen` are the classes' calibrations when the
 * caller has already chosen them (one class at a time, see `state/cbpe-reference-pairs.ts`).
 */
export function multiclassCbpeReference(
  classes: readonly string[],
  probs: readonly NumericInput[],
  y: NumericInput,
  chosen?: readonly CbpeCalibration[],
): CbpeReference {
  const calibrations =
    chosen ??
    probs.map((col, k) =>
      chooseCalibration(
        col,
        Array.from(y as ArrayLike<number>, (c) => (c === k ? 1 : 0)),
      ),
    );
  return {
    task: 'multiclass',
    classes,
    calibrations,
    probs: probs.map((c) => Float64Array.from(c)),
    labels: Float64Array.from(y),
    chunks: new Map(),
  };
}

/** Records in the reference. */
export function referenceSize(ref: CbpeReference): number {
  return ref.labels.length;
}

/** Mean and σ of each realized metric over the reference's chunks of `n` records (memoised). */
export function referenceChunks(ref: CbpeReference, n: number): ChunkStats {
  const cached = ref.chunks.get(n);
  if (cached !== undefined) {
    // Most recently used last, so the bound below drops the size unused longest.
    ref.chunks.delete(n);
    ref.chunks.set(n, cached);
    return cached;
  }
  const stats =
    ref.task === 'binary'
      ? chunkStats(ref.labels.length, n, (a, b) =>
          realizedBinary(ref.scores.subarray(a, b), ref.labels.subarray(a, b), ref.threshold),
        )
      : chunkStats(ref.labels.length, n, (a, b) => realizedMulticlass(ref.probs, ref.labels, a, b));
  ref.chunks.set(n, stats);
  // Window sizes vary from window to window and stream to stream: keep a bounded few.
  if (ref.chunks.size > MAX_CHUNK_SIZES) ref.chunks.delete(ref.chunks.keys().next().value!);
  return stats;
}

/**
 * The band's chunk size of a window of `count` records whose weights give Kish's effective size
 * `effective` (undefined: unweighted). A window of sampled records, each weighing 1/p, varies as
 * much as `effective` unweighted ones, not `count`: chunks of `count` reference records would
 * make its band too narrow. Whole records, at least one.
 */
export function bandChunkSize(count: number, effective: number | undefined): number {
  return Math.max(1, Math.round(effective ?? count));
}

/**
 * Estimated metrics of a window with its band. Binary: `scores` is one column of positive-class
 * scores; multiclass: one column per class. `w` weighs each record (1 when omitted); the band's
 * chunk size is `n` (the window's record count, or its effective size when weighted:
 * {@link bandChunkSize}).
 */
export function estimateWindow(
  ref: CbpeReference,
  scores: readonly NumericInput[],
  n: number,
  w?: NumericInput,
): CbpeMetricEstimate[] {
  let values: CbpeValues;
  if (ref.task === 'binary') {
    const s = scores[0]!;
    const p = Float64Array.from(s as ArrayLike<number>, (v) => calibrate(ref.calibration, v));
    const predicted = Array.from(s as ArrayLike<number>, (v) => v >= ref.threshold);
    values = expectedBinary(s, p, predicted, w);
  } else {
    values = expectedMulticlass(scores, ref.calibrations, w);
  }
  return withBand(ref, values, n);
}

/** Each of {@link CBPE_METRICS} with its estimate from `values` and its band at window size `n`. */
export function withBand(ref: CbpeReference, values: CbpeValues, n: number): CbpeMetricEstimate[] {
  const chunks = referenceChunks(ref, n);
  return CBPE_METRICS.map((metric) => {
    const value = values[metric];
    const sd = chunks.sigma[metric];
    if (value === undefined) return { metric };
    if (sd === undefined) return { metric, value };
    return {
      metric,
      value,
      sigma: sd,
      referenceValue: chunks.mean[metric]!,
      lower: Math.max(0, value - CBPE_BAND_SIGMAS * sd),
      upper: Math.min(1, value + CBPE_BAND_SIGMAS * sd),
    };
  });
}

/** Realized metrics of labeled records (the same definitions as the estimates). */
export function realizedWindow(
  ref: CbpeReference,
  scores: readonly NumericInput[],
  labels: NumericInput,
): CbpeValues {
  return ref.task === 'binary'
    ? realizedBinary(scores[0]!, labels, ref.threshold)
    : realizedMulticlass(scores, labels);
}
