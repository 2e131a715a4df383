import type {
  ExponentialBuckets,
  ExponentialHistogramDataPoint,
  HistogramDataPoint,
  Metric,
  MetricsRequest,
  NumberDataPoint,
  OtlpMetricData,
  SummaryDataPoint,
} from './otlp-types.js';
import type { ProtoReader } from './proto-reader.js';
import { attributeMark, buildAttributes, readKeyValue } from './proto-common.js';
import { readProtoEnvelope } from './proto-envelope.js';
import { METRICS_ENVELOPE } from './signal-envelopes.js';
import { withPath } from './otlp-decode-error.js';

/**
 * Decodes an OTLP `ExportMetricsServiceRequest` from protobuf bytes. Exemplars are skipped
 * (mlmon does not use them).
 * @throws OtlpDecodeError naming the field path and byte offset of the first problem
 */
export function decodeMetricsProto(bytes: Uint8Array): MetricsRequest {
  return { resourceMetrics: readProtoEnvelope(bytes, METRICS_ENVELOPE, readMetric) };
}

function readMetric(r: ProtoReader): Metric {
  const end = r.lengthEnd();
  let name = '';
  let description = '';
  let unit = '';
  let data: OtlpMetricData = { type: 'none' };
  const metadataMark = attributeMark();
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 10: // 1 name
        name = r.string();
        break;
      case 18: // 2 description
        description = r.string();
        break;
      case 26: // 3 unit
        unit = r.string();
        break;
      case 42: // 5 gauge
        data = readDataWrapper(r, 'gauge');
        break;
      case 58: // 7 sum
        data = readDataWrapper(r, 'sum');
        break;
      case 74: // 9 histogram
        data = readDataWrapper(r, 'histogram');
        break;
      case 82: // 10 exponential_histogram
        data = readDataWrapper(r, 'exponentialHistogram');
        break;
      case 90: // 11 summary
        data = readDataWrapper(r, 'summary');
        break;
      case 98: // 12 metadata
        readKeyValue(r, 0, 'metadata');
        break;
      default:
        r.skip(tag);
    }
  }
  r.checkEnd(end);
  const metadata = buildAttributes(metadataMark);
  return { name, description, unit, data, metadata };
}

type DataType = Exclude<OtlpMetricData['type'], 'none'>;

/** Decodes Gauge / Sum / Histogram / ExponentialHistogram / Summary (all: 1 data_points, 2 temporality, 3 monotonic). */
function readDataWrapper(r: ProtoReader, type: DataType): OtlpMetricData {
  const end = r.lengthEnd();
  let aggregationTemporality = 0;
  let isMonotonic = false;
  const numberPoints: NumberDataPoint[] = [];
  const histogramPoints: HistogramDataPoint[] = [];
  const exponentialPoints: ExponentialHistogramDataPoint[] = [];
  const summaryPoints: SummaryDataPoint[] = [];
  let index = 0;
  try {
    while (r.pos < end) {
      const tag = r.uint32();
      if (tag === 10) {
        // 1 data_points
        switch (type) {
          case 'gauge':
          case 'sum':
            numberPoints.push(readNumberDataPoint(r));
            break;
          case 'histogram':
            histogramPoints.push(readHistogramDataPoint(r));
            break;
          case 'exponentialHistogram':
            exponentialPoints.push(readExponentialDataPoint(r));
            break;
          case 'summary':
            summaryPoints.push(readSummaryDataPoint(r));
            break;
        }
        index++;
      } else if (tag === 16 && type !== 'gauge' && type !== 'summary') {
        aggregationTemporality = r.int32(); // 2 aggregation_temporality
      } else if (tag === 24 && type === 'sum') {
        isMonotonic = r.bool(); // 3 is_monotonic
      } else {
        r.skip(tag);
      }
    }
    r.checkEnd(end);
  } catch (e) {
    throw withPath(e, `${type}.dataPoints[${index}]`);
  }
  switch (type) {
    case 'gauge':
      return { type, dataPoints: numberPoints };
    case 'sum':
      return { type, dataPoints: numberPoints, aggregationTemporality, isMonotonic };
    case 'histogram':
      return { type, dataPoints: histogramPoints, aggregationTemporality };
    case 'exponentialHistogram':
      return { type, dataPoints: exponentialPoints, aggregationTemporality };
    case 'summary':
      return { type, dataPoints: summaryPoints };
  }
}

function readNumberDataPoint(r: ProtoReader): NumberDataPoint {
  const end = r.lengthEnd();
  const attributesMark = attributeMark();
  let startTimeUnixNano = 0n;
  let timeUnixNano = 0n;
  let flags = 0;
  let value: number | bigint = 0;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 17: // 2 start_time_unix_nano
        startTimeUnixNano = r.fixed64Big();
        break;
      case 25: // 3 time_unix_nano
        timeUnixNano = r.fixed64Big();
        break;
      case 33: // 4 as_double
        value = r.double();
        break;
      case 49: // 6 as_int (sfixed64)
        value = r.sfixed64();
        break;
      case 58: // 7 attributes
        readKeyValue(r, 0, 'attributes');
        break;
      case 64: // 8 flags
        flags = r.uint32();
        break;
      default:
        r.skip(tag); // 5 exemplars and unknown fields
    }
  }
  r.checkEnd(end);
  const attributes = buildAttributes(attributesMark);
  return { attributes, startTimeUnixNano, timeUnixNano, flags, value };
}

/**
 * Reads a `repeated fixed64` or `repeated double` field, packed (LEN) or not (I64), appending to
 * `out`.
 */
function readRepeated64(
  r: ProtoReader,
  tag: number,
  type: 'fixed64' | 'double',
  out: number[],
): void {
  const read = (): number => (type === 'double' ? r.double() : r.fixed64Number());
  if ((tag & 7) === 1) {
    out.push(read());
    return;
  }
  const end = r.lengthEnd();
  if ((end - r.pos) % 8 !== 0) throw r.error(`packed ${type} field length is not a multiple of 8`);
  while (r.pos < end) out.push(read());
}

function readHistogramDataPoint(r: ProtoReader): HistogramDataPoint {
  const end = r.lengthEnd();
  const attributesMark = attributeMark();
  let startTimeUnixNano = 0n;
  let timeUnixNano = 0n;
  let flags = 0;
  let count = 0;
  let sum: number | undefined;
  const bucketCounts: number[] = [];
  const explicitBounds: number[] = [];
  let min: number | undefined;
  let max: number | undefined;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 17: // 2 start_time_unix_nano
        startTimeUnixNano = r.fixed64Big();
        break;
      case 25: // 3 time_unix_nano
        timeUnixNano = r.fixed64Big();
        break;
      case 33: // 4 count (fixed64)
        count = r.fixed64Number();
        break;
      case 41: // 5 sum
        sum = r.double();
        break;
      case 49: // 6 bucket_counts, unpacked
      case 50: // 6 bucket_counts, packed
        readRepeated64(r, tag, 'fixed64', bucketCounts);
        break;
      case 57: // 7 explicit_bounds, unpacked
      case 58: // 7 explicit_bounds, packed
        readRepeated64(r, tag, 'double', explicitBounds);
        break;
      case 74: // 9 attributes
        readKeyValue(r, 0, 'attributes');
        break;
      case 80: // 10 flags
        flags = r.uint32();
        break;
      case 89: // 11 min
        min = r.double();
        break;
      case 97: // 12 max
        max = r.double();
        break;
      default:
        r.skip(tag); // 8 exemplars and unknown fields
    }
  }
  r.checkEnd(end);
  const attributes = buildAttributes(attributesMark);
  return {
    attributes,
    startTimeUnixNano,
    timeUnixNano,
    flags,
    count,
    sum,
    bucketCounts,
    explicitBounds,
    min,
    max,
  };
}

function readBuckets(r: ProtoReader): ExponentialBuckets {
  const end = r.lengthEnd();
  let offset = 0;
  const bucketCounts: number[] = [];
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 8: // 1 offset (sint32)
        offset = r.sint32();
        break;
      case 16: // 2 bucket_counts, unpacked (uint64)
        bucketCounts.push(r.uint64Number());
        break;
      case 18: {
        // 2 bucket_counts, packed
        const packedEnd = r.lengthEnd();
        while (r.pos < packedEnd) bucketCounts.push(r.uint64Number());
        r.checkEnd(packedEnd);
        break;
      }
      default:
        r.skip(tag);
    }
  }
  r.checkEnd(end);
  return { offset, bucketCounts };
}

function readExponentialDataPoint(r: ProtoReader): ExponentialHistogramDataPoint {
  const end = r.lengthEnd();
  const attributesMark = attributeMark();
  let startTimeUnixNano = 0n;
  let timeUnixNano = 0n;
  let flags = 0;
  let count = 0;
  let sum: number | undefined;
  let scale = 0;
  let zeroCount = 0;
  let positive: ExponentialBuckets = { offset: 0, bucketCounts: [] };
  let negative: ExponentialBuckets = { offset: 0, bucketCounts: [] };
  let min: number | undefined;
  let max: number | undefined;
  let zeroThreshold = 0;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 10: // 1 attributes
        readKeyValue(r, 0, 'attributes');
        break;
      case 17: // 2 start_time_unix_nano
        startTimeUnixNano = r.fixed64Big();
        break;
      case 25: // 3 time_unix_nano
        timeUnixNano = r.fixed64Big();
        break;
      case 33: // 4 count (fixed64)
        count = r.fixed64Number();
        break;
      case 41: // 5 sum
        sum = r.double();
        break;
      case 48: // 6 scale (sint32)
        scale = r.sint32();
        break;
      case 57: // 7 zero_count (fixed64)
        zeroCount = r.fixed64Number();
        break;
      case 66: // 8 positive
        positive = readBuckets(r);
        break;
      case 74: // 9 negative
        negative = readBuckets(r);
        break;
      case 80: // 10 flags
        flags = r.uint32();
        break;
      case 97: // 12 min
        min = r.double();
        break;
      case 105: // 13 max
        max = r.double();
        break;
      case 113: // 14 zero_threshold
        zeroThreshold = r.double();
        break;
      default:
        r.skip(tag); // 11 exemplars and unknown fields
    }
  }
  r.checkEnd(end);
  const attributes = buildAttributes(attributesMark);
  return {
    attributes,
    startTimeUnixNano,
    timeUnixNano,
    flags,
    count,
    sum,
    scale,
    zeroCount,
    positive,
    negative,
    min,
    max,
    zeroThreshold,
  };
}

function readSummaryDataPoint(r: ProtoReader): SummaryDataPoint {
  const end = r.lengthEnd();
  const attributesMark = attributeMark();
  let startTimeUnixNano = 0n;
  let timeUnixNano = 0n;
  let flags = 0;
  let count = 0;
  let sum = 0;
  const quantileValues: { quantile: number; value: number }[] = [];
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 17: // 2 start_time_unix_nano
        startTimeUnixNano = r.fixed64Big();
        break;
      case 25: // 3 time_unix_nano
        timeUnixNano = r.fixed64Big();
        break;
      case 33: // 4 count (fixed64)
        count = r.fixed64Number();
        break;
      case 41: // 5 sum
        sum = r.double();
        break;
      case 50: {
        // 6 quantile_values
        const qEnd = r.lengthEnd();
        let quantile = 0;
        let value = 0;
        while (r.pos < qEnd) {
          const qTag = r.uint32();
          if (qTag === 9) quantile = r.double();
          else if (qTag === 17) value = r.double();
          else r.skip(qTag);
        }
        r.checkEnd(qEnd);
        quantileValues.push({ quantile, value });
        break;
      }
      case 58: // 7 attributes
        readKeyValue(r, 0, 'attributes');
        break;
      case 64: // 8 flags
        flags = r.uint32();
        break;
      default:
        r.skip(tag);
    }
  }
  r.checkEnd(end);
  const attributes = buildAttributes(attributesMark);
  return { attributes, startTimeUnixNano, timeUnixNano, flags, count, sum, quantileValues };
}
