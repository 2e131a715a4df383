/**
 * Which method or metric an alert's statistic is: the `ml.alert` event carries it
 * (`ml.drift.method` and `ml.drift.kind` for drift statistics, `ml.calibration.method` for ECE
 * and MCE, `ml.quality.metric` for quality, estimate, Brier and log-loss statistics), so a
 * backend can route and group alerts by what fired without parsing the rule's statistic.
 */
import {
  ATTR_ML_CALIBRATION_METHOD,
  ATTR_ML_DRIFT_KIND,
  ATTR_ML_DRIFT_METHOD,
  ATTR_ML_QUALITY_METRIC,
  ML_QUALITY_METRIC_VALUE_BRIER_SCORE,
  ML_QUALITY_METRIC_VALUE_LOG_LOSS,
} from '@mlmon/conventions';
import type { CalibrationResult } from '../evaluate/window-result.js';

/** The statistic attributes of one alert observation (each absent where it does not apply). */
export interface AlertSubject {
  /** `ml.drift.method` of the decision a drift statistic read. */
  readonly driftMethod?: string;
  /** `ml.drift.kind` of that decision. */
  readonly driftKind?: string;
  /** `ml.calibration.method` of `calibration.ece` and `calibration.mce`. */
  readonly calibrationMethod?: string;
  /** `ml.quality.metric` of `quality.*`, `estimate.*`, `calibration.brier` and `.log_loss`. */
  readonly qualityMetric?: string;
}

/** The subject of a `calibration.*` statistic on `calibration`. */
export function calibrationSubject(
  statistic: string,
  calibration: CalibrationResult,
): AlertSubject {
  if (statistic === 'calibration.ece') return { calibrationMethod: calibration.method };
  if (statistic === 'calibration.mce') return { calibrationMethod: calibration.mceMethod };
  if (statistic === 'calibration.brier')
    return { qualityMetric: ML_QUALITY_METRIC_VALUE_BRIER_SCORE };
  return { qualityMetric: ML_QUALITY_METRIC_VALUE_LOG_LOSS };
}

/** The subject as `ml.alert` event attributes. */
export function subjectAttributes(subject: AlertSubject | undefined): Record<string, string> {
  const attributes: Record<string, string> = {};
  if (subject?.driftMethod !== undefined) attributes[ATTR_ML_DRIFT_METHOD] = subject.driftMethod;
  if (subject?.driftKind !== undefined) attributes[ATTR_ML_DRIFT_KIND] = subject.driftKind;
  if (subject?.calibrationMethod !== undefined)
    attributes[ATTR_ML_CALIBRATION_METHOD] = subject.calibrationMethod;
  if (subject?.qualityMetric !== undefined)
    attributes[ATTR_ML_QUALITY_METRIC] = subject.qualityMetric;
  return attributes;
}
