/**
 * The pure core fed with requests built by the real OTel JS SDK and serialized by
 * `@opentelemetry/otlp-transformer` (the bytes exporters send), decoded by mlmon's decoder.
 */
import {
  ATTR_ML_FEATURES,
  ATTR_ML_GROUND_TRUTH_VALUE,
  ATTR_ML_MODEL_CLASSES,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_TASK,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_OPERATION_NAME,
  ATTR_ML_PREDICTION_ID,
  ATTR_ML_PREDICTION_SCORE,
  ATTR_ML_SLICE,
  ATTR_SERVICE_INSTANCE_ID,
  ATTR_SERVICE_NAME,
  ATTR_SERVICE_VERSION,
  EVENT_ML_GROUND_TRUTH,
  EVENT_ML_PREDICTION,
  METRIC_ML_INFERENCE_SCORE,
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
  ML_OPERATION_NAME_VALUE_PREDICT,
} from '@mlmon/conventions';
import { SeverityNumber } from '@opentelemetry/api-logs';
import {
  ProtobufLogsSerializer,
  ProtobufMetricsSerializer,
  ProtobufTraceSerializer,
} from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { ingest } from './core.js';
import { decodeOtlpRequest } from './decode/decode-otlp-request.js';
import { closeWindows } from './state/close-windows.js';
import { createState } from './state/streams.js';
import { REJECT_REASON_MISSING_MODEL_NAME } from './extract/reasons.js';

const W_SECONDS = 60;
const T0_S = 1_800_000_000 - (1_800_000_000 % W_SECONDS); // a window start, in seconds
const RESOURCE = resourceFromAttributes({
  [ATTR_SERVICE_NAME]: 'fraud-api',
  [ATTR_SERVICE_VERSION]: '2.0.0',
  [ATTR_SERVICE_INSTANCE_ID]: 'pod-7',
});

async function sdkLogsBytes(): Promise<Uint8Array> {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource: RESOURCE,
    processors: [new SimpleLogRecordProcessor({ exporter })],
  });
  const logger = provider.getLogger('core-test');
  for (let i = 0; i < 10; i++) {
    logger.emit({
      eventName: EVENT_ML_PREDICTION,
      timestamp: [T0_S + i, 0],
      severityNumber: SeverityNumber.INFO,
      attributes: {
        [ATTR_ML_MODEL_NAME]: 'fraud',
        [ATTR_ML_MODEL_VERSION]: '3',
        [ATTR_ML_MODEL_TASK]: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
        [ATTR_ML_MODEL_CLASSES]: ['legit', 'fraud'],
        [ATTR_ML_PREDICTION_ID]: `p-${i}`,
        [ATTR_ML_PREDICTION_SCORE]: i / 10 + 0.05,
        [ATTR_ML_SLICE('region')]: i < 4 ? 'eu' : 'us',
        // An int and a double feature: the SDK encodes them as intValue and doubleValue.
        [ATTR_ML_FEATURES]: { age: 20 + i, amount: i * 2.5, country: i % 2 ? 'de' : 'fr' },
      },
    });
  }
  for (const i of [7, 8, 9, 1]) {
    logger.emit({
      eventName: EVENT_ML_GROUND_TRUTH,
      timestamp: [T0_S + 30, 0],
      attributes: {
        [ATTR_ML_PREDICTION_ID]: `p-${i}`,
        [ATTR_ML_GROUND_TRUTH_VALUE]: i === 1 ? 0 : 1,
      },
    });
  }
  // An ML event without a model name: rejected, reported back.
  logger.emit({
    eventName: EVENT_ML_PREDICTION,
    timestamp: [T0_S, 0],
    attributes: { [ATTR_ML_PREDICTION_ID]: 'x' },
  });
  await provider.forceFlush();
  const bytes = ProtobufLogsSerializer.serializeRequest(exporter.getFinishedLogRecords())!;
  await provider.shutdown();
  return bytes;
}

async function sdkSpanBytes(): Promise<Uint8Array> {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: RESOURCE,
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('core-test');
  for (const [id, score] of [
    ['p-0', 0.99], // superseded by the p-0 event
    ['s-1', 0.5],
  ] as const) {
    tracer
      .startSpan(`${ML_OPERATION_NAME_VALUE_PREDICT} fraud`, {
        startTime: [T0_S + 40, 0],
        attributes: {
          [ATTR_ML_OPERATION_NAME]: ML_OPERATION_NAME_VALUE_PREDICT,
          [ATTR_ML_MODEL_NAME]: 'fraud',
          [ATTR_ML_MODEL_VERSION]: '3',
          [ATTR_ML_PREDICTION_ID]: id,
          [ATTR_ML_PREDICTION_SCORE]: score,
        },
      })
      .end([T0_S + 40, 1_000_000]);
  }
  await provider.forceFlush();
  const bytes = ProtobufTraceSerializer.serializeRequest(exporter.getFinishedSpans())!;
  await provider.shutdown();
  return bytes;
}

class CollectingReader extends MetricReader {
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
}

describe('ingest: requests from the real OTel SDK', () => {
  it('logs and spans: predictions, labels, slices, span precedence and rejections', async () => {
    const state = createState({ windowSeconds: W_SECONDS, allowedLatenessSeconds: 5 });
    const now = (T0_S + 50) * 1000;
    const logs = ingest(state, decodeOtlpRequest('logs', await sdkLogsBytes(), 'protobuf'), now);
    expect(logs).toMatchObject({ signal: 'logs', accepted: 14, late: 0, rejectedTotal: 1 });
    expect(logs.rejected).toEqual({ [REJECT_REASON_MISSING_MODEL_NAME]: 1 });
    const traces = ingest(
      state,
      decodeOtlpRequest('traces', await sdkSpanBytes(), 'protobuf'),
      now,
    );
    expect(traces).toMatchObject({ accepted: 1, dropped: { superseded_by_event: 1 } });

    const closed = closeWindows(state, (T0_S + W_SECONDS + 6) * 1000);
    expect(closed.map((c) => [c.stream.slices, c.counts.predictions])).toEqual([
      [{ region: 'eu' }, 4],
      [{ region: 'us' }, 6],
      [{}, 11],
    ]);
    const all = closed[2]!;
    expect(all.stream).toMatchObject({
      model: 'fraud',
      version: '3',
      task: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
    });
    // Only the identifying resource attributes, not the pod.
    expect(all.stream.resource.attributes).toEqual({
      [ATTR_SERVICE_NAME]: 'fraud-api',
      [ATTR_SERVICE_VERSION]: '2.0.0',
    });
    expect(all.features.map((f) => [f.name, f.kind, f.count, f.missing])).toEqual([
      ['age', 'numeric', 10, 1],
      ['amount', 'numeric', 10, 1],
      ['country', 'categorical', 10, 1],
    ]);
    const age = all.features[0]!;
    if (age.kind !== 'numeric') throw new Error('age should be numeric');
    expect(age.snapshot.mean).toEqual({ ok: true, value: 24.5 });
    // p-7, p-8, p-9 (scores 0.75, 0.85, 0.95) labeled 1, p-1 (0.15) labeled 0: all correct at 0.5.
    expect(all.counts).toMatchObject({ labeled: 4, labeledUnusable: 0, predictionsLabeled: 4 });
    expect(all.labeled.binary).toMatchObject({ count: 4, accuracy: { ok: true, value: 1 } });
    expect(all.labeled.delays['']).toMatchObject({ count: 4, min: 21, max: 29 });
  });

  it('metrics: ml.inference.score histograms from a cumulative SDK reader become window deltas', async () => {
    const reader = new CollectingReader();
    const provider = new MeterProvider({ resource: RESOURCE, readers: [reader] });
    const histogram = provider.getMeter('core-test').createHistogram(METRIC_ML_INFERENCE_SCORE, {
      unit: '1',
      advice: { explicitBucketBoundaries: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] },
    });
    const attrs = { [ATTR_ML_MODEL_NAME]: 'fraud', [ATTR_ML_MODEL_VERSION]: '3' };
    const state = createState({ windowSeconds: W_SECONDS, allowedLatenessSeconds: 5 });
    const exportOnce = async (nowMs: number) => {
      const { resourceMetrics } = await reader.collect();
      const bytes = ProtobufMetricsSerializer.serializeRequest(resourceMetrics)!;
      return ingest(state, decodeOtlpRequest('metrics', bytes, 'protobuf'), nowMs);
    };
    for (const s of [0.05, 0.95, 0.95]) histogram.record(s, attrs);
    expect((await exportOnce(Date.now())).accepted).toBe(1);
    for (const s of [0.15, 0.95]) histogram.record(s, attrs);
    expect((await exportOnce(Date.now())).accepted).toBe(1);
    await provider.shutdown();
    // The SDK stamps points with the wall clock: close everything up to a minute from now.
    const closed = closeWindows(state, Date.now() + 2 * W_SECONDS * 1000);
    const sum = { count: 0, buckets: new Array<number>(10).fill(0) };
    for (const c of closed) {
      const h = c.outputs.scoreHistogram;
      if (h === undefined) continue;
      sum.count += h.count;
      h.bucketCounts.forEach((n, i) => (sum.buckets[i]! += n));
    }
    // Five scores in total, not 3 + 5 (the cumulative second export is taken as a delta).
    expect(sum).toEqual({ count: 5, buckets: [1, 1, 0, 0, 0, 0, 0, 0, 0, 3] });
  });
});
