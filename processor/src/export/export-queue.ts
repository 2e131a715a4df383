/**
 * A bounded retry queue in front of one OTLP endpoint, in the manner of the Collector's sending
 * queue: export requests (already encoded, so a retry sends exactly what was meant, delta points
 * included) are sent one at a time in order; a retryable failure (see otlp-transport.ts) keeps
 * the request at the head and waits — exponential backoff with jitter, or the server's
 * `Retry-After`/`RetryInfo` if longer — before trying again; a request the backend refuses for
 * good is dropped. When the bound (requests or bytes) is reached the oldest requests are dropped
 * first, and counted. Enqueueing never waits for the backend, so ingest and window passes never
 * block on export. One unref'd timer wakes the queue at its next retry, as the Alertmanager sender
 * does.
 */
import type { BackoffPolicy } from '../retry/backoff.js';
import { backoffMillis } from '../retry/backoff.js';
import type { OtlpTransport, SendOutcome } from './otlp-transport.js';

/** How much a queue holds before it drops its oldest requests. */
export interface ExportQueueBounds {
  readonly maxRequests: number;
  readonly maxBytes: number;
}

/**
 * Metric snapshots: two hours of exports at the default 60 s interval. A cumulative snapshot
 * repeats the older ones' totals, so the oldest are the cheapest to lose.
 */
export const METRICS_QUEUE_BOUNDS: ExportQueueBounds = {
  maxRequests: 120,
  maxBytes: 64 * 1024 * 1024,
};

/**
 * `ml.alert` events: a firing alert must not vanish, so far more of them are kept (one request
 * per pass that changed an alert: days of an outage at any usual rate).
 */
export const ALERTS_QUEUE_BOUNDS: ExportQueueBounds = {
  maxRequests: 10_000,
  maxBytes: 64 * 1024 * 1024,
};

/** Retries: after 1 s, doubling to 60 s, each wait randomised by up to half. */
export const DEFAULT_EXPORT_BACKOFF: BackoffPolicy = {
  initialMillis: 1000,
  maxMillis: 60_000,
  jitter: 0.5,
};

/** What a queue reports to its owner (counters, logs). */
export interface ExportQueueEvents {
  /** One send failed (retried or not). */
  failed(outcome: Extract<SendOutcome, { ok: false }>, queued: number): void;
  /**
   * Requests dropped undelivered: `full` when the bound was reached, `shutdown` when still queued
   * at shutdown, else the failure that made retrying pointless.
   */
  dropped(count: number, reason: 'full' | 'shutdown' | Extract<SendOutcome, { ok: false }>): void;
  /** The backend took a request again after failures. */
  recovered(failures: number, queued: number): void;
}

/** Options of {@link ExportQueue}. */
export interface ExportQueueOptions {
  readonly transport: OtlpTransport;
  readonly bounds: ExportQueueBounds;
  readonly backoff?: BackoffPolicy;
  readonly events: ExportQueueEvents;
  /**
   * Wall time for retry timing (the timers run on it). @default Date.now — not the service's
   * clock, which tests hold still.
   */
  readonly now?: () => number;
  /** @default Math.random */
  readonly random?: () => number;
}

interface Entry {
  readonly body: Uint8Array;
  /** Answers the enqueuer once: the outcome of the first send, or that the request waits. */
  settle: ((outcome: SendOutcome) => void) | undefined;
}

/** The retry queue of one endpoint. */
export class ExportQueue {
  private readonly entries: Entry[] = [];
  private bytes = 0;
  private failures = 0;
  private dueMs = 0;
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** A send of the head is in flight. */
  private sending = false;

  private readonly now: () => number;

  constructor(private readonly options: ExportQueueOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Requests waiting (the one being sent included). */
  get size(): number {
    return this.entries.length;
  }

  /**
   * Queues `body` and starts sending. Resolves with the outcome of its first send — or at once,
   * when the backend is failing and the request waits behind others for a retry — never later.
   */
  enqueue(body: Uint8Array): Promise<SendOutcome> {
    if (this.closed) {
      return Promise.resolve({ ok: false, error: 'the exporter is shut down', retryable: false });
    }
    const answer = new Promise<SendOutcome>((resolve) => {
      this.entries.push({ body, settle: resolve });
    });
    this.bytes += body.length;
    this.enforceBounds();
    if (this.failures > 0) this.settleWaiting();
    void this.pump();
    return answer;
  }

  /**
   * Sends what is queued while the backend takes it, ignoring backoff, until `deadlineMs`; then
   * drops the rest (counted). For shutdown. Returns how many requests were left undelivered.
   */
  async close(deadlineMs: number): Promise<number> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
    while (this.entries.length > 0 && this.now() < deadlineMs) {
      if (!(await this.sendHead())) break;
    }
    const left = this.entries.length;
    if (left > 0) this.dropOldest(left, 'shutdown');
    return left;
  }

  /** Sends due requests in order until the queue is empty or must wait (joins a running loop). */
  private pump(): Promise<void> {
    if (this.running) return this.running;
    const run = (async () => {
      while (!this.closed && this.entries.length > 0 && this.dueMs <= this.now()) {
        await this.sendHead();
      }
    })().finally(() => {
      this.running = undefined;
      this.schedule();
    });
    this.running = run;
    return run;
  }

  /** One send of the head; true when the queue may go on at once. */
  private async sendHead(): Promise<boolean> {
    const head = this.entries[0]!;
    this.sending = true;
    const outcome = await this.options.transport.send(head.body).finally(() => {
      this.sending = false;
    });
    head.settle?.(outcome);
    head.settle = undefined;
    const { events } = this.options;
    if (outcome.ok) {
      this.shift();
      if (this.failures > 0) events.recovered(this.failures, this.entries.length);
      this.failures = 0;
      this.dueMs = 0;
      return true;
    }
    events.failed(outcome, this.entries.length);
    if (!outcome.retryable) {
      // It would fail again: drop it and go on with the next.
      this.shift();
      events.dropped(1, outcome);
      return true;
    }
    this.failures++;
    const wait = backoffMillis(
      this.options.backoff ?? DEFAULT_EXPORT_BACKOFF,
      this.failures,
      (this.options.random ?? Math.random)(),
    );
    this.dueMs = this.now() + Math.max(wait, outcome.retryAfterMillis ?? 0);
    this.settleWaiting();
    return false;
  }

  /** Tells every enqueuer still waiting that its request waits for a retry. */
  private settleWaiting(): void {
    for (const entry of this.entries) {
      entry.settle?.({
        ok: false,
        error: `${this.options.transport.url}: queued for retry behind ${this.entries.length - 1} request(s) after ${this.failures} failure(s)`,
        retryable: true,
      });
      entry.settle = undefined;
    }
  }

  private enforceBounds(): void {
    const { maxRequests, maxBytes } = this.options.bounds;
    let drop = 0;
    let bytes = this.bytes;
    // A request being sent cannot be taken back: drop from the next-oldest on.
    const first = this.sending ? 1 : 0;
    while (
      this.entries.length - drop > first + 1 &&
      (this.entries.length - drop > maxRequests || bytes > maxBytes)
    ) {
      bytes -= this.entries[first + drop]!.body.length;
      drop++;
    }
    if (drop > 0) this.dropOldest(drop, 'full', first);
  }

  private dropOldest(count: number, reason: 'full' | 'shutdown', from = 0): void {
    const gone = this.entries.splice(from, count);
    for (const entry of gone) {
      this.bytes -= entry.body.length;
      entry.settle?.({
        ok: false,
        error: `${this.options.transport.url}: dropped undelivered (${reason === 'full' ? 'retry queue full' : 'shut down'})`,
        retryable: false,
      });
    }
    this.options.events.dropped(gone.length, reason);
  }

  private shift(): void {
    const entry = this.entries.shift();
    if (entry) this.bytes -= entry.body.length;
  }

  /** Arms the one timer for the next retry. */
  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.closed || this.entries.length === 0) return;
    const delay = Math.max(0, this.dueMs - this.now());
    this.timer = setTimeout(() => void this.pump(), delay);
    this.timer.unref();
  }
}

/** An endpoint behind its retry queue, as the exporters use it. */
export interface QueuedEndpoint {
  /** Whether bodies must be OTLP/JSON (else protobuf). */
  readonly json: boolean;
  /** Queues `body`; resolves as {@link ExportQueue.enqueue}, without the retry details. */
  send(body: Uint8Array): Promise<{ ok: true } | { ok: false; error: string }>;
  /** Requests waiting for the backend. */
  readonly queued: number;
  /** Delivers what it can until `deadlineMs`, drops the rest (counted), closes the transport. */
  shutdown(deadlineMs?: number): Promise<void>;
}

/** `options.transport` behind a retry queue. */
export function queuedEndpoint(options: ExportQueueOptions): QueuedEndpoint {
  const { transport } = options;
  const queue = new ExportQueue(options);
  return {
    json: transport.json,
    async send(body) {
      const outcome = await queue.enqueue(body);
      return outcome.ok ? { ok: true } : { ok: false, error: outcome.error };
    },
    get queued() {
      return queue.size;
    },
    async shutdown(deadlineMs = Date.now()) {
      await queue.close(deadlineMs);
      await transport.close();
    },
  };
}
