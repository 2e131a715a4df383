/**
 * Sends metric snapshots to an OTLP endpoint (OTLP/HTTP protobuf or JSON, or OTLP/gRPC) through
 * a bounded retry queue (export-queue.ts): a backend that is down or slow delays the snapshots,
 * in order, and never the caller. Failures are reported through the queue's events and returned,
 * never thrown.
 */
import type { OtlpExportConfig } from '../config/serve-config.js';
import type { ExportQueueOptions } from './export-queue.js';
import { METRICS_QUEUE_BOUNDS, queuedEndpoint } from './export-queue.js';
import type { MetricsSnapshot } from './metric-data.js';
import { encodeMetricsJson, encodeMetricsProtobuf } from './otlp-metrics-encoder.js';
import { createOtlpTransport } from './otlp-transport.js';

/** The outcome of one export: delivered, or why not yet (it may still be queued for retry). */
export type ExportOutcome = { ok: true } | { ok: false; error: string };

/** Sends snapshots; `shutdown` delivers what it can before the deadline and releases connections. */
export interface OtlpMetricsExporter {
  export(snapshot: MetricsSnapshot): Promise<ExportOutcome>;
  /** Export requests waiting for the backend. */
  readonly queued: number;
  shutdown(deadlineMs?: number): Promise<void>;
}

/** How an exporter's retry queue behaves and reports. */
export type ExportQueueSettings = Omit<ExportQueueOptions, 'transport' | 'bounds'> &
  Partial<Pick<ExportQueueOptions, 'bounds'>>;

const GRPC_METHOD = '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export';

/** Creates the exporter for the configured protocol. */
export function createOtlpMetricsExporter(
  config: OtlpExportConfig,
  queue: ExportQueueSettings,
): OtlpMetricsExporter {
  const endpoint = queuedEndpoint({
    bounds: METRICS_QUEUE_BOUNDS,
    ...queue,
    transport: createOtlpTransport(config, config.metricsUrl, GRPC_METHOD),
  });
  return {
    export: (snapshot) =>
      endpoint.send(
        endpoint.json ? Buffer.from(encodeMetricsJson(snapshot)) : encodeMetricsProtobuf(snapshot),
      ),
    get queued() {
      return endpoint.queued;
    },
    shutdown: (deadlineMs) => endpoint.shutdown(deadlineMs),
  };
}
