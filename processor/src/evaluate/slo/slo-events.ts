/**
 * The good and total events a closed window contributes to an SLO (METRICS.md "Service SLIs and
 * SLO burn rates"): calls for the service indicators, the window itself for the model
 * indicators. `undefined` when the window has nothing to say (no calls, no labels, no value).
 */
import { ML_DRIFT_KIND_VALUE_FEATURE } from '@mlmon/conventions';
import { countAtOrBelow } from '../../stats/explicit-histogram.js';
import type { WindowResult } from '../window-result.js';
import type { SloIndicator } from './slo-definition.js';

/** Good and total events of one window. */
export interface SloEvents {
  readonly good: number;
  readonly total: number;
}

const windowEvent = (good: boolean): SloEvents => ({ good: good ? 1 : 0, total: 1 });

/** What `result` contributes to an SLO with `indicator`. */
export function sloEvents(indicator: SloIndicator, result: WindowResult): SloEvents | undefined {
  switch (indicator.kind) {
    case 'latency': {
      const latency = result.service?.latency;
      if (latency === undefined || latency.count === 0) return undefined;
      const good = countAtOrBelow(latency.distribution, indicator.thresholdSeconds);
      return { good: Math.min(good, latency.count), total: latency.count };
    }
    case 'errors': {
      const service = result.service;
      if (service === undefined || service.requests === 0) return undefined;
      return { good: service.requests - service.errors, total: service.requests };
    }
    case 'calibration': {
      const ece = result.calibration?.ece;
      return ece === undefined ? undefined : windowEvent(ece <= indicator.max);
    }
    case 'quality': {
      const value = result.quality.find((q) => q.metric === indicator.metric)?.value;
      return value === undefined ? undefined : windowEvent(value >= indicator.min);
    }
    case 'drift_free': {
      let decided = 0;
      let drifted = 0;
      for (const d of result.drift) {
        if (d.kind !== ML_DRIFT_KIND_VALUE_FEATURE || !d.primary) continue;
        if (d.state === 'drift') drifted++;
        if (d.state === 'drift' || d.state === 'no_drift') decided++;
      }
      return decided === 0
        ? undefined
        : windowEvent((decided - drifted) / decided >= indicator.min);
    }
    case 'label_coverage': {
      const coverage = result.groundTruth.coverage;
      return coverage === undefined ? undefined : windowEvent(coverage >= indicator.min);
    }
    case 'cost': {
      const cost = result.cost;
      const value =
        cost === undefined
          ? undefined
          : indicator.statistic === 'total'
            ? cost.total
            : indicator.statistic === 'per_request'
              ? cost.perRequest
              : cost.perThousandRequests;
      return value === undefined ? undefined : windowEvent(value <= indicator.max);
    }
  }
}
