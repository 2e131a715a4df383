/**
 * Self-telemetry of the OTLP export retry queues: requests waiting per signal (read at
 * collection time) and requests dropped undelivered per signal and reason.
 */
import {
  ATTR_ERROR_TYPE,
  ATTR_MLMON_SIGNAL,
  DESCRIPTOR_MLMON_PROCESSOR_EXPORT_QUEUE_DROPPED,
  DESCRIPTOR_MLMON_PROCESSOR_EXPORT_QUEUE_SIZE,
} from '@mlmon/conventions';
import { seriesKey, splitSeriesKey } from '../keys/series-key.js';
import type { MetricCollector } from '../export/window-metrics.js';

/** Counters and gauges of the export queues. */
export class ExportQueueTelemetry {
  private readonly dropped = new Map<string, number>();
  private readonly sizes = new Map<string, () => number>();

  /** Reads the queue size of `signal` at every collection. */
  watch(signal: string, size: () => number): void {
    this.sizes.set(signal, size);
  }

  /** Counts `count` requests of `signal` dropped undelivered, with a short reason. */
  countDropped(signal: string, errorType: string, count: number): void {
    if (count <= 0) return;
    const key = seriesKey(signal, errorType);
    this.dropped.set(key, (this.dropped.get(key) ?? 0) + count);
  }

  /** Dropped requests of `signal` so far (tests, status). */
  droppedTotal(signal: string): number {
    let total = 0;
    for (const [key, n] of this.dropped) if (splitSeriesKey(key)[0] === signal) total += n;
    return total;
  }

  /** Adds the series to `out`. */
  collect(out: MetricCollector, startUnixMillis: number): void {
    for (const [signal, size] of this.sizes) {
      out.number(
        DESCRIPTOR_MLMON_PROCESSOR_EXPORT_QUEUE_SIZE,
        { [ATTR_MLMON_SIGNAL]: signal },
        size(),
      );
    }
    for (const [key, n] of this.dropped) {
      const [signal, errorType] = splitSeriesKey(key) as [string, string];
      out.number(
        DESCRIPTOR_MLMON_PROCESSOR_EXPORT_QUEUE_DROPPED,
        { [ATTR_MLMON_SIGNAL]: signal, [ATTR_ERROR_TYPE]: errorType },
        n,
        startUnixMillis,
      );
    }
  }
}
