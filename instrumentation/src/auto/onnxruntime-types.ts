import type { InstrumentationConfig } from '@opentelemetry/instrumentation';
import type { OutputMapping } from '../tensor-predictions.js';
import type {
  EventSamplingConfig,
  FeatureCaptureConfig,
  ModelIdentityConfig,
  PredictionInfo,
} from '../types.js';
import type { OnnxModelMetadata } from './onnx-metadata.js';

/** What the instrumentation knows about a session when it resolves the model config. */
export interface OnnxSessionInfo {
  /** The path the session was created from, when it was a path. */
  modelPath?: string;
  inputNames: readonly string[];
  outputNames: readonly string[];
  /** ModelProto metadata, when the model bytes were available (buffer, or a file up to `metadataMaxBytes`). */
  metadata?: OnnxModelMetadata;
}

/** Per-model settings of the onnxruntime-node instrumentation. */
export interface OnnxModelConfig extends Partial<ModelIdentityConfig> {
  /**
   * Feature names per input tensor (`{ input: ['age', 'income'] }`), or a list for the first input.
   * Unnamed columns are called `{tensor}_{j}`; one-wide tensors use the tensor name.
   * @default {}
   */
  featureNames?: Readonly<Record<string, readonly string[]>> | readonly string[];
  /** Which output tensor holds probabilities/score/value/label. @default inferred from the shapes */
  outputs?: OutputMapping;
  /** Feature names whose values become `ml.slice.<name>`. @default [] */
  sliceKeys?: readonly string[];
}

/** Configuration of {@link OnnxRuntimeInstrumentation}. */
export interface OnnxRuntimeInstrumentationConfig
  extends InstrumentationConfig, OnnxModelConfig, FeatureCaptureConfig, EventSamplingConfig {
  /**
   * Per-session overrides, e.g. a different name and task per model file. Its result is merged
   * over the top-level options.
   * @default undefined
   */
  resolveModel?: (session: OnnxSessionInfo) => OnnxModelConfig | undefined;
  /** Called after each successful `run` with the prediction ids (generated per row). @default undefined */
  onPrediction?: (info: PredictionInfo & { session: OnnxSessionInfo }) => void;
  /** Read ModelProto metadata from model files up to this size (the model is read once more). @default 67108864 */
  metadataMaxBytes?: number;
}
