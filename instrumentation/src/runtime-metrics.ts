/**
 * Opt-in runtime metrics next to the model's, so a slow prediction can be told from a starved
 * process: the event-loop delay of this Node.js process (OTel semantic conventions
 * `nodejs.eventloop.delay.*`, from `perf_hooks.monitorEventLoopDelay`, reset after each
 * collection so each export covers its own interval), and — through the OTel contrib package
 * `@opentelemetry/host-metrics` (an optional peer: install it to turn this on) — the process' and
 * the host's CPU and memory (`process.cpu.*`, `process.memory.usage`, `system.cpu.*`,
 * `system.memory.*`).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { metrics, type BatchObservableResult, type MeterProvider } from '@opentelemetry/api';
import type * as HostMetricsModule from '@opentelemetry/host-metrics';
import { INSTRUMENTATION_SCOPE_NAME, INSTRUMENTATION_SCOPE_VERSION } from './recorder.js';

/** Options of {@link startRuntimeMetrics}. */
export interface RuntimeMetricsOptions {
  /** @default the global meter provider */
  readonly meterProvider?: MeterProvider;
  /** Event-loop delay gauges. @default true */
  readonly eventLoop?: boolean;
  /** Sampling resolution of the event-loop delay, milliseconds. @default 20 */
  readonly eventLoopResolutionMillis?: number;
  /**
   * Host metric groups from `@opentelemetry/host-metrics` (e.g. `process.cpu`, `process.memory`,
   * `system.cpu`, `system.memory`); `false` for none. @default ['process.cpu', 'process.memory', 'system.cpu', 'system.memory']
   */
  readonly hostMetricGroups?: readonly string[] | false;
}

/** Running runtime metrics. */
export interface RuntimeMetrics {
  /** Stops the event-loop sampling (host metrics stop with their meter provider). */
  stop(): void;
}

/** The event-loop delay statistics reported, in seconds, by semconv name suffix. */
const DELAY_STATISTICS: readonly (readonly [
  string,
  (h: ReturnType<typeof monitorEventLoopDelay>) => number,
])[] = [
  ['min', (h) => h.min],
  ['max', (h) => h.max],
  ['mean', (h) => h.mean],
  ['stddev', (h) => h.stddev],
  ['p50', (h) => h.percentile(50)],
  ['p90', (h) => h.percentile(90)],
  ['p99', (h) => h.percentile(99)],
];

/** Starts the runtime metrics; rejects naming the package to install when host metrics are asked for without it. */
export async function startRuntimeMetrics(
  options: RuntimeMetricsOptions = {},
): Promise<RuntimeMetrics> {
  const meterProvider = options.meterProvider ?? metrics.getMeterProvider();
  const groups =
    options.hostMetricGroups === false
      ? []
      : (options.hostMetricGroups ?? [
          'process.cpu',
          'process.memory',
          'system.cpu',
          'system.memory',
        ]);
  if (groups.length > 0) {
    let hostMetrics: typeof HostMetricsModule;
    try {
      hostMetrics = await import('@opentelemetry/host-metrics');
    } catch (error) {
      throw new Error(
        `startRuntimeMetrics: host metrics need the optional peer @opentelemetry/host-metrics (npm install @opentelemetry/host-metrics@0.39.0), or pass hostMetricGroups: false (${(error as Error).message})`,
      );
    }
    new hostMetrics.HostMetrics({ meterProvider, metricGroups: [...groups] }).start();
  }
  if (options.eventLoop === false) return { stop: () => undefined };
  const histogram = monitorEventLoopDelay({ resolution: options.eventLoopResolutionMillis ?? 20 });
  histogram.enable();
  const meter = meterProvider.getMeter(INSTRUMENTATION_SCOPE_NAME, INSTRUMENTATION_SCOPE_VERSION);
  const gauges = DELAY_STATISTICS.map(([name]) =>
    meter.createObservableGauge(`nodejs.eventloop.delay.${name}`, {
      unit: 's',
      description: `Event loop delay (${name}) since the previous collection.`,
    }),
  );
  const observe = (result: BatchObservableResult): void => {
    if (histogram.count === 0) return;
    DELAY_STATISTICS.forEach(([, read], i) => result.observe(gauges[i]!, read(histogram) / 1e9));
    histogram.reset();
  };
  meter.addBatchObservableCallback(observe, gauges);
  return {
    stop() {
      meter.removeBatchObservableCallback(observe, gauges);
      histogram.disable();
    },
  };
}
