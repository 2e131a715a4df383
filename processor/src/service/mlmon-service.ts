/**
 * The `mlmon serve` composition root: OTLP receivers → pure core (state) → flush loop (close
 * windows, evaluate) → exporters (Prometheus `/metrics`, OTLP metrics). Only this shell touches
 * sockets, timers and the clock; the clock is injected so tests close windows at will.
 * As in the collector's spanmetrics connector, the flush snapshots results and exports outside
 * the core, and export failures are counted and logged, never thrown.
 */
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  ATTR_MLMON_PROCESSOR_ID,
  ATTR_SERVICE_NAME,
  MLMON_PROCESSOR_OUTCOME_VALUE_ACCEPTED,
  MLMON_PROCESSOR_OUTCOME_VALUE_DROPPED,
  MLMON_PROCESSOR_OUTCOME_VALUE_LATE,
  MLMON_PROCESSOR_OUTCOME_VALUE_REJECTED,
  MLMON_SIGNAL_VALUE_METRICS,
} from '@mlmon/conventions';
import type { ServeConfig } from '../config/serve-config.js';
import type { OtlpRequest } from '../decode/otlp-types.js';
import type { EvaluateOptions } from '../evaluate/evaluate-window.js';
import { evaluateWindow } from '../evaluate/evaluate-window.js';
import { ReferenceCache } from '../evaluate/reference-cache.js';
import type { DelayHistogram, WindowResult } from '../evaluate/window-result.js';
import type { MetricsSnapshot, ResourceMetricsData } from '../export/metric-data.js';
import type { ExportOutcome, OtlpMetricsExporter } from '../export/otlp-metrics-exporter.js';
import { createOtlpMetricsExporter } from '../export/otlp-metrics-exporter.js';
import { renderPrometheusText } from '../export/prometheus-text.js';
import type { StartedDelayHistogram } from '../export/window-metrics.js';
import { windowMetrics } from '../export/window-metrics.js';
import { startOtlpGrpcReceiver } from '../receiver/grpc-receiver.js';
import { startOtlpHttpReceiver } from '../receiver/http-receiver.js';
import type { OtlpSink, RunningReceiver, SinkResult } from '../receiver/types.js';
import { handleDashboardRequest } from '../dashboard/handle-dashboard-request.js';
import { handleStatusRequest } from '../status-api/handle-status-request.js';
import { statusSourceFromResults } from '../status-api/status-source-from-results.js';
import type { AdminRoute, AdminServer } from './admin-server.js';
import { startAdminServer } from './admin-server.js';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import { createCorePipeline } from './core-pipeline.js';
import { loadProfiles } from './load-profiles.js';
import type { Logger } from './logger.js';
import { stderrLogger } from './logger.js';
import type { IngestOutcome, Pipeline } from './pipeline.js';
import { MLMON_SELF_SCOPE, SelfTelemetry } from './self-telemetry.js';

/** Options of {@link MlmonService}. */
export interface MlmonServiceOptions {
  readonly config: ServeConfig;
  /** @default the wall clock */
  readonly clock?: Clock;
  /** @default stderr */
  readonly logger?: Logger;
  /** Period of the flush loop; 0 disables it (tests call {@link MlmonService.flush}). @default 1000 */
  readonly flushIntervalMillis?: number;
  /** The core; default the real one over a fresh state. */
  readonly pipeline?: Pipeline;
  /** Evaluation options (alpha, reference building). */
  readonly evaluate?: Omit<EvaluateOptions, 'cache'>;
  /** Extra admin routes, tried before the status API (`/api/v1/…`, `/healthz`, `/readyz`) and the dashboard (`/`). */
  readonly adminRoutes?: readonly AdminRoute[];
}

/** The ports actually bound. */
export interface ServiceAddresses {
  readonly otlpHttpPort: number;
  /** `null` when gRPC is disabled. */
  readonly otlpGrpcPort: number | null;
  readonly prometheusPort: number;
}

/** `service.name` of the processor's own telemetry. */
export const MLMON_SERVICE_NAME = 'mlmon';

const SEP = '\u0000';

/** A running (or stopped) processor instance. */
export class MlmonService {
  /** Self-telemetry counters (records by outcome, export failures, evaluation time). */
  readonly telemetry = new SelfTelemetry();

  private readonly config: ServeConfig;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly pipeline: Pipeline;
  private readonly evaluateOptions: EvaluateOptions;
  private readonly exporter: OtlpMetricsExporter | undefined;
  private readonly startUnixMillis: number;
  private readonly latest = new Map<string, WindowResult>();
  private readonly histories = new Map<string, WindowResult[]>();
  private readonly cumulativeDelays = new Map<string, StartedDelayHistogram>();
  private deltaDelays = new Map<string, StartedDelayHistogram>();
  private receivers: RunningReceiver[] = [];
  private admin: AdminServer | undefined;
  private timers: NodeJS.Timeout[] = [];
  private chain: Promise<unknown> = Promise.resolve();
  private id: string | undefined;
  private stopped = false;

  constructor(private readonly options: MlmonServiceOptions) {
    this.config = options.config;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? stderrLogger;
    this.startUnixMillis = this.clock.now();
    this.pipeline =
      options.pipeline ??
      createCorePipeline({
        windowSeconds: this.config.windowSeconds,
        allowedLatenessSeconds: this.config.allowedLatenessSeconds,
        reference: this.config.reference,
        ...optionalResolver(loadProfiles(this.config)),
      });
    this.evaluateOptions = { ...options.evaluate, cache: new ReferenceCache() };
    this.exporter = this.config.export ? createOtlpMetricsExporter(this.config.export) : undefined;
  }

  /** `mlmon.processor.id`: configured, else `<hostname>:<admin port>` (unique per instance). */
  get processorId(): string {
    return this.id ?? this.config.processorId ?? `${hostname()}:${this.config.prometheusPort}`;
  }

  /** The OTLP sink the receivers deliver to. */
  readonly sink: OtlpSink = {
    admit: () => ({ ok: true }),
    accept: async (request) => this.accept(request),
  };

  /** Binds the receivers and the admin server and starts the flush loop. */
  async start(): Promise<ServiceAddresses> {
    const { host } = this.config;
    const receiverOptions = { sink: this.sink, host, logger: this.logger };
    const statusSource = statusSourceFromResults(this, {
      readiness: () =>
        this.receivers.length > 0 && !this.stopped
          ? { ready: true }
          : { ready: false, reason: 'the OTLP receivers are not listening' },
    });
    try {
      this.admin = await startAdminServer({
        host,
        port: this.config.prometheusPort,
        renderMetrics: () => this.renderMetrics(),
        routes: [
          ...(this.options.adminRoutes ?? []),
          (req, res) =>
            handleStatusRequest(req, res, statusSource, { now: () => this.clock.now() }),
          handleDashboardRequest,
        ],
        onError: (error) => this.logger.error(`admin server: ${error.message}`),
      });
      this.receivers.push(
        await startOtlpHttpReceiver({ ...receiverOptions, port: this.config.otlpHttpPort }),
      );
      if (this.config.otlpGrpcPort !== null) {
        this.receivers.push(
          await startOtlpGrpcReceiver({ ...receiverOptions, port: this.config.otlpGrpcPort }),
        );
      }
    } catch (error) {
      await this.closeListeners();
      throw new Error(`cannot listen: ${(error as Error).message}`);
    }
    this.id = this.config.processorId ?? `${hostname()}:${this.admin.port}`;

    const flushMillis = this.options.flushIntervalMillis ?? 1000;
    if (flushMillis > 0) {
      this.timers.push(setInterval(() => void this.flush().catch(() => {}), flushMillis));
    }
    if (this.exporter && flushMillis > 0) {
      const every = this.config.export!.intervalSeconds * 1000;
      this.timers.push(setInterval(() => void this.exportNow(), every));
    }
    for (const timer of this.timers) timer.unref();
    return {
      prometheusPort: this.admin.port,
      otlpHttpPort: this.receivers[0]!.port,
      otlpGrpcPort: this.config.otlpGrpcPort !== null ? this.receivers[1]!.port : null,
    };
  }

  /**
   * Closes every window the clock has passed, evaluates it, keeps the results and, when windows
   * closed, exports. Serialized: concurrent calls run one after the other.
   */
  flush(): Promise<WindowResult[]> {
    const run = this.chain.then(() => this.flushOnce());
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Sends the current metrics to the OTLP endpoint (no-op without one). Never throws. */
  async exportNow(): Promise<ExportOutcome | undefined> {
    if (!this.exporter) return undefined;
    const snapshot = this.snapshot('otlp');
    // Delta delays are handed over once, whatever the outcome: a failed delta is lost rather
    // than double counted later.
    this.deltaDelays = new Map();
    const outcome = await this.exporter.export(snapshot);
    if (!outcome.ok) {
      this.telemetry.countExportFailure(MLMON_SIGNAL_VALUE_METRICS, errorType(outcome.error));
      this.logger.warn(`OTLP metrics export failed: ${outcome.error}`);
    }
    return outcome;
  }

  /** Stops accepting data, flushes what is due, exports once more and closes everything. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await Promise.all(this.receivers.map((r) => r.close()));
    this.receivers = [];
    await this.flush();
    await this.exportNow();
    await this.closeListeners();
    await this.exporter?.shutdown();
  }

  /** The Prometheus text of the latest results and the self-telemetry. */
  renderMetrics(): string {
    return renderPrometheusText(this.snapshot('prometheus'));
  }

  /** The last results of a stream, oldest first (at most `historyWindows`). */
  history(streamKey: string): readonly WindowResult[] {
    return this.histories.get(streamKey) ?? [];
  }

  /** The latest result of every stream. */
  latestResults(): WindowResult[] {
    return [...this.latest.values()];
  }

  private async accept(request: OtlpRequest): Promise<SinkResult> {
    const outcome = this.pipeline.ingest(request, this.clock.now());
    this.countOutcome(request.signal, outcome);
    if (outcome.rejectedTotal === 0) return { rejected: 0 };
    const reasons = Object.entries(outcome.rejected)
      .filter(([, n]) => n > 0)
      .map(([reason, n]) => `${reason} (${n})`)
      .join(', ');
    return {
      rejected: outcome.rejectedTotal,
      message: `rejected ${outcome.rejectedTotal} of the request's records: ${reasons}`,
    };
  }

  private countOutcome(signal: string, outcome: IngestOutcome): void {
    const t = this.telemetry;
    t.countRecords(signal, MLMON_PROCESSOR_OUTCOME_VALUE_ACCEPTED, undefined, outcome.accepted);
    t.countRecords(signal, MLMON_PROCESSOR_OUTCOME_VALUE_LATE, undefined, outcome.late);
    for (const [reason, n] of Object.entries(outcome.rejected)) {
      t.countRecords(signal, MLMON_PROCESSOR_OUTCOME_VALUE_REJECTED, reason, n);
    }
    for (const [reason, n] of Object.entries(outcome.dropped)) {
      t.countRecords(signal, MLMON_PROCESSOR_OUTCOME_VALUE_DROPPED, reason, n);
    }
  }

  private async flushOnce(): Promise<WindowResult[]> {
    const now = this.clock.now();
    const started = performance.now();
    const closed = this.pipeline.closeWindows(now);
    if (closed.length === 0) return [];
    const results: WindowResult[] = [];
    for (const window of closed) {
      try {
        results.push(evaluateWindow(window, this.evaluateOptions));
      } catch (error) {
        // One stream's failure must not stop the others; it is a bug worth a loud log.
        this.logger.error(
          `evaluation of ${window.stream.model} ${window.stream.version} failed: ${(error as Error).stack ?? String(error)}`,
        );
      }
    }
    this.telemetry.recordEvaluation((performance.now() - started) / 1000);
    for (const result of results) this.keep(result);
    if (this.exporter) await this.exportNow();
    return results;
  }

  private keep(result: WindowResult): void {
    const key = result.stream.key;
    this.latest.set(key, result);
    const history = this.histories.get(key) ?? [];
    history.push(result);
    if (history.length > this.config.historyWindows)
      history.splice(0, history.length - this.config.historyWindows);
    this.histories.set(key, history);
    for (const [source, h] of Object.entries(result.groundTruth.delays)) {
      const seriesKey = key + SEP + source;
      this.cumulativeDelays.set(
        seriesKey,
        addDelays(this.cumulativeDelays.get(seriesKey), h, this.startUnixMillis),
      );
      this.deltaDelays.set(
        seriesKey,
        addDelays(this.deltaDelays.get(seriesKey), h, result.startUnixMillis),
      );
    }
  }

  private snapshot(target: 'prometheus' | 'otlp'): MetricsSnapshot {
    const temporality =
      target === 'otlp' ? (this.config.export?.temporality ?? 'cumulative') : 'cumulative';
    const delays = temporality === 'delta' ? this.deltaDelays : this.cumulativeDelays;
    const streams = [...this.latest.values()].map((result) => {
      const own: Record<string, StartedDelayHistogram> = {};
      const prefix = result.stream.key + SEP;
      for (const [seriesKey, h] of delays) {
        if (seriesKey.startsWith(prefix)) own[seriesKey.slice(prefix.length)] = h;
      }
      return { result, delays: own };
    });
    const processorId = this.processorId;
    let resources: ResourceMetricsData[] = windowMetrics(streams);
    if (target === 'otlp') {
      // Single-writer rule: each processor instance writes its own series.
      resources = resources.map((r) => ({
        ...r,
        resource: { ...r.resource, [ATTR_MLMON_PROCESSOR_ID]: processorId },
      }));
    }
    const gauges = this.pipeline.gauges();
    this.telemetry.setOverflow(gauges.overflowTotal);
    resources.push({
      resource: { [ATTR_SERVICE_NAME]: MLMON_SERVICE_NAME, [ATTR_MLMON_PROCESSOR_ID]: processorId },
      scopes: [
        {
          scope: MLMON_SELF_SCOPE,
          metrics: this.telemetry.collect(
            { streams: gauges.streams, pendingLabels: gauges.pendingLabels },
            this.startUnixMillis,
          ),
        },
      ],
    });
    return {
      timeUnixMillis: this.clock.now(),
      startUnixMillis: this.startUnixMillis,
      temporality,
      resources,
    };
  }

  private async closeListeners(): Promise<void> {
    await Promise.all(this.receivers.map((r) => r.close()));
    this.receivers = [];
    await this.admin?.close();
    this.admin = undefined;
  }
}

function optionalResolver<T>(resolveProfile: T | undefined): { resolveProfile?: T } {
  return resolveProfile === undefined ? {} : { resolveProfile };
}

/** Sums two delay histograms with the same bounds (the state uses fixed bounds). */
function addDelays(
  into: StartedDelayHistogram | undefined,
  h: DelayHistogram,
  startUnixMillis: number,
): StartedDelayHistogram {
  if (!into) return { ...h, counts: [...h.counts], startUnixMillis };
  const min =
    into.min === undefined ? h.min : h.min === undefined ? into.min : Math.min(into.min, h.min);
  const max =
    into.max === undefined ? h.max : h.max === undefined ? into.max : Math.max(into.max, h.max);
  return {
    bounds: into.bounds,
    counts: into.counts.map((c, i) => c + (h.counts[i] ?? 0)),
    count: into.count + h.count,
    sum: into.sum + h.sum,
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
    ...(into.startUnixMillis !== undefined ? { startUnixMillis: into.startUnixMillis } : {}),
  };
}

/** A short, bounded `error.type` from an export error message. */
function errorType(message: string): string {
  const http = /^HTTP (\d{3})/.exec(message);
  if (http) return http[1]!;
  if (message.startsWith('gRPC')) return 'grpc_error';
  if (/timeout|aborted/i.test(message)) return 'timeout';
  return 'network_error';
}
