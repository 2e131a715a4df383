import {
  SpanKind,
  SpanStatusCode,
  diag,
  DiagLogLevel,
  metrics,
  trace,
  type DiagLogger,
} from '@opentelemetry/api';
import {
  SeverityNumber,
  type LogAttributes,
  type LoggerProvider,
  type LogRecord,
} from '@opentelemetry/api-logs';
import type { Histogram } from '@opentelemetry/sdk-metrics';
import {
  ATTR_ERROR_TYPE,
  ATTR_ML_FEATURES,
  ATTR_ML_GROUND_TRUTH_ID,
  ATTR_ML_GROUND_TRUTH_LABEL,
  ATTR_ML_GROUND_TRUTH_SOURCE,
  ATTR_ML_GROUND_TRUTH_VALUE,
  ATTR_ML_MODEL_CLASSES,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_TASK,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_OPERATION_NAME,
  ATTR_ML_PREDICTION_COUNT,
  ATTR_ML_PREDICTION_ID,
  ATTR_ML_PREDICTION_LABEL,
  ATTR_ML_PREDICTION_PROBABILITIES,
  ATTR_ML_PREDICTION_SCORE,
  ATTR_ML_PREDICTION_THRESHOLD,
  ATTR_ML_PREDICTION_VALUE,
  ATTR_ML_SAMPLING_PROBABILITY,
  ATTR_ML_SLICE,
  DESCRIPTOR_ML_INFERENCE_DURATION,
  DESCRIPTOR_ML_INFERENCE_SCORE,
  EVENT_ML_GROUND_TRUTH,
  EVENT_ML_PREDICTION,
  METRIC_ML_GROUND_TRUTH_RECEIVED,
  METRIC_ML_INFERENCE_ACTIVE_REQUESTS,
  METRIC_ML_INFERENCE_DURATION,
  METRIC_ML_INFERENCE_PREDICTIONS,
  METRIC_ML_INFERENCE_SCORE,
  METRIC_ML_INFERENCE_VALUE,
  ML_GROUND_TRUTH_SOURCE_VALUE_HUMAN,
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_REGRESSION,
  ML_OPERATION_NAME_VALUE_PREDICT,
} from '@mlmon/conventions';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ModelMonitor, wrapPredict } from './model-monitor.js';
import { recordGroundTruth } from './ground-truth.js';
import { REDACTED_VALUE } from './redaction.js';
import {
  counterSum,
  createInMemoryTelemetry,
  histogramCount,
  pointsWith,
  type InMemoryTelemetry,
} from './testing/in-memory-telemetry.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface Tx {
  amount: number;
  country: string;
  email: string;
}
const aTx = (over: Partial<Tx> = {}): Tx => ({
  amount: 120.5,
  country: 'DE',
  email: 'a@b.c',
  ...over,
});

let otel: InMemoryTelemetry;
beforeEach(() => {
  otel = createInMemoryTelemetry();
});
afterEach(async () => {
  await otel.shutdown();
  vi.unstubAllEnvs();
});

function fraudMonitor(
  extra: Partial<ConstructorParameters<typeof ModelMonitor>[0]> = {},
): ModelMonitor {
  return new ModelMonitor({
    modelName: 'fraud',
    modelVersion: '7',
    task: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
    classes: ['legit', 'fraud'],
    sliceKeys: ['country'],
    tracerProvider: otel.tracerProvider,
    meterProvider: otel.meterProvider,
    loggerProvider: otel.loggerProvider,
    ...extra,
  });
}

describe('wrapPredict, single row, sync', () => {
  it('returns exactly what fn returns and emits span, metrics and one event', async () => {
    const monitor = fraudMonitor();
    const predict = monitor.wrapPredict((tx: Tx) => (tx.amount > 100 ? 0.91 : 0.1));
    const result = predict(aTx());
    expect(result).toBe(0.91);

    const [span] = otel.spans();
    expect(otel.spans()).toHaveLength(1);
    expect(span?.name).toBe(`${ML_OPERATION_NAME_VALUE_PREDICT} fraud`);
    expect(span?.kind).toBe(SpanKind.INTERNAL);
    expect(span?.status.code).toBe(SpanStatusCode.UNSET);
    const id = span?.attributes[ATTR_ML_PREDICTION_ID];
    expect(id).toMatch(UUID);
    expect(span?.attributes).toEqual({
      [ATTR_ML_OPERATION_NAME]: ML_OPERATION_NAME_VALUE_PREDICT,
      [ATTR_ML_MODEL_NAME]: 'fraud',
      [ATTR_ML_MODEL_VERSION]: '7',
      [ATTR_ML_MODEL_TASK]: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
      [ATTR_ML_PREDICTION_COUNT]: 1,
      [ATTR_ML_SLICE('country')]: 'DE',
      [ATTR_ML_PREDICTION_ID]: id,
      [ATTR_ML_PREDICTION_LABEL]: 'fraud',
      [ATTR_ML_PREDICTION_SCORE]: 0.91,
    });

    const events = otel.events(EVENT_ML_PREDICTION);
    expect(events).toHaveLength(1);
    const event = events[0];
    expect(event?.severityNumber).toBe(SeverityNumber.INFO);
    // Emitted inside the span's context: the trace and span ids correlate.
    expect(event?.spanContext?.spanId).toBe(span?.spanContext().spanId);
    expect(event?.spanContext?.traceId).toBe(span?.spanContext().traceId);
    expect(event?.attributes).toEqual({
      [ATTR_ML_PREDICTION_ID]: id,
      [ATTR_ML_MODEL_NAME]: 'fraud',
      [ATTR_ML_MODEL_VERSION]: '7',
      [ATTR_ML_MODEL_TASK]: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
      [ATTR_ML_PREDICTION_LABEL]: 'fraud',
      [ATTR_ML_PREDICTION_SCORE]: 0.91,
      [ATTR_ML_PREDICTION_THRESHOLD]: 0.5,
      [ATTR_ML_SLICE('country')]: 'DE',
    });
    // Feature capture is off by default.
    expect(event?.attributes[ATTR_ML_FEATURES]).toBeUndefined();
    expect(event?.attributes[ATTR_ML_SAMPLING_PROBABILITY]).toBeUndefined();

    const metrics = await otel.collectMetrics();
    const duration = metrics.get(METRIC_ML_INFERENCE_DURATION);
    expect(duration?.descriptor.unit).toBe(DESCRIPTOR_ML_INFERENCE_DURATION.unit);
    const [durationPoint] = pointsWith<Histogram>(duration);
    expect(durationPoint?.attributes).toEqual({
      [ATTR_ML_MODEL_NAME]: 'fraud',
      [ATTR_ML_MODEL_VERSION]: '7',
      [ATTR_ML_MODEL_TASK]: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
      [ATTR_ML_OPERATION_NAME]: ML_OPERATION_NAME_VALUE_PREDICT,
      [ATTR_ML_SLICE('country')]: 'DE',
    });
    expect(durationPoint?.value.count).toBe(1);
    expect(durationPoint?.value.buckets.boundaries).toEqual(
      DESCRIPTOR_ML_INFERENCE_DURATION.advice?.explicitBucketBoundaries,
    );
    const predictions = metrics.get(METRIC_ML_INFERENCE_PREDICTIONS);
    expect(pointsWith(predictions).map((p) => p.attributes)).toEqual([
      {
        [ATTR_ML_MODEL_NAME]: 'fraud',
        [ATTR_ML_MODEL_VERSION]: '7',
        [ATTR_ML_MODEL_TASK]: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
        [ATTR_ML_SLICE('country')]: 'DE',
        [ATTR_ML_PREDICTION_LABEL]: 'fraud',
      },
    ]);
    expect(counterSum(predictions)).toBe(1);
    const score = metrics.get(METRIC_ML_INFERENCE_SCORE);
    const [scorePoint] = pointsWith<Histogram>(score);
    expect(scorePoint?.attributes).toEqual({
      [ATTR_ML_MODEL_NAME]: 'fraud',
      [ATTR_ML_MODEL_VERSION]: '7',
      [ATTR_ML_SLICE('country')]: 'DE',
      [ATTR_ML_PREDICTION_LABEL]: 'fraud',
    });
    expect(scorePoint?.value.sum).toBeCloseTo(0.91, 12);
    expect(scorePoint?.value.buckets.boundaries).toEqual(
      DESCRIPTOR_ML_INFERENCE_SCORE.advice?.explicitBucketBoundaries,
    );
    expect(metrics.get(METRIC_ML_INFERENCE_VALUE)?.dataPoints ?? []).toHaveLength(0);
  });

  it('gives the prediction id to the caller via withIds and onPrediction', () => {
    const seen: string[][] = [];
    const monitor = fraudMonitor();
    const predict = monitor.wrapPredict((tx: Tx) => (tx.amount > 100 ? 0.9 : 0.2), {
      onPrediction: (info) => seen.push(info.predictionIds),
    });
    const { result, predictionIds } = predict.withIds(aTx({ amount: 5 }));
    expect(result).toBe(0.2);
    expect(predictionIds).toHaveLength(1);
    expect(seen).toEqual([predictionIds]);
    expect(otel.events(EVENT_ML_PREDICTION)[0]?.attributes[ATTR_ML_PREDICTION_ID]).toBe(
      predictionIds[0],
    );
    expect(otel.events(EVENT_ML_PREDICTION)[0]?.attributes[ATTR_ML_PREDICTION_LABEL]).toBe('legit');
  });

  it('uses a given prediction id', () => {
    const predict = fraudMonitor().wrapPredict((tx: Tx & { id: string }) => tx.amount / 1000, {
      predictionIds: (tx) => tx.id,
    });
    predict({ ...aTx(), id: 'req-42' });
    expect(otel.spans()[0]?.attributes[ATTR_ML_PREDICTION_ID]).toBe('req-42');
    expect(otel.events(EVENT_ML_PREDICTION)[0]?.attributes[ATTR_ML_PREDICTION_ID]).toBe('req-42');
  });

  it('keeps `this` and the arguments', () => {
    const model = {
      bias: 0.25,
      score(this: { bias: number }, x: number, y: number): number {
        return this.bias + x * y;
      },
    };
    const monitor = fraudMonitor({ task: ML_MODEL_TASK_VALUE_REGRESSION, classes: undefined });
    model.score = monitor.wrapPredict(model.score);
    expect(model.score(2, 3)).toBe(6.25);
    expect(otel.events(EVENT_ML_PREDICTION)[0]?.attributes[ATTR_ML_PREDICTION_VALUE]).toBe(6.25);
  });
});

describe('wrapPredict, async', () => {
  it('returns the very same promise and records after it resolves', async () => {
    const monitor = fraudMonitor();
    const promise = Promise.resolve(0.3);
    const predict = monitor.wrapPredict((_tx: Tx) => promise);
    const returned = predict(aTx({ country: 'FR' }));
    expect(returned).toBe(promise);
    expect(await returned).toBe(0.3);
    expect(otel.spans()).toHaveLength(1);
    expect(otel.spans()[0]?.attributes[ATTR_ML_PREDICTION_LABEL]).toBe('legit');
    expect(otel.spans()[0]?.attributes[ATTR_ML_SLICE('country')]).toBe('FR');
    expect(otel.events(EVENT_ML_PREDICTION)).toHaveLength(1);
  });

  it('withIds resolves to the result and the ids', async () => {
    const predict = fraudMonitor().wrapPredict(async (tx: Tx) => {
      await new Promise((r) => setImmediate(r));
      return tx.amount > 100 ? 0.8 : 0.1;
    });
    const { result, predictionIds } = await predict.withIds(aTx());
    expect(result).toBe(0.8);
    expect(predictionIds[0]).toMatch(UUID);
    expect(otel.events(EVENT_ML_PREDICTION)[0]?.attributes[ATTR_ML_PREDICTION_ID]).toBe(
      predictionIds[0],
    );
  });

  it('runs fn inside the span context (child spans join the trace)', async () => {
    const tracer = otel.tracerProvider.getTracer('test');
    const predict = fraudMonitor().wrapPredict(async (_tx: Tx) => {
      const child = tracer.startSpan('preprocess fraud');
      child.end();
      return 0.4;
    });
    await predict(aTx());
    const parent = otel.spans().find((s) => s.name === `${ML_OPERATION_NAME_VALUE_PREDICT} fraud`);
    const child = otel.spans().find((s) => s.name === 'preprocess fraud');
    expect(child?.parentSpanContext?.spanId).toBe(parent?.spanContext().spanId);
    expect(trace.getActiveSpan()).toBeUndefined();
  });

  it('passes a rejection through unchanged and records error.type', async () => {
    class ModelUnavailableError extends Error {}
    const failure = new ModelUnavailableError('model not loaded');
    const predict = fraudMonitor().wrapPredict(async (_tx: Tx): Promise<number> => {
      throw failure;
    });
    await expect(predict(aTx())).rejects.toBe(failure);
    const [span] = otel.spans();
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'model not loaded' });
    expect(span?.attributes[ATTR_ERROR_TYPE]).toBe('ModelUnavailableError');
    expect(otel.events(EVENT_ML_PREDICTION)).toHaveLength(0);
    const metrics = await otel.collectMetrics();
    expect(
      histogramCount(metrics.get(METRIC_ML_INFERENCE_DURATION), {
        [ATTR_ERROR_TYPE]: 'ModelUnavailableError',
      }),
    ).toBe(1);
    expect(
      counterSum(metrics.get(METRIC_ML_INFERENCE_PREDICTIONS), {
        [ATTR_ERROR_TYPE]: 'ModelUnavailableError',
      }),
    ).toBe(1);
  });
});

describe('wrapPredict, throwing sync fn', () => {
  it('re-throws the same error, span ERROR, duration recorded', async () => {
    const failure = new TypeError('bad input');
    const predict = fraudMonitor().wrapPredict((_tx: Tx): number => {
      throw failure;
    });
    let caught: unknown;
    try {
      predict(aTx());
    } catch (error) {
      caught = error;
    }
    expect(caught).toBe(failure);
    const [span] = otel.spans();
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(span?.attributes[ATTR_ERROR_TYPE]).toBe('TypeError');
    expect(span?.events.map((e) => e.name)).toEqual(['exception']);
    const metrics = await otel.collectMetrics();
    const [point] = pointsWith<Histogram>(metrics.get(METRIC_ML_INFERENCE_DURATION));
    expect(point?.attributes[ATTR_ERROR_TYPE]).toBe('TypeError');
    expect(point?.value.count).toBe(1);
  });

  it('records _OTHER for thrown non-errors', () => {
    const predict = fraudMonitor().wrapPredict((): number => {
      throw 'nope';
    });
    expect(() => predict()).toThrow('nope');
    expect(otel.spans()[0]?.attributes[ATTR_ERROR_TYPE]).toBe('_OTHER');
  });
});

describe('wrapPredict, batch', () => {
  it('emits one event per row with row ids, count on the span, counts rows', async () => {
    const predict = fraudMonitor({ captureFeatures: true }).wrapPredict(
      (rows: Tx[]) => rows.map((r) => (r.amount > 100 ? 0.75 : 0.05)),
      {
        batch: true,
        predictionIds: () => 'req-9',
      },
    );
    const rows = [aTx(), aTx({ amount: 3, country: 'FR' }), aTx({ amount: 500 })];
    expect(predict(rows)).toEqual([0.75, 0.05, 0.75]);
    const [span] = otel.spans();
    expect(span?.attributes[ATTR_ML_PREDICTION_COUNT]).toBe(3);
    // Per-row attributes are only on the span for single-row calls; slices only when all rows agree.
    expect(span?.attributes[ATTR_ML_PREDICTION_ID]).toBeUndefined();
    expect(span?.attributes[ATTR_ML_PREDICTION_SCORE]).toBeUndefined();
    expect(span?.attributes[ATTR_ML_SLICE('country')]).toBeUndefined();

    const events = otel.events(EVENT_ML_PREDICTION);
    expect(events.map((e) => e.attributes[ATTR_ML_PREDICTION_ID])).toEqual([
      'req-9-0',
      'req-9-1',
      'req-9-2',
    ]);
    expect(events.map((e) => e.attributes[ATTR_ML_PREDICTION_LABEL])).toEqual([
      'fraud',
      'legit',
      'fraud',
    ]);
    expect(events.map((e) => e.attributes[ATTR_ML_SLICE('country')])).toEqual(['DE', 'FR', 'DE']);
    expect(events[1]?.attributes[ATTR_ML_FEATURES]).toEqual({
      amount: 3,
      country: 'FR',
      email: 'a@b.c',
    });
    for (const e of events) expect(e.spanContext?.spanId).toBe(span?.spanContext().spanId);

    const metrics = await otel.collectMetrics();
    const predictions = metrics.get(METRIC_ML_INFERENCE_PREDICTIONS);
    expect(counterSum(predictions)).toBe(3);
    expect(
      counterSum(predictions, {
        [ATTR_ML_PREDICTION_LABEL]: 'fraud',
        [ATTR_ML_SLICE('country')]: 'DE',
      }),
    ).toBe(2);
    expect(
      counterSum(predictions, {
        [ATTR_ML_PREDICTION_LABEL]: 'legit',
        [ATTR_ML_SLICE('country')]: 'FR',
      }),
    ).toBe(1);
    expect(histogramCount(metrics.get(METRIC_ML_INFERENCE_SCORE))).toBe(3);
    expect(histogramCount(metrics.get(METRIC_ML_INFERENCE_DURATION))).toBe(1);
  });

  it('maps array rows to named features and decodes multiclass probabilities', () => {
    const predict = wrapPredict(
      (rows: number[][]) => rows.map((r) => (r[0]! > 0 ? [0.1, 0.7, 0.2] : [0.6, 0.3, 0.1])),
      {
        modelName: 'iris',
        task: ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION,
        classes: ['setosa', 'versicolor', 'virginica'],
        captureFeatures: true,
        batch: true,
        features: ['petal_length', 'petal_width'],
        tracerProvider: otel.tracerProvider,
        meterProvider: otel.meterProvider,
        loggerProvider: otel.loggerProvider,
      },
    );
    predict([
      [1.4, 0.2],
      [-1, 0.5],
    ]);
    const events = otel.events(EVENT_ML_PREDICTION);
    expect(events[0]?.attributes).toMatchObject({
      [ATTR_ML_PREDICTION_LABEL]: 'versicolor',
      [ATTR_ML_PREDICTION_SCORE]: 0.7,
      [ATTR_ML_PREDICTION_PROBABILITIES]: [0.1, 0.7, 0.2],
      [ATTR_ML_MODEL_CLASSES]: ['setosa', 'versicolor', 'virginica'],
      [ATTR_ML_FEATURES]: { petal_length: 1.4, petal_width: 0.2 },
    });
    expect(events[1]?.attributes[ATTR_ML_PREDICTION_LABEL]).toBe('setosa');
    expect(events[0]?.attributes[ATTR_ML_MODEL_VERSION]).toBeUndefined();
  });

  it('records regression values in ml.inference.value (typed-array result)', async () => {
    const predict = wrapPredict((rows: number[][]) => Float64Array.from(rows, (r) => r[0]! * 2), {
      modelName: 'price',
      task: ML_MODEL_TASK_VALUE_REGRESSION,
      batch: true,
      tracerProvider: otel.tracerProvider,
      meterProvider: otel.meterProvider,
      loggerProvider: otel.loggerProvider,
    });
    predict([[1], [2.5]]);
    expect(
      otel.events(EVENT_ML_PREDICTION).map((e) => e.attributes[ATTR_ML_PREDICTION_VALUE]),
    ).toEqual([2, 5]);
    const metrics = await otel.collectMetrics();
    const [valuePoint] = pointsWith<Histogram>(metrics.get(METRIC_ML_INFERENCE_VALUE));
    expect(valuePoint?.value.count).toBe(2);
    expect(valuePoint?.value.sum).toBe(7);
    expect(valuePoint?.attributes).toEqual({ [ATTR_ML_MODEL_NAME]: 'price' });
    expect(metrics.get(METRIC_ML_INFERENCE_SCORE)?.dataPoints ?? []).toHaveLength(0);
    // Regression labels are not metric attributes.
    expect(
      pointsWith(metrics.get(METRIC_ML_INFERENCE_PREDICTIONS))[0]?.attributes[
        ATTR_ML_PREDICTION_LABEL
      ],
    ).toBeUndefined();
  });
});

describe('instrumentation failures never break the host', () => {
  let errors: unknown[][];
  beforeEach(() => {
    errors = [];
    const logger: DiagLogger = {
      error: (...args: unknown[]) => errors.push(args),
      warn: () => {},
      info: () => {},
      debug: () => {},
      verbose: () => {},
    };
    diag.setLogger(logger, DiagLogLevel.WARN);
  });
  afterEach(() => diag.disable());

  it('a throwing feature extractor, output mapper and hook go to diag', () => {
    const predict = fraudMonitor({ captureFeatures: true }).wrapPredict(
      (tx: Tx) => tx.amount / 1000,
      {
        features: () => {
          throw new Error('extractor broke');
        },
        onPrediction: () => {
          throw new Error('hook broke');
        },
      },
    );
    expect(predict(aTx())).toBeCloseTo(0.1205, 12);
    expect(otel.spans()).toHaveLength(1);
    expect(otel.events(EVENT_ML_PREDICTION)[0]?.attributes[ATTR_ML_FEATURES]).toBeUndefined();
    expect(errors.map((e) => String(e[0]))).toEqual([
      expect.stringContaining('extracting features'),
      expect.stringContaining('the onPrediction hook'),
    ]);

    const predict2 = fraudMonitor().wrapPredict((tx: Tx) => tx.amount, {
      output: () => {
        throw new Error('mapper broke');
      },
    });
    expect(predict2(aTx())).toBe(120.5);
    expect(errors.some((e) => String(e[0]).includes('decoding the output'))).toBe(true);
  });

  it('a throwing tracer provider still returns the result', () => {
    const predict = wrapPredict((x: number) => x + 1, {
      modelName: 'm',
      tracerProvider: {
        getTracer: () => {
          throw new Error('tracer broke');
        },
      },
    });
    expect(predict(1)).toBe(2);
    expect(errors.some((e) => String(e[0]).includes('starting the span'))).toBe(true);
  });

  it('configuration errors throw at construction with a clear message', () => {
    expect(() => new ModelMonitor({ modelName: '' })).toThrow(/modelName is required/);
    expect(() => new ModelMonitor({ modelName: 'm', eventSamplingProbability: 0 })).toThrow(
      /eventSamplingProbability must be in \(0, 1\], got 0/,
    );
  });
});

describe('global providers', () => {
  it('picks up a global meter provider registered after the first call', async () => {
    const predict = wrapPredict((x: number) => x, {
      modelName: 'late-sdk',
      tracerProvider: otel.tracerProvider,
      loggerProvider: otel.loggerProvider,
    });
    predict(1); // no SDK yet: no-op instruments
    metrics.setGlobalMeterProvider(otel.meterProvider);
    try {
      predict(2);
      const collected = await otel.collectMetrics();
      expect(
        histogramCount(collected.get(METRIC_ML_INFERENCE_DURATION), {
          [ATTR_ML_MODEL_NAME]: 'late-sdk',
        }),
      ).toBe(1);
    } finally {
      metrics.disable();
    }
  });
});

describe('feature capture and redaction', () => {
  const emittedFeatures = (monitor: ModelMonitor): unknown => {
    monitor.wrapPredict((tx: Tx) => tx.amount / 1000)(aTx());
    return otel.events(EVENT_ML_PREDICTION).at(-1)?.attributes[ATTR_ML_FEATURES];
  };

  it('is off by default', () => {
    expect(emittedFeatures(fraudMonitor())).toBeUndefined();
  });
  it('captures every feature when enabled', () => {
    expect(emittedFeatures(fraudMonitor({ captureFeatures: true }))).toEqual({
      amount: 120.5,
      country: 'DE',
      email: 'a@b.c',
    });
  });
  it('redacts denied features', () => {
    expect(
      emittedFeatures(fraudMonitor({ captureFeatures: true, featureDenyList: ['email'] })),
    ).toEqual({
      amount: 120.5,
      country: 'DE',
      email: REDACTED_VALUE,
    });
  });
  it('redacts everything outside the allow list; deny wins', () => {
    expect(
      emittedFeatures(
        fraudMonitor({
          captureFeatures: true,
          featureAllowList: ['amount', 'country'],
          featureDenyList: ['country'],
        }),
      ),
    ).toEqual({ amount: 120.5, country: REDACTED_VALUE, email: REDACTED_VALUE });
  });
  it('the environment variable overrides the option both ways', () => {
    vi.stubEnv('OTEL_INSTRUMENTATION_ML_CAPTURE_FEATURES', 'false');
    expect(emittedFeatures(fraudMonitor({ captureFeatures: true }))).toBeUndefined();
    vi.stubEnv('OTEL_INSTRUMENTATION_ML_CAPTURE_FEATURES', 'TRUE');
    expect(emittedFeatures(fraudMonitor())).toEqual({
      amount: 120.5,
      country: 'DE',
      email: 'a@b.c',
    });
  });
  it("the event never aliases the caller's input, even with a logger that keeps references", () => {
    // A log pipeline that keeps the attributes object as given (the OTel SDK copies maps; others
    // need not), and a caller that reuses its input object between calls.
    const kept: LogAttributes[] = [];
    const referenceKeepingProvider: LoggerProvider = {
      getLogger: () => ({
        emit: (record: LogRecord) => {
          if (record.attributes) kept.push(record.attributes);
        },
        enabled: () => true,
      }),
    };
    const predict = fraudMonitor({
      captureFeatures: true,
      loggerProvider: referenceKeepingProvider,
    }).wrapPredict((tx: Tx) => tx.amount / 1000);
    const reused = aTx();
    predict(reused);
    reused.amount = 999;
    reused.country = 'FR';
    predict(reused);
    expect(kept.map((a) => a[ATTR_ML_FEATURES])).toEqual([
      { amount: 120.5, country: 'DE', email: 'a@b.c' },
      { amount: 999, country: 'FR', email: 'a@b.c' },
    ]);
  });
  it('stringifies nested feature values and drops undefined ones', () => {
    const predict = fraudMonitor({ captureFeatures: true }).wrapPredict(
      (row: Record<string, unknown>) => (row.amount as number) / 1000,
    );
    predict({ amount: 5, tags: ['a', 'b'], gone: undefined, big: 7n });
    expect(otel.events(EVENT_ML_PREDICTION)[0]?.attributes[ATTR_ML_FEATURES]).toEqual({
      amount: 5,
      tags: '["a","b"]',
      big: 7,
    });
  });
  it('slices are derived from features even when capture is off', () => {
    fraudMonitor().wrapPredict((tx: Tx) => tx.amount / 1000)(aTx({ country: 'PL' }));
    expect(otel.events(EVENT_ML_PREDICTION)[0]?.attributes[ATTR_ML_SLICE('country')]).toBe('PL');
  });
});

describe('event sampling', () => {
  /** A seeded uniform generator (mulberry32) so the test is reproducible. */
  function mulberry32(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it('keeps exactly the rows whose draw is below p and records p', async () => {
    const draws = mulberry32(7);
    const replay = mulberry32(7);
    const predict = fraudMonitor({ eventSamplingProbability: 0.25, random: draws }).wrapPredict(
      (rows: Tx[]) => rows.map(() => 0.5),
      { batch: true },
    );
    const { predictionIds } = predict.withIds(Array.from({ length: 400 }, () => aTx()));
    const expected = predictionIds.filter(() => replay() < 0.25);
    const events = otel.events(EVENT_ML_PREDICTION);
    expect(events.map((e) => e.attributes[ATTR_ML_PREDICTION_ID])).toEqual(expected);
    expect(events.length).toBeGreaterThan(60);
    expect(events.length).toBeLessThan(140);
    for (const e of events) expect(e.attributes[ATTR_ML_SAMPLING_PROBABILITY]).toBe(0.25);
    // Spans and metrics are never sampled.
    const metrics = await otel.collectMetrics();
    expect(counterSum(metrics.get(METRIC_ML_INFERENCE_PREDICTIONS))).toBe(400);
  });

  it('deterministic sampling decides by the prediction id', () => {
    const run = (): unknown[] => {
      const before = otel.events(EVENT_ML_PREDICTION).length;
      fraudMonitor({ eventSamplingProbability: 0.5, deterministicSampling: true }).wrapPredict(
        (rows: Tx[]) => rows.map(() => 0.5),
        { batch: true, predictionIds: () => 'batch-1' },
      )(Array.from({ length: 200 }, () => aTx()));
      return otel
        .events(EVENT_ML_PREDICTION)
        .slice(before)
        .map((e) => e.attributes[ATTR_ML_PREDICTION_ID]);
    };
    const first = run();
    expect(run()).toEqual(first);
    expect(first.length).toBeGreaterThan(70);
    expect(first.length).toBeLessThan(130);
  });
});

describe('ground truth', () => {
  it('monitor.recordGroundTruth emits ml.ground_truth and counts it', async () => {
    const monitor = fraudMonitor();
    const { predictionIds } = monitor.wrapPredict((tx: Tx) => tx.amount / 1000).withIds(aTx());
    monitor.recordGroundTruth(predictionIds[0]!, {
      label: 'fraud',
      source: ML_GROUND_TRUTH_SOURCE_VALUE_HUMAN,
      id: 'gt-1',
    });
    const [event] = otel.events(EVENT_ML_GROUND_TRUTH);
    expect(event?.severityNumber).toBe(SeverityNumber.INFO);
    expect(event?.attributes).toEqual({
      [ATTR_ML_PREDICTION_ID]: predictionIds[0],
      [ATTR_ML_GROUND_TRUTH_LABEL]: 'fraud',
      [ATTR_ML_GROUND_TRUTH_SOURCE]: ML_GROUND_TRUTH_SOURCE_VALUE_HUMAN,
      [ATTR_ML_GROUND_TRUTH_ID]: 'gt-1',
      [ATTR_ML_MODEL_NAME]: 'fraud',
      [ATTR_ML_MODEL_VERSION]: '7',
    });
    const metrics = await otel.collectMetrics();
    expect(
      pointsWith(metrics.get(METRIC_ML_GROUND_TRUTH_RECEIVED)).map((p) => [p.attributes, p.value]),
    ).toEqual([
      [
        {
          [ATTR_ML_MODEL_NAME]: 'fraud',
          [ATTR_ML_MODEL_VERSION]: '7',
          [ATTR_ML_GROUND_TRUTH_SOURCE]: ML_GROUND_TRUTH_SOURCE_VALUE_HUMAN,
        },
        1,
      ],
    ]);
  });

  it('recordGroundTruth works without a monitor and ignores truth with no label or value', () => {
    const providers = {
      tracerProvider: otel.tracerProvider,
      meterProvider: otel.meterProvider,
      loggerProvider: otel.loggerProvider,
    };
    recordGroundTruth('p-1', { value: 12.5 }, { modelName: 'price', ...providers });
    recordGroundTruth('p-2', {}, providers);
    const events = otel.events(EVENT_ML_GROUND_TRUTH);
    expect(events.map((e) => e.attributes)).toEqual([
      {
        [ATTR_ML_PREDICTION_ID]: 'p-1',
        [ATTR_ML_GROUND_TRUTH_VALUE]: 12.5,
        [ATTR_ML_MODEL_NAME]: 'price',
      },
    ]);
  });
});

describe('wrapPredict, calls in progress (ml.inference.active_requests)', () => {
  it('counts a call while it runs and releases it on success, rejection and throw', async () => {
    const active = async (): Promise<number> =>
      counterSum((await otel.collectMetrics()).get(METRIC_ML_INFERENCE_ACTIVE_REQUESTS), {
        [ATTR_ML_MODEL_NAME]: 'fraud',
        [ATTR_ML_MODEL_VERSION]: '7',
      });
    let release: () => void = () => undefined;
    const slow = fraudMonitor().wrapPredict(
      (_tx: Tx): Promise<number> => new Promise((resolve) => (release = () => resolve(0.4))),
    );
    const pending = [slow(aTx()), slow(aTx())];
    expect(await active()).toBe(2);
    release();
    release();
    await Promise.all(pending.slice(1));
    expect(await active()).toBe(1);
    const rejecting = fraudMonitor().wrapPredict(async (_tx: Tx): Promise<number> => {
      throw new Error('down');
    });
    await expect(rejecting(aTx())).rejects.toThrow('down');
    const throwing = fraudMonitor().wrapPredict((_tx: Tx): number => {
      throw new TypeError('bad input');
    });
    expect(() => throwing(aTx())).toThrow('bad input');
    expect(await active()).toBe(1);
  });
});
