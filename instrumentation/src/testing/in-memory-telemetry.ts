/**
 * Test support: tracer, meter and logger providers that keep everything in memory, plus lookup
 * helpers. Not exported from the package index (it pulls in the SDK); import it by path.
 */
import { context, type Attributes } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import type { Resource } from '@opentelemetry/resources';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  SimpleLogRecordProcessor,
  type ReadableLogRecord,
} from '@opentelemetry/sdk-logs';
import {
  MeterProvider,
  MetricReader,
  type DataPoint,
  type Histogram,
  type MetricData,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';

/** A metric reader whose only job is `collect()` on demand. */
class CollectingMetricReader extends MetricReader {
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

let contextManagerInstalled = false;

/** Installs an AsyncLocalStorage context manager once per process (needed for `context.with`). */
export function ensureContextManager(): void {
  if (contextManagerInstalled) return;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  contextManagerInstalled = true;
}

/** In-memory providers and what they captured. */
export interface InMemoryTelemetry {
  tracerProvider: BasicTracerProvider;
  meterProvider: MeterProvider;
  loggerProvider: LoggerProvider;
  spanExporter: InMemorySpanExporter;
  logExporter: InMemoryLogRecordExporter;
  /** Finished spans so far. */
  spans(): ReadableSpan[];
  /** Emitted log records so far. */
  logs(): ReadableLogRecord[];
  /** Log records with this event name. */
  events(eventName: string): ReadableLogRecord[];
  /** Collects and returns every metric by name (cumulative since start). */
  collectMetrics(): Promise<Map<string, MetricData>>;
  /** Shuts every provider down. */
  shutdown(): Promise<void>;
}

/** Options of {@link createInMemoryTelemetry}. */
export interface InMemoryTelemetryOptions {
  /** The resource of all three providers (as an application's SDK set-up gives it). @default the SDK default */
  resource?: Resource;
}

/** Creates fresh in-memory providers (and installs the context manager). */
export function createInMemoryTelemetry(options: InMemoryTelemetryOptions = {}): InMemoryTelemetry {
  ensureContextManager();
  // Only when given: the providers fall back to the SDK's default resource themselves.
  const withResource = options.resource ? { resource: options.resource } : {};
  const spanExporter = new InMemorySpanExporter();
  const logExporter = new InMemoryLogRecordExporter();
  const reader = new CollectingMetricReader();
  const tracerProvider = new BasicTracerProvider({
    ...withResource,
    spanProcessors: [new SimpleSpanProcessor(spanExporter)],
  });
  const meterProvider = new MeterProvider({ ...withResource, readers: [reader] });
  const loggerProvider = new LoggerProvider({
    ...withResource,
    processors: [new SimpleLogRecordProcessor({ exporter: logExporter })],
  });
  return {
    tracerProvider,
    meterProvider,
    loggerProvider,
    spanExporter,
    logExporter,
    spans: () => spanExporter.getFinishedSpans(),
    logs: () => logExporter.getFinishedLogRecords(),
    events: (eventName) =>
      logExporter.getFinishedLogRecords().filter((r) => r.eventName === eventName),
    async collectMetrics() {
      const { resourceMetrics } = await reader.collect();
      const out = new Map<string, MetricData>();
      for (const scope of resourceMetrics.scopeMetrics)
        for (const m of scope.metrics) out.set(m.descriptor.name, m);
      return out;
    },
    async shutdown() {
      await Promise.all([
        tracerProvider.shutdown(),
        meterProvider.shutdown(),
        loggerProvider.shutdown(),
      ]);
    },
  };
}

/** Data points of a metric whose attributes include every entry of `subset`. */
export function pointsWith<T>(
  metric: MetricData | undefined,
  subset: Attributes = {},
): DataPoint<T>[] {
  if (!metric) return [];
  return (metric.dataPoints as DataPoint<T>[]).filter((p) =>
    Object.entries(subset).every(([k, v]) => JSON.stringify(p.attributes[k]) === JSON.stringify(v)),
  );
}

/** Sum of counter values over the points matching `subset`. */
export function counterSum(metric: MetricData | undefined, subset: Attributes = {}): number {
  return pointsWith<number>(metric, subset).reduce((a, p) => a + p.value, 0);
}

/** Total histogram count over the points matching `subset`. */
export function histogramCount(metric: MetricData | undefined, subset: Attributes = {}): number {
  return pointsWith<Histogram>(metric, subset).reduce((a, p) => a + p.value.count, 0);
}
