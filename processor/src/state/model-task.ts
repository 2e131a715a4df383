/**
 * Deciding a model version's task, and reading binary ground truth.
 */
import {
  ML_MODEL_TASK_VALUE_ANOMALY_DETECTION,
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_EMBEDDING,
  ML_MODEL_TASK_VALUE_FORECASTING,
  ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_MULTILABEL_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_RANKING,
  ML_MODEL_TASK_VALUE_REGRESSION,
} from '@mlmon/conventions';
import type { PredictionRecord } from '../extract/types.js';

const KNOWN_TASKS: ReadonlySet<string> = new Set([
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_MULTILABEL_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_REGRESSION,
  ML_MODEL_TASK_VALUE_RANKING,
  ML_MODEL_TASK_VALUE_ANOMALY_DETECTION,
  ML_MODEL_TASK_VALUE_FORECASTING,
  ML_MODEL_TASK_VALUE_EMBEDDING,
]);

/**
 * The task a prediction states (if it is an `ml.model.task` value), else the one its outputs
 * hint at: a label set → multilabel, a ranked list → ranking, probabilities → multiclass,
 * score → binary, value → regression, label only → multiclass. `undefined` when nothing hints.
 */
export function taskOfPrediction(r: PredictionRecord): string | undefined {
  if (r.task !== undefined && KNOWN_TASKS.has(r.task)) return r.task;
  if (r.labels !== undefined) return ML_MODEL_TASK_VALUE_MULTILABEL_CLASSIFICATION;
  if (r.ranking !== undefined) return ML_MODEL_TASK_VALUE_RANKING;
  if (r.probabilities !== undefined && r.probabilities.length > 2) {
    return ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION;
  }
  if (r.score !== undefined) return ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION;
  if (r.value !== undefined) return ML_MODEL_TASK_VALUE_REGRESSION;
  if (r.label !== undefined || r.probabilities !== undefined) {
    return ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION;
  }
  return undefined;
}

/** Which labeled accumulator a task feeds. */
export type LabeledFamily =
  'binary' | 'multiclass' | 'regression' | 'multilabel' | 'ranking' | undefined;

/** The labeled family of `task`: anomaly scores are binary-like, forecasts regression-like. */
export function labeledFamilyOf(task: string | undefined): LabeledFamily {
  switch (task) {
    case ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION:
    case ML_MODEL_TASK_VALUE_ANOMALY_DETECTION:
      return 'binary';
    case ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION:
      return 'multiclass';
    case ML_MODEL_TASK_VALUE_REGRESSION:
    case ML_MODEL_TASK_VALUE_FORECASTING:
      return 'regression';
    case ML_MODEL_TASK_VALUE_MULTILABEL_CLASSIFICATION:
      return 'multilabel';
    case ML_MODEL_TASK_VALUE_RANKING:
      return 'ranking';
    default:
      return undefined;
  }
}

const TRUE_LABELS: ReadonlySet<string> = new Set(['1', 'true', 'True', 'TRUE', 'yes', 'positive']);
const FALSE_LABELS: ReadonlySet<string> = new Set([
  '0',
  'false',
  'False',
  'FALSE',
  'no',
  'negative',
]);

/**
 * Binary ground truth as 0/1 (issue 5 §6): `ml.ground_truth.value` 1 or 0, else
 * `ml.ground_truth.label` equal to the positive class (`classes[1]`) or the negative one
 * (`classes[0]`), else a boolean-like label. `undefined` when it cannot be read as binary.
 */
export function binaryActual(
  label: string | undefined,
  value: number | undefined,
  classes: readonly string[] | undefined,
): 0 | 1 | undefined {
  if (value === 1 || value === 0) return value;
  if (label === undefined) return undefined;
  if (classes !== undefined && classes.length === 2) {
    if (label === classes[1]) return 1;
    if (label === classes[0]) return 0;
  }
  if (TRUE_LABELS.has(label)) return 1;
  if (FALSE_LABELS.has(label)) return 0;
  return undefined;
}

/** The predicted class: the label, else the class of the highest probability. */
export function predictedClass(
  label: string | undefined,
  probabilities: readonly number[] | undefined,
  classes: readonly string[] | undefined,
): string | undefined {
  if (label !== undefined) return label;
  if (
    probabilities === undefined ||
    classes === undefined ||
    classes.length !== probabilities.length
  ) {
    return undefined;
  }
  let best = -1;
  for (let i = 0; i < probabilities.length; i++) {
    if (best < 0 || probabilities[i]! > probabilities[best]!) best = i;
  }
  return best < 0 ? undefined : classes[best];
}
