/**
 * `mlmon demo` composed: the real processor ({@link MlmonService}) with short windows, the
 * instrumented model server exporting OTLP/HTTP protobuf with the OTel SDK to it, the traffic
 * whose story drifts, and a poller that prints each closed window from the status API. Returns
 * a handle whose `stop()` stops traffic, flushes the telemetry and the processor, and closes
 * every listener.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OtlpPipeline } from '@mlmon/instrumentation/sdk';
import { DEFAULT_SERVE_CONFIG, type ServeConfig } from '../config/serve-config.js';
import type { Logger } from '../service/logger.js';
import { MlmonService, type ServiceAddresses } from '../service/mlmon-service.js';
import type { ModelsResponse } from '../status-api/types.js';
import type { DemoModelServer } from './demo-model-server.js';
import {
  DEMO_DRIFTED_COUNTRY,
  DEMO_DRIFTED_FEATURE,
  DEMO_MODEL_NAME,
  DEMO_MODEL_VERSION,
  DEMO_SLICE_KEY,
  DEGRADED_FROM_WINDOW,
  demoSlos,
  DEMO_DEGRADED_COUNTRY,
  DRIFT_FROM_WINDOW,
  MISCALIBRATION_FROM_WINDOW,
} from './demo-scenario.js';
import type { DemoTrafficHandle } from './demo-traffic.js';
import { WindowSummaryPrinter } from './format-window-summary.js';

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** Interface every listener binds to. @default '127.0.0.1' */
  readonly host: string;
  /** @default 4318 (0 = any free port) */
  readonly otlpHttpPort: number;
  /** `null` disables gRPC. @default 4317 */
  readonly otlpGrpcPort: number | null;
  /** Admin port: dashboard, status API, /metrics. @default 9464 */
  readonly prometheusPort: number;
  /** Model server port. @default 0 (any free port) */
  readonly modelPort: number;
  /** @default 10 */
  readonly windowSeconds: number;
  /** @default 2 */
  readonly allowedLatenessSeconds: number;
  /** Predictions per second per country. @default 20 */
  readonly ratePerSecond: number;
  /** @default 1 */
  readonly seed: number;
  /** State directory; a temporary one (removed on stop) when absent. */
  readonly dataDir?: string;
  /** Where the summary lines go. */
  readonly print: (line: string) => void;
  readonly logger: Logger;
}

/** The demo defaults (ports as `mlmon serve`). */
export const DEFAULT_DEMO_OPTIONS = Object.freeze({
  host: '127.0.0.1',
  otlpHttpPort: DEFAULT_SERVE_CONFIG.otlpHttpPort,
  otlpGrpcPort: DEFAULT_SERVE_CONFIG.otlpGrpcPort,
  prometheusPort: DEFAULT_SERVE_CONFIG.prometheusPort,
  modelPort: 0,
  windowSeconds: 10,
  allowedLatenessSeconds: 2,
  ratePerSecond: 20,
  seed: 1,
});

/** A port the demo needs is taken: names the port and the flag that moves it. */
export class DemoPortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly flag: string,
    host: string,
  ) {
    super(
      `port ${port} on ${host} is already in use (is \`mlmon serve\` or another demo running?): ` +
        `stop what uses it, or choose another port with ${flag} <port> (0 picks a free one)`,
    );
    this.name = 'DemoPortInUseError';
  }
}

/** A running demo. */
export interface RunningDemo {
  readonly addresses: ServiceAddresses;
  /** The dashboard, e.g. `http://127.0.0.1:9464/`. */
  readonly dashboardUrl: string;
  readonly modelUrl: string;
  /** Start of the reference window (traffic starts there), Unix epoch milliseconds. */
  readonly trafficStartUnixMillis: number;
  /** Stops everything; idempotent. */
  stop(): Promise<void>;
}

/** Fails with {@link DemoPortInUseError} when a fixed port is taken (before anything starts). */
async function checkPortFree(host: string, port: number, flag: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new DemoPortInUseError(port, flag, host)
          : new Error(`cannot listen on ${host}:${port} (${flag}): ${error.message}`),
      );
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** Starts the demo; traffic begins at the next window boundary. */
export async function runDemo(options: DemoOptions): Promise<RunningDemo> {
  const { host, print, logger } = options;
  await checkPortFree(host, options.prometheusPort, '--prometheus-port');
  await checkPortFree(host, options.otlpHttpPort, '--otlp-http-port');
  if (options.otlpGrpcPort !== null)
    await checkPortFree(host, options.otlpGrpcPort, '--otlp-grpc-port');
  await checkPortFree(host, options.modelPort, '--model-port');
  // The instrumented side (OTel SDK, onnxruntime-node) are optional peers of the processor:
  // loaded when a demo runs, never by importing this module.
  const [{ startOtlpPipeline }, { startDemoModelServer }, { startDemoTraffic }] = await Promise.all(
    [
      import('@mlmon/instrumentation/sdk'),
      import('./demo-model-server.js'),
      import('./demo-traffic.js'),
    ],
  );

  const tempDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'mlmon-demo-'));
  const config: ServeConfig = {
    ...DEFAULT_SERVE_CONFIG,
    referenceProfiles: [],
    host,
    otlpHttpPort: options.otlpHttpPort,
    otlpGrpcPort: options.otlpGrpcPort,
    prometheusPort: options.prometheusPort,
    windowSeconds: options.windowSeconds,
    allowedLatenessSeconds: options.allowedLatenessSeconds,
    reference: 'first-window',
    dataDir,
    processorId: 'mlmon-demo',
    slos: demoSlos(),
  };
  const service = new MlmonService({ config, logger });
  let pipeline: OtlpPipeline | undefined;
  let model: DemoModelServer | undefined;
  let traffic: DemoTrafficHandle | undefined;
  let poller: NodeJS.Timeout | undefined;
  let stopping: Promise<void> | undefined;

  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      clearInterval(poller);
      traffic?.stop();
      await model?.close();
      await pipeline?.shutdown(); // flushes spans, metrics and events to the processor
      await service.stop(); // closes what is due, exports, closes listeners
      if (tempDir) rmSync(dataDir, { recursive: true, force: true });
    })());

  try {
    const addresses = await service.start().catch((error: Error) => {
      throw new Error(`the processor could not start: ${error.message}`);
    });
    const local = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
    const urlHost = local.includes(':') ? `[${local}]` : local;
    const adminUrl = `http://${urlHost}:${addresses.prometheusPort}`;
    pipeline = startOtlpPipeline({
      endpoint: `http://${urlHost}:${addresses.otlpHttpPort}`,
      serviceName: 'loan-scoring',
      exportIntervalMillis: 5000,
    });
    const providers = {
      tracerProvider: pipeline.tracerProvider,
      meterProvider: pipeline.meterProvider,
      loggerProvider: pipeline.loggerProvider,
    };
    model = await startDemoModelServer({ host, port: options.modelPort, providers });

    const windowMillis = options.windowSeconds * 1000;
    const now = Date.now();
    const start = Math.ceil(now / windowMillis) * windowMillis;
    traffic = startDemoTraffic({
      modelUrl: model.url,
      providers,
      seed: options.seed,
      windowSeconds: options.windowSeconds,
      startUnixMillis: start,
      ratePerSecond: options.ratePerSecond,
      onError: (message) => logger.warn(message),
    });

    const at = (window: number): string =>
      new Date(start + window * windowMillis).toISOString().slice(11, 19);
    print(`mlmon demo — processor, an instrumented model server and drifting traffic`);
    print(`  dashboard   ${adminUrl}/`);
    print(`  status API  ${adminUrl}/api/v1/models`);
    print(`  Prometheus  ${adminUrl}/metrics`);
    print(
      `  OTLP in     http://${urlHost}:${addresses.otlpHttpPort}` +
        (addresses.otlpGrpcPort !== null ? `, grpc://${urlHost}:${addresses.otlpGrpcPort}` : ''),
    );
    print(
      `  model       POST ${model.url}/v1/predict (${DEMO_MODEL_NAME} v${DEMO_MODEL_VERSION}, onnxruntime-node)`,
    );
    print(
      `  story       ${options.windowSeconds}s windows; traffic from ${at(0)} UTC (reference window), ` +
        `${DEMO_DRIFTED_FEATURE} drifts in ${DEMO_SLICE_KEY}=${DEMO_DRIFTED_COUNTRY} from ${at(DRIFT_FROM_WINDOW)}, ` +
        `the serving of ${DEMO_SLICE_KEY}=${DEMO_DEGRADED_COUNTRY} slows down and times out from ${at(DEGRADED_FROM_WINDOW)}, ` +
        `outcomes stop matching the scores (calibration) from ${at(MISCALIBRATION_FROM_WINDOW)}`,
    );
    print(`  Ctrl-C stops the demo. Closed windows:`);

    const printer = new WindowSummaryPrinter();
    let polling = false;
    poller = setInterval(() => {
      if (polling) return;
      polling = true;
      fetch(`${adminUrl}/api/v1/models`)
        .then(async (response) => {
          if (!response.ok) throw new Error(`status API answered ${response.status}`);
          for (const line of printer.linesFor((await response.json()) as ModelsResponse))
            print(line);
        })
        .catch((error: Error) => logger.warn(`summary: ${error.message}`))
        .finally(() => (polling = false));
    }, 1000);

    return {
      addresses,
      dashboardUrl: `${adminUrl}/`,
      modelUrl: model.url,
      trafficStartUnixMillis: start,
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
