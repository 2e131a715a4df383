import type { Span, SpanEvent, SpanLink, SpanStatus, TracesRequest } from './otlp-types.js';
import type { ProtoReader } from './proto-reader.js';
import { attributeMark, buildAttributes, pushMessage, readKeyValue } from './proto-common.js';
import { readProtoEnvelope } from './proto-envelope.js';
import { TRACES_ENVELOPE } from './signal-envelopes.js';
import { withPath } from './otlp-decode-error.js';

/**
 * Decodes an OTLP `ExportTraceServiceRequest` from protobuf bytes.
 * @throws OtlpDecodeError naming the field path and byte offset of the first problem
 */
export function decodeTracesProto(bytes: Uint8Array): TracesRequest {
  return { resourceSpans: readProtoEnvelope(bytes, TRACES_ENVELOPE, readSpan) };
}

function readSpan(r: ProtoReader): Span {
  const end = r.lengthEnd();
  let traceId = '';
  let spanId = '';
  let traceState = '';
  let parentSpanId = '';
  let flags = 0;
  let name = '';
  let kind = 0;
  let startTimeUnixNano = 0n;
  let endTimeUnixNano = 0n;
  const attributesMark = attributeMark();
  let droppedAttributesCount = 0;
  const events: SpanEvent[] = [];
  let droppedEventsCount = 0;
  const links: SpanLink[] = [];
  let droppedLinksCount = 0;
  let status: SpanStatus = { message: '', code: 0 };
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 10: // 1 trace_id
        traceId = r.hex();
        break;
      case 18: // 2 span_id
        spanId = r.hex();
        break;
      case 26: // 3 trace_state
        traceState = r.string();
        break;
      case 34: // 4 parent_span_id
        parentSpanId = r.hex();
        break;
      case 42: // 5 name
        name = r.string();
        break;
      case 48: // 6 kind (enum)
        kind = r.int32();
        break;
      case 57: // 7 start_time_unix_nano (fixed64)
        startTimeUnixNano = r.fixed64Big();
        break;
      case 65: // 8 end_time_unix_nano (fixed64)
        endTimeUnixNano = r.fixed64Big();
        break;
      case 74: // 9 attributes
        readKeyValue(r, 0, 'attributes');
        break;
      case 80: // 10 dropped_attributes_count
        droppedAttributesCount = r.uint32();
        break;
      case 90: // 11 events
        pushMessage(r, events, readEvent, 'events');
        break;
      case 96: // 12 dropped_events_count
        droppedEventsCount = r.uint32();
        break;
      case 106: // 13 links
        pushMessage(r, links, readLink, 'links');
        break;
      case 112: // 14 dropped_links_count
        droppedLinksCount = r.uint32();
        break;
      case 122: // 15 status
        try {
          status = readStatus(r);
        } catch (e) {
          throw withPath(e, 'status');
        }
        break;
      case 133: // 16 flags (fixed32)
        flags = r.fixed32();
        break;
      default:
        r.skip(tag);
    }
  }
  r.checkEnd(end);
  const attributes = buildAttributes(attributesMark);
  return {
    traceId,
    spanId,
    traceState,
    parentSpanId,
    flags,
    name,
    kind,
    startTimeUnixNano,
    endTimeUnixNano,
    attributes,
    droppedAttributesCount,
    events,
    droppedEventsCount,
    links,
    droppedLinksCount,
    status,
  };
}

function readEvent(r: ProtoReader): SpanEvent {
  const end = r.lengthEnd();
  let timeUnixNano = 0n;
  let name = '';
  const attributesMark = attributeMark();
  let droppedAttributesCount = 0;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 9: // 1 time_unix_nano (fixed64)
        timeUnixNano = r.fixed64Big();
        break;
      case 18: // 2 name
        name = r.string();
        break;
      case 26: // 3 attributes
        readKeyValue(r, 0, 'attributes');
        break;
      case 32: // 4 dropped_attributes_count
        droppedAttributesCount = r.uint32();
        break;
      default:
        r.skip(tag);
    }
  }
  r.checkEnd(end);
  const attributes = buildAttributes(attributesMark);
  return { timeUnixNano, name, attributes, droppedAttributesCount };
}

function readLink(r: ProtoReader): SpanLink {
  const end = r.lengthEnd();
  let traceId = '';
  let spanId = '';
  let traceState = '';
  const attributesMark = attributeMark();
  let droppedAttributesCount = 0;
  let flags = 0;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 10: // 1 trace_id
        traceId = r.hex();
        break;
      case 18: // 2 span_id
        spanId = r.hex();
        break;
      case 26: // 3 trace_state
        traceState = r.string();
        break;
      case 34: // 4 attributes
        readKeyValue(r, 0, 'attributes');
        break;
      case 40: // 5 dropped_attributes_count
        droppedAttributesCount = r.uint32();
        break;
      case 53: // 6 flags (fixed32)
        flags = r.fixed32();
        break;
      default:
        r.skip(tag);
    }
  }
  r.checkEnd(end);
  const attributes = buildAttributes(attributesMark);
  return { traceId, spanId, traceState, attributes, droppedAttributesCount, flags };
}

function readStatus(r: ProtoReader): SpanStatus {
  const end = r.lengthEnd();
  let message = '';
  let code = 0;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 18: // 2 message
        message = r.string();
        break;
      case 24: // 3 code (enum)
        code = r.int32();
        break;
      default:
        r.skip(tag);
    }
  }
  r.checkEnd(end);
  return { message, code };
}
