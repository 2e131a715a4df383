/**
 * A ready-made OTLP/HTTP (protobuf) pipeline for processes whose only job is emitting this
 * package's telemetry, such as `mlmon proxy`: tracer, meter and logger providers exporting to
 * `{endpoint}/v1/{traces,metrics,logs}`. Applications with their own OTel SDK setup don't need it.
 */
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@mlmon/conventions';

/** Options of {@link startOtlpPipeline}. */
export interface OtlpPipelineOptions {
  /** OTLP/HTTP base URL. @default 'http://localhost:4318' */
  endpoint?: string;
  /** `service.name` of the resource. */
  serviceName: string;
  /** How often metrics are exported. @default 10000 */
  exportIntervalMillis?: number;
}

/** Running providers; `shutdown()` flushes and stops all three. */
export interface OtlpPipeline {
  tracerProvider: NodeTracerProvider;
  meterProvider: MeterProvider;
  loggerProvider: LoggerProvider;
  shutdown(): Promise<void>;
}

/** Joins the base endpoint and a signal path (`/v1/traces`), tolerating a trailing slash. */
export function signalUrl(endpoint: string, signalPath: string): string {
  return `${endpoint.replace(/\/+$/, '')}${signalPath}`;
}

/**
 * Starts the providers and registers the tracer provider globally (which also installs the
 * AsyncLocalStorage context manager and the W3C propagator). Throws a `TypeError` for an
 * endpoint that is not an http(s) URL.
 */
export function startOtlpPipeline(options: OtlpPipelineOptions): OtlpPipeline {
  const endpoint = options.endpoint ?? 'http://localhost:4318';
  let parsed: URL;
  try {
    parsed = new URL(endpoint);
  } catch {
    throw new TypeError(`OTLP endpoint is not a valid URL: ${endpoint}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`OTLP endpoint must be an http:// or https:// URL, got ${endpoint}`);
  }
  const resource = defaultResource().merge(
    resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
  );
  const tracerProvider = new NodeTracerProvider({
    resource,
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: signalUrl(endpoint, '/v1/traces') })),
    ],
  });
  tracerProvider.register();
  const meterProvider = new MeterProvider({
    resource,
    readers: [
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({ url: signalUrl(endpoint, '/v1/metrics') }),
        exportIntervalMillis: options.exportIntervalMillis ?? 10_000,
      }),
    ],
  });
  const loggerProvider = new LoggerProvider({
    resource,
    processors: [
      new BatchLogRecordProcessor({
        exporter: new OTLPLogExporter({ url: signalUrl(endpoint, '/v1/logs') }),
      }),
    ],
  });
  return {
    tracerProvider,
    meterProvider,
    loggerProvider,
    async shutdown() {
      await Promise.allSettled([
        tracerProvider.shutdown(),
        meterProvider.shutdown(),
        loggerProvider.shutdown(),
      ]);
    },
  };
}
