/**
 * The processor's own health counters (issue 5 item 8): records by signal, outcome and reason,
 * overflow, export failures, evaluation time and overrun passes, plus gauges read at collection time (streams,
 * pending labels, queue depth). Counters are cumulative since start; the delta form for OTLP
 * export is derived by {@link SelfTelemetry.collect}.
 */
import {
  ATTR_ERROR_TYPE,
  ATTR_MLMON_PROCESSOR_OUTCOME,
  ATTR_MLMON_PROCESSOR_REASON,
  ATTR_MLMON_SIGNAL,
  DESCRIPTOR_MLMON_PROCESSOR_ALERTS_DROPPED,
  DESCRIPTOR_MLMON_PROCESSOR_EVALUATION_DURATION,
  DESCRIPTOR_MLMON_PROCESSOR_EVALUATION_OVERRUNS,
  DESCRIPTOR_MLMON_PROCESSOR_STREAMS_EXPIRED,
  DESCRIPTOR_MLMON_PROCESSOR_EXPORT_FAILURES,
  DESCRIPTOR_MLMON_PROCESSOR_OVERFLOW,
  DESCRIPTOR_MLMON_PROCESSOR_PENDING_LABELS,
  DESCRIPTOR_MLMON_PROCESSOR_CBPE_REFERENCE_PAIRS,
  DESCRIPTOR_MLMON_PROCESSOR_QUEUE_DEPTH,
  DESCRIPTOR_MLMON_PROCESSOR_RECORDS,
  DESCRIPTOR_MLMON_PROCESSOR_STREAMS,
  DESCRIPTOR_MLMON_PROCESSOR_CAPTURE_RECORDS,
  ATTR_MLMON_CAPTURE_RECORD_TYPE,
  MLMON_CAPTURE_RECORD_TYPE_VALUE_GROUND_TRUTH,
  MLMON_CAPTURE_RECORD_TYPE_VALUE_PREDICTION,
  MLMON_PROCESSOR_OUTCOME_VALUE_ACCEPTED,
  MLMON_PROCESSOR_OUTCOME_VALUE_DROPPED,
} from '@mlmon/conventions';
import type { CaptureCounts } from '../capture/capture-store.js';
import type { MetricData } from '../export/metric-data.js';
import { seriesKey, splitSeriesKey } from '../keys/series-key.js';
import { MetricCollector } from '../export/window-metrics.js';
import { ExportQueueTelemetry } from './export-queue-telemetry.js';

/** Scope name of the self-telemetry metrics. */
export const MLMON_SELF_SCOPE = 'mlmon.processor';

/** Gauges read when metrics are collected. */
export interface SelfTelemetryGauges {
  readonly streams: number;
  readonly pendingLabels: number;
  readonly queueDepth?: number;
  /** Labeled pairs held for CBPE calibrations (absent: the pipeline does not say). */
  readonly cbpeReferencePairs?: number;
}

/** Mutable self-telemetry of one processor instance. */
export class SelfTelemetry {
  /** The OTLP export retry queues' sizes and drops. */
  readonly exportQueues = new ExportQueueTelemetry();
  private readonly records = new Map<string, number>();
  private readonly exportFailures = new Map<string, number>();
  private overflow = 0;
  private overruns = 0;
  private expiredStreams = 0;
  private droppedAlerts = 0;
  private capture: Readonly<CaptureCounts> | undefined;
  private readonly durationBounds: readonly number[] =
    DESCRIPTOR_MLMON_PROCESSOR_EVALUATION_DURATION.advice?.explicitBucketBoundaries ?? [];
  private readonly durationCounts: number[] = new Array<number>(
    this.durationBounds.length + 1,
  ).fill(0);
  private durationSum = 0;
  private durationCount = 0;

  /** Adds `count` records of `signal` with `outcome` (and `reason` unless accepted). */
  countRecords(signal: string, outcome: string, reason: string | undefined, count: number): void {
    if (count <= 0) return;
    const key = seriesKey(signal, outcome, reason ?? '');
    this.records.set(key, (this.records.get(key) ?? 0) + count);
  }

  /** Counts one failed export of `signal` (e.g. `metrics`) with a short error type. */
  countExportFailure(signal: string, errorType: string): void {
    const key = seriesKey(signal, errorType);
    this.exportFailures.set(key, (this.exportFailures.get(key) ?? 0) + 1);
  }

  /** Sets the overflow total (the state keeps the monotonic count). */
  setOverflow(total: number): void {
    this.overflow = total;
  }

  /** Records one evaluation pass that took `seconds`. */
  recordEvaluation(seconds: number): void {
    let i = 0;
    while (i < this.durationBounds.length && seconds > this.durationBounds[i]!) i++;
    this.durationCounts[i]!++;
    this.durationSum += seconds;
    this.durationCount++;
  }

  /** Counts one evaluation pass that ran past the next window close. */
  countOverrun(): void {
    this.overruns++;
  }

  /** Counts streams that aged out of the state. */
  countExpiredStreams(count: number): void {
    this.expiredStreams += count;
  }

  /** Counts resolved alerts dropped undelivered from a full Alertmanager retry queue. */
  countAlertsDropped(count: number): void {
    this.droppedAlerts += count;
  }

  /** Reads the capture store's counts (kept by the store, cumulative) at each collection. */
  watchCapture(counts: Readonly<CaptureCounts>): void {
    this.capture = counts;
  }

  /** Total of the records counter for one signal/outcome (tests, status). */
  recordTotal(signal: string, outcome: string): number {
    let total = 0;
    for (const [key, n] of this.records) {
      const [s, o] = splitSeriesKey(key);
      if (s === signal && o === outcome) total += n;
    }
    return total;
  }

  /** The metrics, cumulative since `startUnixMillis`. */
  collect(gauges: SelfTelemetryGauges, startUnixMillis: number): MetricData[] {
    const out = new MetricCollector();
    for (const [key, n] of [...this.records].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const [signal, outcome, reason] = splitSeriesKey(key) as [string, string, string];
      const attributes: Record<string, string> = {
        [ATTR_MLMON_SIGNAL]: signal,
        [ATTR_MLMON_PROCESSOR_OUTCOME]: outcome,
      };
      if (reason !== '') attributes[ATTR_MLMON_PROCESSOR_REASON] = reason;
      out.number(DESCRIPTOR_MLMON_PROCESSOR_RECORDS, attributes, n, startUnixMillis);
    }
    out.number(DESCRIPTOR_MLMON_PROCESSOR_STREAMS, {}, gauges.streams);
    out.number(DESCRIPTOR_MLMON_PROCESSOR_OVERFLOW, {}, this.overflow, startUnixMillis);
    out.number(DESCRIPTOR_MLMON_PROCESSOR_PENDING_LABELS, {}, gauges.pendingLabels);
    if (gauges.cbpeReferencePairs !== undefined) {
      out.number(DESCRIPTOR_MLMON_PROCESSOR_CBPE_REFERENCE_PAIRS, {}, gauges.cbpeReferencePairs);
    }
    if (gauges.queueDepth !== undefined) {
      out.number(DESCRIPTOR_MLMON_PROCESSOR_QUEUE_DEPTH, {}, gauges.queueDepth);
    }
    // Always present (0 when nothing failed), so an alert on its rate has a series to read.
    if (this.exportFailures.size === 0) {
      out.number(DESCRIPTOR_MLMON_PROCESSOR_EXPORT_FAILURES, {}, 0, startUnixMillis);
    }
    for (const [key, n] of this.exportFailures) {
      const [signal, errorType] = splitSeriesKey(key) as [string, string];
      out.number(
        DESCRIPTOR_MLMON_PROCESSOR_EXPORT_FAILURES,
        { [ATTR_MLMON_SIGNAL]: signal, [ATTR_ERROR_TYPE]: errorType },
        n,
        startUnixMillis,
      );
    }
    out.number(DESCRIPTOR_MLMON_PROCESSOR_EVALUATION_OVERRUNS, {}, this.overruns, startUnixMillis);
    out.number(
      DESCRIPTOR_MLMON_PROCESSOR_STREAMS_EXPIRED,
      {},
      this.expiredStreams,
      startUnixMillis,
    );
    out.number(DESCRIPTOR_MLMON_PROCESSOR_ALERTS_DROPPED, {}, this.droppedAlerts, startUnixMillis);
    if (this.capture !== undefined) collectCapture(out, this.capture, startUnixMillis);
    this.exportQueues.collect(out, startUnixMillis);
    out.histogram(DESCRIPTOR_MLMON_PROCESSOR_EVALUATION_DURATION, {
      attributes: {},
      bounds: this.durationBounds,
      counts: [...this.durationCounts],
      count: this.durationCount,
      sum: this.durationSum,
      startUnixMillis,
    });
    // Counted since start and never reset: cumulative whatever the export preference.
    return out.toMetricData().map((m) => ({ ...m, temporality: 'cumulative' as const }));
  }
}

/** `mlmon.processor.capture.records`: by record type, copied (accepted) and dropped. */
function collectCapture(
  out: MetricCollector,
  counts: Readonly<CaptureCounts>,
  startUnixMillis: number,
): void {
  const points: [string, string, number][] = [
    [
      MLMON_CAPTURE_RECORD_TYPE_VALUE_PREDICTION,
      MLMON_PROCESSOR_OUTCOME_VALUE_ACCEPTED,
      counts.captured,
    ],
    [
      MLMON_CAPTURE_RECORD_TYPE_VALUE_PREDICTION,
      MLMON_PROCESSOR_OUTCOME_VALUE_DROPPED,
      counts.droppedPredictions,
    ],
    [
      MLMON_CAPTURE_RECORD_TYPE_VALUE_GROUND_TRUTH,
      MLMON_PROCESSOR_OUTCOME_VALUE_ACCEPTED,
      counts.labels,
    ],
    [
      MLMON_CAPTURE_RECORD_TYPE_VALUE_GROUND_TRUTH,
      MLMON_PROCESSOR_OUTCOME_VALUE_DROPPED,
      counts.droppedLabels,
    ],
  ];
  for (const [type, outcome, n] of points) {
    out.number(
      DESCRIPTOR_MLMON_PROCESSOR_CAPTURE_RECORDS,
      { [ATTR_MLMON_CAPTURE_RECORD_TYPE]: type, [ATTR_MLMON_PROCESSOR_OUTCOME]: outcome },
      n,
      startUnixMillis,
    );
  }
}
