/** The cost points of a window result (`ml.cost.*`, in the price table's currency). */
import {
  ATTR_ML_COST_CURRENCY,
  DESCRIPTOR_ML_COST_PER_REQUEST,
  DESCRIPTOR_ML_COST_PER_THOUSAND_REQUESTS,
  DESCRIPTOR_ML_COST_WINDOW,
} from '@mlmon/conventions';
import type { CostResult } from '../evaluate/window-result.js';
import type { PointAttributes } from './metric-data.js';
import type { MetricCollector } from './window-metrics.js';

/** Adds the cost points of a stream's window (`base`: the stream's attributes). */
export function addCost(out: MetricCollector, base: PointAttributes, cost: CostResult): void {
  const attributes = { ...base, [ATTR_ML_COST_CURRENCY]: cost.currency };
  out.number(DESCRIPTOR_ML_COST_WINDOW, attributes, cost.total);
  if (cost.perRequest !== undefined)
    out.number(DESCRIPTOR_ML_COST_PER_REQUEST, attributes, cost.perRequest);
  if (cost.perThousandRequests !== undefined)
    out.number(DESCRIPTOR_ML_COST_PER_THOUSAND_REQUESTS, attributes, cost.perThousandRequests);
}
