/**
 * Metrics → records from the instrumentation's histograms, so that services which send no
 * events still get prediction drift (`ml.inference.score`) and service SLIs
 * (`ml.inference.duration`), and GenAI apps that send only the OTel GenAI client metrics still
 * get their calls, tokens and latency. Other metrics are ignored.
 */
import {
  ATTR_ERROR_TYPE,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_PREDICTION_LABEL,
  METRIC_ML_INFERENCE_DURATION,
  METRIC_ML_INFERENCE_SCORE,
} from '@mlmon/conventions';
import type { HistogramDataPoint, MetricsRequest } from '../decode/otlp-types.js';
import { extractGenAiPoint, genAiMetricOf } from './extract-genai-metrics.js';
import { histogramSeriesKey, validBuckets } from './histogram-point.js';
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
        const genAi = genAiMetricOf(metric.name);
        if (!duration && genAi === undefined && metric.name !== METRIC_ML_INFERENCE_SCORE) continue;
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
          if (genAi !== undefined) extractGenAiPoint(dp, genAi, cumulative, resource, nowMs, sink);
          else extractPoint(dp, cumulative, duration, resource, nowMs, sink);
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
      seriesKey: histogramSeriesKey(resource, a),
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
    seriesKey: METRIC_ML_INFERENCE_DURATION + '\u0000' + histogramSeriesKey(resource, a),
  });
}
