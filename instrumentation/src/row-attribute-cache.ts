/**
 * Attribute objects of the inference metrics, built once per (model, slices, label) and reused.
 * A service scores millions of rows over a handful of slice combinations, and rebuilding five
 * small objects per row (span slices, three metric records, the event's slices) was a measurable
 * part of `wrapPredict`'s overhead (bench row `instrumentation.wrapPredict_vs_raw_otel`).
 *
 * The objects are shared between calls: the metrics SDK keeps the first one it sees for a series
 * by reference, so nobody may mutate them (the recorder copies before adding anything).
 */
import {
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_TASK,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_OPERATION_NAME,
  ATTR_ML_PREDICTION_LABEL,
  ATTR_ML_SLICE,
  ML_OPERATION_NAME_VALUE_PREDICT,
} from '@mlmon/conventions';
import type { Attributes } from '@opentelemetry/api';
import type { ResolvedModel } from './internal-types.js';
import type { Slices } from './types.js';

/** The attribute objects of one (model, slices, label) combination. Shared: never mutate. */
export interface RowAttributeSet {
  /** `ml.slice.<key>` only (span and event). */
  readonly slices: Readonly<Attributes>;
  /** `ml.inference.duration`: model name, version, task, operation, slices. */
  readonly duration: Readonly<Attributes>;
  /** `ml.inference.predictions`: model name, version, task, slices, bounded label. */
  readonly predictions: Readonly<Attributes>;
  /** `ml.inference.score`: model name, version, slices, bounded label. */
  readonly score: Readonly<Attributes>;
  /** `ml.inference.value`: model name, version, slices. */
  readonly value: Readonly<Attributes>;
}

/** Default bound on the combinations kept per model (the SDK's default cardinality limit is 2000). */
export const DEFAULT_MAX_ROW_ATTRIBUTE_SETS = 1024;

/** Most slice keys whose `ml.slice.<key>` names are kept (keys come from config, rarely from calls). */
const MAX_SLICE_KEY_NAMES = 256;
const sliceKeyNames = new Map<string, string>();

/** `ml.slice.<key>`, built once per key instead of once per record. */
export function sliceKeyName(key: string): string {
  let name = sliceKeyNames.get(key);
  if (name === undefined) {
    if (sliceKeyNames.size >= MAX_SLICE_KEY_NAMES) sliceKeyNames.clear();
    name = ATTR_ML_SLICE(key);
    sliceKeyNames.set(key, name);
  }
  return name;
}

/** The sets of one model object, valid while its metric identity (name, version, task) holds. */
interface ModelEntry {
  name: string;
  version: string | undefined;
  task: string | undefined;
  sets: Map<string, RowAttributeSet>;
}

function buildSet(
  model: ResolvedModel,
  slices: Slices,
  label: string | undefined,
): RowAttributeSet {
  const sliceAttrs: Attributes = {};
  for (const k in slices) sliceAttrs[sliceKeyName(k)] = slices[k];
  // Built in one literal each (not spread from a base) so each object gets a stable shape.
  const identity: Attributes = { [ATTR_ML_MODEL_NAME]: model.name };
  if (model.version !== undefined) identity[ATTR_ML_MODEL_VERSION] = model.version;
  const withTask: Attributes = { ...identity };
  if (model.task !== undefined) withTask[ATTR_ML_MODEL_TASK] = model.task;
  const duration: Attributes = {
    ...withTask,
    [ATTR_ML_OPERATION_NAME]: ML_OPERATION_NAME_VALUE_PREDICT,
    ...sliceAttrs,
  };
  const predictions: Attributes = { ...withTask, ...sliceAttrs };
  const score: Attributes = { ...identity, ...sliceAttrs };
  const value: Attributes = { ...identity, ...sliceAttrs };
  if (label !== undefined) {
    predictions[ATTR_ML_PREDICTION_LABEL] = label;
    score[ATTR_ML_PREDICTION_LABEL] = label;
  }
  return { slices: sliceAttrs, duration, predictions, score, value };
}

/** A bounded cache of {@link RowAttributeSet}s, per model object. */
export class RowAttributeCache {
  private readonly byModel = new WeakMap<ResolvedModel, ModelEntry>();
  private readonly maxSets: number;

  /** @param maxSets combinations kept per model; past it the model's cache starts over. */
  constructor(maxSets: number = DEFAULT_MAX_ROW_ATTRIBUTE_SETS) {
    this.maxSets = maxSets;
  }

  /** The attribute objects of `model`, `slices` and the (already bounded) metric `label`. */
  get(model: ResolvedModel, slices: Slices, label: string | undefined): RowAttributeSet {
    let entry = this.byModel.get(model);
    if (
      entry === undefined ||
      entry.name !== model.name ||
      entry.version !== model.version ||
      entry.task !== model.task
    ) {
      // New model object, or one whose identity was changed in place: start over.
      entry = { name: model.name, version: model.version, task: model.task, sets: new Map() };
      this.byModel.set(model, entry);
    }
    // Length-prefixed parts, so no label or slice value can make two combinations collide.
    let key = label === undefined ? '-' : `${label.length}+${label}`;
    for (const k in slices) {
      const v = slices[k] as string;
      key += `${k.length}:${k}${v.length}=${v}`;
    }
    let set = entry.sets.get(key);
    if (set === undefined) {
      if (entry.sets.size >= this.maxSets) entry.sets.clear();
      set = buildSet(model, slices, label);
      entry.sets.set(key, set);
    }
    return set;
  }
}
