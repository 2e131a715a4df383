/**
 * The version-comparison part of a window result as metric points, on the compared version's
 * series (model, version, slices) with `ml.version.baseline`: the verdict as a state set, the
 * deltas, the tests' p-values, the latency deltas, the prediction drift against the baseline
 * and the shadow agreement. A rollout controller reads
 * `ml_version_status{ml_version_verdict="worse"}`.
 */
import {
  ATTR_ML_DRIFT_METHOD,
  ATTR_ML_DRIFT_STATE,
  ATTR_ML_FEATURE_NAME,
  ATTR_ML_SERVICE_LATENCY_QUANTILE,
  ATTR_ML_VERSION_BASELINE,
  ATTR_ML_VERSION_COMPARISON,
  ATTR_ML_VERSION_SHADOW_STATISTIC,
  ATTR_ML_VERSION_VERDICT,
  DESCRIPTOR_ML_VERSION_DELTA,
  DESCRIPTOR_ML_VERSION_DRIFT_SCORE,
  DESCRIPTOR_ML_VERSION_DRIFT_STATUS,
  DESCRIPTOR_ML_VERSION_LATENCY_DELTA,
  DESCRIPTOR_ML_VERSION_P_VALUE,
  DESCRIPTOR_ML_VERSION_SHADOW_PAIRS,
  DESCRIPTOR_ML_VERSION_SHADOW_VALUE,
  DESCRIPTOR_ML_VERSION_STATUS,
  ML_DRIFT_STATE_VALUES,
  ML_VERSION_SHADOW_STATISTIC_VALUE_AGREEMENT,
  ML_VERSION_SHADOW_STATISTIC_VALUE_SCORE_DIFFERENCE_ABS_MEAN,
  ML_VERSION_SHADOW_STATISTIC_VALUE_SCORE_DIFFERENCE_MEAN,
  ML_VERSION_VERDICT_VALUES,
} from '@mlmon/conventions';
import type { VersionComparisonResult } from '../evaluate/version-comparison-result.js';
import type { PointAttributes } from './metric-data.js';
import type { MetricCollector } from './window-metrics.js';

/** Adds the points of `comparison` under the stream attributes `base`. */
export function addVersionComparison(
  out: MetricCollector,
  base: PointAttributes,
  comparison: VersionComparisonResult,
): void {
  const attributes = { ...base, [ATTR_ML_VERSION_BASELINE]: comparison.baselineVersion };
  for (const verdict of ML_VERSION_VERDICT_VALUES) {
    out.number(
      DESCRIPTOR_ML_VERSION_STATUS,
      { ...attributes, [ATTR_ML_VERSION_VERDICT]: verdict },
      verdict === comparison.verdict ? 1 : 0,
    );
  }
  for (const d of comparison.deltas) {
    out.number(
      DESCRIPTOR_ML_VERSION_DELTA,
      { ...attributes, [ATTR_ML_VERSION_COMPARISON]: d.comparison },
      d.delta,
    );
  }
  for (const t of comparison.tests) {
    out.number(
      DESCRIPTOR_ML_VERSION_P_VALUE,
      { ...attributes, [ATTR_ML_VERSION_COMPARISON]: t.comparison },
      t.pWorse,
    );
  }
  for (const l of comparison.latency) {
    out.number(
      DESCRIPTOR_ML_VERSION_LATENCY_DELTA,
      { ...attributes, [ATTR_ML_SERVICE_LATENCY_QUANTILE]: l.quantile },
      l.delta,
    );
  }
  for (const d of comparison.predictionDrift) {
    const drift = {
      ...attributes,
      [ATTR_ML_DRIFT_METHOD]: d.method,
      [ATTR_ML_FEATURE_NAME]: d.feature,
    };
    if (d.score !== undefined) out.number(DESCRIPTOR_ML_VERSION_DRIFT_SCORE, drift, d.score);
    for (const state of ML_DRIFT_STATE_VALUES) {
      out.number(
        DESCRIPTOR_ML_VERSION_DRIFT_STATUS,
        { ...drift, [ATTR_ML_DRIFT_STATE]: state },
        state === d.state ? 1 : 0,
      );
    }
  }
  const shadow = comparison.shadow;
  if (shadow !== undefined) {
    out.number(DESCRIPTOR_ML_VERSION_SHADOW_PAIRS, attributes, shadow.pairs);
    const values = [
      [ML_VERSION_SHADOW_STATISTIC_VALUE_AGREEMENT, shadow.agreement],
      [ML_VERSION_SHADOW_STATISTIC_VALUE_SCORE_DIFFERENCE_MEAN, shadow.scoreDifferenceMean],
      [ML_VERSION_SHADOW_STATISTIC_VALUE_SCORE_DIFFERENCE_ABS_MEAN, shadow.scoreDifferenceAbsMean],
    ] as const;
    for (const [statistic, value] of values) {
      if (value === undefined) continue;
      out.number(
        DESCRIPTOR_ML_VERSION_SHADOW_VALUE,
        { ...attributes, [ATTR_ML_VERSION_SHADOW_STATISTIC]: statistic },
        value,
      );
    }
  }
}
