/**
 * The OTel GenAI client metrics → GenAI histogram records, for apps that send these metrics and
 * no GenAI spans: `gen_ai.client.operation.duration` (calls, failures, latency),
 * `gen_ai.client.token.usage` (tokens per `gen_ai.token.type`) and
 * `gen_ai.client.operation.time_to_first_chunk`. As for GenAI spans, the requested model (else
 * the answering one) is the stream's model name, with an empty version; provider, operation and
 * answering model travel with the point.
 */
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_TOKEN_TYPE,
  GEN_AI_TOKEN_TYPE_VALUE_INPUT,
  GEN_AI_TOKEN_TYPE_VALUE_OUTPUT,
  METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
  METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
  METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
} from '@mlmon/conventions';
import type { HistogramDataPoint } from '../decode/otlp-types.js';
import { nanosToMillis, readString } from './any-value.js';
import { reject, type ExtractSink } from './extract-sink.js';
import { histogramSeriesKey, validBuckets } from './histogram-point.js';
import { readSlices } from './read-slices.js';
import {
  REJECT_REASON_INVALID_DURATION,
  REJECT_REASON_INVALID_HISTOGRAM,
  REJECT_REASON_INVALID_TOKEN_TYPE,
  REJECT_REASON_MISSING_MODEL_NAME,
} from './reasons.js';
import type { GenAiMeasure, ResourceIdentity } from './types.js';

/** Which GenAI client metric a point belongs to. */
export type GenAiClientMetric = 'duration' | 'token_usage' | 'time_to_first_chunk';

/** The GenAI client metric of that name, if it is one. */
export function genAiMetricOf(name: string): GenAiClientMetric | undefined {
  if (name === METRIC_GEN_AI_CLIENT_OPERATION_DURATION) return 'duration';
  if (name === METRIC_GEN_AI_CLIENT_TOKEN_USAGE) return 'token_usage';
  if (name === METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK) return 'time_to_first_chunk';
  return undefined;
}

/** Appends the record of one GenAI client-metric point, or the reason it cannot be one. */
export function extractGenAiPoint(
  dp: HistogramDataPoint,
  metric: GenAiClientMetric,
  cumulative: boolean,
  resource: ResourceIdentity,
  nowMs: number,
  sink: ExtractSink,
): void {
  const a = dp.attributes;
  const model =
    readString(a[ATTR_GEN_AI_REQUEST_MODEL]) ?? readString(a[ATTR_GEN_AI_RESPONSE_MODEL]);
  if (model === undefined || model === '') {
    reject(sink, REJECT_REASON_MISSING_MODEL_NAME);
    return;
  }
  const measure = measureOf(metric, readString(a[ATTR_GEN_AI_TOKEN_TYPE]));
  if (measure === undefined) {
    reject(sink, REJECT_REASON_INVALID_TOKEN_TYPE);
    return;
  }
  if (!validBuckets(dp)) {
    reject(sink, REJECT_REASON_INVALID_HISTOGRAM);
    return;
  }
  if (dp.sum !== undefined && !(dp.sum >= 0 && Number.isFinite(dp.sum))) {
    // Seconds and token counts are never negative.
    reject(
      sink,
      measure === 'duration' || measure === 'time_to_first_chunk'
        ? REJECT_REASON_INVALID_DURATION
        : REJECT_REASON_INVALID_HISTOGRAM,
    );
    return;
  }
  sink.records.push({
    type: 'genai_histogram',
    measure,
    timeMs: dp.timeUnixNano !== 0n ? nanosToMillis(dp.timeUnixNano) : nowMs,
    startTimeMs: nanosToMillis(dp.startTimeUnixNano),
    cumulative,
    model,
    version: '',
    slices: readSlices(a),
    // Each metric its own series space: the three metrics share their attributes.
    seriesKey: measure + '\u0000' + histogramSeriesKey(resource, a),
    explicitBounds: dp.explicitBounds,
    bucketCounts: dp.bucketCounts,
    count: dp.count,
    sum: dp.sum,
    errorType: measure === 'duration' ? readString(a[ATTR_ERROR_TYPE]) : undefined,
    provider: readString(a[ATTR_GEN_AI_PROVIDER_NAME]),
    operation: readString(a[ATTR_GEN_AI_OPERATION_NAME]),
    responseModel: readString(a[ATTR_GEN_AI_RESPONSE_MODEL]),
    resource,
  });
}

/** What the point measures: a token point by its token type (`undefined`: not one we read). */
function measureOf(
  metric: GenAiClientMetric,
  tokenType: string | undefined,
): GenAiMeasure | undefined {
  if (metric !== 'token_usage') return metric;
  if (tokenType === GEN_AI_TOKEN_TYPE_VALUE_INPUT) return 'input_tokens';
  if (tokenType === GEN_AI_TOKEN_TYPE_VALUE_OUTPUT) return 'output_tokens';
  return undefined;
}
