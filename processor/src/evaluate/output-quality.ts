/**
 * Calibration and quality of a window's labeled predictions, per `ml.model.task`, from the
 * snapshots of the output accumulators (`state/accumulators/`), whose statistics follow the
 * METRICS.md definitions (exact except ROC AUC, which carries its bound).
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
  ML_QUALITY_METRIC_VALUE_SPECIFICITY,
} from '@mlmon/conventions';
import type { BinaryOutputsSnapshot } from '../state/accumulators/index.js';
import type {
  Maybe,
  MulticlassMetrics,
  RegressionMetrics,
  ReliabilityBin,
} from '../stats/index.js';
import type {
  CalibrationResult,
  MultilabelResult,
  QualityResult,
  RankingResult,
  ReliabilityBinResult,
} from './window-result.js';

/** Calibration and quality of one window. */
export interface OutputQuality {
  readonly calibration?: CalibrationResult;
  readonly quality: QualityResult[];
  /** The per-label table of a multilabel window. */
  readonly multilabel?: MultilabelResult;
  /** The query counts of a ranking window. */
  readonly ranking?: RankingResult;
}

function fromMaybe(metric: string, instrument: 'score' | 'error', m: Maybe): QualityResult {
  return m.ok && Number.isFinite(m.value)
    ? { metric, instrument, value: m.value }
    : { metric, instrument, reason: m.ok ? 'not a finite number' : m.reason };
}

const value = (m: Maybe): number | undefined => (m.ok ? m.value : undefined);

function binsOf(bins: readonly ReliabilityBin[]): ReliabilityBinResult[] {
  return bins.map((b, i) => ({
    upperEdge: (i + 1) / bins.length,
    count: b.count,
    ...(b.meanConfidence !== null ? { meanScore: b.meanConfidence } : {}),
    ...(b.accuracy !== null ? { positiveRatio: b.accuracy } : {}),
  }));
}

function defined<T extends object>(fields: Record<string, number | undefined>): Partial<T> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v;
  return out as Partial<T>;
}

/** Binary classification: ECE/MCE and bins, Brier, log loss, accuracy/precision/recall/F1, ROC AUC. */
export function binaryQuality(s: BinaryOutputsSnapshot): OutputQuality {
  if (s.count === 0) return { quality: [] };
  const rocAuc: Maybe = s.rocAuc.ok ? { ok: true, value: s.rocAuc.value.value } : s.rocAuc;
  return {
    calibration: {
      method: ML_CALIBRATION_METHOD_VALUE_ECE,
      mceMethod: ML_CALIBRATION_METHOD_VALUE_MCE,
      ...defined<CalibrationResult>({
        ece: value(s.ece),
        mce: value(s.mce),
        brier: value(s.brierScore),
        logLoss: value(s.logLoss),
      }),
      bins: binsOf(s.reliabilityBins),
      ...(!s.ece.ok ? { reason: s.ece.reason } : {}),
    },
    quality: [
      fromMaybe(ML_QUALITY_METRIC_VALUE_ACCURACY, 'score', s.accuracy),
      fromMaybe(ML_QUALITY_METRIC_VALUE_PRECISION, 'score', s.precision),
      fromMaybe(ML_QUALITY_METRIC_VALUE_RECALL, 'score', s.recall),
      fromMaybe(ML_QUALITY_METRIC_VALUE_F1, 'score', s.f1),
      fromMaybe(ML_QUALITY_METRIC_VALUE_SPECIFICITY, 'score', s.specificity),
      fromMaybe(ML_QUALITY_METRIC_VALUE_ROC_AUC, 'score', rocAuc),
      fromMaybe(ML_QUALITY_METRIC_VALUE_BRIER_SCORE, 'score', s.brierScore),
      fromMaybe(ML_QUALITY_METRIC_VALUE_LOG_LOSS, 'score', s.logLoss),
    ],
  };
}

/** Multiclass: top-label ECE/MCE and bins, Brier, log loss, accuracy, macro F1. */
export function multiclassQuality(s: Maybe<MulticlassMetrics>): OutputQuality {
  if (!s.ok) return { quality: [] };
  const m = s.value;
  return {
    calibration: {
      method: ML_CALIBRATION_METHOD_VALUE_ECE_TOP_LABEL,
      mceMethod: ML_CALIBRATION_METHOD_VALUE_MCE_TOP_LABEL,
      ece: m.eceTopLabel,
      mce: m.mceTopLabel,
      brier: m.brierScore,
      logLoss: m.logLoss,
      bins: binsOf(m.reliabilityBins),
    },
    quality: [
      { metric: ML_QUALITY_METRIC_VALUE_ACCURACY, instrument: 'score', value: m.accuracy },
      { metric: ML_QUALITY_METRIC_VALUE_MACRO_F1, instrument: 'score', value: m.macroF1 },
      { metric: ML_QUALITY_METRIC_VALUE_BRIER_SCORE, instrument: 'score', value: m.brierScore },
      { metric: ML_QUALITY_METRIC_VALUE_LOG_LOSS, instrument: 'score', value: m.logLoss },
    ],
  };
}

/** Regression: MAE and RMSE (target units, `ml.quality.error`), MAPE and R² (`ml.quality.score`). */
export function regressionQuality(s: RegressionMetrics): OutputQuality {
  if (!s.mae.ok) return { quality: [] };
  return {
    quality: [
      fromMaybe(ML_QUALITY_METRIC_VALUE_MAE, 'error', s.mae),
      fromMaybe(ML_QUALITY_METRIC_VALUE_RMSE, 'error', s.rmse),
      fromMaybe(ML_QUALITY_METRIC_VALUE_MAPE, 'score', s.mape),
      fromMaybe(ML_QUALITY_METRIC_VALUE_R2, 'score', s.r2),
    ],
  };
}
