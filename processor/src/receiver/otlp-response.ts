import type { Signal } from '../decode/otlp-types.js';
import type { SinkResult } from './types.js';
import { ProtobufWriter } from '../wire/protobuf-writer.js';

/**
 * Hand-written encoders for the few messages a receiver sends: `Export*ServiceResponse`
 * (with `partial_success`), `google.rpc.Status` and `google.rpc.RetryInfo`.
 */

const encoder = new TextEncoder();

/** A count as the responses carry it: a whole number, never negative. */
const wholeCount = (n: number): number => Math.max(0, Math.floor(n));

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
  const w = new ProtobufWriter().fork(1);
  if (result.rejected > 0) w.varint(1, wholeCount(result.rejected));
  if (result.message) w.string(2, result.message);
  return w.join().finish();
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
  const w = new ProtobufWriter();
  if (code !== 0) w.varint(1, wholeCount(code));
  if (message) w.string(2, message);
  if (retryAfterSeconds !== undefined) {
    w.fork(3) // details: Any
      .string(1, 'type.googleapis.com/google.rpc.RetryInfo') // type_url
      .fork(2) // value: RetryInfo
      .fork(1) // retry_delay: Duration
      .varint(1, wholeCount(retryAfterSeconds)) // seconds
      .join()
      .join()
      .join();
  }
  return w.finish();
}

/** Encodes an error body as JSON `{"code": <grpc code>, "message": ...}` (OTLP/HTTP JSON error form). */
export function encodeRpcStatusJson(code: number, message: string): Uint8Array {
  return encoder.encode(JSON.stringify({ code, message }));
}
