/**
 * The estimation part of a window result (CBPE) as metric points: per metric its estimate
 * (with the reference kind, as drift scores carry it), the band's two edges, and the estimation
 * error once the window's labels have joined.
 */
import {
  ATTR_ML_QUALITY_BOUND,
  ATTR_ML_QUALITY_METRIC,
  DESCRIPTOR_ML_QUALITY_ESTIMATE,
  DESCRIPTOR_ML_QUALITY_ESTIMATE_BOUND,
  DESCRIPTOR_ML_QUALITY_ESTIMATION_ERROR,
  ML_QUALITY_BOUND_VALUE_LOWER,
  ML_QUALITY_BOUND_VALUE_UPPER,
} from '@mlmon/conventions';
import type { EstimationResult } from '../evaluate/window-result.js';
import type { PointAttributes } from './metric-data.js';
import type { MetricCollector } from './window-metrics.js';

/** Adds the points of `estimation` under the stream attributes `base`. */
export function addEstimation(
  out: MetricCollector,
  base: PointAttributes,
  reference: PointAttributes,
  estimation: EstimationResult,
): void {
  for (const e of estimation.metrics) {
    const metric = { ...base, [ATTR_ML_QUALITY_METRIC]: e.metric };
    if (e.value !== undefined)
      out.number(DESCRIPTOR_ML_QUALITY_ESTIMATE, { ...metric, ...reference }, e.value);
    if (e.lower !== undefined && e.upper !== undefined) {
      const bound = (edge: string) => ({ ...metric, [ATTR_ML_QUALITY_BOUND]: edge });
      out.number(
        DESCRIPTOR_ML_QUALITY_ESTIMATE_BOUND,
        bound(ML_QUALITY_BOUND_VALUE_LOWER),
        e.lower,
      );
      out.number(
        DESCRIPTOR_ML_QUALITY_ESTIMATE_BOUND,
        bound(ML_QUALITY_BOUND_VALUE_UPPER),
        e.upper,
      );
    }
    if (e.error !== undefined) out.number(DESCRIPTOR_ML_QUALITY_ESTIMATION_ERROR, metric, e.error);
  }
}
