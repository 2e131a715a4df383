/**
 * Reference decoding for differential tests: the protobufjs-generated decoder of
 * `@opentelemetry/otlp-transformer@0.214.0` (dev-only alias `otlp-legacy`), with its output
 * converted to mlmon's decoded types (`processor/src/decode/otlp-types.ts`). The conversion is
 * written independently of mlmon's decoder, from the generated message shapes.
 */
import { createRequire } from 'node:module';
import type {
  AnyValue,
  Attributes,
  InstrumentationScope,
  LogsRequest,
  Metric,
  OtlpMetricData,
  MetricsRequest,
  Resource,
  Signal,
  TracesRequest,
} from '../../processor/src/decode/otlp-types.js';

const require = createRequire(import.meta.url);

interface LegacyType {
  decode(bytes: Uint8Array): Msg;
  encode(message: object): { finish(): Uint8Array };
  fromObject(object: object): object;
}
/** A generated message instance (fields are own properties when set, prototype defaults otherwise). */
type Msg = Record<string, unknown>;

interface LegacyRoot {
  opentelemetry: {
    proto: {
      collector: {
        logs: { v1: { ExportLogsServiceRequest: LegacyType } };
        trace: { v1: { ExportTraceServiceRequest: LegacyType } };
        metrics: { v1: { ExportMetricsServiceRequest: LegacyType } };
      };
    };
  };
}

const root = require('otlp-legacy/build/src/generated/root.js') as LegacyRoot;

/** The legacy generated request types by signal. */
export const legacyRequestTypes: Record<Signal, LegacyType> = {
  logs: root.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest,
  traces: root.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest,
  metrics: root.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest,
};

/** Encodes a plain object (protobufjs `fromObject` shape) with the legacy encoder. */
export function legacyEncode(signal: Signal, object: object): Uint8Array {
  const type = legacyRequestTypes[signal];
  return type.encode(type.fromObject(object)).finish();
}

interface Long {
  low: number;
  high: number;
  unsigned: boolean;
}

const has = (m: Msg, field: string): boolean =>
  Object.prototype.hasOwnProperty.call(m, field) && m[field] != null;

function isLong(v: unknown): v is Long {
  return typeof v === 'object' && v !== null && 'low' in v && 'high' in v;
}

function big(v: unknown, signed: boolean): bigint {
  if (v === undefined || v === null) return 0n;
  if (typeof v === 'number') return BigInt(v);
  if (isLong(v)) {
    const u = (BigInt(v.high >>> 0) << 32n) | BigInt(v.low >>> 0);
    return signed ? BigInt.asIntN(64, u) : u;
  }
  throw new Error(`not an integer: ${String(v)}`);
}

const time = (v: unknown): bigint => big(v, false);
const count = (v: unknown): number => Number(big(v, false));
function int64(v: unknown): number | bigint {
  const n = big(v, true);
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(n)
    : n;
}
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
function hex(v: unknown): string {
  if (!(v instanceof Uint8Array)) return '';
  return Buffer.from(v).toString('hex');
}
const list = (v: unknown): Msg[] => (Array.isArray(v) ? (v as Msg[]) : []);

function anyValue(v: unknown): AnyValue {
  if (v === undefined || v === null) return undefined;
  const m = v as Msg;
  if (has(m, 'stringValue')) return str(m.stringValue);
  if (has(m, 'boolValue')) return m.boolValue === true;
  if (has(m, 'intValue')) return int64(m.intValue);
  if (has(m, 'doubleValue')) return num(m.doubleValue);
  if (has(m, 'arrayValue')) return list((m.arrayValue as Msg).values).map(anyValue);
  if (has(m, 'kvlistValue')) return attrs((m.kvlistValue as Msg).values);
  if (has(m, 'bytesValue')) return new Uint8Array(m.bytesValue as Uint8Array);
  return undefined;
}

function attrs(v: unknown): Attributes {
  const out: Attributes = {};
  for (const kv of list(v)) out[str(kv.key)] = anyValue(kv.value);
  return out;
}

function resource(v: unknown): Resource {
  const m = (v ?? {}) as Msg;
  return { attributes: attrs(m.attributes), droppedAttributesCount: num(m.droppedAttributesCount) };
}

function scope(v: unknown): InstrumentationScope {
  const m = (v ?? {}) as Msg;
  return {
    name: str(m.name),
    version: str(m.version),
    attributes: attrs(m.attributes),
    droppedAttributesCount: num(m.droppedAttributesCount),
  };
}

function logs(m: Msg): LogsRequest {
  return {
    resourceLogs: list(m.resourceLogs).map((rl) => ({
      resource: resource(rl.resource),
      schemaUrl: str(rl.schemaUrl),
      scopeLogs: list(rl.scopeLogs).map((sl) => ({
        scope: scope(sl.scope),
        schemaUrl: str(sl.schemaUrl),
        logRecords: list(sl.logRecords).map((lr) => ({
          timeUnixNano: time(lr.timeUnixNano),
          observedTimeUnixNano: time(lr.observedTimeUnixNano),
          severityNumber: num(lr.severityNumber),
          severityText: str(lr.severityText),
          body: anyValue(lr.body),
          attributes: attrs(lr.attributes),
          droppedAttributesCount: num(lr.droppedAttributesCount),
          flags: num(lr.flags),
          traceId: hex(lr.traceId),
          spanId: hex(lr.spanId),
          eventName: str(lr.eventName),
        })),
      })),
    })),
  };
}

function traces(m: Msg): TracesRequest {
  return {
    resourceSpans: list(m.resourceSpans).map((rs) => ({
      resource: resource(rs.resource),
      schemaUrl: str(rs.schemaUrl),
      scopeSpans: list(rs.scopeSpans).map((ss) => ({
        scope: scope(ss.scope),
        schemaUrl: str(ss.schemaUrl),
        spans: list(ss.spans).map((s) => ({
          traceId: hex(s.traceId),
          spanId: hex(s.spanId),
          traceState: str(s.traceState),
          parentSpanId: hex(s.parentSpanId),
          flags: num(s.flags),
          name: str(s.name),
          kind: num(s.kind),
          startTimeUnixNano: time(s.startTimeUnixNano),
          endTimeUnixNano: time(s.endTimeUnixNano),
          attributes: attrs(s.attributes),
          droppedAttributesCount: num(s.droppedAttributesCount),
          events: list(s.events).map((e) => ({
            timeUnixNano: time(e.timeUnixNano),
            name: str(e.name),
            attributes: attrs(e.attributes),
            droppedAttributesCount: num(e.droppedAttributesCount),
          })),
          droppedEventsCount: num(s.droppedEventsCount),
          links: list(s.links).map((l) => ({
            traceId: hex(l.traceId),
            spanId: hex(l.spanId),
            traceState: str(l.traceState),
            attributes: attrs(l.attributes),
            droppedAttributesCount: num(l.droppedAttributesCount),
            flags: num(l.flags),
          })),
          droppedLinksCount: num(s.droppedLinksCount),
          status: {
            message: str((s.status as Msg | undefined)?.message),
            code: num((s.status as Msg | undefined)?.code),
          },
        })),
      })),
    })),
  };
}

const optNum = (m: Msg, field: string): number | undefined =>
  has(m, field) ? num(m[field]) : undefined;

function base(p: Msg): {
  attributes: Attributes;
  startTimeUnixNano: bigint;
  timeUnixNano: bigint;
  flags: number;
} {
  return {
    attributes: attrs(p.attributes),
    startTimeUnixNano: time(p.startTimeUnixNano),
    timeUnixNano: time(p.timeUnixNano),
    flags: num(p.flags),
  };
}

function numberPoints(w: Msg): {
  value: number | bigint;
  attributes: Attributes;
  startTimeUnixNano: bigint;
  timeUnixNano: bigint;
  flags: number;
}[] {
  return list(w.dataPoints).map((p) => ({
    ...base(p),
    value: has(p, 'asInt') ? int64(p.asInt) : has(p, 'asDouble') ? num(p.asDouble) : 0,
  }));
}

function buckets(v: unknown): { offset: number; bucketCounts: number[] } {
  const b = (v ?? {}) as Msg;
  return { offset: num(b.offset), bucketCounts: ((b.bucketCounts as unknown[]) ?? []).map(count) };
}

function metricData(m: Msg): OtlpMetricData {
  if (has(m, 'summary')) {
    return {
      type: 'summary',
      dataPoints: list((m.summary as Msg).dataPoints).map((p) => ({
        ...base(p),
        count: count(p.count),
        sum: num(p.sum),
        quantileValues: list(p.quantileValues).map((q) => ({
          quantile: num(q.quantile),
          value: num(q.value),
        })),
      })),
    };
  }
  if (has(m, 'exponentialHistogram')) {
    const w = m.exponentialHistogram as Msg;
    return {
      type: 'exponentialHistogram',
      aggregationTemporality: num(w.aggregationTemporality),
      dataPoints: list(w.dataPoints).map((p) => ({
        ...base(p),
        count: count(p.count),
        sum: optNum(p, 'sum'),
        scale: num(p.scale),
        zeroCount: count(p.zeroCount),
        positive: buckets(p.positive),
        negative: buckets(p.negative),
        min: optNum(p, 'min'),
        max: optNum(p, 'max'),
        zeroThreshold: num(p.zeroThreshold),
      })),
    };
  }
  if (has(m, 'histogram')) {
    const w = m.histogram as Msg;
    return {
      type: 'histogram',
      aggregationTemporality: num(w.aggregationTemporality),
      dataPoints: list(w.dataPoints).map((p) => ({
        ...base(p),
        count: count(p.count),
        sum: optNum(p, 'sum'),
        bucketCounts: ((p.bucketCounts as unknown[]) ?? []).map(count),
        explicitBounds: ((p.explicitBounds as number[]) ?? []).slice(),
        min: optNum(p, 'min'),
        max: optNum(p, 'max'),
      })),
    };
  }
  if (has(m, 'sum')) {
    const w = m.sum as Msg;
    return {
      type: 'sum',
      dataPoints: numberPoints(w),
      aggregationTemporality: num(w.aggregationTemporality),
      isMonotonic: w.isMonotonic === true,
    };
  }
  if (has(m, 'gauge')) return { type: 'gauge', dataPoints: numberPoints(m.gauge as Msg) };
  return { type: 'none' };
}

function metrics(m: Msg): MetricsRequest {
  return {
    resourceMetrics: list(m.resourceMetrics).map((rm) => ({
      resource: resource(rm.resource),
      schemaUrl: str(rm.schemaUrl),
      scopeMetrics: list(rm.scopeMetrics).map((sm) => ({
        scope: scope(sm.scope),
        schemaUrl: str(sm.schemaUrl),
        metrics: list(sm.metrics).map((x): Metric => ({
          name: str(x.name),
          description: str(x.description),
          unit: str(x.unit),
          data: metricData(x),
          metadata: attrs(x.metadata),
        })),
      })),
    })),
  };
}

/** Decodes with the legacy generated decoder and converts to mlmon's decoded types. */
export function legacyDecode(signal: 'logs', bytes: Uint8Array): LogsRequest;
export function legacyDecode(signal: 'traces', bytes: Uint8Array): TracesRequest;
export function legacyDecode(signal: 'metrics', bytes: Uint8Array): MetricsRequest;
export function legacyDecode(
  signal: Signal,
  bytes: Uint8Array,
): LogsRequest | TracesRequest | MetricsRequest {
  const m = legacyRequestTypes[signal].decode(bytes);
  if (signal === 'logs') return logs(m);
  if (signal === 'traces') return traces(m);
  return metrics(m);
}
