/**
 * Sampled prediction/ground-truth event pairs for the `mlmon serve` tests of weighted labelled
 * tasks: the prediction carries `ml.sampling.probability` and alternates between two slices.
 */
import {
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_TASK,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_PREDICTION_ID,
  ATTR_ML_SAMPLING_PROBABILITY,
  ATTR_ML_SLICE,
  EVENT_ML_GROUND_TRUTH,
  EVENT_ML_PREDICTION,
} from '@mlmon/conventions';
import { T0, type ScenarioEvent } from './scenario.js';

/**
 * Prediction `i` of `model` (sampled with probability `p`, slice `region` eu/us alternating) and
 * its ground truth (at the end of the window).
 */
export function sampledPair(
  model: string,
  task: string,
  i: number,
  p: number,
  output: ScenarioEvent['attributes'],
  truth: ScenarioEvent['attributes'],
): [ScenarioEvent, ScenarioEvent] {
  const id = `${model}-${i}`;
  return [
    {
      eventName: EVENT_ML_PREDICTION,
      timeMs: T0 + 1000 + i * 10,
      attributes: {
        [ATTR_ML_MODEL_NAME]: model,
        [ATTR_ML_MODEL_VERSION]: '1',
        [ATTR_ML_MODEL_TASK]: task,
        [ATTR_ML_PREDICTION_ID]: id,
        [ATTR_ML_SAMPLING_PROBABILITY]: p,
        [ATTR_ML_SLICE('region')]: i % 2 === 0 ? 'eu' : 'us',
        ...output,
      },
    },
    {
      eventName: EVENT_ML_GROUND_TRUTH,
      timeMs: T0 + 50_000,
      attributes: { [ATTR_ML_PREDICTION_ID]: id, ...truth },
    },
  ];
}
