/**
 * Metrics → records from the instrumentation's histograms, so that services which send no
 * events still get prediction drift (`ml.inference.score`) and service SLIs
 * (`ml.inference.duration`). Other metrics are ignored.
 */
import {
  ATTR_ERROR_TYPE,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_PREDICTION_LABEL,
  METRIC_ML_INFERENCE_DURATION,
  METRIC_ML_INFERENCE_SCORE,
} from '@mlmon/conventions';
import type { Attributes, HistogramDataPoint, MetricsRequest } from '../decode/otlp-types.js';
import { nanosToMillis, readString } from './any-value.js';
import { reject, type ExtractSink } from './extract-sink.js';
import { readSlices } from './read-slices.js';
import {
  REJECT_REASON_INVALID_DURATION,
  REJECT_REASON_INVALID_HISTOGRAM,
  REJECT_REASON_MISSING_MODEL_NAME,
} from './reasons.js';
import { resourceIdentity } from './resource-identity.js';
import type { ResourceIdentity } from './types.js';

/** `AggregationTemporality` value for cumulative series. */
const TEMPORALITY_CUMULATIVE = 2;

/** Appends the score-histogram points of a metrics request to `sink`. */
export function extractMetrics(request: MetricsRequest, nowMs: number, sink: ExtractSink): void {
  for (const rm of request.resourceMetrics) {
    let resource: ResourceIdentity | undefined;
    for (const sm of rm.scopeMetrics) {
      for (const metric of sm.metrics) {
        const duration = metric.name === METRIC_ML_INFERENCE_DURATION;
        if (!duration && metric.name !== METRIC_ML_INFERENCE_SCORE) continue;
        const data = metric.data;
        if (data.type !== 'histogram') {
          // Only explicit buckets are supported: exponential ones do not align with the
          // reliability bins the score histogram is meant to mirror.
          const n = 'dataPoints' in data ? data.dataPoints.length : 1;
          for (let i = 0; i < n; i++) reject(sink, REJECT_REASON_INVALID_HISTOGRAM);
          continue;
        }
        resource ??= resourceIdentity(rm.resource.attributes);
        const cumulative = data.aggregationTemporality === TEMPORALITY_CUMULATIVE;
        for (const dp of data.dataPoints) {
          extractPoint(dp, cumulative, duration, resource, nowMs, sink);
        }
      }
    }
  }
}

function extractPoint(
  dp: HistogramDataPoint,
  cumulative: boolean,
  duration: boolean,
  resource: ResourceIdentity,
  nowMs: number,
  sink: ExtractSink,
): void {
  const a = dp.attributes;
  const model = readString(a[ATTR_ML_MODEL_NAME]);
  if (model === undefined || model === '') {
    reject(sink, REJECT_REASON_MISSING_MODEL_NAME);
    return;
  }
  if (!validBuckets(dp)) {
    reject(sink, REJECT_REASON_INVALID_HISTOGRAM);
    return;
  }
  const point = {
    timeMs: dp.timeUnixNano !== 0n ? nanosToMillis(dp.timeUnixNano) : nowMs,
    startTimeMs: nanosToMillis(dp.startTimeUnixNano),
    cumulative,
    model,
    version: readString(a[ATTR_ML_MODEL_VERSION]) ?? '',
    slices: readSlices(a),
    explicitBounds: dp.explicitBounds,
    bucketCounts: dp.bucketCounts,
    count: dp.count,
    sum: dp.sum,
    resource,
  };
  if (!duration) {
    const label = readString(a[ATTR_ML_PREDICTION_LABEL]);
    sink.records.push({
      ...point,
      type: 'score_histogram',
      label,
      seriesKey: seriesKey(resource, a),
    });
    return;
  }
  if (dp.sum !== undefined && !(dp.sum >= 0 && Number.isFinite(dp.sum))) {
    reject(sink, REJECT_REASON_INVALID_DURATION);
    return;
  }
  sink.records.push({
    ...point,
    type: 'duration_histogram',
    errorType: readString(a[ATTR_ERROR_TYPE]),
    // Its own series space: a score and a duration series may share their attributes.
    seriesKey: METRIC_ML_INFERENCE_DURATION + '\u0000' + seriesKey(resource, a),
  });
}

/** Bounds strictly increasing and finite; one more bucket than bounds; counts consistent. */
function validBuckets(dp: HistogramDataPoint): boolean {
  const b = dp.explicitBounds;
  const c = dp.bucketCounts;
  if (c.length !== b.length + 1) return false;
  for (let i = 0; i < b.length; i++) {
    if (!Number.isFinite(b[i]) || (i > 0 && !(b[i]! > b[i - 1]!))) return false;
  }
  let total = 0;
  for (const x of c) {
    if (!(x >= 0) || !Number.isFinite(x)) return false;
    total += x;
  }
  return total === dp.count;
}

/** Identity of the series: the resource's identity plus the point's sorted attributes. */
function seriesKey(resource: ResourceIdentity, a: Attributes): string {
  const keys = Object.keys(a).sort();
  let key = resource.key;
  for (const k of keys) key += '\u0000' + k + '=' + (readString(a[k]) ?? '');
  return key;
}
