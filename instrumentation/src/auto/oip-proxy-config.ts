/**
 * Validation of the `mlmon proxy --config` file (YAML or JSON, already parsed). Returns every
 * problem at once, each naming the field, instead of stopping at the first.
 */
import { ML_MODEL_TASK_VALUES } from '@mlmon/conventions';
import type { OutputMapping } from '../tensor-predictions.js';
import type { ModelTask } from '../types.js';
import type { OipModelConfig, OipProxyOptions } from './oip-proxy-types.js';

/** The settings a config file may carry (the rest of {@link OipProxyOptions} comes from flags). */
export type OipProxyFileConfig = Pick<
  OipProxyOptions,
  | 'models'
  | 'captureFeatures'
  | 'featureAllowList'
  | 'featureDenyList'
  | 'captureProbabilities'
  | 'eventSamplingProbability'
  | 'deterministicSampling'
  | 'providerName'
  | 'timeoutMillis'
  | 'maxDecodeBytes'
>;

/** Result of {@link parseOipProxyConfig}: the config when `errors` is empty. */
export interface ParsedOipProxyConfig {
  config: OipProxyFileConfig;
  errors: string[];
}

const TOP_LEVEL = [
  'models',
  'captureFeatures',
  'featureAllowList',
  'featureDenyList',
  'captureProbabilities',
  'eventSamplingProbability',
  'deterministicSampling',
  'providerName',
  'timeoutMillis',
  'maxDecodeBytes',
] as const;
const MODEL_KEYS = [
  'task',
  'classes',
  'threshold',
  'modelVersion',
  'modelAlias',
  'modelId',
  'framework',
  'providerName',
  'featureNames',
  'outputs',
  'sliceKeys',
] as const;
const OUTPUT_KEYS = ['probabilities', 'score', 'value', 'label'] as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isStringList = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

function unknownKeys(obj: Obj, allowed: readonly string[], where: string, errors: string[]): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key))
      errors.push(`${where}${key}: unknown setting (valid: ${allowed.join(', ')})`);
  }
}

function parseModel(name: string, raw: unknown, errors: string[]): OipModelConfig | undefined {
  const at = `models.${name}.`;
  if (!isObj(raw)) {
    errors.push(`models.${name}: must be a mapping`);
    return undefined;
  }
  unknownKeys(raw, MODEL_KEYS, at, errors);
  const model: OipModelConfig = {};
  if (raw['task'] !== undefined) {
    if ((ML_MODEL_TASK_VALUES as readonly unknown[]).includes(raw['task']))
      model.task = raw['task'] as ModelTask;
    else
      errors.push(
        `${at}task: must be one of ${ML_MODEL_TASK_VALUES.join(', ')}, got ${JSON.stringify(raw['task'])}`,
      );
  }
  if (raw['classes'] !== undefined) {
    if (isStringList(raw['classes'])) model.classes = raw['classes'];
    else errors.push(`${at}classes: must be a list of strings`);
  }
  if (raw['threshold'] !== undefined) {
    const t = raw['threshold'];
    if (typeof t === 'number' && t >= 0 && t <= 1) model.threshold = t;
    else errors.push(`${at}threshold: must be a number in [0, 1]`);
  }
  for (const key of [
    'modelVersion',
    'modelAlias',
    'modelId',
    'framework',
    'providerName',
  ] as const) {
    const v = raw[key];
    if (v === undefined) continue;
    if (typeof v === 'string' || typeof v === 'number') model[key] = String(v);
    else errors.push(`${at}${key}: must be a string`);
  }
  const names = raw['featureNames'];
  if (names !== undefined) {
    if (isStringList(names)) model.featureNames = names;
    else if (isObj(names) && Object.values(names).every(isStringList)) {
      model.featureNames = names as Record<string, string[]>;
    } else
      errors.push(
        `${at}featureNames: must be a list of names or a mapping of input tensor → list of names`,
      );
  }
  const outputs = raw['outputs'];
  if (outputs !== undefined) {
    if (isObj(outputs)) {
      unknownKeys(outputs, OUTPUT_KEYS, `${at}outputs.`, errors);
      const mapping: OutputMapping = {};
      for (const key of OUTPUT_KEYS) {
        const v = outputs[key];
        if (v === undefined) continue;
        if (typeof v === 'string') mapping[key] = v;
        else errors.push(`${at}outputs.${key}: must be an output tensor name`);
      }
      model.outputs = mapping;
    } else
      errors.push(
        `${at}outputs: must be a mapping of probabilities/score/value/label → output tensor name`,
      );
  }
  if (raw['sliceKeys'] !== undefined) {
    if (isStringList(raw['sliceKeys'])) model.sliceKeys = raw['sliceKeys'];
    else errors.push(`${at}sliceKeys: must be a list of feature names`);
  }
  return model;
}

/** Validates a parsed config file. */
export function parseOipProxyConfig(raw: unknown): ParsedOipProxyConfig {
  const errors: string[] = [];
  const config: OipProxyFileConfig = {};
  if (raw === undefined || raw === null) return { config, errors };
  if (!isObj(raw)) return { config, errors: ['the config must be a mapping at the top level'] };
  unknownKeys(raw, TOP_LEVEL, '', errors);
  for (const key of ['captureFeatures', 'captureProbabilities', 'deterministicSampling'] as const) {
    const v = raw[key];
    if (v === undefined) continue;
    if (typeof v === 'boolean') config[key] = v;
    else errors.push(`${key}: must be true or false`);
  }
  for (const key of ['featureAllowList', 'featureDenyList'] as const) {
    const v = raw[key];
    if (v === undefined) continue;
    if (isStringList(v)) config[key] = v;
    else errors.push(`${key}: must be a list of feature names`);
  }
  const p = raw['eventSamplingProbability'];
  if (p !== undefined) {
    if (typeof p === 'number' && p > 0 && p <= 1) config.eventSamplingProbability = p;
    else errors.push('eventSamplingProbability: must be a number in (0, 1]');
  }
  if (raw['providerName'] !== undefined) {
    if (typeof raw['providerName'] === 'string') config.providerName = raw['providerName'];
    else errors.push('providerName: must be a string');
  }
  for (const key of ['timeoutMillis', 'maxDecodeBytes'] as const) {
    const v = raw[key];
    if (v === undefined) continue;
    if (typeof v === 'number' && Number.isInteger(v) && v > 0) config[key] = v;
    else errors.push(`${key}: must be a positive integer`);
  }
  const models = raw['models'];
  if (models !== undefined) {
    if (isObj(models)) {
      const out: Record<string, OipModelConfig> = {};
      for (const [name, m] of Object.entries(models)) {
        const parsed = parseModel(name, m, errors);
        if (parsed) out[name] = parsed;
      }
      config.models = out;
    } else errors.push('models: must be a mapping of model name → settings');
  }
  return { config, errors };
}
