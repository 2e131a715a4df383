/**
 * Builds real OTel JS SDK telemetry (spans, metrics, log records) for decoder and receiver
 * tests: the same objects the SDK's exporters serialize.
 */
import { context, SpanKind, SpanStatusCode, trace, TraceFlags } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { AggregationType, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';

/** Resource attributes used by every builder. */
export const TEST_RESOURCE = {
  'service.name': 'fraud-api',
  'service.version': '1.2.3',
  'host.cores': 2,
};

/** A span context that the log records are emitted under (so they carry trace/span ids and flags). */
export const PARENT_SPAN_CONTEXT = {
  traceId: '5b8efff798038103d269b633813fc60c',
  spanId: 'eee19b7ec3c1b174',
  traceFlags: TraceFlags.SAMPLED,
  isRemote: true,
};

/** Features of the i-th prediction: 20 numeric and 3 categorical. */
export function features(i: number): Record<string, number | string> {
  const f: Record<string, number | string> = {};
  for (let k = 0; k < 20; k++) f[`num_${k}`] = k % 5 === 0 ? i * 7 + k : (i + 1) * 0.37 + k / 3;
  f.country = ['de', 'fr', 'us'][i % 3]!;
  f.device = ['ios', 'android'][i % 2]!;
  f.plan = 'gold';
  return f;
}

/** Emits `n` log records: `ml.prediction` events with every AnyValue kind, plus one plain log. */
export async function buildLogRecords(n: number): Promise<ReadableLogRecord[]> {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource: resourceFromAttributes(TEST_RESOURCE),
    processors: [new SimpleLogRecordProcessor({ exporter })],
  });
  const logger = provider.getLogger('mlmon-test', '0.1.0', {
    schemaUrl: 'https://opentelemetry.io/schemas/1.30.0',
  });
  const ctx = trace.setSpanContext(context.active(), PARENT_SPAN_CONTEXT);
  for (let i = 0; i < n; i++) {
    logger.emit({
      eventName: 'ml.prediction',
      timestamp: [1763887000 + i, 123456789],
      severityNumber: SeverityNumber.INFO,
      severityText: 'INFO',
      context: ctx,
      attributes: {
        'ml.model.name': 'fraud',
        'ml.model.version': '3',
        'ml.prediction.id': `p-${i}`,
        'ml.prediction.score': (i % 100) / 100 + 0.005,
        'ml.prediction.count': i,
        'ml.prediction.positive': i % 2 === 0,
        'ml.slice.region': ['eu', 'us'][i % 2]!,
        'ml.features': features(i),
        'ml.model.classes': ['legit', 'fraud'],
        'ml.raw': new Uint8Array([0, 1, 254, 255, i & 255]),
        'ml.nested': { a: [1, 'two', { b: true }], empty: [] },
        'big.negative': -123456789012,
      },
    });
  }
  logger.emit({
    body: 'plain log line with ünïcödé ✓',
    severityNumber: SeverityNumber.WARN,
    timestamp: 1763887999123,
  });
  logger.emit({ body: { structured: 1.5, list: ['x', 2] }, eventName: 'custom.event' });
  await provider.forceFlush();
  const records = exporter.getFinishedLogRecords();
  await provider.shutdown();
  return records;
}

/** Finishes spans of every kind with events, links, status and attributes of each type. */
export async function buildSpans(n: number): Promise<ReadableSpan[]> {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes(TEST_RESOURCE),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('mlmon-test', '0.1.0');
  const kinds = [
    SpanKind.INTERNAL,
    SpanKind.SERVER,
    SpanKind.CLIENT,
    SpanKind.PRODUCER,
    SpanKind.CONSUMER,
  ];
  for (let i = 0; i < n; i++) {
    const parent = tracer.startSpan('parent');
    const ctx = trace.setSpan(context.active(), parent);
    const span = tracer.startSpan(
      'predict fraud',
      {
        kind: kinds[i % kinds.length],
        startTime: [1763887000 + i, 5],
        attributes: {
          'ml.model.name': 'fraud',
          'ml.prediction.score': 0.25 + i,
          'ml.prediction.id': `p-${i}`,
          count: i,
          ok: true,
          tags: ['a', 'b'],
          scores: [0.5, 1.5],
        },
        links: [{ context: PARENT_SPAN_CONTEXT, attributes: { 'link.kind': 'follows' } }],
      },
      ctx,
    );
    span.addEvent('exception', { 'exception.message': 'boom' }, [1763887000 + i, 999999999]);
    span.setStatus(
      i % 2 === 0
        ? { code: SpanStatusCode.ERROR, message: 'bad input' }
        : { code: SpanStatusCode.OK },
    );
    span.end([1763887001 + i, 0]);
    parent.end();
  }
  await provider.forceFlush();
  const spans = exporter.getFinishedSpans();
  await provider.shutdown();
  return spans;
}

class CollectingReader extends MetricReader {
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * Records a counter, up-down counter, gauges, explicit and exponential histograms (the SDK drops
 * negative histogram values, so negative buckets stay empty); returns one collection.
 */
export async function buildResourceMetrics(): Promise<ResourceMetrics> {
  const reader = new CollectingReader();
  const provider = new MeterProvider({
    resource: resourceFromAttributes(TEST_RESOURCE),
    readers: [reader],
    views: [
      {
        instrumentName: 'ml.inference.score.exp',
        aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM },
      },
    ],
  });
  const meter = provider.getMeter('mlmon-test', '0.1.0');
  const predictions = meter.createCounter('ml.inference.predictions', {
    unit: '{prediction}',
    description: 'count',
  });
  const inflight = meter.createUpDownCounter('inflight');
  const gauge = meter.createGauge('temperature', { unit: 'Cel' });
  const intGauge = meter.createGauge('queue.depth', { valueType: 1 });
  const score = meter.createHistogram('ml.inference.score', {
    unit: '1',
    advice: { explicitBucketBoundaries: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] },
  });
  const exp = meter.createHistogram('ml.inference.score.exp');
  for (let i = 0; i < 50; i++) {
    const attrs = { 'ml.model.name': 'fraud', 'ml.slice.region': i % 2 === 0 ? 'eu' : 'us' };
    predictions.add(1, attrs);
    inflight.add(i % 3 === 0 ? -1 : 2, attrs);
    score.record((i % 10) / 10 + 0.05, attrs);
    exp.record(i * 0.73, attrs); // i = 0 lands in the zero bucket
  }
  gauge.record(21.5, { room: 'a' });
  intGauge.record(7);
  const { resourceMetrics, errors } = await reader.collect();
  if (errors.length > 0) throw new Error(`metric collection failed: ${String(errors[0])}`);
  await provider.shutdown();
  return resourceMetrics;
}
