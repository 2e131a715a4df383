import type { Span, SpanEvent, SpanLink, SpanStatus, TracesRequest } from './otlp-types.js';
import type { JsonObject } from './json-common.js';
import { attributes, hexId, int32, mapMessages, optObject, str, timestamp } from './json-common.js';
import { readJsonEnvelope } from './json-envelope.js';
import { TRACES_ENVELOPE } from './signal-envelopes.js';
import { withPath } from './otlp-decode-error.js';

/**
 * Decodes an OTLP/JSON `ExportTraceServiceRequest`.
 * @throws OtlpDecodeError naming the field path of the first problem
 */
export function decodeTracesJson(body: Uint8Array | string): TracesRequest {
  return { resourceSpans: readJsonEnvelope(body, TRACES_ENVELOPE, span) };
}

function span(o: JsonObject): Span {
  return {
    traceId: hexId(o, 'traceId'),
    spanId: hexId(o, 'spanId'),
    traceState: str(o, 'traceState'),
    parentSpanId: hexId(o, 'parentSpanId'),
    flags: int32(o, 'flags', false),
    name: str(o, 'name'),
    kind: int32(o, 'kind', true),
    startTimeUnixNano: timestamp(o, 'startTimeUnixNano'),
    endTimeUnixNano: timestamp(o, 'endTimeUnixNano'),
    attributes: attributes(o),
    droppedAttributesCount: int32(o, 'droppedAttributesCount', false),
    events: mapMessages(o, 'events', event),
    droppedEventsCount: int32(o, 'droppedEventsCount', false),
    links: mapMessages(o, 'links', link),
    droppedLinksCount: int32(o, 'droppedLinksCount', false),
    status: status(o),
  };
}

function event(o: JsonObject): SpanEvent {
  return {
    timeUnixNano: timestamp(o, 'timeUnixNano'),
    name: str(o, 'name'),
    attributes: attributes(o),
    droppedAttributesCount: int32(o, 'droppedAttributesCount', false),
  };
}

function link(o: JsonObject): SpanLink {
  return {
    traceId: hexId(o, 'traceId'),
    spanId: hexId(o, 'spanId'),
    traceState: str(o, 'traceState'),
    attributes: attributes(o),
    droppedAttributesCount: int32(o, 'droppedAttributesCount', false),
    flags: int32(o, 'flags', false),
  };
}

function status(o: JsonObject): SpanStatus {
  try {
    const s = optObject(o, 'status');
    if (s === undefined) return { message: '', code: 0 };
    return { message: str(s, 'message'), code: int32(s, 'code', true) };
  } catch (e) {
    throw withPath(e, 'status');
  }
}
