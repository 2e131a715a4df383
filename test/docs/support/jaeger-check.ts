/**
 * Checks Jaeger searches against spans the SDK really exported, as Jaeger stores them: an OTLP
 * span becomes a Jaeger span whose tags are its attributes plus the tags Jaeger derives from
 * the status, kind and scope (OpenTelemetry → Jaeger mapping), whose process tags are the
 * resource attributes (`service.name` becomes the service), and whose logs are its events
 * (the name in the `event` field). A tag search matches a span when every tag equals, as a
 * string, a span tag, a process tag or a field of one of its logs.
 *
 * Tags-field input is read the way the Jaeger UI reads it: `logfmt`, every value made a string.
 */
import { SpanKind, SpanStatusCode, type Attributes } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import logfmt from 'logfmt';
import { ATTR_SERVICE_NAME } from '@mlmon/conventions';
import { durationNanos } from './durations.js';

/** A span as Jaeger stores and searches it. */
interface JaegerSpan {
  readonly service: string;
  readonly operation: string;
  readonly durationNanos: number;
  /** Span tags, process tags and log fields, each a name → string values. */
  readonly searchable: ReadonlyMap<string, ReadonlySet<string>>;
  /** Names whose value is a non-integer number somewhere (Jaeger's string form is its own). */
  readonly doubles: ReadonlySet<string>;
}

const JAEGER_KIND: Partial<Record<SpanKind, string>> = {
  [SpanKind.SERVER]: 'server',
  [SpanKind.CLIENT]: 'client',
  [SpanKind.PRODUCER]: 'producer',
  [SpanKind.CONSUMER]: 'consumer',
};
const JAEGER_STATUS: Partial<Record<SpanStatusCode, string>> = {
  [SpanStatusCode.OK]: 'OK',
  [SpanStatusCode.ERROR]: 'ERROR',
};
/** The Jaeger form of an exported span. */
export function toJaeger(span: ReadableSpan): JaegerSpan {
  const searchable = new Map<string, Set<string>>();
  const doubles = new Set<string>();
  const add = (name: string, value: unknown): void => {
    if (value === undefined || value === null) return;
    if (typeof value === 'number' && !Number.isInteger(value)) doubles.add(name);
    const text = Array.isArray(value) ? JSON.stringify(value) : String(value);
    let values = searchable.get(name);
    if (!values) searchable.set(name, (values = new Set()));
    values.add(text);
  };
  const addAll = (attributes: Attributes, skip?: string): void => {
    for (const [k, v] of Object.entries(attributes)) if (k !== skip) add(k, v);
  };
  addAll(span.attributes);
  addAll(span.resource.attributes, ATTR_SERVICE_NAME);
  for (const event of span.events) {
    add('event', event.name);
    addAll(event.attributes ?? {});
  }
  if (span.status.code === SpanStatusCode.ERROR) add('error', true);
  add('otel.status_code', JAEGER_STATUS[span.status.code]);
  if (span.status.code === SpanStatusCode.ERROR)
    add('otel.status_description', span.status.message);
  add('span.kind', JAEGER_KIND[span.kind]);
  add('otel.scope.name', span.instrumentationScope.name);
  add('otel.scope.version', span.instrumentationScope.version);
  return {
    service: String(span.resource.attributes[ATTR_SERVICE_NAME]),
    operation: span.name,
    durationNanos: span.duration[0] * 1e9 + span.duration[1],
    searchable,
    doubles,
  };
}

/** The `tags` of a Jaeger UI Tags-field input, as the UI sends them (all values strings). */
export function tagsFromTagsField(input: string): Record<string, string> {
  const parsed = logfmt.parse(input);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed)) out[k] = String(v);
  return out;
}

/** A search of `GET /api/traces`: its query parameters. */
export type JaegerSearch = Readonly<Record<string, string>>;

const SEARCH_PARAMS = new Set([
  'service',
  'operation',
  'tags',
  'minDuration',
  'maxDuration',
  'start',
  'end',
  'lookback',
  'limit',
]);
/** Parameters a document may fill from the alert (shell variables). */
const TIME_PARAMS = new Set(['start', 'end', 'lookback']);

/** What is wrong with `tags` against the spans (unknown names, doubles), per tag. */
function tagProblems(tags: Record<string, string>, spans: readonly JaegerSpan[]): string[] {
  const problems: string[] = [];
  for (const name of Object.keys(tags)) {
    if (!spans.some((s) => s.searchable.has(name))) {
      problems.push(
        `tag ${name} is on none of the spans the instrumentation emits (as Jaeger stores them)`,
      );
    } else if (spans.some((s) => s.doubles.has(name))) {
      problems.push(`tag ${name} holds a double: Jaeger compares tag values as strings`);
    }
  }
  return problems;
}

function tagsMatch(tags: Record<string, string>, span: JaegerSpan): boolean {
  return Object.entries(tags).every(([k, v]) => span.searchable.get(k)?.has(v) ?? false);
}

/** Checks one Tags-field input against the exported spans. */
export function checkTagsField(input: string, exported: readonly ReadableSpan[]): string[] {
  const spans = exported.map(toJaeger);
  const tags = tagsFromTagsField(input);
  if (Object.keys(tags).length === 0) return ['no key=value tags'];
  const problems = tagProblems(tags, spans);
  if (problems.length === 0 && !spans.some((s) => tagsMatch(tags, s))) {
    problems.push('the tags match none of the spans the instrumentation emits');
  }
  return problems;
}

/** Checks one `GET /api/traces` search against the exported spans. */
export function checkSearch(search: JaegerSearch, exported: readonly ReadableSpan[]): string[] {
  const spans = exported.map(toJaeger);
  const problems: string[] = [];
  for (const [name, value] of Object.entries(search)) {
    if (!SEARCH_PARAMS.has(name)) problems.push(`${name} is not a search parameter of /api/traces`);
    if (value.includes('$') && !TIME_PARAMS.has(name)) {
      problems.push(`${name}=${value}: only start, end and lookback may be left to the reader`);
    }
  }
  const { service, operation, minDuration, maxDuration } = search;
  if (service === undefined) problems.push('service is required by /api/traces');
  else if (!spans.some((s) => s.service === service)) {
    problems.push(`service ${service} is not the service.name of the spans`);
  }
  if (operation !== undefined && !spans.some((s) => s.operation === operation)) {
    problems.push(`operation "${operation}" is the name of none of the spans`);
  }
  for (const [name, value] of [
    ['minDuration', minDuration],
    ['maxDuration', maxDuration],
  ] as const) {
    if (value !== undefined && durationNanos(value) === undefined) {
      problems.push(`${name}=${value} is not a duration Jaeger reads (e.g. 500ms, 1.5s)`);
    }
  }
  let tags: Record<string, string> = {};
  if (search.tags !== undefined) {
    const parsed = JSON.parse(search.tags) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      problems.push('tags must be a JSON object');
    } else {
      for (const [k, v] of Object.entries(parsed)) {
        if (typeof v !== 'string')
          problems.push(`tags.${k} must be a string (Jaeger: map of strings)`);
      }
      tags = parsed as Record<string, string>;
      problems.push(...tagProblems(tags, spans));
    }
  }
  if (problems.length > 0) return problems;
  const min = minDuration === undefined ? 0 : durationNanos(minDuration)!;
  const max = maxDuration === undefined ? Infinity : durationNanos(maxDuration)!;
  const hit = spans.some(
    (s) =>
      s.service === service &&
      (operation === undefined || s.operation === operation) &&
      s.durationNanos >= min &&
      s.durationNanos <= max &&
      tagsMatch(tags, s),
  );
  return hit ? [] : ['the search matches none of the spans the instrumentation emits'];
}
