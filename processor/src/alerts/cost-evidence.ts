/**
 * What a window says about a cost statistic: its value under the price table and the requests
 * behind it. Cost is computed exactly from what the window saw, so it has no significance
 * check: a budget crossed is crossed.
 */
import type { WindowResult } from '../evaluate/window-result.js';
import type { AlertObservation } from './alert-evidence.js';

/** The observation of `cost.total`, `cost.per_request` or `cost.per_thousand_requests`. */
export function observeCost(statistic: string, result: WindowResult): AlertObservation[] {
  const cost = result.cost;
  if (cost === undefined) return [];
  const value =
    statistic === 'cost.total'
      ? cost.total
      : statistic === 'cost.per_request'
        ? cost.perRequest
        : cost.perThousandRequests;
  if (value === undefined) return [];
  return [{ value, samples: cost.requests, samplesUnit: 'requests' }];
}
