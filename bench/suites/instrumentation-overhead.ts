/**
 * Row 1: instrumentation overhead per prediction. `wrapPredict` with the real SDK pipeline
 * (BatchSpanProcessor, BatchLogRecordProcessor, PeriodicExportingMetricReader, exporters that
 * discard) against (a) the bare predict function and (b) a hand-written equivalent on the raw
 * OTel API: one span, the same metric records, one log event with the same 23-feature map.
 * Both instrumented variants share one set of providers, so only the instrumentation differs.
 */
import { randomUUID } from 'node:crypto';
import {
  context,
  SpanKind,
  trace,
  ValueType,
  type Attributes,
  type Counter,
  type Histogram,
} from '@opentelemetry/api';
import { SeverityNumber, type LogAttributes } from '@opentelemetry/api-logs';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchLogRecordProcessor,
  LoggerProvider,
  type LogRecordExporter,
  type ReadableLogRecord,
} from '@opentelemetry/sdk-logs';
import {
  AggregationTemporality,
  MeterProvider,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import {
  BatchSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import {
  ATTR_ML_FEATURES,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_TASK,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_OPERATION_NAME,
  ATTR_ML_PREDICTION_COUNT,
  ATTR_ML_PREDICTION_ID,
  ATTR_ML_PREDICTION_LABEL,
  ATTR_ML_PREDICTION_SCORE,
  ATTR_ML_SLICE,
  DESCRIPTOR_ML_INFERENCE_DURATION,
  DESCRIPTOR_ML_INFERENCE_PREDICTIONS,
  DESCRIPTOR_ML_INFERENCE_SCORE,
  EVENT_ML_PREDICTION,
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
  ML_OPERATION_NAME_VALUE_PREDICT,
} from '@mlmon/conventions';
import { ModelMonitor } from '@mlmon/instrumentation';
import { interleave, medianOf, pairedRatio, yieldToLoop } from '../lib/measure.js';
import { round, type BenchRow, type SuiteOptions, type SuiteResult } from '../lib/row.js';
import { makeFeatureRows, NUMERIC_NAMES, type FeatureRow } from '../lib/synthetic.js';

const MODEL = 'bench-fraud';
const VERSION = '7';
const CLASSES = ['legit', 'fraud'] as const;
const SLICE_KEYS = ['region', 'device'] as const;
/** Calls between two yields to the event loop, so the batch processors export and never drop. */
const CHUNK = 200;

/** Counts what reaches each exporter, to prove nothing was dropped on the way. */
interface Sink {
  spans: number;
  logs: number;
  metricExports: number;
}

function discardingExporters(sink: Sink): {
  span: SpanExporter;
  log: LogRecordExporter;
  metric: PushMetricExporter;
} {
  const ok: ExportResult = { code: ExportResultCode.SUCCESS };
  return {
    span: {
      export(spans: ReadableSpan[], done: (r: ExportResult) => void) {
        sink.spans += spans.length;
        done(ok);
      },
      shutdown: () => Promise.resolve(),
    },
    log: {
      export(records: ReadableLogRecord[], done: (r: ExportResult) => void) {
        sink.logs += records.length;
        done(ok);
      },
      forceFlush: () => Promise.resolve(),
      shutdown: () => Promise.resolve(),
    },
    metric: {
      export(_metrics: ResourceMetrics, done: (r: ExportResult) => void) {
        sink.metricExports++;
        done(ok);
      },
      forceFlush: () => Promise.resolve(),
      shutdown: () => Promise.resolve(),
      selectAggregationTemporality: () => AggregationTemporality.CUMULATIVE,
    },
  };
}

/** The model under test: a logistic score over the 20 numeric features. Cheap, like a real fast model. */
function predict(row: FeatureRow): number {
  let z = -0.3;
  for (let i = 0; i < 20; i++)
    z += (row[NUMERIC_NAMES[i]!] as number) * (i % 2 === 0 ? 0.05 : -0.04);
  return 1 / (1 + Math.exp(-z));
}

/** The raw-API equivalent of one wrapped call: what a careful user would write by hand. */
function rawInstrumented(providers: {
  tracer: NodeTracerProvider;
  meter: MeterProvider;
  logger: LoggerProvider;
}): (row: FeatureRow) => number {
  const tracer = providers.tracer.getTracer('bench-raw');
  const meter = providers.meter.getMeter('bench-raw');
  const logger = providers.logger.getLogger('bench-raw');
  const buckets = (d: { advice?: { explicitBucketBoundaries?: readonly number[] } }) =>
    d.advice?.explicitBucketBoundaries
      ? { explicitBucketBoundaries: [...d.advice.explicitBucketBoundaries] }
      : undefined;
  const duration: Histogram = meter.createHistogram(DESCRIPTOR_ML_INFERENCE_DURATION.name, {
    unit: DESCRIPTOR_ML_INFERENCE_DURATION.unit,
    advice: buckets(DESCRIPTOR_ML_INFERENCE_DURATION),
  });
  const predictions: Counter = meter.createCounter(DESCRIPTOR_ML_INFERENCE_PREDICTIONS.name, {
    unit: DESCRIPTOR_ML_INFERENCE_PREDICTIONS.unit,
    valueType: ValueType.INT,
  });
  const score: Histogram = meter.createHistogram(DESCRIPTOR_ML_INFERENCE_SCORE.name, {
    unit: DESCRIPTOR_ML_INFERENCE_SCORE.unit,
    advice: buckets(DESCRIPTOR_ML_INFERENCE_SCORE),
  });
  const spanName = `${ML_OPERATION_NAME_VALUE_PREDICT} ${MODEL}`;
  return (row: FeatureRow): number => {
    const started = performance.now();
    const parent = context.active();
    const span = tracer.startSpan(
      spanName,
      {
        kind: SpanKind.INTERNAL,
        attributes: {
          [ATTR_ML_OPERATION_NAME]: ML_OPERATION_NAME_VALUE_PREDICT,
          [ATTR_ML_MODEL_NAME]: MODEL,
          [ATTR_ML_MODEL_VERSION]: VERSION,
          [ATTR_ML_MODEL_TASK]: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
        },
      },
      parent,
    );
    const ctx = trace.setSpan(parent, span);
    const p = context.with(ctx, () => predict(row));
    const label = p >= 0.5 ? CLASSES[1] : CLASSES[0];
    const id = randomUUID();
    const region = row.region as string;
    const device = row.device as string;
    span.setAttributes({
      [ATTR_ML_PREDICTION_COUNT]: 1,
      [ATTR_ML_SLICE('region')]: region,
      [ATTR_ML_SLICE('device')]: device,
      [ATTR_ML_PREDICTION_ID]: id,
      [ATTR_ML_PREDICTION_LABEL]: label,
      [ATTR_ML_PREDICTION_SCORE]: p,
    });
    span.end();
    const base: Attributes = {
      [ATTR_ML_MODEL_NAME]: MODEL,
      [ATTR_ML_MODEL_VERSION]: VERSION,
      [ATTR_ML_SLICE('region')]: region,
      [ATTR_ML_SLICE('device')]: device,
    };
    duration.record((performance.now() - started) / 1000, {
      ...base,
      [ATTR_ML_MODEL_TASK]: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
      [ATTR_ML_OPERATION_NAME]: ML_OPERATION_NAME_VALUE_PREDICT,
    });
    predictions.add(1, {
      ...base,
      [ATTR_ML_MODEL_TASK]: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
      [ATTR_ML_PREDICTION_LABEL]: label,
    });
    score.record(p, { ...base, [ATTR_ML_PREDICTION_LABEL]: label });
    const attributes: LogAttributes = {
      [ATTR_ML_PREDICTION_ID]: id,
      [ATTR_ML_MODEL_NAME]: MODEL,
      [ATTR_ML_MODEL_VERSION]: VERSION,
      [ATTR_ML_MODEL_TASK]: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
      [ATTR_ML_PREDICTION_LABEL]: label,
      [ATTR_ML_PREDICTION_SCORE]: p,
      [ATTR_ML_SLICE('region')]: region,
      [ATTR_ML_SLICE('device')]: device,
      [ATTR_ML_FEATURES]: { ...row },
    };
    logger.emit({
      eventName: EVENT_ML_PREDICTION,
      severityNumber: SeverityNumber.INFO,
      severityText: 'INFO',
      timestamp: Date.now(),
      context: ctx,
      attributes,
    });
    return p;
  };
}

/** µs per call of `fn` over `calls` calls, timing only the calls (yields excluded). */
async function timeCalls(
  fn: (row: FeatureRow) => number,
  rows: readonly FeatureRow[],
  calls: number,
): Promise<number> {
  let elapsed = 0;
  let sink = 0;
  for (let done = 0; done < calls;) {
    const n = Math.min(CHUNK, calls - done);
    const t0 = performance.now();
    for (let i = 0; i < n; i++) sink += fn(rows[(done + i) % rows.length]!);
    elapsed += performance.now() - t0;
    done += n;
    await yieldToLoop();
  }
  if (Number.isNaN(sink)) throw new Error('the model returned NaN');
  return (elapsed * 1000) / calls;
}

/** Runs row 1. */
export async function runInstrumentationOverhead(options: SuiteOptions): Promise<SuiteResult> {
  const calls = options.quick ? 4000 : 20_000;
  const rounds = options.quick ? 9 : 21;
  const sink: Sink = { spans: 0, logs: 0, metricExports: 0 };
  const exporters = discardingExporters(sink);
  const resource = resourceFromAttributes({ 'service.name': 'mlmon-bench' });
  const tracer = new NodeTracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor(exporters.span)],
  });
  // register() installs the AsyncLocalStorage context manager, as a real Node service has.
  tracer.register();
  const meter = new MeterProvider({
    resource,
    readers: [
      new PeriodicExportingMetricReader({ exporter: exporters.metric, exportIntervalMillis: 1000 }),
    ],
  });
  const logger = new LoggerProvider({
    resource,
    processors: [new BatchLogRecordProcessor({ exporter: exporters.log })],
  });
  const monitor = new ModelMonitor({
    modelName: MODEL,
    modelVersion: VERSION,
    task: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
    classes: [...CLASSES],
    captureFeatures: true,
    sliceKeys: [...SLICE_KEYS],
    tracerProvider: tracer,
    meterProvider: meter,
    loggerProvider: logger,
  });
  const wrapped = monitor.wrapPredict(predict);
  const raw = rawInstrumented({ tracer, meter, logger });
  const rows = makeFeatureRows(1000, 7);

  // Warm-up (JIT, instrument creation), not measured.
  for (const fn of [predict, wrapped, raw]) await timeCalls(fn, rows, Math.min(calls, 4000));
  await Promise.all([tracer.forceFlush(), logger.forceFlush()]);
  const before = { spans: sink.spans, logs: sink.logs };

  options.log(`instrumentation: ${rounds} rounds × ${calls} calls × 3 variants`);
  const samples = await interleave(
    [
      { name: 'bare', run: () => timeCalls(predict, rows, calls) },
      { name: 'wrapPredict', run: () => timeCalls(wrapped, rows, calls) },
      { name: 'raw', run: () => timeCalls(raw, rows, calls) },
    ],
    rounds,
  );
  await Promise.all([tracer.forceFlush(), logger.forceFlush(), meter.forceFlush()]);
  const expected = 2 * calls * rounds;
  const exportedSpans = sink.spans - before.spans;
  const exportedLogs = sink.logs - before.logs;
  await Promise.all([tracer.shutdown(), logger.shutdown(), meter.shutdown()]);
  trace.disable();
  context.disable();

  const wrappedUs = medianOf(samples, 'wrapPredict');
  const rawUs = medianOf(samples, 'raw');
  const bareUs = medianOf(samples, 'bare');
  const ratio = pairedRatio(samples, 'wrapPredict', 'raw');
  const rows_: BenchRow[] = [
    {
      name: 'instrumentation.wrapPredict_vs_raw_otel',
      unit: 'µs/prediction',
      value: round(wrappedUs),
      baseline: 'hand-written raw OTel API (1 span, same metric records, 1 log event, 23 features)',
      baseline_value: round(rawUs),
      ratio: round(ratio),
      goal: 'ratio <= 1.1',
      met: ratio <= 1.1,
    },
    {
      name: 'instrumentation.wrapPredict_vs_bare',
      unit: 'µs/prediction',
      value: round(wrappedUs),
      baseline: 'bare predict function (no telemetry)',
      baseline_value: round(bareUs, 3),
      ratio: round(pairedRatio(samples, 'wrapPredict', 'bare')),
      goal: null,
      met: null,
    },
  ];
  const notes = [
    `instrumentation: ${rounds} interleaved rounds of ${calls} calls; overhead over the bare call ${round(wrappedUs - bareUs, 3)} µs (wrapPredict) vs ${round(rawUs - bareUs, 3)} µs (raw API); exported ${exportedSpans}/${expected} spans and ${exportedLogs}/${expected} log records (nothing dropped when equal), ${sink.metricExports} metric exports.`,
  ];
  return { rows: rows_, notes };
}
