/**
 * What one Alertmanager still has to be told, as pure data (the clock is passed in). Alertmanager
 * resolves an alert whose `endsAt` passes without a re-send, so every firing alert is re-sent
 * each resend interval with `endsAt` = now + 4 intervals (as Prometheus does: alerts of a dead
 * processor expire on their own). A resolution is sent once and kept until delivered: after a
 * failed post the whole set is retried with exponential backoff. The undelivered resolutions
 * are bounded; beyond the bound the oldest are dropped and counted (Alertmanager then resolves
 * those alerts itself when their last `endsAt` passes).
 */
import type { AlertmanagerAlert } from './alertmanager-alert.js';
import { alertmanagerKey, isFiring, toAlertmanagerAlert } from './alertmanager-alert.js';
import type { AlertTransition } from './evaluate-alerts.js';
import { backoffMillis } from '../retry/backoff.js';

/** A firing alert's `endsAt` lies this many resend intervals ahead (Prometheus uses 4). */
export const RESEND_INTERVALS_TO_EXPIRY = 4;

/** Settings of an outbox. */
export interface AlertmanagerOutboxOptions {
  /** Time between re-sends of the firing alerts. */
  readonly resendMillis: number;
  /** Undelivered resolutions kept; the oldest beyond it are dropped. */
  readonly maxQueuedResolved: number;
  /** First retry delay after a failed post (doubling per failure, capped at `resendMillis`). */
  readonly initialBackoffMillis: number;
}

interface FiringEntry {
  readonly transition: AlertTransition;
}

interface ResolvedEntry {
  readonly transition: AlertTransition;
  /** When the instance had started firing (its resolution must carry the same start). */
  readonly startsAtMs: number;
}

/** The alerts of one post, and what to mark delivered when it succeeds. */
export interface OutboxBatch {
  readonly alerts: readonly AlertmanagerAlert[];
  /** The resolutions among `alerts` (by identity: a newer one for the same key stays queued). */
  readonly resolved: readonly ResolvedEntry[];
}

/** The firing set and the undelivered resolutions of one Alertmanager. */
export class AlertmanagerOutbox {
  private readonly firing = new Map<string, FiringEntry>();
  private readonly resolved = new Map<string, ResolvedEntry>();
  private failures = 0;
  /** When the next post is due (a re-send, or a retry after a failure); none when idle. */
  private dueMs: number | undefined;
  /** Transitions recorded since the last batch was taken (a post in flight does not carry them). */
  private dirty = false;

  constructor(private readonly options: AlertmanagerOutboxOptions) {}

  /**
   * Takes transitions in order; returns how many undelivered resolutions were dropped to stay
   * within the bound. A post is due at once.
   */
  record(transitions: readonly AlertTransition[], nowMs: number): number {
    let dropped = 0;
    for (const t of transitions) {
      const key = alertmanagerKey(t);
      if (isFiring(t)) {
        // A new firing supersedes a resolution of the same instance not yet delivered.
        this.resolved.delete(key);
        this.firing.set(key, { transition: t });
        continue;
      }
      const startsAtMs = this.firing.get(key)?.transition.timeUnixMillis ?? t.timeUnixMillis;
      this.firing.delete(key);
      this.resolved.delete(key); // re-inserted last: the map's order is the age order
      this.resolved.set(key, { transition: t, startsAtMs });
      if (this.resolved.size > this.options.maxQueuedResolved) {
        const oldest = this.resolved.keys().next().value as string;
        this.resolved.delete(oldest);
        dropped++;
      }
    }
    if (transitions.length > 0) {
      this.dueMs = nowMs;
      this.dirty = true;
    }
    return dropped;
  }

  /** When the next post is due, or undefined when there is nothing to send. */
  nextDueMs(): number | undefined {
    return this.firing.size === 0 && this.resolved.size === 0 ? undefined : this.dueMs;
  }

  /** Everything Alertmanager must hold now: every firing alert and every undelivered resolution. */
  batch(nowMs: number): OutboxBatch {
    this.dirty = false;
    const endsAtMs = nowMs + RESEND_INTERVALS_TO_EXPIRY * this.options.resendMillis;
    const alerts: AlertmanagerAlert[] = [];
    for (const { transition } of this.firing.values()) {
      alerts.push(
        toAlertmanagerAlert(transition, { startsAtMs: transition.timeUnixMillis, endsAtMs }),
      );
    }
    const resolved = [...this.resolved.values()];
    for (const entry of resolved) {
      alerts.push(
        toAlertmanagerAlert(entry.transition, {
          startsAtMs: entry.startsAtMs,
          endsAtMs: entry.transition.timeUnixMillis,
        }),
      );
    }
    return { alerts, resolved };
  }

  /** The batch (or part of it) arrived: its resolutions are done. */
  delivered(resolved: readonly ResolvedEntry[]): void {
    for (const entry of resolved) {
      const key = alertmanagerKey(entry.transition);
      if (this.resolved.get(key) === entry) this.resolved.delete(key);
    }
  }

  /** The post finished: the next is a re-send one interval on, or a retry after a backoff. */
  settle(ok: boolean, nowMs: number): void {
    if (ok) {
      this.failures = 0;
      this.dueMs = this.dirty ? nowMs : nowMs + this.options.resendMillis;
      return;
    }
    this.failures++;
    this.dueMs =
      nowMs +
      backoffMillis(
        { initialMillis: this.options.initialBackoffMillis, maxMillis: this.options.resendMillis },
        this.failures,
      );
  }

  /** Undelivered resolutions (for tests and status). */
  queuedResolved(): number {
    return this.resolved.size;
  }

  /** Firing alerts being re-sent. */
  firingCount(): number {
    return this.firing.size;
  }
}
