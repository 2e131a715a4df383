/**
 * OTLP → ML records, by the conventions of `@mlmon/conventions`. Pure and synchronous.
 */
import type { OtlpRequest } from '../decode/otlp-types.js';
import { extractLogs } from './extract-logs.js';
import { extractMetrics } from './extract-metrics.js';
import { createExtractSink } from './extract-sink.js';
import { extractSpans } from './extract-spans.js';
import type { ExtractResult } from './types.js';

/**
 * The ML records in a decoded request, with counts of what was rejected or dropped and why.
 * `nowMs` stands in for records that carry no timestamp at all.
 */
export function extract(request: OtlpRequest, nowMs: number): ExtractResult {
  const sink = createExtractSink();
  switch (request.signal) {
    case 'logs':
      extractLogs(request.request, nowMs, sink);
      break;
    case 'traces':
      extractSpans(request.request, nowMs, sink);
      break;
    case 'metrics':
      extractMetrics(request.request, nowMs, sink);
      break;
  }
  return sink;
}
