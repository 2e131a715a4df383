/**
 * Sends `ml.alert` events as OTLP logs to the configured export endpoint, over the same protocol
 * as the metrics (OTLP/HTTP protobuf or JSON to `…/v1/logs`, or OTLP/gRPC `LogsService`).
 * Failures are returned, never thrown: the caller counts and logs them.
 */
import { Client, Metadata, credentials } from '@grpc/grpc-js';
import type { OtlpExportConfig } from '../config/serve-config.js';
import type { AlertTransition } from './evaluate-alerts.js';
import { encodeAlertLogsJson, encodeAlertLogsProtobuf } from './otlp-logs-encoder.js';

/** The outcome of one send. */
export type AlertExportOutcome = { ok: true } | { ok: false; error: string };

/** Sends alert transitions. */
export interface OtlpAlertExporter {
  export(
    transitions: readonly AlertTransition[],
    processorId: string,
    nowMs: number,
  ): Promise<AlertExportOutcome>;
  shutdown(): Promise<void>;
}

const GRPC_METHOD = '/opentelemetry.proto.collector.logs.v1.LogsService/Export';

/** The logs URL next to a metrics URL (`…/v1/metrics` → `…/v1/logs`). */
export function logsUrlFor(metricsUrl: string): string {
  return metricsUrl.replace(/\/v1\/metrics\/?$/, '/v1/logs');
}

/** Creates the exporter for the configured protocol. */
export function createOtlpAlertExporter(config: OtlpExportConfig): OtlpAlertExporter {
  if (config.protocol === 'grpc') return grpcExporter(config);
  const url = logsUrlFor(config.metricsUrl);
  const json = config.protocol === 'http/json';
  return {
    async export(transitions, processorId, nowMs) {
      if (transitions.length === 0) return { ok: true };
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            ...config.headers,
            'content-type': json ? 'application/json' : 'application/x-protobuf',
          },
          body: json
            ? encodeAlertLogsJson(transitions, processorId, nowMs)
            : encodeAlertLogsProtobuf(transitions, processorId, nowMs),
          signal: AbortSignal.timeout(config.timeoutSeconds * 1000),
        });
        const text = await response.text();
        return response.ok
          ? { ok: true }
          : {
              ok: false,
              error: `HTTP ${response.status} from ${url}${text ? `: ${text.slice(0, 200)}` : ''}`,
            };
      } catch (error) {
        return { ok: false, error: `${url}: ${(error as Error).message}` };
      }
    },
    async shutdown() {},
  };
}

function grpcExporter(config: OtlpExportConfig): OtlpAlertExporter {
  const url = new URL(config.metricsUrl);
  const target = `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '4317')}`;
  const client = new Client(
    target,
    url.protocol === 'https:' ? credentials.createSsl() : credentials.createInsecure(),
  );
  return {
    export(transitions, processorId, nowMs) {
      if (transitions.length === 0) return Promise.resolve({ ok: true });
      const metadata = new Metadata();
      for (const [key, value] of Object.entries(config.headers))
        metadata.set(key.toLowerCase(), value);
      return new Promise((resolve) => {
        client.makeUnaryRequest<Uint8Array, Buffer>(
          GRPC_METHOD,
          (bytes) => Buffer.from(bytes),
          (bytes) => bytes,
          encodeAlertLogsProtobuf(transitions, processorId, nowMs),
          metadata,
          { deadline: Date.now() + config.timeoutSeconds * 1000 },
          (error) =>
            resolve(
              error ? { ok: false, error: `gRPC ${target}: ${error.message}` } : { ok: true },
            ),
        );
      });
    },
    async shutdown() {
      client.close();
    },
  };
}
