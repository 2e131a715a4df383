/**
 * Turns whatever a predict function returned into `ml.prediction.*` outputs, per the model task.
 * Pure functions; they never throw on odd input (unknown shapes decode to an empty output).
 */
import {
  ML_MODEL_TASK_VALUE_ANOMALY_DETECTION,
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_FORECASTING,
  ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_MULTILABEL_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_RANKING,
  ML_MODEL_TASK_VALUE_REGRESSION,
} from '@mlmon/conventions';
import type { ResolvedModel } from './internal-types.js';
import type { ModelTask, PredictionOutput } from './types.js';

/** The default decision threshold of a binary classifier (METRICS.md). */
export const DEFAULT_SCORE_THRESHOLD = 0.5;

/** Tolerance for "the row sums to 1" when recognising probability vectors. */
const PROBABILITY_SUM_TOLERANCE = 1e-3;

/** Whether the task is one of the classification tasks (labels are bounded by the classes). */
export function isClassificationTask(task: ModelTask | undefined): boolean {
  return (
    task === ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION ||
    task === ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION ||
    task === ML_MODEL_TASK_VALUE_MULTILABEL_CLASSIFICATION
  );
}

/** Whether a numeric output of this task is a score (else it is a value). */
function isScoreTask(task: ModelTask | undefined): boolean {
  return (
    task === ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION ||
    task === ML_MODEL_TASK_VALUE_ANOMALY_DETECTION ||
    task === ML_MODEL_TASK_VALUE_MULTILABEL_CLASSIFICATION
  );
}

/** Array or typed array of numbers, as a plain array; `undefined` for anything else. */
export function toNumberArray(raw: unknown): number[] | undefined {
  if (ArrayBuffer.isView(raw) && !(raw instanceof DataView)) {
    const out: number[] = [];
    const view = raw as unknown as ArrayLike<number | bigint>;
    for (let i = 0; i < view.length; i++) out.push(Number(view[i]));
    return out;
  }
  if (Array.isArray(raw) && raw.length > 0 && raw.every((v) => typeof v === 'number'))
    return raw as number[];
  return undefined;
}

/** Whether the values look like one probability vector (each in [0, 1], summing to ~1). */
export function isProbabilityVector(values: readonly number[]): boolean {
  if (values.length < 2) return false;
  let sum = 0;
  for (const v of values) {
    if (!(v >= 0 && v <= 1)) return false;
    sum += v;
  }
  return Math.abs(sum - 1) <= PROBABILITY_SUM_TOLERANCE;
}

function labelOf(model: ResolvedModel, index: number): string {
  return model.classes?.[index] ?? String(index);
}

/** Binary label from the positive-class score, after the threshold. */
export function binaryLabel(model: ResolvedModel, score: number): string {
  return labelOf(model, score >= (model.threshold ?? DEFAULT_SCORE_THRESHOLD) ? 1 : 0);
}

/** Decodes a probability vector per task (binary: score = P(class 1); otherwise argmax). */
export function decodeProbabilities(
  probabilities: number[],
  model: ResolvedModel,
): PredictionOutput {
  if (model.task === ML_MODEL_TASK_VALUE_MULTILABEL_CLASSIFICATION) {
    const threshold = model.threshold ?? DEFAULT_SCORE_THRESHOLD;
    const classes = model.classes;
    // With the classes known, the predicted set travels too: the processor scores it even when
    // the probabilities are not captured.
    return classes !== undefined && classes.length === probabilities.length
      ? {
          probabilities,
          threshold,
          labels: classes.filter((_, i) => probabilities[i]! >= threshold),
        }
      : { probabilities, threshold };
  }
  const binary =
    model.task === ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION ||
    (model.task === undefined && probabilities.length === 2);
  if (binary && probabilities.length === 2) {
    const score = probabilities[1] as number;
    const threshold = model.threshold ?? DEFAULT_SCORE_THRESHOLD;
    return { score, label: binaryLabel(model, score), threshold, probabilities };
  }
  let best = 0;
  for (let i = 1; i < probabilities.length; i++) {
    if ((probabilities[i] as number) > (probabilities[best] as number)) best = i;
  }
  return { label: labelOf(model, best), score: probabilities[best] as number, probabilities };
}

/** Decodes one scalar number per task. */
export function decodeNumber(value: number, model: ResolvedModel): PredictionOutput {
  if (model.task === ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION) {
    const threshold = model.threshold ?? DEFAULT_SCORE_THRESHOLD;
    return { score: value, label: binaryLabel(model, value), threshold };
  }
  if (model.task === ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION) {
    // A bare number from a multiclass model is a class index.
    return Number.isInteger(value) ? { label: labelOf(model, value) } : { score: value };
  }
  if (model.task === ML_MODEL_TASK_VALUE_RANKING) return { rank: value };
  if (isScoreTask(model.task)) return { score: value };
  // regression, forecasting, embedding-free tasks and an unknown task: the number is a value.
  return { value };
}

/** Decodes the output of one row. */
export function decodeRowOutput(raw: unknown, model: ResolvedModel): PredictionOutput {
  if (typeof raw === 'number') return decodeNumber(raw, model);
  if (typeof raw === 'bigint') return decodeNumber(Number(raw), model);
  if (typeof raw === 'string') return { label: raw };
  if (typeof raw === 'boolean') {
    return model.classes ? { label: labelOf(model, raw ? 1 : 0) } : { label: String(raw) };
  }
  const strings = toStringArray(raw);
  if (strings) return decodeStrings(strings, model);
  const numbers = toNumberArray(raw);
  if (numbers) {
    if (numbers.length === 1) return decodeNumber(numbers[0] as number, model);
    if (
      isClassificationTask(model.task) ||
      (model.task === undefined && isProbabilityVector(numbers))
    ) {
      return decodeProbabilities(numbers, model);
    }
    return {};
  }
  if (raw !== null && typeof raw === 'object')
    return pickOutputFields(raw as Record<string, unknown>);
  return {};
}

/** Takes the known `ml.prediction.*` fields from an object output (others ignored). */
function pickOutputFields(raw: Record<string, unknown>): PredictionOutput {
  const out: PredictionOutput = {};
  if (typeof raw['label'] === 'string') out.label = raw['label'];
  else if (typeof raw['label'] === 'number' || typeof raw['label'] === 'boolean')
    out.label = String(raw['label']);
  if (typeof raw['score'] === 'number') out.score = raw['score'];
  if (typeof raw['value'] === 'number') out.value = raw['value'];
  if (typeof raw['threshold'] === 'number') out.threshold = raw['threshold'];
  if (typeof raw['rank'] === 'number') out.rank = raw['rank'];
  const probabilities = toNumberArray(raw['probabilities']);
  if (probabilities) out.probabilities = probabilities;
  const labels = toStringArray(raw['labels']);
  if (labels) out.labels = labels;
  const ranking = toStringArray(raw['ranking']);
  if (ranking) out.ranking = ranking;
  return out;
}

/** An array of strings (empty included: a multilabel model may predict no label). */
function toStringArray(raw: unknown): string[] | undefined {
  return Array.isArray(raw) && raw.every((v) => typeof v === 'string')
    ? (raw as string[])
    : undefined;
}

/**
 * A list of strings: a multilabel model's predicted label set, a ranking model's item ids best
 * first; for other tasks nothing (a list of labels is no single prediction).
 */
function decodeStrings(strings: string[], model: ResolvedModel): PredictionOutput {
  if (model.task === ML_MODEL_TASK_VALUE_MULTILABEL_CLASSIFICATION) return { labels: strings };
  if (model.task === ML_MODEL_TASK_VALUE_RANKING) return { ranking: strings };
  return {};
}

/** Splits a batch result into per-row raw outputs (arrays and typed arrays; else one row). */
export function splitBatchResult(result: unknown): unknown[] {
  if (Array.isArray(result)) return result;
  if (ArrayBuffer.isView(result) && !(result instanceof DataView))
    return Array.from(result as unknown as ArrayLike<number>);
  return [result];
}

/** Whether a task's numeric output is regression-like (recorded in `ml.inference.value`). */
export function isValueTask(task: ModelTask | undefined): boolean {
  return task === ML_MODEL_TASK_VALUE_REGRESSION || task === ML_MODEL_TASK_VALUE_FORECASTING;
}
