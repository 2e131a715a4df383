/**
 * What the instrumentation really emits for the situations docs/traces.md writes queries for:
 * `wrapPredict` on the real OTel SDK (in-memory exporters, a resource as an application's SDK
 * set-up gives it) scoring one row with a prediction id, failing, being slow, and scoring a
 * batch — all for one model version in slice `country=DE` — and `mlmon proxy`'s OIP proxy in
 * front of a model server that answers one call and refuses the next with 503.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { trace } from '@opentelemetry/api';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import {
  ATTR_SERVICE_NAME,
  EVENT_ML_PREDICTION,
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
} from '@mlmon/conventions';
import { ModelMonitor, startOipProxy, type ModelMonitorConfig } from '@mlmon/instrumentation';
import { createInMemoryTelemetry } from '../../../instrumentation/src/testing/in-memory-telemetry.js';

/** The names and values the document's examples use. */
export const SCENARIO = {
  service: 'loan-scoring',
  model: 'loan-default',
  version: '7',
  sliceKey: 'country',
  slice: 'DE',
  predictionId: 'order-42',
  /** Income in thousands, above the document's 80. */
  income: 95,
  /** How long the slow call takes (the document asks for > 500 ms). */
  slowMillis: 600,
  /** `service.name` of `mlmon proxy` (its default). */
  proxyService: 'mlmon-proxy',
  /** The OIP request id whose call the model server refuses with 503. */
  refusedRequestId: 'overloaded-1',
} as const;

/**
 * The span attribute of the document's recipe for searching traces by a feature: the application
 * sets it on the active span (the `ml.inference` span) inside its predict function.
 */
export const RECIPE_FEATURE_ATTRIBUTE = 'app.income';

/** A loan applicant (income in thousands). */
interface Applicant {
  country: string;
  income: number;
  age: number;
}

/** What the model server throws when a call times out (its class name becomes `error.type`). */
export class ModelTimeoutError extends Error {
  override readonly name = 'ModelTimeoutError';
}

/** The exported spans and `ml.prediction` log records of the scenario. */
export interface EmittedTelemetry {
  readonly spans: readonly ReadableSpan[];
  readonly predictionEvents: readonly ReadableLogRecord[];
}

const applicant: Applicant = { country: SCENARIO.slice, income: SCENARIO.income, age: 41 };
/** A score in the document's 0.8–0.9 reliability bin for the high earner. */
const score = (a: Applicant): number => (a.income > 80 ? 0.86 : 0.35);

/** The monitor as docs/traces.md recommends configuring it (slices through the `slices` hook). */
function monitorConfig(): Omit<ModelMonitorConfig, 'tracerProvider' | 'loggerProvider'> {
  return {
    modelName: SCENARIO.model,
    modelVersion: SCENARIO.version,
    task: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
    classes: ['0', '1'],
    threshold: 0.5,
    framework: 'onnxruntime',
    providerName: 'in_process',
    captureFeatures: true,
  };
}

/** Runs the scenario and returns what the SDK exported. */
export async function emitScenario(): Promise<EmittedTelemetry> {
  const telemetry = createInMemoryTelemetry({
    resource: defaultResource().merge(
      resourceFromAttributes({ [ATTR_SERVICE_NAME]: SCENARIO.service }),
    ),
  });
  const monitor = new ModelMonitor({
    ...monitorConfig(),
    tracerProvider: telemetry.tracerProvider,
    meterProvider: telemetry.meterProvider,
    loggerProvider: telemetry.loggerProvider,
  });
  const slices = (a: Applicant | readonly Applicant[]): Record<string, string> => ({
    [SCENARIO.sliceKey]: Array.isArray(a) ? (a[0] as Applicant).country : (a as Applicant).country,
  });

  // One row with a known prediction id, following the document's recipe for a feature on the span.
  const predict = monitor.wrapPredict(
    (a: Applicant, _requestId: string) => {
      trace.getActiveSpan()?.setAttribute(RECIPE_FEATURE_ATTRIBUTE, a.income);
      return score(a);
    },
    {
      features: (a) => ({ ...a }),
      slices: (a) => slices(a),
      predictionIds: (_a, requestId) => requestId,
    },
  );
  predict(applicant, SCENARIO.predictionId);

  // A failed call.
  const failing = monitor.wrapPredict(
    (_a: Applicant): number => {
      throw new ModelTimeoutError('model server did not answer within 500 ms');
    },
    { slices: (a) => slices(a) },
  );
  expectThrow(() => failing(applicant));

  // A slow call.
  const slow = monitor.wrapPredict(
    async (a: Applicant): Promise<number> => {
      await new Promise((resolve) => setTimeout(resolve, SCENARIO.slowMillis));
      return score(a);
    },
    { slices: (a) => slices(a) },
  );
  await slow(applicant);

  // A batch of three rows.
  const batch = monitor.wrapPredict((rows: readonly Applicant[]) => rows.map(score), {
    batch: true,
    features: (rows) => rows.map((r) => ({ ...r })),
    slices: (rows) => slices(rows),
  });
  batch([applicant, { ...applicant, income: 60 }, { ...applicant, income: 120 }]);

  await telemetry.tracerProvider.forceFlush();
  const emitted: EmittedTelemetry = {
    spans: [...telemetry.spans()],
    predictionEvents: telemetry.events(EVENT_ML_PREDICTION),
  };
  await telemetry.shutdown();
  return emitted;
}

/**
 * An Open Inference Protocol model server for `loan-default`: a logistic score of `income`, or
 * 503 for the request {@link SCENARIO.refusedRequestId}.
 */
function startLoanModelServer(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        id: string;
        inputs: { data: number[] }[];
      };
      res.setHeader('content-type', 'application/json');
      if (request.id === SCENARIO.refusedRequestId) {
        res.writeHead(503).end(JSON.stringify({ error: 'overloaded' }));
        return;
      }
      const income = request.inputs[0]!.data[0]!;
      const p = 1 / (1 + Math.exp(-(income - 80) / 10));
      res.writeHead(200).end(
        JSON.stringify({
          model_name: SCENARIO.model,
          model_version: SCENARIO.version,
          id: request.id,
          outputs: [{ name: 'probabilities', datatype: 'FP32', shape: [1, 2], data: [1 - p, p] }],
        }),
      );
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** The spans `mlmon proxy` (its OIP proxy, as the command starts it) exports for two calls. */
export async function emitProxyScenario(): Promise<readonly ReadableSpan[]> {
  const telemetry = createInMemoryTelemetry({
    resource: defaultResource().merge(
      resourceFromAttributes({ [ATTR_SERVICE_NAME]: SCENARIO.proxyService }),
    ),
  });
  const upstream = await startLoanModelServer();
  const proxy = await startOipProxy({
    listenPort: 0,
    upstream: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
    providerName: 'kserve',
    readinessIntervalMillis: 0,
    models: {
      [SCENARIO.model]: { classes: ['0', '1'], featureNames: ['income', 'age'] },
    },
    tracerProvider: telemetry.tracerProvider,
    meterProvider: telemetry.meterProvider,
    loggerProvider: telemetry.loggerProvider,
  });
  try {
    for (const id of [SCENARIO.predictionId, SCENARIO.refusedRequestId]) {
      const response = await fetch(
        `${proxy.url}/v2/models/${SCENARIO.model}/versions/${SCENARIO.version}/infer`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            id,
            inputs: [
              { name: 'features', shape: [1, 2], datatype: 'FP32', data: [SCENARIO.income, 41] },
            ],
          }),
        },
      );
      await response.arrayBuffer();
    }
    // The proxy ends a span once the answer has gone out; wait (bounded) for both.
    for (let i = 0; i < 100 && telemetry.spans().length < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return [...telemetry.spans()];
  } finally {
    await proxy.close();
    upstream.closeAllConnections();
    await new Promise((resolve) => upstream.close(resolve));
    await telemetry.shutdown();
  }
}

/** The span of a failed call from a monitor that takes its slices from `sliceKeys` only. */
export async function failedSpanWithSliceKeysOnly(): Promise<ReadableSpan> {
  const telemetry = createInMemoryTelemetry();
  const monitor = new ModelMonitor({
    ...monitorConfig(),
    sliceKeys: [SCENARIO.sliceKey],
    tracerProvider: telemetry.tracerProvider,
    loggerProvider: telemetry.loggerProvider,
    meterProvider: telemetry.meterProvider,
  });
  const failing = monitor.wrapPredict((_a: Applicant): number => {
    throw new ModelTimeoutError('model server did not answer');
  });
  expectThrow(() => failing(applicant));
  const span = telemetry.spans()[0];
  await telemetry.shutdown();
  if (!span) throw new Error('the failing call exported no span');
  return span;
}

function expectThrow(call: () => unknown): void {
  try {
    call();
  } catch (error) {
    if (error instanceof ModelTimeoutError) return;
    throw error;
  }
  throw new Error('the failing predict function did not throw');
}
