/**
 * The `mlmon serve` composition root: OTLP receivers → pure core (state) → flush loop (close
 * windows, evaluate) → exporters (Prometheus `/metrics`, OTLP metrics). Only this shell touches
 * sockets, timers and the clock; the clock is injected so tests close windows at will.
 * As in the collector's spanmetrics connector, the flush snapshots results and exports outside
 * the core, and export failures are counted and logged, never thrown.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import {
  ATTR_MLMON_PROCESSOR_ID,
  ATTR_SERVICE_NAME,
  MLMON_PROCESSOR_OUTCOME_VALUE_ACCEPTED,
  MLMON_PROCESSOR_OUTCOME_VALUE_DROPPED,
  MLMON_PROCESSOR_OUTCOME_VALUE_LATE,
  MLMON_PROCESSOR_OUTCOME_VALUE_REJECTED,
  MLMON_SIGNAL_VALUE_LOGS,
  MLMON_SIGNAL_VALUE_METRICS,
} from '@mlmon/conventions';
import {
  AdmissionController,
  DEFAULT_ADMISSION_LIMITS,
} from '../admission/admission-controller.js';
import type { AlertRule } from '../alerts/alert-rule.js';
import { DEFAULT_ALERT_RULES } from '../alerts/alert-rule.js';
import { alertStatusMetrics, statusAlerts } from '../alerts/alert-metrics.js';
import type { AlertState, SerializedAlertState } from '../alerts/alert-state.js';
import { createAlertState, restoreAlertState, serializeAlertState } from '../alerts/alert-state.js';
import { alertEventBody } from '../alerts/alert-event-attributes.js';
import type { AlertTransition } from '../alerts/evaluate-alerts.js';
import { evaluateAlerts } from '../alerts/evaluate-alerts.js';
import type { OtlpAlertExporter } from '../alerts/otlp-alert-exporter.js';
import { createOtlpAlertExporter } from '../alerts/otlp-alert-exporter.js';
import type { MonitorState } from '../state/monitor-state.js';
import type { SerializedState } from '../state/serialize-state.js';
import { restoreState, serializeState } from '../state/serialize-state.js';
import type { StateConfig } from '../state/state-config.js';
import { createState } from '../state/streams.js';
import type { DurableStore } from '../storage/durable-store.js';
import { openDurableStore } from '../storage/durable-store.js';
import { replayWal } from '../storage/replay-wal.js';
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
import type {
  OtlpSink,
  RequestHandledEvent,
  RunningReceiver,
  SinkResult,
} from '../receiver/types.js';
import { handleDashboardRequest } from '../dashboard/handle-dashboard-request.js';
import { handleStatusRequest } from '../status-api/handle-status-request.js';
import { statusSourceFromResults } from '../status-api/status-source-from-results.js';
import type { AdminRoute, AdminServer } from './admin-server.js';
import { startAdminServer } from './admin-server.js';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import { corePipelineOver } from './core-pipeline.js';
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
  /**
   * Keep the state in `config.dataDir` (write-ahead log + checkpoints) and restore it on start.
   * `mlmon serve` turns it on; in-process embeddings and tests keep state in memory only.
   * @default false
   */
  readonly durable?: boolean;
  /**
   * Checkpoint at least this often (besides window closes), so the write-ahead log — and the
   * replay after a crash — stays short when windows are long. 0 disables. @default 60000
   */
  readonly checkpointIntervalMillis?: number;
}

/** What a checkpoint of the service holds (docs/storage-format.md). */
export interface ServiceCheckpoint {
  readonly state: SerializedState;
  readonly alerts: SerializedAlertState;
  readonly history: [string, WindowResult[]][];
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
  private pipeline: Pipeline;
  private state: MonitorState | undefined;
  private readonly stateOptions: Partial<StateConfig>;
  private readonly admission: AdmissionController;
  private readonly alertRules: readonly AlertRule[];
  private alertState: AlertState = createAlertState();
  private readonly alertExporter: OtlpAlertExporter | undefined;
  private store: DurableStore<ServiceCheckpoint> | undefined;
  private replayedAlerts: AlertTransition[] = [];
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
    const caps = this.config.caps ?? {};
    this.stateOptions = {
      windowSeconds: this.config.windowSeconds,
      allowedLatenessSeconds: this.config.allowedLatenessSeconds,
      reference: this.config.reference,
      ...optionalResolver(loadProfiles(this.config)),
      ...defined('maxSliceStreams', caps.maxStreams),
      ...defined('maxFeaturesPerModel', caps.maxFeaturesPerStream),
      ...defined('maxCategories', caps.maxCategoriesPerFeature),
      ...defined('maxPendingPredictions', caps.maxPendingPredictions),
      ...defined('maxPendingLabels', caps.maxPendingLabels),
    };
    if (options.pipeline) {
      this.pipeline = options.pipeline;
    } else {
      this.state = createState(this.stateOptions);
      this.pipeline = corePipelineOver(this.state);
    }
    this.evaluateOptions = { ...options.evaluate, cache: new ReferenceCache() };
    this.exporter = this.config.export ? createOtlpMetricsExporter(this.config.export) : undefined;
    this.alertExporter = this.config.export
      ? createOtlpAlertExporter(this.config.export)
      : undefined;
    this.alertRules = this.config.alerts ?? DEFAULT_ALERT_RULES;
    const limits = this.config.limits;
    this.admission = new AdmissionController(
      {
        ...DEFAULT_ADMISSION_LIMITS,
        ...(limits
          ? {
              maxInFlightRequests: limits.maxInflightRequests,
              maxInFlightBytes: limits.maxInflightBytes,
              heapSoftLimitBytes: limits.memorySoftLimitBytes,
            }
          : {}),
      },
      () => getHeapStatistics().used_heap_size,
    );
  }

  /** `mlmon.processor.id`: configured, else `<hostname>:<admin port>` (unique per instance). */
  get processorId(): string {
    return this.id ?? this.config.processorId ?? `${hostname()}:${this.config.prometheusPort}`;
  }

  /** The OTLP sink the receivers deliver to. */
  readonly sink: OtlpSink = {
    admit: (signal, contentLength) => this.admission.admit(signal, contentLength),
    accept: async (request, raw) => this.accept(request, raw),
  };

  /** Binds the receivers and the admin server and starts the flush loop. */
  async start(): Promise<ServiceAddresses> {
    const { host } = this.config;
    if (this.options.durable && !this.options.pipeline) await this.recover();
    let tls: { cert: Buffer; key: Buffer } | undefined;
    if (this.config.tls) {
      try {
        tls = {
          cert: readFileSync(this.config.tls.certPath),
          key: readFileSync(this.config.tls.keyPath),
        };
      } catch (error) {
        throw new Error(`cannot read the TLS certificate or key: ${(error as Error).message}`);
      }
    }
    const security = {
      ...(this.config.authToken !== undefined ? { authToken: this.config.authToken } : {}),
      ...(tls ? { tls } : {}),
    };
    const receiverOptions = {
      sink: this.sink,
      host,
      logger: this.logger,
      onRequestHandled: (event: RequestHandledEvent) => this.admission.onRequestHandled(event),
      ...security,
    };
    const statusSource = statusSourceFromResults(this, {
      alerts: () => statusAlerts(this.alertState),
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
        ...security,
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
    const checkpointMillis = this.options.checkpointIntervalMillis ?? 60_000;
    if (this.store && checkpointMillis > 0) {
      this.timers.push(
        setInterval(() => {
          // Through the flush chain: never between a window close and its checkpoint.
          const run = this.chain.then(() => this.checkpoint());
          this.chain = run.catch(() => undefined);
        }, checkpointMillis),
      );
    }
    for (const timer of this.timers) timer.unref();
    if (this.replayedAlerts.length > 0) {
      const transitions = this.replayedAlerts;
      this.replayedAlerts = [];
      void this.sendAlerts(transitions);
    }
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
    if (this.store) {
      await this.checkpoint();
      await this.store.close();
    }
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

  private async accept(
    request: OtlpRequest,
    raw: { body: Uint8Array; contentType: 'protobuf' | 'json' },
  ): Promise<SinkResult> {
    const now = this.clock.now();
    // Logged and applied in the same turn, so the state always reflects exactly the log's
    // prefix; answered only once the log record is durable (group commit).
    const durable = this.store?.append({
      kind: 'request',
      receiveUnixMillis: now,
      signal: request.signal,
      contentType: raw.contentType,
      body: raw.body,
    }).durable;
    const outcome = this.pipeline.ingest(request, now);
    if (durable) await durable;
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
    const { closed, results, transitions } = this.closeAndEvaluate(now);
    if (closed === 0) return [];
    if (this.store) {
      try {
        // Same turn as the closing: replay closes windows at exactly this point of the log.
        this.store.append({ kind: 'close-windows', receiveUnixMillis: now });
      } catch (error) {
        this.logger.error(`write-ahead log: ${(error as Error).message}`);
      }
      await this.checkpoint();
    }
    if (this.exporter) await this.exportNow();
    await this.sendAlerts(transitions);
    return results;
  }

  /** Restores the checkpoint of the data directory and replays the log after it. */
  private async recover(): Promise<void> {
    const dir = this.config.dataDir;
    const store = await openDurableStore<ServiceCheckpoint>({
      dir,
      logger: this.logger,
      now: () => this.clock.now(),
    });
    const checkpoint = store.recovered.checkpoint;
    if (checkpoint) {
      try {
        this.state = restoreState(checkpoint.data.state, this.stateOptions);
        this.pipeline = corePipelineOver(this.state);
        this.alertState = restoreAlertState(checkpoint.data.alerts);
        for (const [key, history] of checkpoint.data.history ?? []) {
          const kept = history.slice(-this.config.historyWindows);
          this.histories.set(key, kept);
          if (kept.length > 0) this.latest.set(key, kept[kept.length - 1]!);
        }
      } catch (error) {
        this.logger.warn(
          `the checkpoint in ${dir} cannot be used (${(error as Error).message}); starting from an empty state`,
        );
      }
    }
    const transitions: AlertTransition[] = [];
    const replayed = replayWal(
      store.recovered.replay,
      {
        closeWindows: (nowMs) => transitions.push(...this.closeAndEvaluate(nowMs).transitions),
        ingest: (request, nowMs) => void this.pipeline.ingest(request, nowMs),
      },
      this.logger,
    );
    if (checkpoint || replayed > 0) {
      this.logger.info(
        `restored ${dir}: checkpoint at LSN ${checkpoint?.lsn ?? 0}, ${replayed} logged requests replayed`,
      );
    }
    this.replayedAlerts = transitions;
    this.store = store;
  }

  /** Writes a checkpoint; failures are logged (the log still holds everything). */
  private async checkpoint(): Promise<void> {
    const state = this.state;
    if (!this.store || !state) return;
    try {
      await this.store.checkpoint(() => ({
        state: serializeState(state),
        alerts: serializeAlertState(this.alertState),
        history: [...this.histories],
      }));
    } catch (error) {
      this.logger.error(`checkpoint failed: ${(error as Error).message}`);
    }
  }

  /** Logs the transitions and sends them as `ml.alert` events. Never throws. */
  private async sendAlerts(transitions: readonly AlertTransition[]): Promise<void> {
    if (transitions.length === 0) return;
    for (const t of transitions) this.logger.info(`alert ${alertEventBody(t)}`);
    if (!this.alertExporter) return;
    const outcome = await this.alertExporter.export(
      transitions,
      this.processorId,
      this.clock.now(),
    );
    if (!outcome.ok) {
      this.telemetry.countExportFailure(MLMON_SIGNAL_VALUE_LOGS, errorType(outcome.error));
      this.logger.warn(`OTLP alert export failed: ${outcome.error}`);
    }
  }

  /** Closes the windows `now` has passed, evaluates them, keeps the results, applies the alert rules. */
  private closeAndEvaluate(now: number): {
    closed: number;
    results: WindowResult[];
    transitions: AlertTransition[];
  } {
    const started = performance.now();
    const closed = this.pipeline.closeWindows(now);
    if (closed.length === 0) return { closed: 0, results: [], transitions: [] };
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
    return {
      closed: closed.length,
      results,
      transitions: evaluateAlerts(this.alertState, this.alertRules, results),
    };
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
        // The all-slices stream's key is a prefix of its slice streams' keys: a series is this
        // stream's only when the rest is a bare ground-truth source (no further separator).
        if (!seriesKey.startsWith(prefix)) continue;
        const source = seriesKey.slice(prefix.length);
        if (!source.includes(SEP)) own[source] = h;
      }
      return { result, delays: own };
    });
    const processorId = this.processorId;
    let resources: ResourceMetricsData[] = [
      ...windowMetrics(streams),
      ...alertStatusMetrics(this.alertState),
    ];
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
            {
              streams: gauges.streams,
              pendingLabels: gauges.pendingLabels,
              queueDepth: this.admission.stats().inFlightRequests,
            },
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

function defined<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
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
