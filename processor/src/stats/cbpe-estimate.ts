/**
 * CBPE estimates (METRICS.md §"Performance estimation without labels"): the expected confusion
 * matrix of a window from calibrated probabilities, the metrics it implies, the same metrics
 * realized from labels, and the sampling-error σ over reference chunks.
 *
 * Accumulation is in sums of weights (one weight per score, 1 by default), so sampled records
 * can later count 1/p each without changing the definitions.
 */
import { rocAuc } from './roc-auc.js';
import type { NumericInput } from './sorted.js';

/** The metrics CBPE estimates, in the order every door lists them. */
export const CBPE_METRICS = [
  'accuracy',
  'precision',
  'recall',
  'f1',
  'specificity',
  'roc_auc',
] as const;
/** One CBPE metric (an `ml.quality.metric` value). */
export type CbpeMetric = (typeof CBPE_METRICS)[number];
/** Metric values; a metric whose denominator is 0 is absent. */
export type CbpeValues = Partial<Record<CbpeMetric, number>>;

/** Chunks the σ of the band needs at least. */
export const CBPE_MIN_CHUNKS = 10;

/** A (possibly expected) confusion matrix as sums of weights. */
export interface ConfusionSums {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/** Accuracy, precision, recall, F1 and specificity of a confusion matrix; absent on 0/0. */
export function metricsOfConfusion(c: ConfusionSums): CbpeValues {
  const out: CbpeValues = {};
  const n = c.tp + c.fp + c.fn + c.tn;
  if (n > 0) out.accuracy = (c.tp + c.tn) / n;
  if (c.tp + c.fp > 0) out.precision = c.tp / (c.tp + c.fp);
  if (c.tp + c.fn > 0) out.recall = c.tp / (c.tp + c.fn);
  if (c.tp + (c.fp + c.fn) / 2 > 0) out.f1 = c.tp / (c.tp + (c.fp + c.fn) / 2);
  if (c.tn + c.fp > 0) out.specificity = c.tn / (c.tn + c.fp);
  return out;
}

/**
 * Expected binary metrics of a window: `predicted[i]` is ŷ, `p[i]` the calibrated probability
 * of the positive class, `s[i]` the uncalibrated score (ROC AUC ranks by it), `w[i]` a weight
 * (1 when omitted).
 */
export function expectedBinary(
  s: NumericInput,
  p: NumericInput,
  predicted: ArrayLike<boolean>,
  w?: NumericInput,
): CbpeValues {
  const c: ConfusionSums = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (let i = 0; i < p.length; i++) {
    const wi = w === undefined ? 1 : w[i]!;
    if (predicted[i]) {
      c.tp += wi * p[i]!;
      c.fp += wi * (1 - p[i]!);
    } else {
      c.fn += wi * p[i]!;
      c.tn += wi * (1 - p[i]!);
    }
  }
  const out = metricsOfConfusion(c);
  const auc = expectedRocAuc(s, p, w);
  if (auc !== undefined) out.roc_auc = auc;
  return out;
}

/**
 * Expected ROC AUC: records sorted by the uncalibrated score descending (ties form one step),
 * TPR steps Σp/ΣP and FPR steps Σ(1−p)/Σ(1−P), trapezoidal area. Absent when either sum is 0.
 */
export function expectedRocAuc(
  s: NumericInput,
  p: NumericInput,
  w?: NumericInput,
): number | undefined {
  const order = Array.from({ length: s.length }, (_, i) => i).sort((a, b) => s[b]! - s[a]!);
  let totalPos = 0;
  let totalNeg = 0;
  for (let i = 0; i < p.length; i++) {
    const wi = w === undefined ? 1 : w[i]!;
    totalPos += wi * p[i]!;
    totalNeg += wi * (1 - p[i]!);
  }
  if (!(totalPos > 0) || !(totalNeg > 0)) return undefined;
  let tpr = 0;
  let fpr = 0;
  let area = 0;
  let k = 0;
  while (k < order.length) {
    const v = s[order[k]!]!;
    let pos = 0;
    let neg = 0;
    while (k < order.length && s[order[k]!] === v) {
      const i = order[k++]!;
      const wi = w === undefined ? 1 : w[i]!;
      pos += wi * p[i]!;
      neg += wi * (1 - p[i]!);
    }
    const nextTpr = tpr + pos / totalPos;
    const nextFpr = fpr + neg / totalNeg;
    area += ((nextFpr - fpr) * (tpr + nextTpr)) / 2;
    tpr = nextTpr;
    fpr = nextFpr;
  }
  return area;
}

/** Realized binary metrics of scores `s` with 0/1 labels `y` and ŷ = [s ≥ threshold]. */
export function realizedBinary(s: NumericInput, y: NumericInput, threshold: number): CbpeValues {
  const c: ConfusionSums = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (let i = 0; i < s.length; i++) {
    const positive = y[i] === 1;
    if (s[i]! >= threshold) {
      if (positive) c.tp++;
      else c.fp++;
    } else if (positive) c.fn++;
    else c.tn++;
  }
  const out = metricsOfConfusion(c);
  const auc = rocAuc(s, y);
  if (auc.ok) out.roc_auc = auc.value;
  return out;
}

/** Per metric, the mean and σ of its realized values over reference chunks. */
export interface ChunkStats {
  readonly mean: CbpeValues;
  readonly sigma: CbpeValues;
}

/**
 * Mean and σ of each metric over the disjoint consecutive chunks of `n` records of a reference
 * of `total` records (population std, ddof = 0), computed by `realized(start, end)` per chunk;
 * a metric defined in fewer than {@link CBPE_MIN_CHUNKS} chunks has neither.
 */
export function chunkStats(
  total: number,
  n: number,
  realized: (start: number, end: number) => CbpeValues,
): ChunkStats {
  const chunks = n > 0 ? Math.floor(total / n) : 0;
  const mean: CbpeValues = {};
  const sigma: CbpeValues = {};
  if (chunks < CBPE_MIN_CHUNKS) return { mean, sigma };
  const values = new Map<CbpeMetric, number[]>();
  for (let j = 0; j < chunks; j++) {
    const r = realized(j * n, (j + 1) * n);
    for (const m of CBPE_METRICS) {
      const v = r[m];
      if (v === undefined) continue;
      const list = values.get(m) ?? [];
      list.push(v);
      values.set(m, list);
    }
  }
  for (const [m, list] of values) {
    if (list.length < CBPE_MIN_CHUNKS) continue;
    const mu = list.reduce((a, b) => a + b, 0) / list.length;
    mean[m] = mu;
    sigma[m] = Math.sqrt(list.reduce((a, b) => a + (b - mu) ** 2, 0) / list.length);
  }
  return { mean, sigma };
}
