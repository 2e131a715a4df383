import type { OtlpRequest, Signal } from './otlp-types.js';
import { decodeLogsProto } from './proto-logs.js';
import { decodeMetricsProto } from './proto-metrics.js';
import { decodeTracesProto } from './proto-traces.js';
import { decodeLogsJson } from './json-logs.js';
import { decodeMetricsJson } from './json-metrics.js';
import { decodeTracesJson } from './json-traces.js';

/** The two OTLP encodings. */
export type OtlpEncoding = 'protobuf' | 'json';

/**
 * Decodes an OTLP export request body of the given signal and encoding (the receivers' single
 * entry point into `decode/`).
 * @throws OtlpDecodeError when the body is not a valid request
 */
export function decodeOtlpRequest(
  signal: Signal,
  body: Uint8Array,
  encoding: OtlpEncoding,
): OtlpRequest {
  if (encoding === 'protobuf') {
    switch (signal) {
      case 'logs':
        return { signal, request: decodeLogsProto(body) };
      case 'traces':
        return { signal, request: decodeTracesProto(body) };
      case 'metrics':
        return { signal, request: decodeMetricsProto(body) };
    }
  }
  switch (signal) {
    case 'logs':
      return { signal, request: decodeLogsJson(body) };
    case 'traces':
      return { signal, request: decodeTracesJson(body) };
    case 'metrics':
      return { signal, request: decodeMetricsJson(body) };
  }
}
