/**
 * A real onnxruntime-node session on a logistic-regression model built in the test, under the
 * auto-instrumentation registered the OTel way (module imported after registration).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import type { Histogram } from '@opentelemetry/sdk-metrics';
import {
  ATTR_ERROR_TYPE,
  ATTR_ML_FEATURES,
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
  ATTR_ML_SLICE,
  EVENT_ML_PREDICTION,
  METRIC_ML_INFERENCE_DURATION,
  METRIC_ML_INFERENCE_PREDICTIONS,
  METRIC_ML_INFERENCE_SCORE,
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
  ML_OPERATION_NAME_VALUE_PREDICT,
} from '@mlmon/conventions';
import { OnnxRuntimeInstrumentation } from '@mlmon/instrumentation';
import { buildLogisticRegressionOnnx } from '../../processor/src/demo/onnx-model-builder.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  counterSum,
  createInMemoryTelemetry,
  histogramCount,
  pointsWith,
} from '../../instrumentation/src/testing/in-memory-telemetry.js';

const WEIGHTS = [0.8, -1.2, 0.5];
const BIAS = -0.1;
const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
const expectedScore = (row: readonly number[]): number =>
  sigmoid(row.reduce((a, x, j) => a + x * WEIGHTS[j]!, BIAS));

const otel = createInMemoryTelemetry();
const instrumentation = new OnnxRuntimeInstrumentation({
  task: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
  classes: ['stay', 'churn'],
  featureNames: ['tenure', 'tickets', 'plan'],
  sliceKeys: ['plan'],
  captureFeatures: true,
});
const unregister = registerInstrumentations({
  instrumentations: [instrumentation],
  tracerProvider: otel.tracerProvider,
  meterProvider: otel.meterProvider,
  loggerProvider: otel.loggerProvider,
});

// Imported after registration, as an application using `--import` / a preload would.
const ort = await import('onnxruntime-node');
/** The shared `InferenceSession.prototype.run` (the typings only expose the factory). */
const sessionRun = (): unknown =>
  (ort.InferenceSession as unknown as { prototype: { run: unknown } }).prototype.run;

let dir: string;
let modelPath: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mlmon-onnx-'));
  modelPath = join(dir, 'churn-model.onnx');
  writeFileSync(
    modelPath,
    buildLogisticRegressionOnnx({ weights: WEIGHTS, bias: BIAS, metadata: { version: '4' } }),
  );
});
afterAll(async () => {
  unregister();
  await otel.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

describe('OnnxRuntimeInstrumentation', () => {
  it('patches InferenceSession.run when onnxruntime-node is imported after registration', () => {
    expect((sessionRun() as { __wrapped?: boolean }).__wrapped).toBe(true);
  });

  it('emits a span, metrics and one event per row for a real session run', async () => {
    const session = await ort.InferenceSession.create(modelPath);
    const rows = [
      [12, 0, 1],
      [1, 3, 0],
      [30, 1, 1],
    ];
    const input = new ort.Tensor('float32', Float32Array.from(rows.flat()), [3, 3]);
    const results = await session.run({ input });
    const probabilities = Array.from(results['probability']!.data as Float32Array);
    rows.forEach((row, i) => expect(probabilities[i]).toBeCloseTo(expectedScore(row), 6));

    const spans = otel.spans();
    expect(spans).toHaveLength(1);
    const [span] = spans;
    expect(span?.name).toBe(`${ML_OPERATION_NAME_VALUE_PREDICT} churn-model`);
    expect(span?.kind).toBe(SpanKind.INTERNAL);
    expect(span?.attributes).toEqual({
      [ATTR_ML_OPERATION_NAME]: ML_OPERATION_NAME_VALUE_PREDICT,
      [ATTR_ML_MODEL_NAME]: 'churn-model',
      [ATTR_ML_MODEL_VERSION]: '4',
      [ATTR_ML_MODEL_TASK]: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
      [ATTR_ML_PREDICTION_COUNT]: 3,
    });

    const events = otel.events(EVENT_ML_PREDICTION);
    expect(events).toHaveLength(3);
    const ids = new Set(events.map((e) => e.attributes[ATTR_ML_PREDICTION_ID]));
    expect(ids.size).toBe(3);
    events.forEach((event, i) => {
      const row = rows[i]!;
      const score = probabilities[i]!;
      expect(event.spanContext?.spanId).toBe(span?.spanContext().spanId);
      expect(event.attributes).toEqual({
        [ATTR_ML_PREDICTION_ID]: expect.any(String),
        [ATTR_ML_MODEL_NAME]: 'churn-model',
        [ATTR_ML_MODEL_VERSION]: '4',
        [ATTR_ML_MODEL_TASK]: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
        [ATTR_ML_PREDICTION_SCORE]: score,
        [ATTR_ML_PREDICTION_LABEL]: score >= 0.5 ? 'churn' : 'stay',
        [ATTR_ML_PREDICTION_THRESHOLD]: 0.5,
        [ATTR_ML_SLICE('plan')]: String(row[2]),
        [ATTR_ML_FEATURES]: { tenure: row[0], tickets: row[1], plan: row[2] },
      });
    });

    const metrics = await otel.collectMetrics();
    expect(
      histogramCount(metrics.get(METRIC_ML_INFERENCE_DURATION), {
        [ATTR_ML_MODEL_NAME]: 'churn-model',
      }),
    ).toBe(1);
    const predictions = metrics.get(METRIC_ML_INFERENCE_PREDICTIONS);
    expect(counterSum(predictions)).toBe(3);
    expect(counterSum(predictions, { [ATTR_ML_PREDICTION_LABEL]: 'churn' })).toBe(
      probabilities.filter((p) => p >= 0.5).length,
    );
    const scorePoints = pointsWith<Histogram>(metrics.get(METRIC_ML_INFERENCE_SCORE));
    expect(scorePoints.reduce((a, p) => a + p.value.count, 0)).toBe(3);
    expect(scorePoints.reduce((a, p) => a + (p.value.sum ?? 0), 0)).toBeCloseTo(
      probabilities.reduce((a, b) => a + b, 0),
      6,
    );
  });

  it('infers a binary classifier from a [n, 2] probability output when no task is configured', async () => {
    instrumentation.setConfig({ resolveModel: () => ({ modelName: 'two-column' }) });
    const session = await ort.InferenceSession.create(
      buildLogisticRegressionOnnx({
        weights: [1],
        bias: 0,
        probabilityColumns: 2,
        modelVersion: 9,
      }),
    );
    const before = otel.events(EVENT_ML_PREDICTION).length;
    const results = await session.run({
      input: new ort.Tensor('float32', Float32Array.from([2, -2]), [2, 1]),
    });
    const p = Array.from(results['probability']!.data as Float32Array);
    const events = otel.events(EVENT_ML_PREDICTION).slice(before);
    expect(events).toHaveLength(2);
    expect(events[0]?.attributes).toMatchObject({
      [ATTR_ML_MODEL_NAME]: 'two-column',
      [ATTR_ML_MODEL_VERSION]: '9',
      [ATTR_ML_MODEL_TASK]: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
      [ATTR_ML_PREDICTION_SCORE]: p[1],
      [ATTR_ML_PREDICTION_LABEL]: '1',
      [ATTR_ML_PREDICTION_PROBABILITIES]: [p[0], p[1]],
    });
    expect(events[0]?.attributes[ATTR_ML_MODEL_CLASSES]).toBeUndefined();
    expect(events[1]?.attributes[ATTR_ML_PREDICTION_LABEL]).toBe('0');
    expect(otel.spans().at(-1)?.attributes[ATTR_ML_MODEL_TASK]).toBe(
      ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
    );
  });

  it('passes run errors through unchanged', async () => {
    const session = await ort.InferenceSession.create(
      buildLogisticRegressionOnnx({ weights: [1, 2] }),
    );
    const bad = new ort.Tensor('float32', Float32Array.from([1, 2, 3]), [1, 3]);
    const direct = await session.run({ input: bad }).catch((e: unknown) => e);
    expect(direct).toBeInstanceOf(Error);
    expect(otel.spans().at(-1)?.status.code).toBe(SpanStatusCode.ERROR);
    expect(otel.spans().at(-1)?.attributes[ATTR_ERROR_TYPE]).toBe(
      (direct as Error).constructor.name,
    );
  });
});
