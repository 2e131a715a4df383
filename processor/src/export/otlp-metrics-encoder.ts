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

/** OTLP `AggregationTemporality`. */
const TEMPORALITY_DELTA = 1;
const TEMPORALITY_CUMULATIVE = 2;

// ---------------------------------------------------------------------------- protobuf writing

/** Wire types of the protobuf encoding. */
const VARINT = 0;
const FIXED64 = 1;
const LEN = 2;

function varint(value: number | bigint): Buffer {
  let v = BigInt.asUintN(64, BigInt(value));
  const bytes: number[] = [];
  while (v >= 0x80n) {
    bytes.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  bytes.push(Number(v));
  return Buffer.from(bytes);
}

const tag = (field: number, wire: number): Buffer => varint((field << 3) | wire);

function lenField(field: number, payload: Buffer): Buffer {
  return Buffer.concat([tag(field, LEN), varint(payload.length), payload]);
}

const stringField = (field: number, value: string): Buffer =>
  value === '' ? Buffer.alloc(0) : lenField(field, Buffer.from(value, 'utf8'));

function fixed64Field(field: number, value: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt.asUintN(64, value));
  return Buffer.concat([tag(field, FIXED64), b]);
}

function doubleField(field: number, value: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(value);
  return Buffer.concat([tag(field, FIXED64), b]);
}

const varintField = (field: number, value: number): Buffer =>
  value === 0 ? Buffer.alloc(0) : Buffer.concat([tag(field, VARINT), varint(value)]);

/** Milliseconds (possibly fractional) → nanoseconds without float rounding of the integer part. */
export function millisToNanos(ms: number): bigint {
  const whole = Math.floor(ms);
  return BigInt(whole) * 1_000_000n + BigInt(Math.round((ms - whole) * 1_000_000));
}

function anyValue(value: string | number | boolean): Buffer {
  if (typeof value === 'string') return lenField(1, Buffer.from(value, 'utf8'));
  if (typeof value === 'boolean') return Buffer.concat([tag(2, VARINT), varint(value ? 1 : 0)]);
  if (Number.isInteger(value)) return Buffer.concat([tag(3, VARINT), varint(BigInt(value))]);
  return doubleField(4, value);
}

function keyValues(field: number, attributes: PointAttributes): Buffer[] {
  return Object.entries(attributes).map(([key, value]) =>
    lenField(field, Buffer.concat([stringField(1, key), lenField(2, anyValue(value))])),
  );
}

function numberPoint(p: NumberPoint, startNs: bigint, timeNs: bigint, asInt: boolean): Buffer {
  const start = p.startUnixMillis !== undefined ? millisToNanos(p.startUnixMillis) : startNs;
  const value =
    asInt && Number.isInteger(p.value)
      ? (() => {
          const b = Buffer.alloc(8);
          b.writeBigInt64LE(BigInt(p.value));
          return Buffer.concat([tag(6, FIXED64), b]);
        })()
      : doubleField(4, p.value);
  return Buffer.concat([
    fixed64Field(2, start),
    fixed64Field(3, timeNs),
    value,
    ...keyValues(7, p.attributes),
  ]);
}

function histogramPoint(p: HistogramPoint, startNs: bigint, timeNs: bigint): Buffer {
  const start = p.startUnixMillis !== undefined ? millisToNanos(p.startUnixMillis) : startNs;
  const counts = Buffer.alloc(8 * p.counts.length);
  p.counts.forEach((c, i) => counts.writeBigUInt64LE(BigInt(c), 8 * i));
  const bounds = Buffer.alloc(8 * p.bounds.length);
  p.bounds.forEach((b, i) => bounds.writeDoubleLE(b, 8 * i));
  return Buffer.concat([
    fixed64Field(2, start),
    fixed64Field(3, timeNs),
    fixed64Field(4, BigInt(p.count)),
    doubleField(5, p.sum),
    lenField(6, counts),
    ...(p.bounds.length > 0 ? [lenField(7, bounds)] : []),
    ...keyValues(9, p.attributes),
    ...(p.min !== undefined ? [doubleField(11, p.min)] : []),
    ...(p.max !== undefined ? [doubleField(12, p.max)] : []),
  ]);
}

function metric(m: MetricData, snapshot: MetricsSnapshot): Buffer {
  const startNs = millisToNanos(snapshot.startUnixMillis);
  const timeNs = millisToNanos(snapshot.timeUnixMillis);
  const d = m.descriptor;
  const temporality = temporalityOf(d.instrument, m.temporality ?? snapshot.temporality);
  const head = Buffer.concat([
    stringField(1, d.name),
    stringField(2, d.brief),
    stringField(3, d.unit),
  ]);
  if (m.kind === 'histogram') {
    const points = m.points.map((p) => lenField(1, histogramPoint(p, startNs, timeNs)));
    return Buffer.concat([
      head,
      lenField(9, Buffer.concat([...points, varintField(2, temporality)])),
    ]);
  }
  const asInt = d.valueType === 'int';
  const points = m.points.map((p) => lenField(1, numberPoint(p, startNs, timeNs, asInt)));
  if (d.instrument === 'gauge') return Buffer.concat([head, lenField(5, Buffer.concat(points))]);
  const sum = Buffer.concat([
    ...points,
    varintField(2, temporality),
    varintField(3, d.instrument === 'counter' ? 1 : 0),
  ]);
  return Buffer.concat([head, lenField(7, sum)]);
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

/** Encodes the snapshot as protobuf `ExportMetricsServiceRequest` bytes. */
export function encodeMetricsProtobuf(snapshot: MetricsSnapshot): Uint8Array {
  const resourceMetrics = snapshot.resources.map((r) => {
    const resource = Buffer.concat(keyValues(1, r.resource));
    const scopes = r.scopes.map((s) => {
      const scope = Buffer.concat([stringField(1, s.scope), stringField(2, s.version ?? '')]);
      const metrics = s.metrics
        .filter((m) => m.points.length > 0)
        .map((m) => lenField(2, metric(m, snapshot)));
      return lenField(2, Buffer.concat([lenField(1, scope), ...metrics]));
    });
    return lenField(1, Buffer.concat([lenField(1, resource), ...scopes]));
  });
  return Buffer.concat(resourceMetrics);
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
