import type { OtlpRequest } from '../decode/otlp-types.js';

/** Counts the items of a request: log records, spans, or metric data points. */
export function countItems(req: OtlpRequest): number {
  let n = 0;
  switch (req.signal) {
    case 'logs':
      for (const rl of req.request.resourceLogs)
        for (const sl of rl.scopeLogs) n += sl.logRecords.length;
      return n;
    case 'traces':
      for (const rs of req.request.resourceSpans)
        for (const ss of rs.scopeSpans) n += ss.spans.length;
      return n;
    case 'metrics':
      for (const rm of req.request.resourceMetrics) {
        for (const sm of rm.scopeMetrics) {
          for (const m of sm.metrics) if (m.data.type !== 'none') n += m.data.dataPoints.length;
        }
      }
      return n;
  }
}
