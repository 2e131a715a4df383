/**
 * onnxruntime-node loaded before the instrumentation exists (the ESM case where no loader hook
 * ran): `manuallyInstrument(ort)` patches the shared InferenceSession prototype; `disable()`
 * restores it.
 */
import * as ort from 'onnxruntime-node';
import {
  ATTR_ML_MODEL_NAME,
  ATTR_ML_PREDICTION_VALUE,
  EVENT_ML_PREDICTION,
} from '@mlmon/conventions';
import { OnnxRuntimeInstrumentation } from '@mlmon/instrumentation';
import { buildLogisticRegressionOnnx } from '../../processor/src/demo/onnx-model-builder.js';
import { afterAll, describe, expect, it } from 'vitest';
import { createInMemoryTelemetry } from '../../instrumentation/src/testing/in-memory-telemetry.js';

/** The shared `InferenceSession.prototype.run` (the typings only expose the factory). */
const sessionRun = (): unknown =>
  (ort.InferenceSession as unknown as { prototype: { run: unknown } }).prototype.run;
const otel = createInMemoryTelemetry();
afterAll(() => otel.shutdown());

describe('OnnxRuntimeInstrumentation.manuallyInstrument', () => {
  it('instruments an already-imported module and unpatches on disable', async () => {
    const original = sessionRun();
    const instrumentation = new OnnxRuntimeInstrumentation({ modelName: 'scorer', enabled: false });
    instrumentation.setTracerProvider(otel.tracerProvider);
    instrumentation.setMeterProvider(otel.meterProvider);
    instrumentation.setLoggerProvider(otel.loggerProvider);
    instrumentation.manuallyInstrument(ort);
    instrumentation.manuallyInstrument(ort); // idempotent
    expect(sessionRun()).not.toBe(original);

    const session = await ort.InferenceSession.create(
      buildLogisticRegressionOnnx({ weights: [2], bias: -1 }),
    );
    const results = await session.run({
      input: new ort.Tensor('float32', Float32Array.from([0.5]), [1, 1]),
    });
    const p = (results['probability']!.data as Float32Array)[0];
    // No task configured and a [n, 1] float output: recorded as a value.
    const events = otel.events(EVENT_ML_PREDICTION);
    expect(events).toHaveLength(1);
    expect(events[0]?.attributes[ATTR_ML_MODEL_NAME]).toBe('scorer');
    expect(events[0]?.attributes[ATTR_ML_PREDICTION_VALUE]).toBe(p);
    expect(otel.spans()).toHaveLength(1);

    instrumentation.disable();
    expect(sessionRun()).toBe(original);
    await session.run({ input: new ort.Tensor('float32', Float32Array.from([0.5]), [1, 1]) });
    expect(otel.spans()).toHaveLength(1);
  });
});
