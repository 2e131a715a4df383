/**
 * Model availability beside the proxied calls: polls the Open Inference Protocol server's
 * `GET /v2/health/ready` and `GET /v2/models/{name}/ready` for every model the proxy is
 * configured for or has seen, and reports `ml.model.ready` (1 ready, 0 not, unreachable or slow)
 * as an observable gauge. Polls run off the request path (a timer, each with its own timeout), so
 * a slow or dead server never delays a proxied call; state changes are logged once each.
 */
import { diag, metrics, type MeterProvider } from '@opentelemetry/api';
import { ATTR_ML_MODEL_NAME, DESCRIPTOR_ML_MODEL_READY } from '@mlmon/conventions';
import {
  INSTRUMENTATION_SCOPE_NAME,
  INSTRUMENTATION_SCOPE_VERSION,
  metricOptionsFrom,
} from '../recorder.js';

/** Options of {@link startReadinessPolling}. */
export interface ReadinessPollingOptions {
  readonly upstream: URL;
  /** `server.address` and `server.port` of the model server. */
  readonly serverAttributes: Readonly<Record<string, string | number>>;
  /** Milliseconds between polls. */
  readonly intervalMillis: number;
  /** Per-request timeout, milliseconds. */
  readonly timeoutMillis: number;
  /** The models to poll (configured and seen so far), read at each poll. */
  readonly models: () => Iterable<string>;
  readonly meterProvider?: MeterProvider;
}

/** A running poller. */
export interface ReadinessPolling {
  /** Polls the server and every model now; resolves when all answers (or timeouts) are in. */
  pollNow(): Promise<void>;
  /** The last state: the server's (`''`) and each model's readiness. */
  state(): ReadonlyMap<string, boolean>;
  stop(): void;
}

/** Starts polling (the first poll runs at once). */
export function startReadinessPolling(options: ReadinessPollingOptions): ReadinessPolling {
  const state = new Map<string, boolean>();
  const base = options.upstream.href.replace(/\/$/, '');
  const check = async (path: string): Promise<boolean> => {
    try {
      const response = await fetch(`${base}${path}`, {
        signal: AbortSignal.timeout(options.timeoutMillis),
      });
      await response.arrayBuffer(); // release the connection
      return response.ok;
    } catch {
      return false;
    }
  };
  const record = (model: string, ready: boolean): void => {
    const before = state.get(model);
    state.set(model, ready);
    if (before === ready) return;
    const what = model === '' ? `model server ${base}` : `model ${model} on ${base}`;
    // Appearing ready is the expected state; anything else is worth a line.
    if (ready && before === undefined) diag.info(`@mlmon/instrumentation: ${what} is ready`);
    else diag.warn(`@mlmon/instrumentation: ${what} is ${ready ? 'ready again' : 'not ready'}`);
  };
  const pollNow = async (): Promise<void> => {
    const models = [...new Set(options.models())];
    const answers = await Promise.all([
      check('/v2/health/ready'),
      ...models.map((m) => check(`/v2/models/${encodeURIComponent(m)}/ready`)),
    ]);
    record('', answers[0]!);
    models.forEach((m, i) => record(m, answers[i + 1]!));
  };

  const meter = (options.meterProvider ?? metrics.getMeterProvider()).getMeter(
    INSTRUMENTATION_SCOPE_NAME,
    INSTRUMENTATION_SCOPE_VERSION,
  );
  const gauge = meter.createObservableGauge(
    DESCRIPTOR_ML_MODEL_READY.name,
    metricOptionsFrom(DESCRIPTOR_ML_MODEL_READY),
  );
  const observe = (result: {
    observe(value: number, attributes: Record<string, string | number>): void;
  }) => {
    for (const [model, ready] of state) {
      result.observe(
        ready ? 1 : 0,
        model === ''
          ? { ...options.serverAttributes }
          : { ...options.serverAttributes, [ATTR_ML_MODEL_NAME]: model },
      );
    }
  };
  gauge.addCallback(observe);

  let running: Promise<void> | undefined;
  const tick = (): void => {
    // One poll at a time: a server slower than the interval is not asked twice.
    running ??= pollNow().finally(() => (running = undefined));
  };
  const timer = setInterval(tick, options.intervalMillis);
  timer.unref();
  tick();
  return {
    pollNow,
    state: () => state,
    stop() {
      clearInterval(timer);
      gauge.removeCallback(observe);
    },
  };
}
