/**
 * Ground truth from anywhere: the service that learns the outcome often is not the one that
 * served the prediction, so this needs only the prediction id (and, optionally, the model).
 */
import type { InferenceRecorder } from './recorder.js';
import { createRecorder } from './model-monitor.js';
import type { GroundTruth, TelemetryProvidersConfig } from './types.js';
import { guard } from './wrap-predict.js';
import { checkGroundTruth } from './check-ground-truth.js';

/** Options of {@link recordGroundTruth}. */
export interface RecordGroundTruthOptions extends TelemetryProvidersConfig {
  /** `ml.model.name` of the prediction (recommended; the processor can also join by id). @default undefined */
  modelName?: string;
  /** `ml.model.version` of the prediction. @default undefined */
  modelVersion?: string;
}

let globalRecorder: InferenceRecorder | undefined;

/**
 * Emits an `ml.ground_truth` event for `predictionId` (give `label`, `value`, or both) and counts
 * it in `ml.ground_truth.received`. Uses the global providers unless some are given. Never throws.
 */
export function recordGroundTruth(
  predictionId: string,
  truth: GroundTruth,
  options: RecordGroundTruthOptions = {},
): void {
  guard(
    'recording ground truth',
    () => {
      checkGroundTruth(predictionId, truth);
      const custom = options.tracerProvider || options.meterProvider || options.loggerProvider;
      const recorder = custom ? createRecorder(options) : (globalRecorder ??= createRecorder({}));
      const model: { name?: string; version?: string } = {};
      if (options.modelName !== undefined) model.name = options.modelName;
      if (options.modelVersion !== undefined) model.version = options.modelVersion;
      recorder.recordGroundTruth(predictionId, truth, model);
    },
    undefined,
  );
}
