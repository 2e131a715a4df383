/**
 * Traces → inference calls and candidate predictions from `ml.inference` spans, and GenAI calls
 * from GenAI client spans (`extract-genai-spans.ts`) (recognised by
 * their `ml.operation.name` attribute, which the convention requires). Every predict span is one
 * call for the service SLIs (failed ones as errors); a successful single-row span is also a
 * candidate prediction, which `state/` keeps only until window close and an `ml.prediction`
 * event for the same prediction supersedes.
 */
import { spanKeyOf } from './span-key.js';
import {
  ATTR_ERROR_TYPE,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_OPERATION_NAME,
  ATTR_ML_PREDICTION_COUNT,
  ATTR_ML_SAMPLING_PROBABILITY,
  ML_OPERATION_NAME_VALUE_PREDICT,
} from '@mlmon/conventions';
import type { Span, TracesRequest } from '../decode/otlp-types.js';
import { nanosToMillis, readNumber, readString } from './any-value.js';
import { drop, reject, type ExtractSink } from './extract-sink.js';
import { extractGenAiCall, isGenAiSpan } from './extract-genai-spans.js';
import { readPrediction } from './read-prediction.js';
import { readSlices } from './read-slices.js';
import {
  DROP_REASON_BATCH_SPAN,
  REJECT_REASON_INVALID_DURATION,
  REJECT_REASON_INVALID_SAMPLING_PROBABILITY,
  REJECT_REASON_MISSING_MODEL_NAME,
} from './reasons.js';
import { resourceIdentity } from './resource-identity.js';
import type { InferenceRecord, ResourceIdentity } from './types.js';
import type { RejectReason } from './reasons.js';

/** `Status.code` of a failed span. */
const STATUS_CODE_ERROR = 2;

/** Appends the inference calls and candidate predictions of a traces request to `sink`. */
export function extractSpans(request: TracesRequest, nowMs: number, sink: ExtractSink): void {
  for (const rs of request.resourceSpans) {
    let resource: ResourceIdentity | undefined;
    for (const ss of rs.scopeSpans) {
      for (const span of ss.spans) {
        const a = span.attributes;
        const operation = a[ATTR_ML_OPERATION_NAME];
        // Only `predict` produces predictions; `explain` and `transform` spans are not rows.
        if (operation === undefined || readString(operation) !== ML_OPERATION_NAME_VALUE_PREDICT) {
          if (operation === undefined && isGenAiSpan(a)) {
            resource ??= resourceIdentity(rs.resource.attributes);
            extractGenAiCall(span, resource, nowMs, sink);
          }
          continue;
        }
        resource ??= resourceIdentity(rs.resource.attributes);
        const call = readCall(span, resource, nowMs);
        if (typeof call === 'string') {
          reject(sink, call);
          continue;
        }
        sink.records.push(call);
        // A failed call made no prediction: the call is all the span gives.
        if (call.countsAsRecord) continue;
        const count = readNumber(a[ATTR_ML_PREDICTION_COUNT]);
        if (count !== undefined && count !== 1) {
          // A batch span's outputs are not per row; the rows' own events carry them.
          drop(sink, DROP_REASON_BATCH_SPAN);
          continue;
        }
        const timeMs =
          span.startTimeUnixNano !== 0n ? nanosToMillis(span.startTimeUnixNano) : nowMs;
        const spanKey = spanKeyOf(span.traceId, span.spanId);
        const r = readPrediction(a, { source: 'span', timeMs, spanKey, resource });
        if (typeof r === 'string') reject(sink, r);
        else sink.records.push(r);
      }
    }
  }
}

/** `error.type` when no failed span names one (OTel semantic conventions). */
const ERROR_TYPE_OTHER = '_OTHER';

/** The inference call of a predict span, or why it cannot be one. */
function readCall(
  span: Span,
  resource: ResourceIdentity,
  nowMs: number,
): InferenceRecord | RejectReason {
  const a = span.attributes;
  const model = readString(a[ATTR_ML_MODEL_NAME]);
  if (model === undefined || model === '') return REJECT_REASON_MISSING_MODEL_NAME;
  const start = span.startTimeUnixNano;
  const end = span.endTimeUnixNano;
  // Unset (0) times leave the call without a latency; an end before the start is malformed.
  const timed = start !== 0n && end !== 0n;
  if (timed && end < start) return REJECT_REASON_INVALID_DURATION;
  let weight = 1;
  const p = readNumber(a[ATTR_ML_SAMPLING_PROBABILITY]);
  if (p !== undefined) {
    if (!(p > 0 && p <= 1)) return REJECT_REASON_INVALID_SAMPLING_PROBABILITY;
    weight = 1 / p;
  }
  const declared = readString(a[ATTR_ERROR_TYPE]);
  const failed = span.status.code === STATUS_CODE_ERROR || a[ATTR_ERROR_TYPE] !== undefined;
  // Counted as the span's record when it fails (no prediction follows); otherwise the span is
  // counted as its prediction (or its batch drop) and the call rides along.
  return {
    type: 'inference',
    timeMs: start !== 0n ? nanosToMillis(start) : nowMs,
    model,
    version: readString(a[ATTR_ML_MODEL_VERSION]) ?? '',
    slices: readSlices(a),
    durationSeconds: timed ? Number(end - start) / 1e9 : undefined,
    errorType: failed ? declared || ERROR_TYPE_OTHER : undefined,
    weight,
    spanKey: spanKeyOf(span.traceId, span.spanId),
    countsAsRecord: failed,
    resource,
  };
}
