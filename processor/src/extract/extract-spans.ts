/**
 * Traces → candidate predictions from `ml.inference` spans (recognised by their
 * `ml.operation.name` attribute, which the convention requires). `state/` keeps them only until
 * window close, and an `ml.prediction` event for the same prediction supersedes them.
 */
import {
  ATTR_ERROR_TYPE,
  ATTR_ML_OPERATION_NAME,
  ATTR_ML_PREDICTION_COUNT,
  ML_OPERATION_NAME_VALUE_PREDICT,
} from '@mlmon/conventions';
import type { TracesRequest } from '../decode/otlp-types.js';
import { nanosToMillis, readNumber, readString } from './any-value.js';
import { drop, reject, type ExtractSink } from './extract-sink.js';
import { readPrediction } from './read-prediction.js';
import { DROP_REASON_BATCH_SPAN, DROP_REASON_FAILED_INFERENCE } from './reasons.js';
import { resourceIdentity } from './resource-identity.js';
import type { ResourceIdentity } from './types.js';

/** `Status.code` of a failed span. */
const STATUS_CODE_ERROR = 2;

/** Appends the candidate predictions of a traces request to `sink`. */
export function extractSpans(request: TracesRequest, nowMs: number, sink: ExtractSink): void {
  for (const rs of request.resourceSpans) {
    let resource: ResourceIdentity | undefined;
    for (const ss of rs.scopeSpans) {
      for (const span of ss.spans) {
        const a = span.attributes;
        const operation = a[ATTR_ML_OPERATION_NAME];
        // Only `predict` produces predictions; `explain` and `transform` spans are not rows.
        if (operation === undefined || readString(operation) !== ML_OPERATION_NAME_VALUE_PREDICT) {
          continue;
        }
        if (span.status.code === STATUS_CODE_ERROR || a[ATTR_ERROR_TYPE] !== undefined) {
          drop(sink, DROP_REASON_FAILED_INFERENCE);
          continue;
        }
        const count = readNumber(a[ATTR_ML_PREDICTION_COUNT]);
        if (count !== undefined && count !== 1) {
          // A batch span's outputs are not per row; the rows' own events carry them.
          drop(sink, DROP_REASON_BATCH_SPAN);
          continue;
        }
        resource ??= resourceIdentity(rs.resource.attributes);
        const timeMs =
          span.startTimeUnixNano !== 0n ? nanosToMillis(span.startTimeUnixNano) : nowMs;
        const spanKey = span.traceId + ':' + span.spanId;
        const r = readPrediction(a, { source: 'span', timeMs, spanKey, resource });
        if (typeof r === 'string') reject(sink, r);
        else sink.records.push(r);
      }
    }
  }
}
