import {
  brierScore,
  calibrationErrorFromBins,
  eceQuantile,
  logLoss,
  reliabilityBins,
  type ReliabilityBin,
} from './calibration.js';
import { confusionCounts, DEFAULT_THRESHOLD, thresholdMetrics } from './classification.js';
import { absent, type Maybe } from './maybe.js';
import { rocAuc } from './roc-auc.js';
import type { NumericInput } from './sorted.js';

/** Every binary-classification metric of METRICS.md. */
export interface BinaryClassificationMetrics {
  brierScore: Maybe;
  logLoss: Maybe;
  ece: Maybe;
  mce: Maybe;
  eceQuantile: Maybe;
  reliabilityBins: ReliabilityBin[];
  rocAuc: Maybe;
  accuracy: Maybe;
  precision: Maybe;
  recall: Maybe;
  f1: Maybe;
}

/**
 * Binary metrics for positive-class scores in [0, 1] and labels in {0, 1}; predicted positive
 * when score >= threshold.
 */
export function binaryClassificationMetrics(
  scores: NumericInput,
  labels: NumericInput,
  threshold: number = DEFAULT_THRESHOLD,
): BinaryClassificationMetrics {
  const bins = reliabilityBins(scores, labels);
  const err = calibrationErrorFromBins(bins);
  const t = thresholdMetrics(confusionCounts(scores, labels, threshold));
  const none = scores.length === 0;
  const noData = absent('classification metrics need at least one labelled prediction');
  return {
    brierScore: brierScore(scores, labels),
    logLoss: logLoss(scores, labels),
    ece: err.ok ? { ok: true, value: err.value.ece } : err,
    mce: err.ok ? { ok: true, value: err.value.mce } : err,
    eceQuantile: eceQuantile(scores, labels),
    reliabilityBins: bins,
    rocAuc: rocAuc(scores, labels),
    accuracy: t.accuracy,
    precision: none ? noData : { ok: true, value: t.precision },
    recall: none ? noData : { ok: true, value: t.recall },
    f1: none ? noData : { ok: true, value: t.f1 },
  };
}
