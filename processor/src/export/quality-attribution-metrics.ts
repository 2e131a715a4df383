/**
 * "Where quality fell" as metric points: the contribution of each bin whose error rose
 * significantly (`ml.quality.attribution` for error rates, `ml.quality.attribution.error` for
 * mean absolute errors). Only flagged bins are exported: on steady traffic there are none, so
 * the series stay few however many bins the model has.
 */
import {
  ATTR_ML_FEATURE_BIN,
  ATTR_ML_FEATURE_NAME,
  DESCRIPTOR_ML_QUALITY_ATTRIBUTION,
  DESCRIPTOR_ML_QUALITY_ATTRIBUTION_ERROR,
} from '@mlmon/conventions';
import type { QualityAttributionResult } from '../evaluate/window-result.js';
import type { PointAttributes } from './metric-data.js';
import type { MetricCollector } from './window-metrics.js';

/** Adds the significant rows of `result` under the stream attributes `base`. */
export function addQualityAttribution(
  out: MetricCollector,
  base: PointAttributes,
  result: QualityAttributionResult,
): void {
  const descriptor =
    result.metric === 'error_rate'
      ? DESCRIPTOR_ML_QUALITY_ATTRIBUTION
      : DESCRIPTOR_ML_QUALITY_ATTRIBUTION_ERROR;
  for (const row of result.rows) {
    if (!row.significant || row.contribution === undefined) continue;
    out.number(
      descriptor,
      { ...base, [ATTR_ML_FEATURE_NAME]: row.attribute, [ATTR_ML_FEATURE_BIN]: row.bin },
      row.contribution,
    );
  }
}
