import type { OtlpRequest, Signal } from '../decode/otlp-types.js';

/** The answer of {@link OtlpSink.admit}: go ahead, or refuse with a retryable status. */
export type Admission =
  | { ok: true }
  | {
      ok: false;
      /** 429 (too many requests from this client) or 503 (the processor is overloaded). */
      status: 429 | 503;
      /** Sent as `Retry-After` (HTTP) / `RetryInfo` (gRPC). */
      retryAfterSeconds: number;
      /** Why, for the client and the logs. */
      message: string;
    };

/** What the sink did with an accepted request: `rejected` items are reported as partial success. */
export interface SinkResult {
  /** Items (log records, spans or data points) the sink refused, e.g. for lacking `ml.model.name`. */
  rejected: number;
  /** Why they were refused (OTLP `partial_success.error_message`). */
  message?: string;
}

/**
 * Where the receivers deliver decoded requests. The processor core, durability (write-ahead log)
 * and overload control plug in here; the receivers only speak OTLP.
 */
export interface OtlpSink {
  /**
   * Called before the body is read or decoded (HTTP) or decoded (gRPC), so that an overloaded
   * processor refuses cheaply. A refusal is answered with 429/503 and `Retry-After` (gRPC
   * `RESOURCE_EXHAUSTED` / `UNAVAILABLE` with `RetryInfo`).
   * @param contentLength the declared body size in bytes, when known
   */
  admit(signal: Signal, contentLength: number | undefined): Admission;
  /**
   * Takes a decoded request; resolves once it is durably accepted (the receiver answers the
   * client only then). A rejection is the server's fault: the client gets 503 / `UNAVAILABLE`
   * and retries.
   * @param raw the (decompressed) body as received, for a write-ahead log
   */
  accept(
    req: OtlpRequest,
    raw: { body: Uint8Array; contentType: 'protobuf' | 'json' },
  ): Promise<SinkResult>;
}

/** How a request ended, for self-telemetry. */
export type RequestOutcome = 'accepted' | 'partial' | 'refused' | 'rejected' | 'failed';

/**
 * Why a request ended as it did: `ok` and `partial_success` for accepted ones; client mistakes
 * (`not_found`, `method_not_allowed`, `unauthorized`, `unsupported_media_type`,
 * `unsupported_encoding`, `too_large`, `bad_compression`, `decode_error`, `aborted`); and
 * server-side `overloaded` (admission refused) or `sink_error`.
 */
export type RequestReason =
  | 'ok'
  | 'partial_success'
  | 'not_found'
  | 'method_not_allowed'
  | 'unauthorized'
  | 'unsupported_media_type'
  | 'unsupported_encoding'
  | 'too_large'
  | 'bad_compression'
  | 'decode_error'
  | 'aborted'
  | 'overloaded'
  | 'sink_error';

/** One handled request, passed to {@link ReceiverOptions.onRequestHandled}. */
export interface RequestHandledEvent {
  transport: 'http' | 'grpc';
  /** `undefined` when the path named no signal (404). */
  signal: Signal | undefined;
  outcome: RequestOutcome;
  reason: RequestReason;
  /** HTTP status, or the gRPC status code for gRPC. */
  status: number;
  /** Items in the decoded request (0 when it was not decoded). */
  items: number;
  /** Items the sink rejected. */
  rejectedItems: number;
  /** Body bytes after decompression (0 when not read). */
  bytes: number;
  /** Human-readable detail (error messages). */
  message: string;
  /** True when `sink.admit` let the request in (so admission control can release it). */
  admitted?: boolean;
}

/** The logging the receivers need (the service's `Logger` fits). */
export interface ReceiverLogger {
  warn(message: string): void;
  error(message: string): void;
}

/** Options shared by the HTTP and gRPC receivers. */
export interface ReceiverOptions {
  sink: OtlpSink;
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** Port; 0 picks a free one. */
  port: number;
  /**
   * Largest body accepted, in bytes, both as sent and after decompression (enforced while
   * inflating, so compression bombs stop early). @default 20 MiB
   */
  maxBodyBytes?: number;
  /** When set, requests must carry `Authorization: Bearer <authToken>` (compared in constant time). */
  authToken?: string;
  /** PEM certificate and key: serve HTTPS / gRPC over TLS instead of plaintext. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Seconds suggested to clients in `Retry-After` when the sink fails. @default 5 */
  sinkErrorRetryAfterSeconds?: number;
  /** Called once per request after the response is sent (counters, logs). Must not throw. */
  onRequestHandled?: (event: RequestHandledEvent) => void;
  /** Where sink failures and hook errors are reported. @default console */
  logger?: ReceiverLogger;
}

/** A running receiver. */
export interface RunningReceiver {
  /** The port actually bound (useful with port 0). */
  port: number;
  /** Stops accepting connections and waits for in-flight requests. */
  close(): Promise<void>;
}

/** Default body limit: 20 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024;
