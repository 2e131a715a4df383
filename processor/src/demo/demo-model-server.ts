/**
 * The demo's model server: a plain node:http service that scores loan applicants with
 * onnxruntime-node on a logistic-regression model built in code, instrumented with
 * `ModelMonitor.wrapPredict` (one `ml.inference` span per request, one `ml.prediction` event per
 * row with its features, the slice from the request). This is what a user's own service looks like.
 *
 * `POST /v1/predict` `{ "country": "DE", "rows": [{ "income": 52, "age": 41, "debt_ratio": 0.3 }] }`
 * answers `{ "predictions": [{ "id", "score", "label" }] }`; the ids are what ground truth is
 * later recorded against. An optional `"fault": { "delayMs": 40, "fail": true }` is the demo's
 * injected serving fault: the predict call waits, then throws a `ModelTimeoutError` (answered 503),
 * so the span measures the slow call and records the failure as its `error.type`.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MeterProvider, TracerProvider } from '@opentelemetry/api';
import type { LoggerProvider } from '@opentelemetry/api-logs';
import { ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION } from '@mlmon/conventions';
import type * as Ort from 'onnxruntime-node';
import { ModelMonitor, type PredictionOutput } from '@mlmon/instrumentation';
import {
  DEMO_BIAS,
  DEMO_CLASSES,
  DEMO_COUNTRIES,
  DEMO_FEATURES,
  DEMO_MODEL_NAME,
  DEMO_MODEL_VERSION,
  DEMO_SLICE_KEY,
  DEMO_WEIGHTS,
  type DemoFault,
  type DemoRow,
} from './demo-scenario.js';
import { buildLogisticRegressionOnnx } from './onnx-model-builder.js';

/** The providers the model server emits through (the demo's OTLP pipeline). */
export interface DemoProviders {
  readonly tracerProvider: TracerProvider;
  readonly meterProvider: MeterProvider;
  readonly loggerProvider: LoggerProvider;
}

/** Options of {@link startDemoModelServer}. */
export interface DemoModelServerOptions {
  readonly host: string;
  /** 0 picks an ephemeral port. */
  readonly port: number;
  readonly providers: DemoProviders;
}

/** A running model server. */
export interface DemoModelServer {
  /** Base URL, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  /** The monitor, for recording ground truth with the model's name and version. */
  readonly monitor: ModelMonitor;
  close(): Promise<void>;
}

/** One scored row in the response. */
export interface DemoPrediction {
  readonly id: string;
  readonly score: number;
  readonly label: string;
}

const MAX_BODY_BYTES = 1024 * 1024;
const THRESHOLD = 0.5;

/** The injected timeout of a degraded call (its class name becomes the span's `error.type`). */
export class ModelTimeoutError extends Error {
  override readonly name = 'ModelTimeoutError';
}

const NO_FAULT: DemoFault = { delayMs: 0, fail: false };

/** Loads onnxruntime-node lazily, so other commands never pay for the native library. */
async function loadOrt(): Promise<typeof Ort> {
  try {
    return await import('onnxruntime-node');
  } catch (error) {
    throw new Error(
      `cannot load onnxruntime-node (the demo's model runtime): ${(error as Error).message}. ` +
        'Reinstall with `npm ci`; its install script is not needed (package.json allowScripts).',
    );
  }
}

/** Starts the model server. */
export async function startDemoModelServer(
  options: DemoModelServerOptions,
): Promise<DemoModelServer> {
  const ort = await loadOrt();
  const session = await ort.InferenceSession.create(
    buildLogisticRegressionOnnx({ weights: [...DEMO_WEIGHTS], bias: DEMO_BIAS }),
  );
  const monitor = new ModelMonitor({
    modelName: DEMO_MODEL_NAME,
    modelVersion: DEMO_MODEL_VERSION,
    framework: 'onnxruntime',
    providerName: 'in_process',
    task: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
    classes: DEMO_CLASSES,
    threshold: THRESHOLD,
    // Features are synthetic here; in a real service mind the privacy note on captureFeatures.
    captureFeatures: true,
    ...options.providers,
  });
  const score = monitor.wrapPredict(
    async (rows: readonly DemoRow[], _country: string, fault: DemoFault): Promise<number[]> => {
      if (fault.delayMs > 0) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault.fail) throw new ModelTimeoutError(`injected timeout after ${fault.delayMs} ms`);
      const input = new Float32Array(rows.length * DEMO_FEATURES.length);
      rows.forEach((row, i) => {
        DEMO_FEATURES.forEach((f, j) => (input[i * DEMO_FEATURES.length + j] = row[f]));
      });
      const tensor = new ort.Tensor('float32', input, [rows.length, DEMO_FEATURES.length]);
      const out = await session.run({ [session.inputNames[0]!]: tensor });
      return Array.from(out[session.outputNames[0]!]!.data as Float32Array);
    },
    {
      batch: true,
      features: (rows) => rows.map((r) => ({ ...r })),
      slices: (_rows, country) => ({ [DEMO_SLICE_KEY]: country }),
      output: (scores): PredictionOutput[] =>
        scores.map((s) => ({ score: s, label: s >= THRESHOLD ? '1' : '0' })),
    },
  );

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => reply(res, 500, { error: error.message }));
  });
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.url === '/healthz') return reply(res, 200, { ok: true });
    if (req.url !== '/v1/predict') return reply(res, 404, { error: `no route ${req.url}` });
    if (req.method !== 'POST') return reply(res, 405, { error: 'use POST' });
    const body = await readBody(req);
    const parsed = parseRequest(body);
    if (typeof parsed === 'string') return reply(res, 400, { error: parsed });
    let scored: Awaited<ReturnType<typeof score.withIds>>;
    try {
      scored = await score.withIds(parsed.rows, parsed.country, parsed.fault);
    } catch (error) {
      if (error instanceof ModelTimeoutError) return reply(res, 503, { error: error.message });
      throw error;
    }
    const { result, predictionIds } = scored;
    const predictions: DemoPrediction[] = result.map((s, i) => ({
      id: predictionIds[i]!,
      score: s,
      label: s >= THRESHOLD ? '1' : '0',
    }));
    reply(res, 200, { model: DEMO_MODEL_NAME, version: DEMO_MODEL_VERSION, predictions });
  };
  server.listen(options.port, options.host);
  await Promise.race([
    once(server, 'listening'),
    once(server, 'error').then(([error]) => {
      throw new Error(
        `model server cannot listen on ${options.host}:${options.port}: ${(error as Error).message} (use --model-port)`,
      );
    }),
  ]);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    monitor,
    async close() {
      server.closeAllConnections();
      server.close();
      await session.release();
    },
  };
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error(`request body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Validates a predict request; a string is the error message. */
function parseRequest(
  body: string,
): { country: string; rows: DemoRow[]; fault: DemoFault } | string {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return 'body is not JSON';
  }
  const { country, rows, fault } = (json ?? {}) as {
    country?: unknown;
    rows?: unknown;
    fault?: { delayMs?: unknown; fail?: unknown };
  };
  if (typeof country !== 'string' || !(DEMO_COUNTRIES as readonly string[]).includes(country)) {
    return `"country" must be one of ${DEMO_COUNTRIES.join(', ')}`;
  }
  if (!Array.isArray(rows) || rows.length === 0) return '"rows" must be a non-empty array';
  for (const [i, row] of rows.entries()) {
    for (const f of DEMO_FEATURES) {
      const v = (row as Record<string, unknown> | null)?.[f];
      if (typeof v !== 'number' || !Number.isFinite(v)) return `rows[${i}].${f} must be a number`;
    }
  }
  if (fault !== undefined) {
    const { delayMs, fail } = fault ?? {};
    if (typeof delayMs !== 'number' || !(delayMs >= 0 && delayMs <= 10_000)) {
      return '"fault.delayMs" must be a number of milliseconds in [0, 10000]';
    }
    if (typeof fail !== 'boolean') return '"fault.fail" must be true or false';
    return { country, rows: rows as DemoRow[], fault: { delayMs, fail } };
  }
  return { country, rows: rows as DemoRow[], fault: NO_FAULT };
}
