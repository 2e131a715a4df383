/**
 * `@mlmon/instrumentation`: model-inference telemetry in the `ml.*` conventions — a one-call
 * predict wrapper, ground truth, onnxruntime-node auto-instrumentation and an Open Inference
 * Protocol reverse proxy. It needs only `@opentelemetry/api` (a peer dependency) and whatever SDK
 * the application already set up; a ready-made SDK pipeline is the separate entry
 * `@mlmon/instrumentation/sdk`.
 */
export { ModelMonitor, wrapPredict } from './model-monitor.js';
export { recordGroundTruth } from './ground-truth.js';
export { wrapGenerate, CAPTURE_MESSAGE_CONTENT_ENV } from './wrap-generate.js';
export type { GenAiResponseInfo, GenAiUsage, WrapGenerateOptions } from './wrap-generate.js';
export { recordEvaluation } from './gen-ai-evaluation.js';
export type { GenAiEvaluation, RecordEvaluationOptions } from './gen-ai-evaluation.js';
export type { RecordGroundTruthOptions } from './ground-truth.js';
export { REDACTED_VALUE, CAPTURE_FEATURES_ENV } from './redaction.js';
export { hashToUnitInterval } from './sampling.js';
export { INSTRUMENTATION_SCOPE_NAME, INSTRUMENTATION_SCOPE_VERSION } from './recorder.js';
export { OnnxRuntimeInstrumentation } from './auto/onnxruntime.js';
export type { OrtModuleLike } from './auto/onnxruntime.js';
export type {
  OnnxModelConfig,
  OnnxRuntimeInstrumentationConfig,
  OnnxSessionInfo,
} from './auto/onnxruntime-types.js';
export { readOnnxMetadata } from './auto/onnx-metadata.js';
export type { OnnxModelMetadata } from './auto/onnx-metadata.js';
export type { OutputMapping } from './tensor-predictions.js';
export { startOipProxy } from './auto/oip-proxy.js';
export type { OipModelConfig, OipProxy, OipProxyOptions } from './auto/oip-proxy-types.js';
export { parseOipInferPath } from './auto/oip-decode.js';
export { parseOipProxyConfig } from './auto/oip-proxy-config.js';
export type { OipProxyFileConfig, ParsedOipProxyConfig } from './auto/oip-proxy-config.js';
export type { OipInferPath } from './auto/oip-decode.js';
export type {
  EventSamplingConfig,
  FeatureCaptureConfig,
  FeatureExtractor,
  FeatureValue,
  Features,
  GroundTruth,
  GroundTruthSource,
  ModelIdentityConfig,
  ModelMonitorConfig,
  ModelTask,
  PredictionInfo,
  PredictionOutput,
  PredictionResult,
  Slices,
  TelemetryProvidersConfig,
  WrapPredictOptions,
  WrappedPredict,
} from './types.js';
