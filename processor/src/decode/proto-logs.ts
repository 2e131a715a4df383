import type { AnyValue, LogRecord, LogsRequest } from './otlp-types.js';
import type { ProtoReader } from './proto-reader.js';
import { attributeMark, buildAttributes, readAnyValue, readKeyValue } from './proto-common.js';
import { readProtoEnvelope } from './proto-envelope.js';
import { LOGS_ENVELOPE } from './signal-envelopes.js';
import { withPath } from './otlp-decode-error.js';

/**
 * Decodes an OTLP `ExportLogsServiceRequest` from protobuf bytes.
 * @throws OtlpDecodeError naming the field path and byte offset of the first problem
 */
export function decodeLogsProto(bytes: Uint8Array): LogsRequest {
  return { resourceLogs: readProtoEnvelope(bytes, LOGS_ENVELOPE, readLogRecord) };
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
