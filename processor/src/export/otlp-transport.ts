/**
 * Sends one encoded OTLP export request (metrics or logs) over OTLP/HTTP or OTLP/gRPC and says
 * whether a failure is worth retrying, as the OTLP specification defines it: HTTP 429, 502, 503
 * and 504 (and no answer at all) are retryable, with the server's `Retry-After` honoured; for
 * gRPC the codes CANCELLED, DEADLINE_EXCEEDED, ABORTED, OUT_OF_RANGE, UNAVAILABLE and DATA_LOSS,
 * and RESOURCE_EXHAUSTED only when the server sent `RetryInfo` (whose delay is honoured). Every
 * other failure (a 400, an authentication error) would fail again: it is not retried.
 */
import { credentials, Client, Metadata } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import type { OtlpExportConfig } from '../config/serve-config.js';
import { retryDelayMillis } from './rpc-retry-info.js';

/** The outcome of one send. */
export type SendOutcome =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** One line naming the endpoint and the HTTP status, gRPC code or network error. */
      readonly error: string;
      readonly retryable: boolean;
      /** The server's requested wait (`Retry-After`, `RetryInfo`), when it sent one. */
      readonly retryAfterMillis?: number;
    };

/** Sends encoded requests to one endpoint; `close` releases connections. */
export interface OtlpTransport {
  readonly url: string;
  /** Whether bodies must be OTLP/JSON (else protobuf). */
  readonly json: boolean;
  send(body: Uint8Array): Promise<SendOutcome>;
  close(): Promise<void>;
}

/** HTTP statuses the OTLP specification makes retryable. */
const RETRYABLE_HTTP = new Set([429, 502, 503, 504]);

/** gRPC codes the OTLP specification makes retryable (RESOURCE_EXHAUSTED only with RetryInfo). */
const RETRYABLE_GRPC = new Set([1, 4, 10, 11, 14, 15]);
const RESOURCE_EXHAUSTED = 8;

/** The longest server-requested wait honoured (a longer one is taken as this). */
const MAX_RETRY_AFTER_MILLIS = 5 * 60_000;

/**
 * The transport of `config.protocol` to `url` (the signal's URL; gRPC uses only its host and
 * port) calling `grpcMethod` over gRPC.
 */
export function createOtlpTransport(
  config: OtlpExportConfig,
  url: string,
  grpcMethod: string,
): OtlpTransport {
  return config.protocol === 'grpc'
    ? grpcTransport(config, url, grpcMethod)
    : httpTransport(config, url);
}

function httpTransport(config: OtlpExportConfig, url: string): OtlpTransport {
  const json = config.protocol === 'http/json';
  return {
    url,
    json,
    async send(body) {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            ...config.headers,
            'content-type': json ? 'application/json' : 'application/x-protobuf',
          },
          body,
          signal: AbortSignal.timeout(config.timeoutSeconds * 1000),
        });
        // Drain the body so the connection can be reused.
        const text = await response.text();
        if (response.ok) return { ok: true };
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'), Date.now());
        return {
          ok: false,
          error: `HTTP ${response.status} from ${url}${text ? `: ${text.slice(0, 200)}` : ''}`,
          retryable: RETRYABLE_HTTP.has(response.status),
          ...(retryAfter !== undefined ? { retryAfterMillis: retryAfter } : {}),
        };
      } catch (error) {
        // No answer (refused connection, reset, timeout): the backend may come back.
        return { ok: false, error: `${url}: ${describe(error)}`, retryable: true };
      }
    },
    async close() {},
  };
}

function grpcTransport(config: OtlpExportConfig, url: string, grpcMethod: string): OtlpTransport {
  const parsed = new URL(url);
  const target = `${parsed.hostname}:${parsed.port || (parsed.protocol === 'https:' ? '443' : '4317')}`;
  const client = new Client(
    target,
    parsed.protocol === 'https:' ? credentials.createSsl() : credentials.createInsecure(),
  );
  return {
    url,
    json: false,
    send(body) {
      const metadata = new Metadata();
      for (const [key, value] of Object.entries(config.headers))
        metadata.set(key.toLowerCase(), value);
      return new Promise<SendOutcome>((resolve) => {
        client.makeUnaryRequest<Uint8Array, Buffer>(
          grpcMethod,
          (bytes) => Buffer.from(bytes),
          (bytes) => bytes,
          body,
          metadata,
          { deadline: Date.now() + config.timeoutSeconds * 1000 },
          (error) => resolve(error ? grpcFailure(target, error) : { ok: true }),
        );
      });
    },
    async close() {
      client.close();
    },
  };
}

function grpcFailure(target: string, error: ServiceError): SendOutcome {
  const details = error.metadata?.get('grpc-status-details-bin')[0];
  const retryAfter =
    details instanceof Buffer ? retryDelayMillis(new Uint8Array(details)) : undefined;
  const retryable =
    RETRYABLE_GRPC.has(error.code) ||
    (error.code === RESOURCE_EXHAUSTED && retryAfter !== undefined);
  return {
    ok: false,
    error: `gRPC ${target}: ${error.message}`,
    retryable,
    ...(retryAfter !== undefined
      ? { retryAfterMillis: Math.min(retryAfter, MAX_RETRY_AFTER_MILLIS) }
      : {}),
  };
}

/**
 * The wait a `Retry-After` header asks for (delay seconds or an HTTP date), at most
 * {@link MAX_RETRY_AFTER_MILLIS}; `undefined` when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const text = value.trim();
  let millis: number;
  if (/^\d+$/.test(text)) millis = Number(text) * 1000;
  else {
    const date = Date.parse(text);
    if (Number.isNaN(date)) return undefined;
    millis = Math.max(0, date - nowMs);
  }
  return Math.min(millis, MAX_RETRY_AFTER_MILLIS);
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
