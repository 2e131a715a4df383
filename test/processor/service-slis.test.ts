/**
 * Service SLIs through `mlmon serve`'s service with the real OTel JS SDK as the client: spans of
 * a baseline window and of a window with a latency regime change and an error burst give the
 * exact request and error counts and latency quantiles within the sketch's documented bound of
 * NumPy's order statistics; an app that sends only the `ml.inference.duration` histogram gets
 * quantiles interpolated in its buckets, labelled `histogram`. Golden values:
 * `test/golden/scripts/service_slis.py`.
 */
import { readFileSync } from 'node:fs';
import { ProtobufMetricsSerializer } from '@opentelemetry/otlp-transformer';
import { AggregationTemporality, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import {
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_VERSION,
  METRIC_ML_INFERENCE_DURATION,
} from '@mlmon/conventions';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVE_CONFIG } from '../../processor/src/config/serve-config.js';
import { decodeOtlpRequest } from '../../processor/src/decode/decode-otlp-request.js';
import type { WindowResult } from '../../processor/src/evaluate/window-result.js';
import { ManualClock } from '../../processor/src/service/clock.js';
import { silentLogger } from '../../processor/src/service/logger.js';
import { MlmonService } from '../../processor/src/service/mlmon-service.js';
import { inferenceSpans, SPANS_RESOURCE } from './support/inference-spans.js';
import { closedAfter, LATENESS_SECONDS, T0, WINDOW_SECONDS } from './support/scenario.js';

interface GoldenWindow {
  durations: number[];
  errors: (string | null)[];
  expected: {
    requests: number;
    errors_by_type: Record<string, number>;
    error_ratio: number;
    p50: number;
    p95: number;
    p99: number;
  };
}
const golden = JSON.parse(
  readFileSync(new URL('../golden/service_slis.json', import.meta.url), 'utf8'),
) as {
  relative_accuracy: number;
  baseline: GoldenWindow;
  regression: GoldenWindow;
  metrics_only: { bounds: number[]; bucket_counts: number[]; expected: Record<string, number> };
};

const W = WINDOW_SECONDS * 1000;

class CollectingReader extends MetricReader {
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
}

/** The golden durations recorded in the SDK's `ml.inference.duration` histogram (advice bounds). */
async function durationHistogram(window: GoldenWindow, bounds: number[]): Promise<Uint8Array> {
  const reader = new CollectingReader({
    aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE,
  });
  const provider = new MeterProvider({ resource: SPANS_RESOURCE, readers: [reader] });
  const histogram = provider
    .getMeter('service-slis-test')
    .createHistogram(METRIC_ML_INFERENCE_DURATION, {
      unit: 's',
      advice: { explicitBucketBoundaries: bounds },
    });
  const attributes = { [ATTR_ML_MODEL_NAME]: 'fraud', [ATTR_ML_MODEL_VERSION]: '7' };
  for (const seconds of window.durations) histogram.record(seconds, attributes);
  const { resourceMetrics } = await reader.collect();
  const bytes = ProtobufMetricsSerializer.serializeRequest(resourceMetrics);
  if (!bytes) throw new Error('metrics serialization failed');
  return bytes;
}

function newService(clock: ManualClock): MlmonService {
  return new MlmonService({
    config: {
      ...DEFAULT_SERVE_CONFIG,
      windowSeconds: WINDOW_SECONDS,
      allowedLatenessSeconds: LATENESS_SECONDS,
      processorId: 'service-slis',
    },
    clock,
    logger: silentLogger,
    flushIntervalMillis: 0,
  });
}

async function send(
  service: MlmonService,
  signal: 'traces' | 'metrics',
  body: Uint8Array,
): Promise<void> {
  const reply = await service.sink.accept(decodeOtlpRequest(signal, body, 'protobuf'), {
    body,
    contentType: 'protobuf',
  });
  expect(reply).toEqual({ rejected: 0 });
}

/** The sketch's bound: within the relative accuracy of the order statistic NumPy gives. */
function expectWithinSketchBound(actual: number | undefined, exact: number): void {
  expect(actual).toBeDefined();
  expect(Math.abs(actual! - exact)).toBeLessThanOrEqual(golden.relative_accuracy * exact + 1e-12);
}

function allSlices(results: readonly WindowResult[]): WindowResult {
  const r = results.find(
    (x) => x.stream.modelName === 'fraud' && Object.keys(x.stream.slice).length === 0,
  );
  if (!r) throw new Error('no all-slices result for fraud');
  return r;
}

describe('service SLIs from ml.inference spans (real SDK)', () => {
  it('counts requests and errors exactly and bounds p50/p95/p99 by the sketch accuracy', async () => {
    const clock = new ManualClock(T0);
    const service = newService(clock);
    const windows = [golden.baseline, golden.regression];
    const results: WindowResult[] = [];
    for (const [k, window] of windows.entries()) {
      clock.set(T0 + k * W + 59_000);
      await send(service, 'traces', inferenceSpans(window, T0 + k * W + 1000));
      clock.set(closedAfter(T0 + k * W));
      await service.flush();
      results.push(allSlices(service.latestResults()));
    }
    for (const [k, window] of windows.entries()) {
      const service = results[k]!.service!;
      const e = window.expected;
      expect(service.requests).toBe(e.requests);
      expect(service.errorsByType).toEqual(e.errors_by_type);
      expect(service.errorRatio).toBe(e.error_ratio);
      expect(service.throughputPerSecond).toBe(e.requests / WINDOW_SECONDS);
      expect(service.latency!.source).toBe('sketch');
      expect(service.latency!.count).toBe(e.requests);
      expectWithinSketchBound(service.latency!.p50, e.p50);
      expectWithinSketchBound(service.latency!.p95, e.p95);
      expectWithinSketchBound(service.latency!.p99, e.p99);
    }
    // The regime change shows: p99 roughly quadrupled, a 10 % error burst.
    expect(results[1]!.service!.latency!.p99! / results[0]!.service!.latency!.p99!).toBeGreaterThan(
      3,
    );
    // Failed calls are not predictions: only the successful spans enter drift.
    expect(results[1]!.samples.current).toBe(1800);

    const metrics = service.renderMetrics();
    expect(metrics).toMatch(/^ml_service_error_ratio\{[^}]*ml_model_name="fraud"[^}]*\} 0\.1$/m);
    expect(metrics).toMatch(/^ml_service_errors\{[^}]*error_type="timeout"[^}]*\} 100$/m);
    expect(metrics).toMatch(
      /^ml_service_latency_seconds\{[^}]*ml_service_latency_quantile="0\.99"[^}]*ml_service_latency_source="sketch"[^}]*\} [0-9.e-]+$/m,
    );
    await service.stop();
  });

  it('rejects a span that ends before it starts, naming the reason', async () => {
    const clock = new ManualClock(T0 + 59_000);
    const service = newService(clock);
    const body = inferenceSpans({ durations: [0.01], errors: [null] }, T0 + 1000);
    const request = decodeOtlpRequest('traces', body, 'protobuf');
    if (request.signal !== 'traces') throw new Error('not traces');
    const span = request.request.resourceSpans[0]!.scopeSpans[0]!.spans[0]!;
    span.endTimeUnixNano = span.startTimeUnixNano - 1n;
    const reply = await service.sink.accept(request, { body, contentType: 'protobuf' });
    expect(reply.rejected).toBe(1);
    expect(service.renderMetrics()).toMatch(
      /^mlmon_processor_records_total\{[^}]*mlmon_processor_reason="invalid_duration"[^}]*\} 1$/m,
    );
    await service.stop();
  });
});

describe('service SLIs from the ml.inference.duration histogram (metrics only)', () => {
  it('interpolates quantiles inside the buckets and says so', async () => {
    const m = golden.metrics_only;
    const body = await durationHistogram(golden.baseline, m.bounds);
    // The SDK stamps points with the wall clock: the service's clock follows the point.
    const decoded = decodeOtlpRequest('metrics', body, 'protobuf');
    if (decoded.signal !== 'metrics') throw new Error('not metrics');
    const data = decoded.request.resourceMetrics[0]!.scopeMetrics[0]!.metrics[0]!.data;
    if (data.type !== 'histogram') throw new Error('not a histogram');
    const pointMs = Number(data.dataPoints[0]!.timeUnixNano / 1_000_000n);
    const windowStart = Math.floor(pointMs / W) * W;
    const clock = new ManualClock(pointMs);
    const service = newService(clock);
    await send(service, 'metrics', body);
    clock.set(closedAfter(windowStart));
    await service.flush();
    const latency = allSlices(service.latestResults()).service!.latency!;
    expect(latency.source).toBe('histogram');
    expect(latency.distribution.counts).toEqual(m.bucket_counts);
    expect(latency.p50).toBeCloseTo(m.expected['p50']!, 12);
    expect(latency.p95).toBeCloseTo(m.expected['p95']!, 12);
    expect(latency.p99).toBeCloseTo(m.expected['p99']!, 12);
    expect(allSlices(service.latestResults()).service!.requests).toBe(
      golden.baseline.expected.requests,
    );
    await service.stop();
  });
});
