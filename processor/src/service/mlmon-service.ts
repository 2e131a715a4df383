/**
 * The `mlmon serve` orchestrator, along the lines of the collector's spanmetrics connector:
 * OTLP receivers → core pipeline (ingest) → flush loop (a {@link WindowPass}: close windows,
 * evaluate in slices that let ingest through, keep results, apply alert rules) → checkpoint →
 * exporters (Prometheus `/metrics`, OTLP metrics and `ml.alert` events). The parts come from
 * {@link createServiceParts}; durability (log, recovery, checkpoints) sits behind one interface.
 * Only this shell runs timers and reads the clock, which is injected so tests close windows at
 * will. Export failures are counted and logged, never thrown.
 */
import type { ExpositionFormat } from '../export/prometheus-text.js';
import { hostname } from 'node:os';
import { ML_ALERT_STATE_VALUE_FIRING } from '@mlmon/conventions';
import type { AlertTransition } from '../alerts/evaluate-alerts.js';
import type { ServeConfig } from '../config/serve-config.js';
import type { OtlpRequest } from '../decode/otlp-types.js';
import type { WindowResult } from '../evaluate/window-result.js';
import type { ReferenceReset } from '../state/reset-references.js';
import type { ExportOutcome } from '../export/otlp-metrics-exporter.js';
import type { OtlpSink, SinkResult } from '../receiver/types.js';
import { checkpointSubject } from './checkpoint-subject.js';
import { MonotonicClock, systemClock } from './clock.js';
import type { ServiceParts } from './create-service-parts.js';
import { createServiceParts } from './create-service-parts.js';
import type { Durability } from './durability.js';
import { IN_MEMORY, recoverDurability } from './durability.js';
import { ingestReply } from './ingest-reply.js';
import { IntervalTimers } from './interval-timers.js';
import type { Listeners, ServiceAddresses } from './listeners.js';
import { startListeners } from './listeners.js';
import type { Logger } from './logger.js';
import { stderrLogger } from './logger.js';
import type { MlmonServiceOptions } from './service-options.js';
import { adminRoutes } from './service-routes.js';
import { SelfTelemetry } from './self-telemetry.js';
import { WindowPass } from './window-pass.js';

export type { MlmonServiceOptions } from './service-options.js';
export type { ServiceCheckpoint } from './durability.js';
export type { ServiceAddresses } from './listeners.js';
export { MLMON_SERVICE_NAME } from './metrics-snapshot.js';

/** A running (or stopped) processor instance. */
export class MlmonService {
  /** Self-telemetry counters (records by outcome, export failures, evaluation time). */
  readonly telemetry = new SelfTelemetry();

  private readonly config: ServeConfig;
  private readonly clock: MonotonicClock;
  private readonly logger: Logger;
  private readonly parts: ServiceParts;
  private readonly pass: WindowPass;
  private durability: Durability = IN_MEMORY;
  private listeners: Listeners | undefined;
  private readonly timers = new IntervalTimers();
  private chain: Promise<unknown> = Promise.resolve();
  private id: string | undefined;
  private stopped = false;
  /** Flushes started and not yet settled. */
  private flushing = 0;

  constructor(private readonly options: MlmonServiceOptions) {
    this.config = options.config;
    this.clock = new MonotonicClock(options.clock ?? systemClock);
    this.logger = options.logger ?? stderrLogger;
    this.parts = createServiceParts({
      ...options,
      telemetry: this.telemetry,
      logger: this.logger,
      startUnixMillis: this.clock.now(),
      processorId: () => this.processorId,
      externalUrl: () => this.externalUrl,
      now: () => this.clock.now(),
    });
    this.pass = new WindowPass(
      this.parts,
      this.config,
      this.telemetry,
      this.logger,
      this.clock,
      options.evaluationSliceMillis ?? 5,
    );
  }

  /** `mlmon.processor.id`: configured, else `<hostname>:<admin port>` (unique per instance). */
  get processorId(): string {
    return this.id ?? this.config.processorId ?? `${hostname()}:${this.config.prometheusPort}`;
  }

  /** Where users reach the admin port: configured, else `<scheme>://<hostname>:<admin port>`. */
  get externalUrl(): string {
    const port = this.listeners?.addresses.prometheusPort ?? this.config.prometheusPort;
    return (
      this.config.externalUrl ?? `${this.config.tls ? 'https' : 'http'}://${hostname()}:${port}`
    );
  }

  /** The OTLP sink the receivers deliver to. */
  readonly sink: OtlpSink = {
    admit: (signal, contentLength) => {
      // A log that cannot write refuses cheaply, before the body is read.
      const wal = this.durability.health();
      if (!wal.ok) {
        return {
          ok: false,
          status: 503,
          retryAfterSeconds: wal.retryAfterSeconds,
          message: wal.reason,
        };
      }
      return this.parts.admission.admit(signal, contentLength);
    },
    accept: async (request, raw) => this.accept(request, raw),
  };

  /** Restores a durable service's data directory, binds the listeners, starts the loops. */
  async start(): Promise<ServiceAddresses> {
    const replayed: AlertTransition[] = [];
    if (this.options.durable) {
      this.durability = await recoverDurability({
        dir: this.config.dataDir,
        logger: this.logger,
        now: () => this.clock.now(),
        subject: checkpointSubject(this.parts),
        ...(this.options.walFileSystem !== undefined ? { fs: this.options.walFileSystem } : {}),
        ...(this.options.repair !== undefined ? { repair: this.options.repair } : {}),
        ...(this.options.walResumeBackoff !== undefined
          ? { resumeBackoff: this.options.walResumeBackoff }
          : {}),
        replay: {
          // The clock is held at least at every logged time: a clock stepped back while the
          // processor was down must not reopen what the log says closed.
          closeWindows: (nowMs) => {
            this.clock.holdAtLeast(nowMs);
            replayed.push(...this.pass.runAtOnce(nowMs).transitions);
          },
          beginClose: (nowMs) => {
            this.clock.holdAtLeast(nowMs);
            replayed.push(...this.pass.beginAtOnce(nowMs).transitions);
          },
          finishClose: () => replayed.push(...this.pass.finishAtOnce().transitions),
          resetReference: (model, version) => void this.applyReset(model, version),
          ingest: (request, nowMs) => {
            this.clock.holdAtLeast(nowMs);
            void this.parts.pipeline.ingest(request, nowMs);
          },
        },
      });
    }
    this.listeners = await startListeners({
      config: this.config,
      sink: this.sink,
      logger: this.logger,
      onRequestHandled: (event) => this.parts.admission.onRequestHandled(event),
      renderMetrics: (format) => this.renderMetrics(format),
      routes: adminRoutes({
        extra: this.options.adminRoutes ?? [],
        results: this.parts.results,
        alerts: this.parts.alerts,
        ready: () => (this.listeners?.receiving ?? false) && !this.stopped,
        notReadyReason: () => {
          const wal = this.durability.health();
          return wal.ok ? undefined : wal.reason;
        },
        now: () => this.clock.now(),
        resetReference: (model, version) => this.resetReference(model, version),
        ...(this.config.capture !== undefined ? { captureDataDir: this.config.dataDir } : {}),
        ...(this.config.traceUrlTemplate !== undefined
          ? { traceUrlTemplate: this.config.traceUrlTemplate }
          : {}),
      }),
    });
    const addresses = this.listeners.addresses;
    this.id = this.config.processorId ?? `${hostname()}:${addresses.prometheusPort}`;
    this.startTimers();
    // What the restored memory says fires now, then the transitions the log replay made.
    void this.parts.alerts.resumeFiring();
    if (replayed.length > 0) void this.sendAlerts(replayed);
    return addresses;
  }

  /**
   * Closes every window the clock has passed, evaluates it, keeps the results and, when windows
   * closed, exports. Serialized: concurrent calls run one after the other.
   */
  flush(): Promise<WindowResult[]> {
    this.flushing++;
    const run = this.serialized(() => this.flushOnce());
    const settled = (): void => void this.flushing--;
    run.then(settled, settled);
    return run;
  }

  /**
   * Resets the references of model `model` (version `version`, or every version): the next
   * window with predictions of each stream starts the comparison over. Runs between flushes
   * (never during a pass); logged, and resolved once the log record is durable.
   */
  resetReference(model: string, version?: string): Promise<ReferenceReset> {
    return this.serialized(async () => {
      // Applied only if it can be logged: a reset the log lost would be undone by a restart.
      const wal = this.durability.health();
      if (!wal.ok) throw new Error(`cannot reset references now: ${wal.reason}`);
      const reset = this.applyReset(model, version);
      if (reset.modelVersions > 0) {
        await this.durability.logReset(model, version, this.clock.now());
        this.logger.info(
          `references of ${model}${version !== undefined ? ` ${version}` : ''} reset (${reset.streams.length} stream(s)); the next window with predictions starts over`,
        );
      }
      return reset;
    });
  }

  /** Applies a reset to the state and drops the references built for it. */
  private applyReset(model: string, version: string | undefined): ReferenceReset {
    const { pipeline, evaluateOptions } = this.parts;
    if (!pipeline.resetReferences) throw new Error('this pipeline cannot reset references');
    const reset = pipeline.resetReferences(model, version);
    evaluateOptions.cache?.forgetStreams(reset.streams);
    return reset;
  }

  /** Sends the current metrics to the OTLP endpoint (no-op without one). Never throws. */
  exportNow(): Promise<ExportOutcome | undefined> {
    return this.parts.metrics.export();
  }

  /** Stops accepting data, flushes what is due, exports once more and closes everything. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.timers.clear();
    await this.listeners?.closeReceivers();
    await this.flush();
    await this.durability.checkpoint();
    await this.durability.close();
    await this.exportNow();
    // What the export queues still hold gets one export timeout to go out, then is dropped
    // (counted): a backend that is down must not hold the shutdown.
    const deadlineMs = Date.now() + (this.config.export?.timeoutSeconds ?? 10) * 1000;
    await this.parts.alerts.close(deadlineMs);
    await this.listeners?.close();
    await this.parts.metrics.shutdown(deadlineMs);
  }

  /** The Prometheus text (or OpenMetrics) of the latest results and the self-telemetry. */
  renderMetrics(format: ExpositionFormat = 'prometheus'): string {
    return this.parts.metrics.render(format);
  }

  /** The last results of a stream, oldest first (at most `historyWindows`). */
  history(streamKey: string): readonly WindowResult[] {
    return this.parts.results.history(streamKey);
  }

  /** The latest result of every stream. */
  latestResults(): WindowResult[] {
    return this.parts.results.latestResults();
  }

  private async accept(
    request: OtlpRequest,
    raw: { body: Uint8Array; contentType: 'protobuf' | 'json' },
  ): Promise<SinkResult> {
    const now = this.clock.now();
    // Logged and applied in the same turn, so the state always reflects exactly the log's
    // prefix; answered only once the log record is durable (group commit).
    const durable = this.durability.logRequest({
      receiveUnixMillis: now,
      signal: request.signal,
      contentType: raw.contentType,
      body: raw.body,
    });
    const outcome = this.parts.pipeline.ingest(request, now);
    if (durable) await durable;
    return ingestReply(this.telemetry, request.signal, outcome);
  }

  private async flushOnce(): Promise<WindowResult[]> {
    await this.flushCapture();
    const now = this.clock.now();
    // The close markers are logged in the turns of the seal and of the finish: replay seals and
    // finishes at exactly these points of the log.
    const pass = await this.pass.run(now, (kind) => this.durability.logClose(kind, now));
    if (!pass) return [];
    this.boostCapture(pass.transitions);
    await this.durability.checkpoint();
    if (this.parts.metrics.exporting) await this.exportNow();
    await this.sendAlerts(pass.transitions);
    return pass.results;
  }

  /** Keeps the window before and after each alert that started firing (capture store). */
  private boostCapture(transitions: readonly AlertTransition[]): void {
    const capture = this.parts.capture;
    if (capture === undefined) return;
    for (const t of transitions) {
      if (t.state !== ML_ALERT_STATE_VALUE_FIRING) continue;
      capture.boostAround(t.model, t.timeUnixMillis, this.config.windowSeconds * 1000);
    }
  }

  /** Writes the captured records handed over so far; a failure is logged, never thrown. */
  private async flushCapture(): Promise<void> {
    try {
      await this.parts.capture?.flush();
    } catch (error) {
      this.logger.error(`capture store: ${(error as Error).message}`);
    }
  }

  private sendAlerts(transitions: readonly AlertTransition[]): Promise<void> {
    return this.parts.alerts.send(transitions, this.processorId, this.clock.now());
  }

  /** Runs `task` after every earlier flush or checkpoint (never between a close and its checkpoint). */
  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private startTimers(): void {
    const flushMillis = this.options.flushIntervalMillis ?? 1000;
    const checkpointMillis = this.options.checkpointIntervalMillis ?? 60_000;
    // A tick while a flush runs is dropped, not queued: passes never stack behind a slow one.
    const tick = (): void => {
      if (this.flushing === 0) void this.flush().catch(() => {});
    };
    if (flushMillis > 0) this.timers.every(flushMillis, tick);
    if (this.parts.metrics.exporting && flushMillis > 0) {
      this.timers.every(this.config.export!.intervalSeconds * 1000, () => void this.exportNow());
    }
    if (this.durability.persistent && checkpointMillis > 0) {
      this.timers.every(
        checkpointMillis,
        () => void this.serialized(() => this.durability.checkpoint()),
      );
    }
  }
}
