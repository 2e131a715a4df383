import type { LogRecord, LogsRequest } from './otlp-types.js';
import type { JsonObject } from './json-common.js';
import { anyValue, attributes, hexId, int32, str, timestamp } from './json-common.js';
import { readJsonEnvelope } from './json-envelope.js';
import { LOGS_ENVELOPE } from './signal-envelopes.js';
import { withPath } from './otlp-decode-error.js';

/**
 * Decodes an OTLP/JSON `ExportLogsServiceRequest`.
 * @throws OtlpDecodeError naming the field path of the first problem
 */
export function decodeLogsJson(body: Uint8Array | string): LogsRequest {
  return { resourceLogs: readJsonEnvelope(body, LOGS_ENVELOPE, logRecord) };
}

function logRecord(o: JsonObject): LogRecord {
  let body;
  try {
    body = anyValue(o.body, 0);
  } catch (e) {
    throw withPath(e, 'body');
  }
  return {
    timeUnixNano: timestamp(o, 'timeUnixNano'),
    observedTimeUnixNano: timestamp(o, 'observedTimeUnixNano'),
    severityNumber: int32(o, 'severityNumber', true),
    severityText: str(o, 'severityText'),
    body,
    attributes: attributes(o),
    droppedAttributesCount: int32(o, 'droppedAttributesCount', false),
    flags: int32(o, 'flags', false),
    traceId: hexId(o, 'traceId'),
    spanId: hexId(o, 'spanId'),
    eventName: str(o, 'eventName'),
  };
}
