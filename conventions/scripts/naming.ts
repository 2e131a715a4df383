/**
 * Naming rules shared by the generator and the registry tests: the opentelemetry-js constant
 * scheme and mlmon's Prometheus rendering of metric names.
 */
import type { Instrument } from './registry-model.js';

/** `ml.ground_truth.label` → `ML_GROUND_TRUTH_LABEL` (dots and dashes become underscores). */
export const screamingSnake = (name: string): string => name.replace(/[.-]/g, '_').toUpperCase();

/** `ml.model.name` → `ATTR_ML_MODEL_NAME`. */
export const attributeConstName = (key: string): string => `ATTR_${screamingSnake(key)}`;

/** `ml.model.task` + `binary_classification` → `ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION`. */
export const enumValueConstName = (key: string, memberId: string): string =>
  `${screamingSnake(key)}_VALUE_${screamingSnake(memberId)}`;

/** `ml.model.task` → `ML_MODEL_TASK_VALUES` (the list of every member value). */
export const enumValuesConstName = (key: string): string => `${screamingSnake(key)}_VALUES`;

/** `ml.model.task` → `MlModelTaskValue` (the union type of the member values). */
export const enumTypeName = (key: string): string =>
  key
    .split(/[._-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('') + 'Value';

/** `ml.drift.score` → `METRIC_ML_DRIFT_SCORE`. */
export const metricConstName = (name: string): string => `METRIC_${screamingSnake(name)}`;

/** `ml.drift.score` → `DESCRIPTOR_ML_DRIFT_SCORE`. */
export const descriptorConstName = (name: string): string => `DESCRIPTOR_${screamingSnake(name)}`;

/** `ml.prediction` → `EVENT_ML_PREDICTION`. */
export const eventConstName = (name: string): string => `EVENT_${screamingSnake(name)}`;

/** `ml.inference` → `SPAN_ML_INFERENCE`. */
export const spanConstName = (type: string): string => `SPAN_${screamingSnake(type)}`;

/** Unit suffixes of the Prometheus rendering; any other unit must be added here on purpose. */
const UNIT_SUFFIXES: Readonly<Record<string, string>> = {
  s: '_seconds',
  ms: '_milliseconds',
  By: '_bytes',
  // Deliberately no `_ratio`: issue 5 names the series `ml_drift_status`, `ml_quality_score`.
  '1': '',
};

/**
 * Prometheus name of a metric, as mlmon documents and tests it: dots become underscores, the unit
 * adds a suffix (`s` → `_seconds`, `1` → nothing, `{…}` annotations dropped, `{…}/s` →
 * `_per_second`), and counters get
 * `_total`. Throws for a unit without a decided suffix, so a new unit is a conscious choice.
 */
export function prometheusName(name: string, instrument: Instrument, unit: string): string {
  let suffix: string | undefined;
  if (/^\{[^}]*\}$/.test(unit)) suffix = '';
  // A rate of an annotated count (`{request}/s`), as the OTel → Prometheus mapping renders it.
  else if (/^\{[^}]*\}\/s$/.test(unit)) suffix = '_per_second';
  else suffix = UNIT_SUFFIXES[unit];
  if (suffix === undefined) {
    throw new Error(`metric "${name}": no Prometheus suffix is defined for unit "${unit}"`);
  }
  const base = name.replace(/[.-]/g, '_') + suffix;
  return instrument === 'counter' ? `${base}_total` : base;
}
