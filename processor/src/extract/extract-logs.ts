/**
 * Logs → ML records: `ml.prediction` and `ml.ground_truth` events, and
 * `gen_ai.evaluation.result` events (evaluator verdicts on generative responses). Other log records
 * are not ML telemetry and are ignored without counting (a Collector may forward everything).
 */
import { spanKeyOf } from './span-key.js';
import {
  ATTR_GEN_AI_EVALUATION_NAME,
  ATTR_GEN_AI_EVALUATION_SCORE_LABEL,
  ATTR_GEN_AI_EVALUATION_SCORE_VALUE,
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_ML_GROUND_TRUTH_ID,
  ATTR_ML_GROUND_TRUTH_LABEL,
  ATTR_ML_GROUND_TRUTH_SOURCE,
  ATTR_ML_GROUND_TRUTH_VALUE,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_PREDICTION_ID,
  EVENT_GEN_AI_EVALUATION_RESULT,
  EVENT_ML_GROUND_TRUTH,
  EVENT_ML_PREDICTION,
} from '@mlmon/conventions';
import type { AnyValue, LogRecord, LogsRequest } from '../decode/otlp-types.js';
import { nanosToMillis, readNumber, readString } from './any-value.js';
import { reject, type ExtractSink } from './extract-sink.js';
import { readPrediction } from './read-prediction.js';
import { hasSetTruth, readSetTruth } from './read-set-truth.js';
import {
  REJECT_REASON_INVALID_NUMBER,
  REJECT_REASON_MISSING_EVALUATION_NAME,
  REJECT_REASON_MISSING_GROUND_TRUTH,
  REJECT_REASON_MISSING_PREDICTION_ID,
  REJECT_REASON_MISSING_RESPONSE_ID,
} from './reasons.js';
import { resourceIdentity } from './resource-identity.js';
import type { ResourceIdentity } from './types.js';

// Read once (see read-prediction.ts on imported bindings in hot loops).
const PREDICTION = EVENT_ML_PREDICTION;
const GROUND_TRUTH = EVENT_ML_GROUND_TRUTH;
const GEN_AI_EVALUATION = EVENT_GEN_AI_EVALUATION_RESULT;

/** Appends the ML records of a logs request to `sink`. */
export function extractLogs(request: LogsRequest, nowMs: number, sink: ExtractSink): void {
  for (const rl of request.resourceLogs) {
    let resource: ResourceIdentity | undefined;
    for (const sl of rl.scopeLogs) {
      for (const lr of sl.logRecords) {
        const name = lr.eventName;
        if (name !== PREDICTION && name !== GROUND_TRUTH && name !== GEN_AI_EVALUATION) {
          continue;
        }
        resource ??= resourceIdentity(rl.resource.attributes);
        const timeMs = recordTimeMs(lr, nowMs);
        if (name === PREDICTION) {
          const spanKey = lr.spanId === '' ? '' : spanKeyOf(lr.traceId, lr.spanId);
          const r = readPrediction(lr.attributes, { source: 'event', timeMs, spanKey, resource });
          if (typeof r === 'string') reject(sink, r);
          else sink.records.push(r);
        } else if (name === GROUND_TRUTH) {
          extractGroundTruth(lr, timeMs, resource, sink);
        } else {
          extractEvaluation(lr, timeMs, resource, sink);
        }
      }
    }
  }
}

/** Event time, else observed time, else the receive time. */
function recordTimeMs(lr: LogRecord, nowMs: number): number {
  if (lr.timeUnixNano !== 0n) return nanosToMillis(lr.timeUnixNano);
  if (lr.observedTimeUnixNano !== 0n) return nanosToMillis(lr.observedTimeUnixNano);
  return nowMs;
}

function extractGroundTruth(
  lr: LogRecord,
  timeMs: number,
  resource: ResourceIdentity,
  sink: ExtractSink,
): void {
  const a = lr.attributes;
  const predictionId = readString(a[ATTR_ML_PREDICTION_ID]);
  if (predictionId === undefined || predictionId === '') {
    reject(sink, REJECT_REASON_MISSING_PREDICTION_ID);
    return;
  }
  const sets = readSetTruth(a);
  if (typeof sets === 'string') {
    reject(sink, sets);
    return;
  }
  const outcome = readOutcome(
    readString(a[ATTR_ML_GROUND_TRUTH_LABEL]),
    a[ATTR_ML_GROUND_TRUTH_VALUE],
    sink,
    hasSetTruth(sets),
  );
  if (outcome === undefined) return;
  const { label, value } = outcome;
  sink.records.push({
    type: 'ground_truth',
    timeMs,
    predictionId,
    groundTruthId: nonEmptyString(a[ATTR_ML_GROUND_TRUTH_ID]),
    label,
    value,
    source: readString(a[ATTR_ML_GROUND_TRUTH_SOURCE]),
    model: nonEmptyString(a[ATTR_ML_MODEL_NAME]),
    version: readString(a[ATTR_ML_MODEL_VERSION]),
    resource,
    ...sets,
  });
}

/**
 * A `gen_ai.evaluation.result` event: kept with its evaluator's name; it attaches to its
 * response by `gen_ai.response.id` or, without one, by the span it was emitted in.
 */
function extractEvaluation(
  lr: LogRecord,
  timeMs: number,
  resource: ResourceIdentity,
  sink: ExtractSink,
): void {
  const a = lr.attributes;
  const name = nonEmptyString(a[ATTR_GEN_AI_EVALUATION_NAME]);
  if (name === undefined) {
    reject(sink, REJECT_REASON_MISSING_EVALUATION_NAME);
    return;
  }
  const responseId = nonEmptyString(a[ATTR_GEN_AI_RESPONSE_ID]);
  const spanKey = lr.spanId === '' ? '' : spanKeyOf(lr.traceId, lr.spanId);
  if (responseId === undefined && spanKey === '') {
    reject(sink, REJECT_REASON_MISSING_RESPONSE_ID);
    return;
  }
  const outcome = readOutcome(
    nonEmptyString(a[ATTR_GEN_AI_EVALUATION_SCORE_LABEL]),
    a[ATTR_GEN_AI_EVALUATION_SCORE_VALUE],
    sink,
  );
  if (outcome === undefined) return;
  const { label, value } = outcome;
  sink.records.push({
    type: 'evaluation',
    timeMs,
    name,
    responseId,
    spanKey,
    label,
    value,
    resource,
  });
}

/**
 * The label and value of a label or verdict, or `undefined` once it is rejected: a value that
 * is not a number, or neither a label nor a value.
 */
function readOutcome(
  label: string | undefined,
  rawValue: AnyValue,
  sink: ExtractSink,
  hasSets = false,
): { label: string | undefined; value: number | undefined } | undefined {
  const value = readNumber(rawValue);
  if (Number.isNaN(value)) {
    reject(sink, REJECT_REASON_INVALID_NUMBER);
    return undefined;
  }
  if (label === undefined && value === undefined && !hasSets) {
    reject(sink, REJECT_REASON_MISSING_GROUND_TRUTH);
    return undefined;
  }
  return { label, value };
}

function nonEmptyString(v: AnyValue): string | undefined {
  const s = readString(v);
  return s === '' ? undefined : s;
}
