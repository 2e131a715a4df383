import type { Signal } from '../decode/otlp-types.js';
import type { SinkResult } from './types.js';

/**
 * Hand-written encoders for the few messages a receiver sends: `Export*ServiceResponse`
 * (with `partial_success`), `google.rpc.Status` and `google.rpc.RetryInfo`.
 */

const encoder = new TextEncoder();

function varint(out: number[], n: number): void {
  let v = Math.max(0, Math.floor(n));
  while (v > 0x7f) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

function lengthDelimited(out: number[], field: number, payload: ArrayLike<number>): void {
  varint(out, (field << 3) | 2);
  varint(out, payload.length);
  for (let i = 0; i < payload.length; i++) out.push(payload[i]!);
}

/** JSON names of the rejected-count field per signal. */
const REJECTED_FIELD: Record<Signal, string> = {
  logs: 'rejectedLogRecords',
  traces: 'rejectedSpans',
  metrics: 'rejectedDataPoints',
};

/**
 * Encodes `Export{Logs,Trace,Metrics}ServiceResponse` as protobuf: empty when nothing was
 * rejected, else `partial_success { rejected_* = 1; error_message = 2 }` (identical field numbers
 * for all three signals).
 */
export function encodeExportResponseProto(result: SinkResult): Uint8Array {
  if (result.rejected <= 0 && !result.message) return new Uint8Array(0);
  const partial: number[] = [];
  if (result.rejected > 0) {
    varint(partial, (1 << 3) | 0);
    varint(partial, result.rejected);
  }
  if (result.message) lengthDelimited(partial, 2, encoder.encode(result.message));
  const out: number[] = [];
  lengthDelimited(out, 1, partial);
  return Uint8Array.from(out);
}

/** Encodes the export response as OTLP/JSON (`{}` when nothing was rejected; int64 as a string). */
export function encodeExportResponseJson(signal: Signal, result: SinkResult): Uint8Array {
  if (result.rejected <= 0 && !result.message) return encoder.encode('{}');
  const partialSuccess: Record<string, string> = {};
  if (result.rejected > 0)
    partialSuccess[REJECTED_FIELD[signal]] = String(Math.floor(result.rejected));
  if (result.message) partialSuccess.errorMessage = result.message;
  return encoder.encode(JSON.stringify({ partialSuccess }));
}

/** gRPC status codes used by the receivers (also the `code` of `google.rpc.Status`). */
export const GrpcCode = {
  OK: 0,
  INVALID_ARGUMENT: 3,
  RESOURCE_EXHAUSTED: 8,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

/**
 * Encodes `google.rpc.Status { code = 1; message = 2; details = 3 }`; with `retryAfterSeconds`
 * the details carry a `google.rpc.RetryInfo { retry_delay: Duration { seconds } }` (how OTLP
 * tells gRPC clients when to retry).
 */
export function encodeRpcStatusProto(
  code: number,
  message: string,
  retryAfterSeconds?: number,
): Uint8Array {
  const out: number[] = [];
  if (code !== 0) {
    varint(out, (1 << 3) | 0);
    varint(out, code);
  }
  if (message) lengthDelimited(out, 2, encoder.encode(message));
  if (retryAfterSeconds !== undefined) {
    const duration: number[] = [];
    varint(duration, (1 << 3) | 0);
    varint(duration, retryAfterSeconds);
    const retryInfo: number[] = [];
    lengthDelimited(retryInfo, 1, duration);
    const any: number[] = [];
    lengthDelimited(any, 1, encoder.encode('type.googleapis.com/google.rpc.RetryInfo'));
    lengthDelimited(any, 2, retryInfo);
    lengthDelimited(out, 3, any);
  }
  return Uint8Array.from(out);
}

/** Encodes an error body as JSON `{"code": <grpc code>, "message": ...}` (OTLP/HTTP JSON error form). */
export function encodeRpcStatusJson(code: number, message: string): Uint8Array {
  return encoder.encode(JSON.stringify({ code, message }));
}
