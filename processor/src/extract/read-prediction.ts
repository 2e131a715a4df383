/**
 * Reads one prediction from the attributes of an `ml.prediction` event or an `ml.inference`
 * span; both carry the same attribute names.
 */
import {
  ATTR_ML_FEATURES,
  ATTR_ML_MODEL_CLASSES,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_TASK,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_PREDICTION_ID,
  ATTR_ML_PREDICTION_LABEL,
  ATTR_ML_PREDICTION_PROBABILITIES,
  ATTR_ML_PREDICTION_SCORE,
  ATTR_ML_PREDICTION_THRESHOLD,
  ATTR_ML_PREDICTION_VALUE,
  ATTR_ML_SAMPLING_PROBABILITY,
  ATTR_ML_PREDICTION_LABELS,
  ATTR_ML_PREDICTION_RANKING,
  ATTR_ML_RANKING_K,
} from '@mlmon/conventions';
import type { AnyValue, Attributes } from '../decode/otlp-types.js';
import { readNumber, readNumberArray, readString, readStringArray } from './any-value.js';
import {
  REJECT_REASON_INVALID_NUMBER,
  REJECT_REASON_INVALID_SAMPLING_PROBABILITY,
  REJECT_REASON_MISSING_MODEL_NAME,
  type RejectReason,
} from './reasons.js';
import { readSlices } from './read-slices.js';
import type { PredictionRecord, PredictionSource, ResourceIdentity } from './types.js';

/**
 * The attribute names, read once: the hot loop reads them for every record, and under loaders
 * that transpile ESM to CommonJS (tsx, vitest) each imported binding access is a getter call.
 */
const K = {
  ml_features: ATTR_ML_FEATURES,
  ml_model_classes: ATTR_ML_MODEL_CLASSES,
  ml_model_name: ATTR_ML_MODEL_NAME,
  ml_model_task: ATTR_ML_MODEL_TASK,
  ml_model_version: ATTR_ML_MODEL_VERSION,
  ml_prediction_id: ATTR_ML_PREDICTION_ID,
  ml_prediction_label: ATTR_ML_PREDICTION_LABEL,
  ml_prediction_probabilities: ATTR_ML_PREDICTION_PROBABILITIES,
  ml_prediction_score: ATTR_ML_PREDICTION_SCORE,
  ml_prediction_threshold: ATTR_ML_PREDICTION_THRESHOLD,
  ml_prediction_value: ATTR_ML_PREDICTION_VALUE,
  ml_sampling_probability: ATTR_ML_SAMPLING_PROBABILITY,
  ml_prediction_labels: ATTR_ML_PREDICTION_LABELS,
  ml_prediction_ranking: ATTR_ML_PREDICTION_RANKING,
  ml_ranking_k: ATTR_ML_RANKING_K,
} as const;

/** Where the prediction came from, besides its attributes. */
export interface PredictionContext {
  readonly source: PredictionSource;
  readonly timeMs: number;
  readonly spanKey: string;
  readonly resource: ResourceIdentity;
}

/** The prediction in `attrs`, or the reason it is rejected. */
export function readPrediction(
  attrs: Attributes,
  ctx: PredictionContext,
): PredictionRecord | RejectReason {
  const model = readString(attrs[K.ml_model_name]);
  if (model === undefined || model === '') return REJECT_REASON_MISSING_MODEL_NAME;

  const score = readNumber(attrs[K.ml_prediction_score]);
  const value = readNumber(attrs[K.ml_prediction_value]);
  const threshold = readNumber(attrs[K.ml_prediction_threshold]);
  if (Number.isNaN(score) || Number.isNaN(value) || Number.isNaN(threshold)) {
    return REJECT_REASON_INVALID_NUMBER;
  }
  const probabilities = readNumberArray(attrs[K.ml_prediction_probabilities]);
  if (probabilities === null) return REJECT_REASON_INVALID_NUMBER;

  const rankingK = readNumber(attrs[K.ml_ranking_k]);
  if (rankingK !== undefined && !(Number.isInteger(rankingK) && rankingK >= 1)) {
    return REJECT_REASON_INVALID_NUMBER;
  }
  const labels = readStringArray(attrs[K.ml_prediction_labels]);
  const ranking = readStringArray(attrs[K.ml_prediction_ranking]);

  let weight = 1;
  const p = readNumber(attrs[K.ml_sampling_probability]);
  if (p !== undefined) {
    if (!(p > 0 && p <= 1)) return REJECT_REASON_INVALID_SAMPLING_PROBABILITY;
    weight = 1 / p;
  }

  return {
    type: 'prediction',
    source: ctx.source,
    timeMs: ctx.timeMs,
    model,
    version: readString(attrs[K.ml_model_version]) ?? '',
    task: readString(attrs[K.ml_model_task]),
    predictionId: nonEmpty(readString(attrs[K.ml_prediction_id])),
    spanKey: ctx.spanKey,
    slices: readSlices(attrs),
    features: readFeatures(attrs[K.ml_features]),
    label: readString(attrs[K.ml_prediction_label]),
    score,
    value,
    probabilities,
    classes: readStringArray(attrs[K.ml_model_classes]),
    threshold,
    weight,
    resource: ctx.resource,
    ...(labels !== undefined ? { labels } : {}),
    ...(ranking !== undefined ? { ranking } : {}),
    ...(rankingK !== undefined ? { rankingK } : {}),
  };
}

/**
 * The `ml.features` map. Events carry a structured map; spans, if ever, a JSON string
 * (CONVENTIONS §9.3), parsed here only because it is opt-in and rare. Anything else: none.
 */
function readFeatures(v: AnyValue): Attributes | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') {
    try {
      const parsed: unknown = JSON.parse(v);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
        return sanitizeJsonFeatures(parsed as Record<string, unknown>);
      }
    } catch {
      // A malformed JSON string carries no usable features; the prediction itself still counts.
    }
    return undefined;
  }
  if (typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array)) return v;
  return undefined;
}

/** Keeps only JSON values that are AnyValues mlmon reads (null becomes missing). */
function sanitizeJsonFeatures(obj: Record<string, unknown>): Attributes {
  const out: Attributes = {};
  for (const k of Object.keys(obj)) {
    const x = obj[k];
    if (typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean') out[k] = x;
    else out[k] = undefined;
  }
  return out;
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === '' ? undefined : s;
}
