/**
 * Watches the write-ahead log's health: once a write fails (a full disk, an I/O error) it probes
 * the disk with backoff until the log takes requests again, logging the failure and the recovery
 * once each. Meanwhile the service is not ready and refuses requests with 503 + `Retry-After`
 * (the time to the next probe), so clients retry instead of losing data.
 */
import type { DurableStore } from '../storage/durable-store.js';
import type { BackoffPolicy } from '../retry/backoff.js';
import { backoffMillis } from '../retry/backoff.js';
import type { Logger } from './logger.js';

/** Probes of a full disk: every second at first, then every 30 s at most. */
export const DEFAULT_WAL_RESUME_BACKOFF: BackoffPolicy = { initialMillis: 1000, maxMillis: 30_000 };

/** Whether the log takes requests, and if not why and when to try again. */
export type WalHealth =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: string; readonly retryAfterSeconds: number };

/** The resume loop of one store. */
export class WalResume {
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private nextProbeMs = 0;
  private reported = false;
  private stopped = false;

  constructor(
    private readonly store: Pick<DurableStore<unknown>, 'unavailable' | 'tryResume'>,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly policy: BackoffPolicy = DEFAULT_WAL_RESUME_BACKOFF,
  ) {}

  /** The log's health now. */
  health(): WalHealth {
    const unavailable = this.store.unavailable;
    if (unavailable === undefined) return { ok: true };
    const waitMs = unavailable.permanent ? this.policy.maxMillis : this.nextProbeMs - this.now();
    return {
      ok: false,
      reason: unavailable.message,
      retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
    };
  }

  /** Call after every write attempt: starts probing when the log has just failed. */
  check(): void {
    const unavailable = this.store.unavailable;
    if (unavailable === undefined || this.timer !== undefined || this.stopped) return;
    if (!this.reported) {
      this.reported = true;
      this.logger.error(
        unavailable.permanent
          ? `${unavailable.message}; refusing requests (503) until then`
          : `${unavailable.message}; refusing requests (503) and probing the disk until it takes writes again`,
      );
    }
    if (unavailable.permanent) return;
    this.failures++;
    const wait = backoffMillis(this.policy, this.failures);
    this.nextProbeMs = this.now() + wait;
    this.timer = setTimeout(() => void this.probe(), wait);
    this.timer.unref();
  }

  /** Stops probing. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async probe(): Promise<void> {
    const resumed = await this.store.tryResume();
    this.timer = undefined;
    if (resumed) {
      this.logger.info(
        `the write-ahead log writes again after ${this.failures} probe(s); accepting requests`,
      );
      this.failures = 0;
      this.reported = false;
      return;
    }
    this.check();
  }
}
