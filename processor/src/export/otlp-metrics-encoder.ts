/**
 * Encodes a {@link MetricsSnapshot} as an OTLP `ExportMetricsServiceRequest`, in protobuf
 * (opentelemetry-proto `collector/metrics/v1`, field numbers below) or in the OTLP/JSON
 * mapping. Written by hand because mlmon exports a handful of gauges, sums and histograms
 * built from window results, not SDK instruments: the SDK's serializer would need SDK types.
 */
import type {
  HistogramPoint,
  MetricData,
  MetricsSnapshot,
  NumberPoint,
  PointAttributes,
} from './metric-data.js';
import { ProtobufWriter } from '../wire/protobuf-writer.js';
import type { Exemplar } from '../evaluate/window-result.js';

/** OTLP `AggregationTemporality`. */
const TEMPORALITY_DELTA = 1;
const TEMPORALITY_CUMULATIVE = 2;

/** Milliseconds (possibly fractional) → nanoseconds without float rounding of the integer part. */
export function millisToNanos(ms: number): bigint {
  const whole = Math.floor(ms);
  return BigInt(whole) * 1_000_000n + BigInt(Math.round((ms - whole) * 1_000_000));
}

/**
 * Temporality per instrument under a preference, as the OTel SDK's delta selector does: counters
 * and histograms follow it, up-down counters (state sets) stay cumulative.
 */
export function temporalityOf(instrument: string, preference: 'cumulative' | 'delta'): number {
  if (instrument === 'gauge') return 0;
  if (instrument === 'updowncounter') return TEMPORALITY_CUMULATIVE;
  return preference === 'delta' ? TEMPORALITY_DELTA : TEMPORALITY_CUMULATIVE;
}

// ------------------------------------------------------------------------------------ protobuf

/** `AnyValue`: string_value = 1, bool_value = 2, int_value = 3, double_value = 4. */
function anyValue(w: ProtobufWriter, value: string | number | boolean): void {
  if (typeof value === 'string') w.string(1, value);
  else if (typeof value === 'boolean') w.varint(2, value ? 1 : 0);
  else if (Number.isInteger(value)) w.varint(3, value);
  else w.double(4, value);
}

/** Repeated `KeyValue { key = 1; value = 2 }` in field `field`. */
function keyValues(w: ProtobufWriter, field: number, attributes: PointAttributes): void {
  for (const [key, value] of Object.entries(attributes)) {
    w.fork(field).nonEmptyString(1, key).fork(2);
    anyValue(w, value);
    w.join().join();
  }
}

/** Hex id → bytes (an id that is not even-length hex becomes empty: omitted). */
function idBytes(hex: string): Uint8Array {
  return /^(?:[0-9a-f]{2})+$/i.test(hex)
    ? Uint8Array.from(Buffer.from(hex, 'hex'))
    : new Uint8Array(0);
}

/** Repeated `Exemplar` (time = 2, as_double = 3, span_id = 4, trace_id = 5) in field `field`. */
function exemplars(w: ProtobufWriter, field: number, list: readonly Exemplar[] | undefined): void {
  for (const e of list ?? []) {
    w.fork(field).fixed64(2, millisToNanos(e.timeUnixMillis)).double(3, e.value);
    const span = idBytes(e.spanId);
    const trace = idBytes(e.traceId);
    if (span.length > 0) w.bytes(4, span);
    if (trace.length > 0) w.bytes(5, trace);
    w.join();
  }
}

/** OTLP/JSON exemplars (ids as hex strings, as the JSON mapping of OTLP writes them). */
function jsonExemplars(list: readonly Exemplar[] | undefined): Record<string, unknown> {
  if (list === undefined || list.length === 0) return {};
  return {
    exemplars: list.map((e) => ({
      timeUnixNano: millisToNanos(e.timeUnixMillis).toString(),
      asDouble: e.value,
      spanId: e.spanId,
      traceId: e.traceId,
    })),
  };
}

/**
 * `NumberDataPoint` (start = 2, time = 3, as_double = 4, exemplars = 5, as_int = 6,
 * attributes = 7).
 */
function numberPoint(
  w: ProtobufWriter,
  p: NumberPoint,
  startNs: bigint,
  timeNs: bigint,
  asInt: boolean,
): void {
  const start = p.startUnixMillis !== undefined ? millisToNanos(p.startUnixMillis) : startNs;
  w.fixed64(2, start).fixed64(3, timeNs);
  if (asInt && Number.isInteger(p.value)) w.sfixed64(6, p.value);
  else w.double(4, p.value);
  exemplars(w, 5, p.exemplars);
  keyValues(w, 7, p.attributes);
}

/**
 * `HistogramDataPoint` (start = 2, time = 3, count = 4, sum = 5, bucket_counts = 6,
 * explicit_bounds = 7, attributes = 9, min = 11, max = 12).
 */
function histogramPoint(
  w: ProtobufWriter,
  p: HistogramPoint,
  startNs: bigint,
  timeNs: bigint,
): void {
  const start = p.startUnixMillis !== undefined ? millisToNanos(p.startUnixMillis) : startNs;
  w.fixed64(2, start).fixed64(3, timeNs).fixed64(4, p.count).double(5, p.sum);
  w.packedFixed64(6, p.counts);
  if (p.bounds.length > 0) w.packedDoubles(7, p.bounds);
  keyValues(w, 9, p.attributes);
  if (p.min !== undefined) w.double(11, p.min);
  if (p.max !== undefined) w.double(12, p.max);
}

/**
 * `Metric` (name = 1, description = 2, unit = 3, gauge = 5, sum = 7, histogram = 9); the data
 * messages hold data_points = 1, aggregation_temporality = 2 and (sum) is_monotonic = 3.
 */
function metric(w: ProtobufWriter, m: MetricData, snapshot: MetricsSnapshot): void {
  const startNs = millisToNanos(snapshot.startUnixMillis);
  const timeNs = millisToNanos(snapshot.timeUnixMillis);
  const d = m.descriptor;
  const temporality = temporalityOf(d.instrument, m.temporality ?? snapshot.temporality);
  w.nonEmptyString(1, d.name).nonEmptyString(2, d.brief).nonEmptyString(3, d.unit);
  if (m.kind === 'histogram') {
    w.fork(9);
    for (const p of m.points) {
      w.fork(1);
      histogramPoint(w, p, startNs, timeNs);
      w.join();
    }
    w.nonZeroVarint(2, temporality).join();
    return;
  }
  const asInt = d.valueType === 'int';
  w.fork(d.instrument === 'gauge' ? 5 : 7);
  for (const p of m.points) {
    w.fork(1);
    numberPoint(w, p, startNs, timeNs, asInt);
    w.join();
  }
  if (d.instrument !== 'gauge') {
    w.nonZeroVarint(2, temporality).nonZeroVarint(3, d.instrument === 'counter' ? 1 : 0);
  }
  w.join();
}

/**
 * Encodes the snapshot as protobuf `ExportMetricsServiceRequest` bytes (resource_metrics = 1;
 * ResourceMetrics: resource = 1, scope_metrics = 2; ScopeMetrics: scope = 1, metrics = 2).
 */
export function encodeMetricsProtobuf(snapshot: MetricsSnapshot): Uint8Array {
  const w = new ProtobufWriter();
  for (const r of snapshot.resources) {
    w.fork(1).fork(1);
    keyValues(w, 1, r.resource);
    w.join();
    for (const s of r.scopes) {
      w.fork(2)
        .fork(1)
        .nonEmptyString(1, s.scope)
        .nonEmptyString(2, s.version ?? '')
        .join();
      for (const m of s.metrics) {
        if (m.points.length === 0) continue;
        w.fork(2);
        metric(w, m, snapshot);
        w.join();
      }
      w.join();
    }
    w.join();
  }
  return w.finish();
}

// ---------------------------------------------------------------------------------------- JSON

type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };

function jsonAttributes(attributes: PointAttributes): Json[] {
  return Object.entries(attributes).map(([key, value]): Json => ({
    key,
    value:
      typeof value === 'string'
        ? { stringValue: value }
        : typeof value === 'boolean'
          ? { boolValue: value }
          : Number.isInteger(value)
            ? { intValue: String(value) }
            : { doubleValue: value },
  }));
}

/** Encodes the snapshot in the OTLP/JSON mapping (int64 as strings, enums as integers). */
export function encodeMetricsJson(snapshot: MetricsSnapshot): string {
  const start = millisToNanos(snapshot.startUnixMillis);
  const time = String(millisToNanos(snapshot.timeUnixMillis));
  const startOf = (p: { startUnixMillis?: number }): string =>
    String(p.startUnixMillis !== undefined ? millisToNanos(p.startUnixMillis) : start);
  const body = {
    resourceMetrics: snapshot.resources.map((r) => ({
      resource: { attributes: jsonAttributes(r.resource) },
      scopeMetrics: r.scopes.map((s) => ({
        scope: { name: s.scope, ...(s.version ? { version: s.version } : {}) },
        metrics: s.metrics
          .filter((m) => m.points.length > 0)
          .map((m) => {
            const d = m.descriptor;
            const head = { name: d.name, description: d.brief, unit: d.unit };
            const temporality = temporalityOf(d.instrument, m.temporality ?? snapshot.temporality);
            if (m.kind === 'histogram') {
              return {
                ...head,
                histogram: {
                  aggregationTemporality: temporality,
                  dataPoints: m.points.map((p) => ({
                    attributes: jsonAttributes(p.attributes),
                    startTimeUnixNano: startOf(p),
                    timeUnixNano: time,
                    count: String(p.count),
                    sum: p.sum,
                    bucketCounts: p.counts.map(String),
                    explicitBounds: [...p.bounds],
                    ...(p.min !== undefined ? { min: p.min } : {}),
                    ...(p.max !== undefined ? { max: p.max } : {}),
                  })),
                },
              };
            }
            const dataPoints = m.points.map((p) => ({
              attributes: jsonAttributes(p.attributes),
              startTimeUnixNano: startOf(p),
              timeUnixNano: time,
              ...(d.valueType === 'int' && Number.isInteger(p.value)
                ? { asInt: String(p.value) }
                : { asDouble: p.value }),
              ...jsonExemplars(p.exemplars),
            }));
            if (d.instrument === 'gauge') return { ...head, gauge: { dataPoints } };
            return {
              ...head,
              sum: {
                dataPoints,
                aggregationTemporality: temporality,
                isMonotonic: d.instrument === 'counter',
              },
            };
          }),
      })),
    })),
  };
  return JSON.stringify(body);
}
