/**
 * Sends alerts to one or more Alertmanagers (an HA pair gets every alert, as Prometheus does).
 * Each Alertmanager has its own outbox (`alerts/alertmanager-outbox.ts`): transitions are posted
 * at once, the firing set is re-sent every resend interval, undelivered resolutions are retried
 * with backoff. One timer (unref'd) wakes the sender at the next due post; `stop` clears it and
 * waits for posts in flight. Failures are counted as export failures and logged as one line
 * naming the URL and the HTTP status or error; nothing here throws.
 */
import { MLMON_SIGNAL_VALUE_ALERTMANAGER } from '@mlmon/conventions';
import type { AlertmanagerClient } from '../alerts/alertmanager-client.js';
import { AlertmanagerOutbox } from '../alerts/alertmanager-outbox.js';
import type { AlertTransition } from '../alerts/evaluate-alerts.js';
import { exportErrorType } from './export-error-type.js';
import type { Logger } from './logger.js';
import type { SelfTelemetry } from './self-telemetry.js';

/** Alerts per request (Prometheus posts at most 64 per request too). */
export const ALERTMANAGER_BATCH_SIZE = 64;
/** Undelivered resolutions kept per Alertmanager by default. */
export const DEFAULT_MAX_QUEUED_RESOLVED = 10_000;
/** First retry after a failed post; doubles per failure up to the resend interval. */
export const DEFAULT_INITIAL_BACKOFF_MILLIS = 1000;

/** What a sender needs. */
export interface AlertmanagerSenderOptions {
  /** One client per Alertmanager. */
  readonly clients: readonly AlertmanagerClient[];
  /** Time between re-sends of the firing alerts. */
  readonly resendMillis: number;
  readonly telemetry: SelfTelemetry;
  readonly logger: Logger;
  readonly now: () => number;
  /** @default DEFAULT_MAX_QUEUED_RESOLVED */
  readonly maxQueuedResolved?: number;
  /** @default DEFAULT_INITIAL_BACKOFF_MILLIS */
  readonly initialBackoffMillis?: number;
}

interface Target {
  readonly client: AlertmanagerClient;
  readonly outbox: AlertmanagerOutbox;
  /** The running delivery loop, if any (one per Alertmanager: posts never overlap). */
  running?: Promise<void>;
}

/** Delivers alert transitions to the configured Alertmanagers. */
export class AlertmanagerSender {
  private readonly targets: Target[];
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: AlertmanagerSenderOptions) {
    const outboxOptions = {
      resendMillis: options.resendMillis,
      maxQueuedResolved: options.maxQueuedResolved ?? DEFAULT_MAX_QUEUED_RESOLVED,
      initialBackoffMillis: options.initialBackoffMillis ?? DEFAULT_INITIAL_BACKOFF_MILLIS,
    };
    this.targets = options.clients.map((client) => ({
      client,
      outbox: new AlertmanagerOutbox(outboxOptions),
    }));
  }

  /** The alerts endpoints, without credentials. */
  get urls(): string[] {
    return this.targets.map((t) => t.client.url);
  }

  /** Records transitions and posts them (with the firing set) to every Alertmanager. */
  async send(transitions: readonly AlertTransition[]): Promise<void> {
    if (this.stopped || transitions.length === 0) return;
    const now = this.options.now();
    for (const target of this.targets) {
      const dropped = target.outbox.record(transitions, now);
      if (dropped > 0) {
        this.options.telemetry.countAlertsDropped(dropped);
        this.options.logger.warn(
          `Alertmanager ${target.client.url}: ${dropped} undelivered resolved alert(s) dropped, the oldest beyond the retry queue's bound`,
        );
      }
    }
    await this.deliverDue();
  }

  /** Posts to every Alertmanager whose post is due (re-send or retry). Never throws. */
  async deliverDue(): Promise<void> {
    await Promise.all(this.targets.map((target) => this.pump(target)));
    this.schedule();
  }

  /** Undelivered resolutions per Alertmanager URL (for tests and diagnostics). */
  queuedResolved(): Record<string, number> {
    return Object.fromEntries(this.targets.map((t) => [t.client.url, t.outbox.queuedResolved()]));
  }

  /** Stops the timer and waits for posts in flight; later sends are ignored. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await Promise.all(this.targets.map((t) => t.running));
  }

  /** Runs one Alertmanager's delivery loop until nothing is due (joins a running loop). */
  private pump(target: Target): Promise<void> {
    if (target.running) return target.running;
    const run = (async () => {
      for (;;) {
        const due = target.outbox.nextDueMs();
        if (this.stopped || due === undefined || due > this.options.now()) return;
        await this.postOnce(target);
      }
    })().finally(() => {
      target.running = undefined;
    });
    target.running = run;
    return run;
  }

  /** Posts the firing set and the undelivered resolutions, in batches. */
  private async postOnce(target: Target): Promise<void> {
    const batch = target.outbox.batch(this.options.now());
    let ok = true;
    for (let i = 0; i < batch.alerts.length && ok; i += ALERTMANAGER_BATCH_SIZE) {
      const outcome = await target.client.post(batch.alerts.slice(i, i + ALERTMANAGER_BATCH_SIZE));
      if (!outcome.ok) {
        ok = false;
        this.options.telemetry.countExportFailure(
          MLMON_SIGNAL_VALUE_ALERTMANAGER,
          exportErrorType(outcome.error),
        );
        this.options.logger.warn(`Alertmanager post failed: ${outcome.error}`);
      }
    }
    if (ok) target.outbox.delivered(batch.resolved);
    target.outbox.settle(ok, this.options.now());
  }

  /** Arms the one timer for the earliest due post. */
  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.stopped) return;
    const due = this.targets
      .map((t) => t.outbox.nextDueMs())
      .filter((d): d is number => d !== undefined);
    if (due.length === 0) return;
    const delay = Math.max(0, Math.min(...due) - this.options.now());
    this.timer = setTimeout(() => void this.deliverDue(), delay);
    this.timer.unref();
  }
}
