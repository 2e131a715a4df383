/**
 * Tensors → predictions, shared by the onnxruntime-node instrumentation and the OIP proxy.
 * Batch = the first dimension; each row is the row-major slice of the remaining dimensions.
 * Without an output mapping the outputs are read by shape (see {@link decodeOutputTensors}).
 */
import {
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_REGRESSION,
} from '@mlmon/conventions';
import {
  DEFAULT_SCORE_THRESHOLD,
  binaryLabel,
  decodeNumber,
  decodeProbabilities,
  isProbabilityVector,
} from './decode-output.js';
import type { ResolvedModel } from './internal-types.js';
import type { FeatureValue, Features, ModelTask, PredictionOutput } from './types.js';

/** Element kinds that matter for decoding. */
export type TensorKind = 'float' | 'int' | 'bytes' | 'bool';

/** A named tensor in row-major layout. */
export interface NamedTensor {
  name: string;
  kind: TensorKind;
  shape: readonly number[];
  data: ArrayLike<number | bigint | string | boolean>;
}

/** Which output tensor holds what; each entry names an output tensor. */
export interface OutputMapping {
  /** `[n, k]` class probabilities aligned with the classes. */
  probabilities?: string;
  /** `[n]` or `[n, 1]` score (binary: P(positive)). */
  score?: string;
  /** `[n]` or `[n, 1]` regression value. */
  value?: string;
  /** `[n]` or `[n, 1]` labels (strings, or class indices into the classes). */
  label?: string;
}

/** Input tensors larger than this per row (images, embeddings) are not turned into features. */
export const MAX_FEATURES_PER_TENSOR = 256;

/** Rows of a tensor (its first dimension; 1 for scalars). */
export function rowCount(t: NamedTensor): number {
  return t.shape.length === 0 ? 1 : (t.shape[0] ?? 0);
}

/** Elements per row (product of the dimensions after the first). */
export function rowWidth(t: NamedTensor): number {
  return t.shape.slice(1).reduce((a, b) => a * b, 1);
}

/** Row `i` of a tensor as a plain array. */
export function tensorRow(t: NamedTensor, i: number): (number | string | boolean)[] {
  const k = rowWidth(t);
  const out: (number | string | boolean)[] = [];
  for (let j = i * k; j < (i + 1) * k && j < t.data.length; j++) {
    const v = t.data[j] as number | bigint | string | boolean;
    out.push(typeof v === 'bigint' ? Number(v) : v);
  }
  return out;
}

/**
 * Features per row from the input tensors: a one-wide tensor is the feature of its name; a
 * `[n, k]` tensor gives k features named by `featureNames[tensor]` or `{tensor}_{j}`.
 */
export function featuresFromTensors(
  inputs: readonly NamedTensor[],
  featureNames: Readonly<Record<string, readonly string[]>> = {},
): Features[] {
  const rows = inputs.length > 0 ? Math.max(...inputs.map(rowCount)) : 0;
  const out: Features[] = Array.from({ length: rows }, () => ({}));
  for (const t of inputs) {
    const k = rowWidth(t);
    if (k > MAX_FEATURES_PER_TENSOR) continue;
    const names = featureNames[t.name];
    for (let i = 0; i < rowCount(t) && i < rows; i++) {
      const row = tensorRow(t, i);
      const features = out[i] as Features;
      row.forEach((v, j) => {
        const name = names?.[j] ?? (k === 1 ? t.name : `${t.name}_${j}`);
        features[name] = v as FeatureValue;
      });
    }
  }
  return out;
}

/** Outputs of a call, and the task the shapes imply when none was configured. */
export interface DecodedOutputs {
  outputs: PredictionOutput[];
  inferredTask?: ModelTask;
}

function isNarrow(t: NamedTensor): boolean {
  return rowWidth(t) === 1;
}

function labelFromElement(
  v: number | string | boolean | undefined,
  model: ResolvedModel,
): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number' && Number.isInteger(v) && model.classes)
    return model.classes[v] ?? String(v);
  return String(v);
}

/**
 * Decodes output tensors into per-row outputs. With a mapping, each named tensor is read as
 * given. Without one: a float `[n, k]` tensor whose rows sum to ~1 is class probabilities
 * (k = 2: binary, score = column 1); BYTES (or, failing that, integer) `[n]`/`[n, 1]` tensors
 * are labels; a float `[n]`/`[n, 1]` tensor is the score when the task is a classification or
 * anomaly task or a label output exists, else a regression value.
 */
export function decodeOutputTensors(
  outputs: readonly NamedTensor[],
  model: ResolvedModel,
  mapping: OutputMapping = {},
): DecodedOutputs {
  const byName = new Map(outputs.map((t) => [t.name, t]));
  const pick = (name: string | undefined): NamedTensor | undefined =>
    name ? byName.get(name) : undefined;
  const hasMapping = Object.values(mapping).some((v) => v !== undefined);

  let probabilities = pick(mapping.probabilities);
  let label = pick(mapping.label);
  let score = pick(mapping.score);
  let value = pick(mapping.value);

  if (!hasMapping) {
    const floats = outputs.filter((t) => t.kind === 'float');
    probabilities = floats.find(
      (t) =>
        t.shape.length === 2 &&
        rowWidth(t) >= 2 &&
        Array.from({ length: rowCount(t) }, (_, i) => tensorRow(t, i) as number[]).every(
          isProbabilityVector,
        ),
    );
    label =
      outputs.find((t) => t.kind === 'bytes' && isNarrow(t)) ??
      outputs.find((t) => t.kind === 'int' && isNarrow(t));
    const narrowFloat = floats.find((t) => t !== probabilities && isNarrow(t));
    if (narrowFloat && !probabilities) {
      // A configured task decides what the number is (decodeNumber); with none, a label beside
      // it makes it the label's score, otherwise it is a regression value.
      if (label || model.task !== undefined) score = narrowFloat;
      else value = narrowFloat;
    }
  }

  let inferredTask: ModelTask | undefined;
  if (model.task === undefined) {
    if (probabilities) {
      inferredTask =
        rowWidth(probabilities) === 2
          ? ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION
          : ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION;
    } else if (value) inferredTask = ML_MODEL_TASK_VALUE_REGRESSION;
  }
  const effective: ResolvedModel = inferredTask ? { ...model, task: inferredTask } : model;

  const present = [probabilities, label, score, value].filter(
    (t): t is NamedTensor => t !== undefined,
  );
  const rows = present.length > 0 ? Math.max(...present.map(rowCount)) : 0;
  const out: PredictionOutput[] = [];
  for (let i = 0; i < rows; i++) {
    let row: PredictionOutput = {};
    if (probabilities)
      row = decodeProbabilities(tensorRow(probabilities, i) as number[], effective);
    if (score) {
      const s = tensorRow(score, i)[0];
      if (typeof s === 'number') {
        // With no task, a number next to a label output is that label's score.
        row = {
          ...row,
          ...(effective.task === undefined ? { score: s } : decodeNumber(s, effective)),
        };
        if (
          effective.task === ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION &&
          row.label === undefined
        ) {
          row.label = binaryLabel(effective, s);
          row.threshold = effective.threshold ?? DEFAULT_SCORE_THRESHOLD;
        }
      }
    }
    if (value) {
      const v = tensorRow(value, i)[0];
      if (typeof v === 'number') row.value = v;
    }
    if (label) {
      const l = labelFromElement(tensorRow(label, i)[0], effective);
      if (l !== undefined) row.label = l;
    }
    out.push(row);
  }
  return inferredTask ? { outputs: out, inferredTask } : { outputs: out };
}
