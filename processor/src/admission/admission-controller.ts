/**
 * Overload control in front of the receivers: a bounded ingest queue (requests admitted and not
 * yet answered, and their declared bytes) and a soft memory limit (V8 heap in use). Above a
 * bound a request is refused before its body is read or decoded — 429 when the queue is full
 * (this request can come back shortly), 503 when memory is short — with `Retry-After`, so the
 * processor never takes in what it cannot hold. Clock-free: the heap reading is injected.
 */
import type { Signal } from '../decode/otlp-types.js';
import type { Admission, RequestHandledEvent } from '../receiver/types.js';

/** Bounds of {@link AdmissionController}. */
export interface AdmissionLimits {
  /** Requests admitted and not yet answered. @default 256 */
  readonly maxInflightRequests: number;
  /** Declared body bytes of those requests. @default 64 MiB */
  readonly maxInflightBytes: number;
  /** Heap in use above which requests get 503; 0 disables the check. @default 0 (off) */
  readonly memorySoftLimitBytes: number;
  /** Suggested wait sent as `Retry-After`. @default 1 */
  readonly retryAfterSeconds: number;
  /**
   * Bytes reserved for a request that declares no length (chunked HTTP): a guess, so that an
   * unbounded number of such requests cannot slip past the byte bound. @default 1 MiB
   */
  readonly unknownLengthBytes: number;
}

/** Defaults of {@link AdmissionLimits}. */
export const DEFAULT_ADMISSION_LIMITS: AdmissionLimits = Object.freeze({
  maxInflightRequests: 256,
  maxInflightBytes: 64 * 1024 * 1024,
  memorySoftLimitBytes: 0,
  retryAfterSeconds: 1,
  unknownLengthBytes: 1024 * 1024,
});

/** Counts of what admission control did, for self-telemetry. */
export interface AdmissionStats {
  readonly inFlightRequests: number;
  readonly inFlightBytes: number;
  readonly refusedQueueFull: number;
  readonly refusedMemory: number;
}

/**
 * Tracks admitted requests: {@link admit} reserves, {@link release} (wired to the receivers'
 * `onRequestHandled`) frees. The handled event does not carry the declared length, so a release
 * frees the oldest reservation: byte totals are exact whenever the queue drains, and off by at
 * most the size difference of concurrent requests meanwhile.
 */
export class AdmissionController {
  private requests = 0;
  private bytes = 0;
  private refusedQueueFull = 0;
  private refusedMemory = 0;
  private readonly reserved: number[] = [];

  constructor(
    private readonly limits: AdmissionLimits,
    private readonly heapUsedBytes: () => number,
  ) {}

  /** The `OtlpSink.admit` decision; reserves room when it says yes. */
  admit(_signal: Signal, contentLength: number | undefined): Admission {
    const size = contentLength ?? this.limits.unknownLengthBytes;
    const retryAfterSeconds = this.limits.retryAfterSeconds;
    if (this.limits.memorySoftLimitBytes > 0) {
      const used = this.heapUsedBytes();
      if (used > this.limits.memorySoftLimitBytes) {
        this.refusedMemory++;
        return {
          ok: false,
          status: 503,
          retryAfterSeconds,
          message: `the processor is over its memory limit (${mib(used)} MiB heap in use, soft limit ${mib(this.limits.memorySoftLimitBytes)} MiB); retry later`,
        };
      }
    }
    // One request is always admitted when nothing is in flight, however large (up to the
    // receiver's body limit), so a big but legal request cannot be refused forever.
    const full =
      this.requests > 0 &&
      (this.requests + 1 > this.limits.maxInflightRequests ||
        this.bytes + size > this.limits.maxInflightBytes);
    if (full) {
      this.refusedQueueFull++;
      return {
        ok: false,
        status: 429,
        retryAfterSeconds,
        message: `the ingest queue is full (${this.requests} requests, ${mib(this.bytes)} MiB in flight); retry later`,
      };
    }
    this.requests++;
    this.bytes += size;
    this.reserved.push(size);
    return { ok: true };
  }

  /** Frees the reservation of a finished request (call from `onRequestHandled`). */
  onRequestHandled(event: RequestHandledEvent): void {
    if (event.admitted !== true) return;
    const size = this.reserved.shift() ?? 0;
    this.requests = Math.max(0, this.requests - 1);
    this.bytes = Math.max(0, this.bytes - size);
  }

  /** Current counts. */
  stats(): AdmissionStats {
    return {
      inFlightRequests: this.requests,
      inFlightBytes: this.bytes,
      refusedQueueFull: this.refusedQueueFull,
      refusedMemory: this.refusedMemory,
    };
  }
}

function mib(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}
