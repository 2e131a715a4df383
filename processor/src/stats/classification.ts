import { absent, present, type Maybe } from './maybe.js';
import type { NumericInput } from './sorted.js';

/** Default decision threshold: predicted positive when score >= 0.5. */
export const DEFAULT_THRESHOLD = 0.5;

/** Binary confusion counts. */
export interface ConfusionCounts {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** Confusion counts with prediction = [score >= threshold]. */
export function confusionCounts(
  scores: NumericInput,
  labels: NumericInput,
  threshold: number = DEFAULT_THRESHOLD,
): ConfusionCounts {
  const c: ConfusionCounts = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < scores.length; i++) {
    const predicted = scores[i]! >= threshold;
    const actual = labels[i] === 1;
    if (predicted) {
      if (actual) c.tp++;
      else c.fp++;
    } else if (actual) c.fn++;
    else c.tn++;
  }
  return c;
}

/** Threshold metrics; a ratio whose denominator is 0 is 0 (sklearn `zero_division=0`). */
export interface ThresholdMetrics {
  accuracy: Maybe;
  precision: number;
  recall: number;
  f1: number;
}

function ratio(num: number, den: number): number {
  return den === 0 ? 0 : num / den;
}

/** Accuracy, precision, recall and F1 from confusion counts. Accuracy is absent for no samples. */
export function thresholdMetrics(c: ConfusionCounts): ThresholdMetrics {
  const n = c.tp + c.fp + c.tn + c.fn;
  const precision = ratio(c.tp, c.tp + c.fp);
  const recall = ratio(c.tp, c.tp + c.fn);
  return {
    accuracy:
      n === 0
        ? absent('accuracy needs at least one labelled prediction')
        : present((c.tp + c.tn) / n),
    precision,
    recall,
    f1: ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn),
  };
}
