/**
 * The decoded form of OTLP export requests (traces, metrics, logs), shared by the protobuf and
 * JSON decoders and read by `extract/`. It follows opentelemetry-proto field names in camelCase,
 * with these normalisations so that the two wire formats decode to identical values:
 * - ids (trace, span) are lowercase hex strings, `''` when absent;
 * - nanosecond timestamps are `bigint` (no precision loss), `0n` when absent;
 * - int64 values are `number` when within ±2^53, else `bigint`; doubles are `number`;
 * - bytes are `Uint8Array`; kvlists are plain objects ({@link Attributes});
 * - absent scalars take the proto3 default (`''`, `0`, `false`).
 */

/** An OTLP AnyValue. `undefined` stands for an empty AnyValue (no field set). */
export type AnyValue =
  string | number | bigint | boolean | Uint8Array | AnyValue[] | Attributes | undefined;

/** Attributes (a KeyValue list) as an object; on duplicate keys the last one wins. */
export interface Attributes {
  [key: string]: AnyValue;
}

/** `opentelemetry.proto.resource.v1.Resource`. */
export interface Resource {
  attributes: Attributes;
  droppedAttributesCount: number;
}

/** `opentelemetry.proto.common.v1.InstrumentationScope`. */
export interface InstrumentationScope {
  name: string;
  version: string;
  attributes: Attributes;
  droppedAttributesCount: number;
}

// ---------------------------------------------------------------------------------------- logs

/** `opentelemetry.proto.logs.v1.LogRecord`. */
export interface LogRecord {
  timeUnixNano: bigint;
  observedTimeUnixNano: bigint;
  severityNumber: number;
  severityText: string;
  body: AnyValue;
  attributes: Attributes;
  droppedAttributesCount: number;
  flags: number;
  traceId: string;
  spanId: string;
  /** The event name (OTLP 1.5+); `''` for plain logs. */
  eventName: string;
}

/** `opentelemetry.proto.logs.v1.ScopeLogs`. */
export interface ScopeLogs {
  scope: InstrumentationScope;
  logRecords: LogRecord[];
  schemaUrl: string;
}

/** `opentelemetry.proto.logs.v1.ResourceLogs`. */
export interface ResourceLogs {
  resource: Resource;
  scopeLogs: ScopeLogs[];
  schemaUrl: string;
}

/** `opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest`. */
export interface LogsRequest {
  resourceLogs: ResourceLogs[];
}

// -------------------------------------------------------------------------------------- traces

/** `opentelemetry.proto.trace.v1.Span.Event`. */
export interface SpanEvent {
  timeUnixNano: bigint;
  name: string;
  attributes: Attributes;
  droppedAttributesCount: number;
}

/** `opentelemetry.proto.trace.v1.Span.Link`. */
export interface SpanLink {
  traceId: string;
  spanId: string;
  traceState: string;
  attributes: Attributes;
  droppedAttributesCount: number;
  flags: number;
}

/** `opentelemetry.proto.trace.v1.Status` (code: 0 unset, 1 ok, 2 error). */
export interface SpanStatus {
  message: string;
  code: number;
}

/** `opentelemetry.proto.trace.v1.Span` (kind: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer). */
export interface Span {
  traceId: string;
  spanId: string;
  traceState: string;
  parentSpanId: string;
  flags: number;
  name: string;
  kind: number;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: Attributes;
  droppedAttributesCount: number;
  events: SpanEvent[];
  droppedEventsCount: number;
  links: SpanLink[];
  droppedLinksCount: number;
  status: SpanStatus;
}

/** `opentelemetry.proto.trace.v1.ScopeSpans`. */
export interface ScopeSpans {
  scope: InstrumentationScope;
  spans: Span[];
  schemaUrl: string;
}

/** `opentelemetry.proto.trace.v1.ResourceSpans`. */
export interface ResourceSpans {
  resource: Resource;
  scopeSpans: ScopeSpans[];
  schemaUrl: string;
}

/** `opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest`. */
export interface TracesRequest {
  resourceSpans: ResourceSpans[];
}

// ------------------------------------------------------------------------------------- metrics

/** Fields common to every data point. */
export interface DataPointBase {
  attributes: Attributes;
  startTimeUnixNano: bigint;
  timeUnixNano: bigint;
  flags: number;
}

/** `NumberDataPoint`: `asInt` / `asDouble` both decode to `value`. */
export interface NumberDataPoint extends DataPointBase {
  value: number | bigint;
}

/** `HistogramDataPoint`. `sum`, `min`, `max` are `undefined` when not set. */
export interface HistogramDataPoint extends DataPointBase {
  count: number;
  sum: number | undefined;
  bucketCounts: number[];
  explicitBounds: number[];
  min: number | undefined;
  max: number | undefined;
}

/** `ExponentialHistogramDataPoint.Buckets`. */
export interface ExponentialBuckets {
  offset: number;
  bucketCounts: number[];
}

/** `ExponentialHistogramDataPoint`. */
export interface ExponentialHistogramDataPoint extends DataPointBase {
  count: number;
  sum: number | undefined;
  scale: number;
  zeroCount: number;
  positive: ExponentialBuckets;
  negative: ExponentialBuckets;
  min: number | undefined;
  max: number | undefined;
  zeroThreshold: number;
}

/** `SummaryDataPoint`. */
export interface SummaryDataPoint extends DataPointBase {
  count: number;
  sum: number;
  quantileValues: { quantile: number; value: number }[];
}

/** Aggregation temporality: 0 unspecified, 1 delta, 2 cumulative. */
export type AggregationTemporality = number;

/** The `Metric.data` oneof of a decoded OTLP metric: exactly one kind per metric. */
export type OtlpMetricData =
  | { type: 'gauge'; dataPoints: NumberDataPoint[] }
  | {
      type: 'sum';
      dataPoints: NumberDataPoint[];
      aggregationTemporality: AggregationTemporality;
      isMonotonic: boolean;
    }
  | {
      type: 'histogram';
      dataPoints: HistogramDataPoint[];
      aggregationTemporality: AggregationTemporality;
    }
  | {
      type: 'exponentialHistogram';
      dataPoints: ExponentialHistogramDataPoint[];
      aggregationTemporality: AggregationTemporality;
    }
  | { type: 'summary'; dataPoints: SummaryDataPoint[] }
  | { type: 'none' };

/** `opentelemetry.proto.metrics.v1.Metric`. */
export interface Metric {
  name: string;
  description: string;
  unit: string;
  data: OtlpMetricData;
  metadata: Attributes;
}

/** `opentelemetry.proto.metrics.v1.ScopeMetrics`. */
export interface ScopeMetrics {
  scope: InstrumentationScope;
  metrics: Metric[];
  schemaUrl: string;
}

/** `opentelemetry.proto.metrics.v1.ResourceMetrics`. */
export interface ResourceMetrics {
  resource: Resource;
  scopeMetrics: ScopeMetrics[];
  schemaUrl: string;
}

/** `opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest`. */
export interface MetricsRequest {
  resourceMetrics: ResourceMetrics[];
}

/** The three OTLP signals. */
export type Signal = 'traces' | 'metrics' | 'logs';

/** A decoded request of any signal. */
export type OtlpRequest =
  | { signal: 'traces'; request: TracesRequest }
  | { signal: 'metrics'; request: MetricsRequest }
  | { signal: 'logs'; request: LogsRequest };
