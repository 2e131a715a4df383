import { absent, present, type Maybe } from './maybe.js';
import { quantileSorted } from './quantile-bins.js';
import { sortedCopy, type NumericInput } from './sorted.js';

/** Probabilities are clipped to [1e-15, 1 − 1e-15] in log loss (METRICS.md; sklearn < 1.2). */
export const LOG_LOSS_EPS = 1e-15;

/** Number of reliability bins. */
export const RELIABILITY_BIN_COUNT = 10;

/**
 * Inner edges of the 10 equal-width bins, bit-identical to `np.linspace(0, 1, 11)[1:-1]`
 * (i·0.1, so the third edge is 0.30000000000000004 as in NumPy).
 */
export const RELIABILITY_INNER_EDGES: Float64Array = Float64Array.from(
  { length: RELIABILITY_BIN_COUNT - 1 },
  (_, i) => (i + 1) * 0.1,
);

/** Equal-width bin of a score: `np.searchsorted(linspace(0,1,11)[1:-1], s, side='left')`. */
export function reliabilityBinIndex(score: number): number {
  let b = 0;
  while (b < RELIABILITY_BIN_COUNT - 1 && RELIABILITY_INNER_EDGES[b]! < score) b++;
  return b;
}

/** One reliability bin: how many predictions, their mean confidence and observed accuracy. */
export interface ReliabilityBin {
  count: number;
  /** Mean score in the bin; absent (null in JSON) for an empty bin. */
  meanConfidence: number | null;
  /** Share of positives (binary) or of correct top labels (multiclass); null for an empty bin. */
  accuracy: number | null;
}

/** Sufficient statistics of one bin; also the streaming state. */
export interface BinSums {
  count: number;
  sumConfidence: number;
  sumCorrect: number;
}

/** Turns bin sums into reliability bins (empty bins have null mean and accuracy). */
export function reliabilityFromSums(sums: readonly BinSums[]): ReliabilityBin[] {
  return sums.map((s) =>
    s.count === 0
      ? { count: 0, meanConfidence: null, accuracy: null }
      : {
          count: s.count,
          meanConfidence: s.sumConfidence / s.count,
          accuracy: s.sumCorrect / s.count,
        },
  );
}

/** Expected and maximum calibration error over non-empty bins. */
export interface CalibrationError {
  ece: number;
  mce: number;
}

/**
 * ECE = Σ_b (n_b/N)·|accuracy_b − mean_confidence_b| and MCE = max_b |…| over non-empty bins.
 * Absent when every bin is empty.
 */
export function calibrationErrorFromBins(bins: readonly ReliabilityBin[]): Maybe<CalibrationError> {
  let total = 0;
  for (const b of bins) total += b.count;
  if (total === 0) return absent('calibration error needs at least one prediction');
  let ece = 0;
  let mce = 0;
  for (const b of bins) {
    if (b.count === 0 || b.meanConfidence === null || b.accuracy === null) continue;
    const gap = Math.abs(b.accuracy - b.meanConfidence);
    ece += (b.count / total) * gap;
    if (gap > mce) mce = gap;
  }
  return present({ ece, mce });
}

/**
 * Accumulates (confidence, correct) pairs into the 10 equal-width bins. `correct` is the label
 * (0/1) for binary positive-class reliability, or [argmax = y] for top-label reliability.
 */
export function equalWidthBinSums(confidence: NumericInput, correct: NumericInput): BinSums[] {
  const sums: BinSums[] = Array.from({ length: RELIABILITY_BIN_COUNT }, () => ({
    count: 0,
    sumConfidence: 0,
    sumCorrect: 0,
  }));
  for (let i = 0; i < confidence.length; i++) {
    const s = sums[reliabilityBinIndex(confidence[i]!)]!;
    s.count += 1;
    s.sumConfidence += confidence[i]!;
    s.sumCorrect += correct[i]!;
  }
  return sums;
}

/** Reliability bins (10 equal-width, sklearn `calibration_curve` convention). */
export function reliabilityBins(confidence: NumericInput, correct: NumericInput): ReliabilityBin[] {
  return reliabilityFromSums(equalWidthBinSums(confidence, correct));
}

/**
 * Equal-mass ECE: edges = np.quantile(s, linspace(0, 1, 11)); a score goes to
 * `searchsorted(edges[1:-1], s, 'left')` (sklearn `calibration_curve(strategy='quantile')`).
 */
export function eceQuantile(confidence: NumericInput, correct: NumericInput): Maybe {
  if (confidence.length === 0) return absent('calibration error needs at least one prediction');
  const sorted = sortedCopy(confidence);
  const inner = new Float64Array(RELIABILITY_BIN_COUNT - 1);
  for (let i = 1; i < RELIABILITY_BIN_COUNT; i++) inner[i - 1] = quantileSorted(sorted, i * 0.1);
  const sums: BinSums[] = Array.from({ length: RELIABILITY_BIN_COUNT }, () => ({
    count: 0,
    sumConfidence: 0,
    sumCorrect: 0,
  }));
  for (let i = 0; i < confidence.length; i++) {
    const s = confidence[i]!;
    let b = 0;
    while (b < inner.length && inner[b]! < s) b++;
    const bin = sums[b]!;
    bin.count += 1;
    bin.sumConfidence += s;
    bin.sumCorrect += correct[i]!;
  }
  const err = calibrationErrorFromBins(reliabilityFromSums(sums));
  return err.ok ? present(err.value.ece) : err;
}

/** Binary Brier score mean((s − y)²). Absent for empty input. */
export function brierScore(scores: NumericInput, labels: NumericInput): Maybe {
  const n = scores.length;
  if (n === 0) return absent('Brier score needs at least one labelled prediction');
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (scores[i]! - labels[i]!) ** 2;
  return present(sum / n);
}

/** Log-loss contribution of one binary prediction, −[y·ln p + (1 − y)·ln(1 − p)] with clipping. */
export function binaryLogLossTerm(score: number, label: number): number {
  const p = Math.min(Math.max(score, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
  return -(label * Math.log(p) + (1 - label) * Math.log(1 - p));
}

/** Binary log loss, p clipped to [1e-15, 1 − 1e-15]. Absent for empty input. */
export function logLoss(scores: NumericInput, labels: NumericInput): Maybe {
  const n = scores.length;
  if (n === 0) return absent('log loss needs at least one labelled prediction');
  let sum = 0;
  for (let i = 0; i < n; i++) sum += binaryLogLossTerm(scores[i]!, labels[i]!);
  return present(sum / n);
}
