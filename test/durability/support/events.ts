/** ML events for the durability, overload and alert suites (names from @mlmon/conventions). */
import {
  ATTR_ML_FEATURES,
  ATTR_ML_GROUND_TRUTH_VALUE,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_TASK,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_PREDICTION_ID,
  ATTR_ML_PREDICTION_SCORE,
  EVENT_ML_GROUND_TRUTH,
  EVENT_ML_PREDICTION,
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
} from '@mlmon/conventions';
import type { ScenarioEvent } from '../../processor/support/scenario.js';

/** A binary-classification prediction of `model` version 1 at `timeMs`. */
export function prediction(
  model: string,
  timeMs: number,
  features: Record<string, number | string>,
  score: number,
  id?: string,
): ScenarioEvent {
  return {
    eventName: EVENT_ML_PREDICTION,
    timeMs,
    attributes: {
      [ATTR_ML_MODEL_NAME]: model,
      [ATTR_ML_MODEL_VERSION]: '1',
      [ATTR_ML_MODEL_TASK]: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
      [ATTR_ML_PREDICTION_SCORE]: score,
      [ATTR_ML_FEATURES]: features,
      ...(id !== undefined ? { [ATTR_ML_PREDICTION_ID]: id } : {}),
    },
  };
}

/** A 0/1 label for prediction `id` at `timeMs`. */
export function label(model: string, timeMs: number, id: string, value: 0 | 1): ScenarioEvent {
  return {
    eventName: EVENT_ML_GROUND_TRUTH,
    timeMs,
    attributes: {
      [ATTR_ML_MODEL_NAME]: model,
      [ATTR_ML_MODEL_VERSION]: '1',
      [ATTR_ML_PREDICTION_ID]: id,
      [ATTR_ML_GROUND_TRUTH_VALUE]: value,
    },
  };
}
