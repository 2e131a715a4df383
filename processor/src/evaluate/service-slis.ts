/**
 * The service SLIs of a closed window (METRICS.md "Service SLIs"): calls, failures by
 * `error.type`, error ratio, throughput and latency quantiles — from the span sketch (within its
 * relative accuracy of the exact order statistic) or, when only the duration histogram arrived,
 * interpolated inside its buckets, and labelled by which.
 */
import {
  ML_SERVICE_LATENCY_SOURCE_VALUE_HISTOGRAM,
  ML_SERVICE_LATENCY_SOURCE_VALUE_SKETCH,
} from '@mlmon/conventions';
import { interpolatedQuantile } from '../stats/explicit-histogram.js';
import { logSketchQuantile } from '../stats/log-sketch.js';
import type { ServiceWindow } from '../state/types.js';
import type { LatencyResult, ServiceResult } from './window-result.js';

/** The latency quantiles every window reports. */
export const LATENCY_QUANTILES = { p50: 0.5, p95: 0.95, p99: 0.99 } as const;

/** The SLIs of `service` over a window of `windowSeconds`. */
export function serviceSlis(service: ServiceWindow, windowSeconds: number): ServiceResult {
  const errors = Object.values(service.errors).reduce((a, b) => a + b, 0);
  const latency = latencyOf(service);
  return {
    requests: service.requests,
    errors,
    errorsByType: service.errors,
    ...(service.requests > 0 ? { errorRatio: errors / service.requests } : {}),
    throughputPerSecond: service.requests / windowSeconds,
    ...(latency !== undefined ? { latency } : {}),
  };
}

function latencyOf(service: ServiceWindow): LatencyResult | undefined {
  const h = service.latency;
  if (!(h.count > 0)) return undefined;
  const sketch = service.sketch;
  const quantile = (q: number): number | undefined =>
    sketch !== undefined ? logSketchQuantile(sketch, q) : interpolatedQuantile(h, q);
  const out: { -readonly [K in keyof LatencyResult]: LatencyResult[K] } = {
    source:
      sketch !== undefined
        ? ML_SERVICE_LATENCY_SOURCE_VALUE_SKETCH
        : ML_SERVICE_LATENCY_SOURCE_VALUE_HISTOGRAM,
    count: h.count,
    distribution: {
      bounds: h.bounds,
      counts: h.counts,
      count: h.count,
      sum: h.sum,
      ...(h.min !== undefined ? { min: h.min } : {}),
      ...(h.max !== undefined ? { max: h.max } : {}),
    },
  };
  for (const [name, q] of Object.entries(LATENCY_QUANTILES)) {
    const v = quantile(q);
    if (v !== undefined) out[name as keyof typeof LATENCY_QUANTILES] = v;
  }
  return out;
}
