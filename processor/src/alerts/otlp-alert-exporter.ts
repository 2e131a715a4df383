/**
 * Sends `ml.alert` events as OTLP logs to the configured export endpoint, over the same protocol
 * as the metrics (OTLP/HTTP protobuf or JSON to `…/v1/logs`, or OTLP/gRPC `LogsService`),
 * through a retry queue that keeps far more than the metrics' (a firing alert must not vanish
 * while the backend is down) and delivers in order once it is back. Failures are reported
 * through the queue's events and returned, never thrown.
 */
import type { OtlpExportConfig } from '../config/serve-config.js';
import { ALERTS_QUEUE_BOUNDS, queuedEndpoint } from '../export/export-queue.js';
import type { ExportQueueSettings } from '../export/otlp-metrics-exporter.js';
import { createOtlpTransport } from '../export/otlp-transport.js';
import type { AlertTransition } from './evaluate-alerts.js';
import { encodeAlertLogsJson, encodeAlertLogsProtobuf } from './otlp-logs-encoder.js';

/** The outcome of one send: delivered, or why not yet (it may still be queued for retry). */
export type AlertExportOutcome = { ok: true } | { ok: false; error: string };

/** Sends alert transitions. */
export interface OtlpAlertExporter {
  export(
    transitions: readonly AlertTransition[],
    processorId: string,
    nowMs: number,
  ): Promise<AlertExportOutcome>;
  /** Export requests waiting for the backend. */
  readonly queued: number;
  shutdown(deadlineMs?: number): Promise<void>;
}

const GRPC_METHOD = '/opentelemetry.proto.collector.logs.v1.LogsService/Export';

/** The logs URL next to a metrics URL (`…/v1/metrics` → `…/v1/logs`). */
export function logsUrlFor(metricsUrl: string): string {
  return metricsUrl.replace(/\/v1\/metrics\/?$/, '/v1/logs');
}

/** Creates the exporter for the configured protocol. */
export function createOtlpAlertExporter(
  config: OtlpExportConfig,
  queue: ExportQueueSettings,
): OtlpAlertExporter {
  const url = config.protocol === 'grpc' ? config.metricsUrl : logsUrlFor(config.metricsUrl);
  const endpoint = queuedEndpoint({
    bounds: ALERTS_QUEUE_BOUNDS,
    ...queue,
    transport: createOtlpTransport(config, url, GRPC_METHOD),
  });
  return {
    async export(transitions, processorId, nowMs) {
      if (transitions.length === 0) return { ok: true };
      return endpoint.send(
        endpoint.json
          ? Buffer.from(encodeAlertLogsJson(transitions, processorId, nowMs))
          : encodeAlertLogsProtobuf(transitions, processorId, nowMs),
      );
    },
    get queued() {
      return endpoint.queued;
    },
    shutdown: (deadlineMs) => endpoint.shutdown(deadlineMs),
  };
}
