import type { AnyValue, LogRecord, LogsRequest, ResourceLogs, ScopeLogs } from './otlp-types.js';
import { ProtoReader } from './proto-reader.js';
import {
  emptyResource,
  emptyScope,
  readAnyValue,
  readKeyValue,
  attributeMark,
  buildAttributes,
  resetAttributeStack,
  readResource,
  readScope,
} from './proto-common.js';
import { withPath } from './otlp-decode-error.js';

/**
 * Decodes an OTLP `ExportLogsServiceRequest` from protobuf bytes.
 * @throws OtlpDecodeError naming the field path and byte offset of the first problem
 */
export function decodeLogsProto(bytes: Uint8Array): LogsRequest {
  const r = new ProtoReader(bytes);
  resetAttributeStack();
  const resourceLogs: ResourceLogs[] = [];
  while (r.pos < r.len) {
    const tag = r.uint32();
    if (tag === 10) {
      // 1 resource_logs
      try {
        resourceLogs.push(readResourceLogs(r));
      } catch (e) {
        throw withPath(e, `resourceLogs[${resourceLogs.length}]`);
      }
    } else {
      r.skip(tag);
    }
  }
  return { resourceLogs };
}

function readResourceLogs(r: ProtoReader): ResourceLogs {
  const end = r.lengthEnd();
  let resource = null;
  const scopeLogs: ScopeLogs[] = [];
  let schemaUrl = '';
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 10: // 1 resource
        resource = readResource(r);
        break;
      case 18: // 2 scope_logs
        try {
          scopeLogs.push(readScopeLogs(r));
        } catch (e) {
          throw withPath(e, `scopeLogs[${scopeLogs.length}]`);
        }
        break;
      case 26: // 3 schema_url
        schemaUrl = r.string();
        break;
      default:
        r.skip(tag);
    }
  }
  r.checkEnd(end);
  return { resource: resource ?? emptyResource(), scopeLogs, schemaUrl };
}

function readScopeLogs(r: ProtoReader): ScopeLogs {
  const end = r.lengthEnd();
  let scope = null;
  const logRecords: LogRecord[] = [];
  let schemaUrl = '';
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 10: // 1 scope
        scope = readScope(r);
        break;
      case 18: // 2 log_records
        try {
          logRecords.push(readLogRecord(r));
        } catch (e) {
          throw withPath(e, `logRecords[${logRecords.length}]`);
        }
        break;
      case 26: // 3 schema_url
        schemaUrl = r.string();
        break;
      default:
        r.skip(tag);
    }
  }
  r.checkEnd(end);
  return { scope: scope ?? emptyScope(), logRecords, schemaUrl };
}

function readLogRecord(r: ProtoReader): LogRecord {
  const end = r.lengthEnd();
  let timeUnixNano = 0n;
  let observedTimeUnixNano = 0n;
  let severityNumber = 0;
  let severityText = '';
  let body: AnyValue;
  const attributesMark = attributeMark();
  let droppedAttributesCount = 0;
  let flags = 0;
  let traceId = '';
  let spanId = '';
  let eventName = '';
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 9: // 1 time_unix_nano (fixed64)
        timeUnixNano = r.fixed64Big();
        break;
      case 16: // 2 severity_number (enum)
        severityNumber = r.int32();
        break;
      case 26: // 3 severity_text
        severityText = r.string();
        break;
      case 42: // 5 body
        try {
          body = readAnyValue(r, 0);
        } catch (e) {
          throw withPath(e, 'body');
        }
        break;
      case 50: // 6 attributes
        readKeyValue(r, 0, 'attributes');
        break;
      case 56: // 7 dropped_attributes_count
        droppedAttributesCount = r.uint32();
        break;
      case 69: // 8 flags (fixed32)
        flags = r.fixed32();
        break;
      case 74: // 9 trace_id
        traceId = r.hex();
        break;
      case 82: // 10 span_id
        spanId = r.hex();
        break;
      case 89: // 11 observed_time_unix_nano (fixed64)
        observedTimeUnixNano = r.fixed64Big();
        break;
      case 98: // 12 event_name
        eventName = r.internedString();
        break;
      default:
        r.skip(tag);
    }
  }
  r.checkEnd(end);
  const attributes = buildAttributes(attributesMark);
  return {
    timeUnixNano,
    observedTimeUnixNano,
    severityNumber,
    severityText,
    body,
    attributes,
    droppedAttributesCount,
    flags,
    traceId,
    spanId,
    eventName,
  };
}
