/**
 * Calibration and quality of a window's labeled predictions, per `ml.model.task`, from the
 * sufficient statistics the accumulators keep (METRICS.md definitions).
 */
import {
  ML_CALIBRATION_METHOD_VALUE_ECE,
  ML_CALIBRATION_METHOD_VALUE_ECE_TOP_LABEL,
  ML_CALIBRATION_METHOD_VALUE_MCE,
  ML_CALIBRATION_METHOD_VALUE_MCE_TOP_LABEL,
  ML_QUALITY_METRIC_VALUE_ACCURACY,
  ML_QUALITY_METRIC_VALUE_BRIER_SCORE,
  ML_QUALITY_METRIC_VALUE_F1,
  ML_QUALITY_METRIC_VALUE_LOG_LOSS,
  ML_QUALITY_METRIC_VALUE_MACRO_F1,
  ML_QUALITY_METRIC_VALUE_MAE,
  ML_QUALITY_METRIC_VALUE_MAPE,
  ML_QUALITY_METRIC_VALUE_PRECISION,
  ML_QUALITY_METRIC_VALUE_R2,
  ML_QUALITY_METRIC_VALUE_RECALL,
  ML_QUALITY_METRIC_VALUE_RMSE,
  ML_QUALITY_METRIC_VALUE_ROC_AUC,
} from '@mlmon/conventions';
import type { BinSums } from '../stats/index.js';
import {
  calibrationErrorFromBins,
  macroF1FromConfusion,
  reliabilityFromSums,
  thresholdMetrics,
} from '../stats/index.js';
import type { BinaryLabeled, MulticlassLabeled, RegressionLabeled } from './labeled-summaries.js';
import type { CalibrationResult, QualityResult, ReliabilityBinResult } from './window-result.js';

/** Calibration and quality of one window. */
export interface OutputQuality {
  readonly calibration?: CalibrationResult;
  readonly quality: QualityResult[];
}

const score = (metric: string, value: number | undefined, reason?: string): QualityResult =>
  value === undefined || !Number.isFinite(value)
    ? { metric, instrument: 'score', reason: reason ?? 'not computable' }
    : { metric, instrument: 'score', value };

function reliability(sums: readonly BinSums[]): {
  bins: ReliabilityBinResult[];
  ece?: number;
  mce?: number;
  reason?: string;
} {
  const bins = reliabilityFromSums(sums);
  const out: ReliabilityBinResult[] = bins.map((b, i) => ({
    upperEdge: (i + 1) / bins.length,
    count: b.count,
    ...(b.meanConfidence !== null ? { meanScore: b.meanConfidence } : {}),
    ...(b.accuracy !== null ? { positiveRatio: b.accuracy } : {}),
  }));
  const error = calibrationErrorFromBins(bins);
  return error.ok
    ? { bins: out, ece: error.value.ece, mce: error.value.mce }
    : { bins: out, reason: error.reason };
}

/** Binary classification: ECE/MCE, Brier, log loss, accuracy/precision/recall/F1, ROC AUC. */
export function binaryQuality(labeled: BinaryLabeled): OutputQuality {
  if (labeled.n === 0) return { quality: [] };
  const brier = labeled.brierSum / labeled.n;
  const logLoss = labeled.logLossSum / labeled.n;
  const rel = reliability(labeled.bins);
  const t = thresholdMetrics(labeled.confusion);
  return {
    calibration: {
      method: ML_CALIBRATION_METHOD_VALUE_ECE,
      mceMethod: ML_CALIBRATION_METHOD_VALUE_MCE,
      ...(rel.ece !== undefined ? { ece: rel.ece, mce: rel.mce } : {}),
      brier,
      logLoss,
      bins: rel.bins,
      ...(rel.reason !== undefined ? { reason: rel.reason } : {}),
    },
    quality: [
      score(ML_QUALITY_METRIC_VALUE_ACCURACY, t.accuracy.ok ? t.accuracy.value : undefined),
      score(ML_QUALITY_METRIC_VALUE_PRECISION, t.precision),
      score(ML_QUALITY_METRIC_VALUE_RECALL, t.recall),
      score(ML_QUALITY_METRIC_VALUE_F1, t.f1),
      labeled.rocAuc.ok
        ? score(ML_QUALITY_METRIC_VALUE_ROC_AUC, labeled.rocAuc.value)
        : score(ML_QUALITY_METRIC_VALUE_ROC_AUC, undefined, labeled.rocAuc.reason),
      score(ML_QUALITY_METRIC_VALUE_BRIER_SCORE, brier),
      score(ML_QUALITY_METRIC_VALUE_LOG_LOSS, logLoss),
    ],
  };
}

/** Multiclass: top-label ECE/MCE, Brier, log loss, accuracy, macro F1. */
export function multiclassQuality(labeled: MulticlassLabeled): OutputQuality {
  if (labeled.n === 0) return { quality: [] };
  const brier = labeled.brierSum / labeled.n;
  const logLoss = labeled.logLossSum / labeled.n;
  const rel = reliability(labeled.bins);
  return {
    calibration: {
      method: ML_CALIBRATION_METHOD_VALUE_ECE_TOP_LABEL,
      mceMethod: ML_CALIBRATION_METHOD_VALUE_MCE_TOP_LABEL,
      ...(rel.ece !== undefined ? { ece: rel.ece, mce: rel.mce } : {}),
      brier,
      logLoss,
      bins: rel.bins,
      ...(rel.reason !== undefined ? { reason: rel.reason } : {}),
    },
    quality: [
      score(ML_QUALITY_METRIC_VALUE_ACCURACY, labeled.correct / labeled.n),
      score(ML_QUALITY_METRIC_VALUE_MACRO_F1, macroF1FromConfusion(labeled.confusion)),
      score(ML_QUALITY_METRIC_VALUE_BRIER_SCORE, brier),
      score(ML_QUALITY_METRIC_VALUE_LOG_LOSS, logLoss),
    ],
  };
}

/** Regression: MAE, RMSE (target units), MAPE, R². */
export function regressionQuality(labeled: RegressionLabeled): OutputQuality {
  const n = labeled.n;
  if (n === 0) return { quality: [] };
  const totalSquares = labeled.ySquaredSum - (labeled.ySum * labeled.ySum) / n;
  return {
    quality: [
      { metric: ML_QUALITY_METRIC_VALUE_MAE, instrument: 'error', value: labeled.absErrorSum / n },
      {
        metric: ML_QUALITY_METRIC_VALUE_RMSE,
        instrument: 'error',
        value: Math.sqrt(labeled.squaredErrorSum / n),
      },
      score(ML_QUALITY_METRIC_VALUE_MAPE, labeled.apeSum / n),
      // Relative tolerance: a total sum of squares at rounding level means constant actuals.
      totalSquares <= 1e-12 * Math.max(1, labeled.ySquaredSum)
        ? score(
            ML_QUALITY_METRIC_VALUE_R2,
            undefined,
            'r2 is undefined when the actual values are constant',
          )
        : score(ML_QUALITY_METRIC_VALUE_R2, 1 - labeled.squaredErrorSum / totalSquares),
    ],
  };
}
