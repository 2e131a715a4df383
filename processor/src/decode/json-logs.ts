import type { LogRecord, LogsRequest, ResourceLogs, ScopeLogs } from './otlp-types.js';
import type { JsonObject } from './json-common.js';
import {
  anyValue,
  attributes,
  hexId,
  int32,
  mapMessages,
  parseJsonBody,
  resource,
  scope,
  str,
  timestamp,
} from './json-common.js';
import { withPath } from './otlp-decode-error.js';

/**
 * Decodes an OTLP/JSON `ExportLogsServiceRequest`.
 * @throws OtlpDecodeError naming the field path of the first problem
 */
export function decodeLogsJson(body: Uint8Array | string): LogsRequest {
  return { resourceLogs: mapMessages(parseJsonBody(body), 'resourceLogs', resourceLogs) };
}

function resourceLogs(o: JsonObject): ResourceLogs {
  return {
    resource: resource(o),
    scopeLogs: mapMessages(o, 'scopeLogs', scopeLogs),
    schemaUrl: str(o, 'schemaUrl'),
  };
}

function scopeLogs(o: JsonObject): ScopeLogs {
  return {
    scope: scope(o),
    logRecords: mapMessages(o, 'logRecords', logRecord),
    schemaUrl: str(o, 'schemaUrl'),
  };
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
