/**
 * GenAI client spans (a `gen_ai.operation.name` attribute and no `ml.operation.name`: the OTel
 * GenAI conventions' `{gen_ai.operation.name} {gen_ai.request.model}` spans) → GenAI calls. The
 * requested model is the stream's model name; the model that answered, the provider and the
 * operation travel with the call (shares in the window), so a failed call — which names no
 * response model — counts in the same stream as the successes.
 */
import { spanKeyOf } from './span-key.js';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
  ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
  ATTR_ML_MODEL_VERSION,
} from '@mlmon/conventions';
import type { Attributes, Span } from '../decode/otlp-types.js';
import { nanosToMillis, readNumber, readString, readStringArray } from './any-value.js';
import { reject, type ExtractSink } from './extract-sink.js';
import { readSlices } from './read-slices.js';
import {
  REJECT_REASON_INVALID_DURATION,
  REJECT_REASON_INVALID_NUMBER,
  REJECT_REASON_MISSING_MODEL_NAME,
} from './reasons.js';
import type { GenAiTokens, ResourceIdentity } from './types.js';

/** `Status.code` of a failed span. */
const STATUS_CODE_ERROR = 2;
/** `error.type` when a failed span names none (OTel semantic conventions). */
const ERROR_TYPE_OTHER = '_OTHER';

/** True for a GenAI client span (and not an `ml.inference` span, which has its own path). */
export function isGenAiSpan(a: Attributes): boolean {
  return a[ATTR_GEN_AI_OPERATION_NAME] !== undefined;
}

/** Appends the GenAI call of `span`, or the reason it cannot be one, to `sink`. */
export function extractGenAiCall(
  span: Span,
  resource: ResourceIdentity,
  nowMs: number,
  sink: ExtractSink,
): void {
  const a = span.attributes;
  const model =
    readString(a[ATTR_GEN_AI_REQUEST_MODEL]) ?? readString(a[ATTR_GEN_AI_RESPONSE_MODEL]);
  if (model === undefined || model === '') {
    reject(sink, REJECT_REASON_MISSING_MODEL_NAME);
    return;
  }
  const start = span.startTimeUnixNano;
  const end = span.endTimeUnixNano;
  const timed = start !== 0n && end !== 0n;
  if (timed && end < start) {
    reject(sink, REJECT_REASON_INVALID_DURATION);
    return;
  }
  const tokens = readTokens(a);
  const ttft = readNumber(a[ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK]);
  if (tokens === null || Number.isNaN(ttft) || (ttft !== undefined && ttft < 0)) {
    reject(sink, REJECT_REASON_INVALID_NUMBER);
    return;
  }
  const declared = readString(a[ATTR_ERROR_TYPE]);
  const failed = span.status.code === STATUS_CODE_ERROR || a[ATTR_ERROR_TYPE] !== undefined;
  sink.records.push({
    type: 'genai_call',
    timeMs: start !== 0n ? nanosToMillis(start) : nowMs,
    model,
    // A GenAI span has no `ml.model.version`; one the app set anyway is honoured.
    version: readString(a[ATTR_ML_MODEL_VERSION]) ?? '',
    slices: readSlices(a),
    operation: readString(a[ATTR_GEN_AI_OPERATION_NAME]) ?? '',
    provider: readString(a[ATTR_GEN_AI_PROVIDER_NAME]),
    responseModel: readString(a[ATTR_GEN_AI_RESPONSE_MODEL]),
    responseId: nonEmpty(readString(a[ATTR_GEN_AI_RESPONSE_ID])),
    durationSeconds: timed ? Number(end - start) / 1e9 : undefined,
    timeToFirstChunkSeconds: ttft,
    tokens,
    finishReasons: readStringArray(a[ATTR_GEN_AI_RESPONSE_FINISH_REASONS]) ?? [],
    errorType: failed ? declared || ERROR_TYPE_OTHER : undefined,
    spanKey: spanKeyOf(span.traceId, span.spanId),
    resource,
  });
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === '' ? undefined : s;
}

/** The usage attributes; `null` when one is present but not a count (a non-negative number). */
function readTokens(a: Attributes): GenAiTokens | null {
  const out: { -readonly [K in keyof GenAiTokens]: GenAiTokens[K] } = {
    input: undefined,
    output: undefined,
    cacheRead: undefined,
    cacheCreation: undefined,
    reasoning: undefined,
  };
  const keys: [keyof GenAiTokens, string][] = [
    ['input', ATTR_GEN_AI_USAGE_INPUT_TOKENS],
    ['output', ATTR_GEN_AI_USAGE_OUTPUT_TOKENS],
    ['cacheRead', ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS],
    ['cacheCreation', ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS],
    ['reasoning', ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS],
  ];
  for (const [field, key] of keys) {
    const n = readNumber(a[key]);
    if (n === undefined) continue;
    if (!(n >= 0)) return null;
    out[field] = n;
  }
  return out;
}
