/**
 * Sends metric snapshots to an OTLP endpoint (OTLP/HTTP protobuf or JSON, or OTLP/gRPC).
 * Export failures are returned, never thrown: the caller counts and logs them, and the next
 * export carries the (cumulative) state again.
 */
import { credentials, Client, Metadata } from '@grpc/grpc-js';
import type { OtlpExportConfig } from '../config/serve-config.js';
import type { MetricsSnapshot } from './metric-data.js';
import { encodeMetricsJson, encodeMetricsProtobuf } from './otlp-metrics-encoder.js';

/** The outcome of one export. */
export type ExportOutcome = { ok: true } | { ok: false; error: string };

/** Sends snapshots; `shutdown` releases connections. */
export interface OtlpMetricsExporter {
  export(snapshot: MetricsSnapshot): Promise<ExportOutcome>;
  shutdown(): Promise<void>;
}

const GRPC_METHOD = '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export';

/** Creates the exporter for the configured protocol. */
export function createOtlpMetricsExporter(config: OtlpExportConfig): OtlpMetricsExporter {
  return config.protocol === 'grpc' ? grpcExporter(config) : httpExporter(config);
}

function httpExporter(config: OtlpExportConfig): OtlpMetricsExporter {
  const json = config.protocol === 'http/json';
  return {
    async export(snapshot) {
      try {
        const body = json ? encodeMetricsJson(snapshot) : encodeMetricsProtobuf(snapshot);
        const response = await fetch(config.metricsUrl, {
          method: 'POST',
          headers: {
            ...config.headers,
            'content-type': json ? 'application/json' : 'application/x-protobuf',
          },
          body,
          signal: AbortSignal.timeout(config.timeoutSeconds * 1000),
        });
        // Drain the body so the connection can be reused.
        const text = await response.text();
        if (!response.ok) {
          return {
            ok: false,
            error: `HTTP ${response.status} from ${config.metricsUrl}${text ? `: ${text.slice(0, 200)}` : ''}`,
          };
        }
        return { ok: true };
      } catch (error) {
        return { ok: false, error: `${config.metricsUrl}: ${describe(error)}` };
      }
    },
    async shutdown() {},
  };
}

function grpcExporter(config: OtlpExportConfig): OtlpMetricsExporter {
  const url = new URL(config.metricsUrl);
  const target = `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '4317')}`;
  const client = new Client(
    target,
    url.protocol === 'https:' ? credentials.createSsl() : credentials.createInsecure(),
  );
  return {
    export(snapshot) {
      const metadata = new Metadata();
      for (const [key, value] of Object.entries(config.headers))
        metadata.set(key.toLowerCase(), value);
      return new Promise<ExportOutcome>((resolve) => {
        client.makeUnaryRequest<Uint8Array, Buffer>(
          GRPC_METHOD,
          (bytes) => Buffer.from(bytes),
          (bytes) => bytes,
          encodeMetricsProtobuf(snapshot),
          metadata,
          { deadline: Date.now() + config.timeoutSeconds * 1000 },
          (error) => {
            resolve(
              error ? { ok: false, error: `gRPC ${target}: ${error.message}` } : { ok: true },
            );
          },
        );
      });
    },
    async shutdown() {
      client.close();
    },
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
