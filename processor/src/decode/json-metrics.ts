import type {
  DataPointBase,
  ExponentialBuckets,
  ExponentialHistogramDataPoint,
  HistogramDataPoint,
  Metric,
  OtlpMetricData,
  MetricsRequest,
  NumberDataPoint,
  SummaryDataPoint,
} from './otlp-types.js';
import type { JsonObject } from './json-common.js';
import {
  attributes,
  bool,
  double,
  doubleValue,
  int32,
  int64Value,
  mapMessages,
  optArray,
  optDouble,
  optObject,
  str,
  timestamp,
  uint64Element,
  uint64Number,
} from './json-common.js';
import { readJsonEnvelope } from './json-envelope.js';
import { METRICS_ENVELOPE } from './signal-envelopes.js';
import { withPath } from './otlp-decode-error.js';

/**
 * Decodes an OTLP/JSON `ExportMetricsServiceRequest`. Exemplars are ignored.
 * @throws OtlpDecodeError naming the field path of the first problem
 */
export function decodeMetricsJson(body: Uint8Array | string): MetricsRequest {
  return { resourceMetrics: readJsonEnvelope(body, METRICS_ENVELOPE, metric) };
}

function metric(o: JsonObject): Metric {
  return {
    name: str(o, 'name'),
    description: str(o, 'description'),
    unit: str(o, 'unit'),
    data: metricData(o),
    metadata: attributes(o, 'metadata'),
  };
}

/** The oneof `data`; like the protobuf decoder, the last kind in field order wins if several are set. */
function metricData(o: JsonObject): OtlpMetricData {
  let data: OtlpMetricData = { type: 'none' };
  const within = <T>(field: string, f: (w: JsonObject) => T): T | undefined => {
    try {
      const w = optObject(o, field);
      return w === undefined ? undefined : f(w);
    } catch (e) {
      throw withPath(e, field);
    }
  };
  const temporality = (w: JsonObject): number => int32(w, 'aggregationTemporality', true);
  data =
    within('gauge', (w): OtlpMetricData => ({
      type: 'gauge',
      dataPoints: mapMessages(w, 'dataPoints', numberPoint),
    })) ?? data;
  data =
    within('sum', (w): OtlpMetricData => ({
      type: 'sum',
      dataPoints: mapMessages(w, 'dataPoints', numberPoint),
      aggregationTemporality: temporality(w),
      isMonotonic: bool(w, 'isMonotonic'),
    })) ?? data;
  data =
    within('histogram', (w): OtlpMetricData => ({
      type: 'histogram',
      dataPoints: mapMessages(w, 'dataPoints', histogramPoint),
      aggregationTemporality: temporality(w),
    })) ?? data;
  data =
    within('exponentialHistogram', (w): OtlpMetricData => ({
      type: 'exponentialHistogram',
      dataPoints: mapMessages(w, 'dataPoints', exponentialPoint),
      aggregationTemporality: temporality(w),
    })) ?? data;
  data =
    within('summary', (w): OtlpMetricData => ({
      type: 'summary',
      dataPoints: mapMessages(w, 'dataPoints', summaryPoint),
    })) ?? data;
  return data;
}

function base(o: JsonObject): DataPointBase {
  return {
    attributes: attributes(o),
    startTimeUnixNano: timestamp(o, 'startTimeUnixNano'),
    timeUnixNano: timestamp(o, 'timeUnixNano'),
    flags: int32(o, 'flags', false),
  };
}

function numberPoint(o: JsonObject): NumberDataPoint {
  // Protobuf field order: as_double (4) before as_int (6), so as_int wins when both are set.
  let value: number | bigint = 0;
  const d = doubleValue(o.asDouble, 'asDouble');
  if (d !== undefined) value = d;
  const i = int64Value(o.asInt, 'asInt');
  if (i !== undefined) value = i;
  return { ...base(o), value };
}

function numbers(
  o: JsonObject,
  field: string,
  element: (v: unknown, field: string) => number,
): number[] {
  const items = optArray(o, field);
  const out = new Array<number>(items.length);
  for (let i = 0; i < items.length; i++) out[i] = element(items[i], `${field}[${i}]`);
  return out;
}

function doubleElement(v: unknown, field: string): number {
  const d = doubleValue(v, field);
  if (d === undefined) throw withPath(new Error('null element in a repeated double field'), field);
  return d;
}

function histogramPoint(o: JsonObject): HistogramDataPoint {
  return {
    ...base(o),
    count: uint64Number(o, 'count'),
    sum: optDouble(o, 'sum'),
    bucketCounts: numbers(o, 'bucketCounts', uint64Element),
    explicitBounds: numbers(o, 'explicitBounds', doubleElement),
    min: optDouble(o, 'min'),
    max: optDouble(o, 'max'),
  };
}

function buckets(o: JsonObject, field: string): ExponentialBuckets {
  try {
    const b = optObject(o, field);
    if (b === undefined) return { offset: 0, bucketCounts: [] };
    return {
      offset: int32(b, 'offset', true),
      bucketCounts: numbers(b, 'bucketCounts', uint64Element),
    };
  } catch (e) {
    throw withPath(e, field);
  }
}

function exponentialPoint(o: JsonObject): ExponentialHistogramDataPoint {
  return {
    ...base(o),
    count: uint64Number(o, 'count'),
    sum: optDouble(o, 'sum'),
    scale: int32(o, 'scale', true),
    zeroCount: uint64Number(o, 'zeroCount'),
    positive: buckets(o, 'positive'),
    negative: buckets(o, 'negative'),
    min: optDouble(o, 'min'),
    max: optDouble(o, 'max'),
    zeroThreshold: double(o, 'zeroThreshold'),
  };
}

function summaryPoint(o: JsonObject): SummaryDataPoint {
  return {
    ...base(o),
    count: uint64Number(o, 'count'),
    sum: double(o, 'sum'),
    quantileValues: mapMessages(o, 'quantileValues', (q) => ({
      quantile: double(q, 'quantile'),
      value: double(q, 'value'),
    })),
  };
}
