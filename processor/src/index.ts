// Statistics core (issue 3): pure functions of METRICS.md.
export {
  absent,
  alignCategoryCounts,
  argmax,
  binaryClassificationMetrics,
  binCounts,
  binIndex,
  brierScore,
  calibrationErrorFromBins,
  categoricalDrift,
  categoricalDriftFromCounts,
  chiSquareHomogeneity,
  confusionCounts,
  countCategories,
  DEFAULT_THRESHOLD,
  eceQuantile,
  hellinger,
  jensenShannon,
  KS_MAX_EXACT_N,
  ksPValue,
  ksStatisticSorted,
  ksTest,
  ksTestSorted,
  lInfinity,
  logLoss,
  meanAndStd,
  multiclassMetrics,
  newCategoryRatio,
  normalizeByStd,
  numericDrift,
  numericDriftSorted,
  present,
  proportions,
  psi,
  quantileSorted,
  referenceBinEdges,
  regressionMetrics,
  reliabilityBinIndex,
  reliabilityBins,
  reliabilityFromSums,
  rocAuc,
  sortedCopy,
  thresholdMetrics,
  valueOrNull,
  wasserstein,
  wassersteinNormed,
  wassersteinSorted,
} from './stats/index.js';
export type {
  BinaryClassificationMetrics,
  BinSums,
  CategoricalDrift,
  ChiSquareResult,
  ConfusionCounts,
  KsMethod,
  KsResult,
  Maybe,
  MulticlassMetrics,
  NumericDrift,
  NumericInput,
  RegressionMetrics,
  ReliabilityBin,
} from './stats/index.js';
// OTLP decoding (issue 5 item 3).
export { decodeOtlpRequest } from './decode/decode-otlp-request.js';
export type { OtlpEncoding } from './decode/decode-otlp-request.js';
export { OtlpDecodeError } from './decode/otlp-decode-error.js';
export { decodeLogsProto } from './decode/proto-logs.js';
export { decodeTracesProto } from './decode/proto-traces.js';
export { decodeMetricsProto } from './decode/proto-metrics.js';
export { decodeLogsJson } from './decode/json-logs.js';
export { decodeTracesJson } from './decode/json-traces.js';
export { decodeMetricsJson } from './decode/json-metrics.js';
export { MAX_ANY_VALUE_DEPTH } from './decode/proto-common.js';
export type {
  AnyValue,
  Attributes,
  DataPointBase,
  ExponentialBuckets,
  ExponentialHistogramDataPoint,
  HistogramDataPoint,
  InstrumentationScope,
  LogRecord,
  LogsRequest,
  Metric,
  MetricData,
  MetricsRequest,
  NumberDataPoint,
  OtlpRequest,
  Resource,
  ResourceLogs,
  ResourceMetrics,
  ResourceSpans,
  ScopeLogs,
  ScopeMetrics,
  ScopeSpans,
  Signal,
  Span,
  SpanEvent,
  SpanLink,
  SpanStatus,
  SummaryDataPoint,
  TracesRequest,
} from './decode/otlp-types.js';
// OTLP receivers (issue 5 item 2).
export { createOtlpHttpHandler, startOtlpHttpReceiver } from './receiver/http-receiver.js';
export { startOtlpGrpcReceiver } from './receiver/grpc-receiver.js';
export { ReceiverCounters } from './receiver/receiver-counters.js';
export type { ReceiverCountRow } from './receiver/receiver-counters.js';
export { DEFAULT_MAX_BODY_BYTES } from './receiver/types.js';
export type {
  Admission,
  OtlpSink,
  ReceiverLogger,
  ReceiverOptions,
  RequestHandledEvent,
  RequestOutcome,
  RequestReason,
  RunningReceiver,
  SinkResult,
} from './receiver/types.js';
// Streaming accumulators (issue 3): create / record / merge / snapshot / toJSON / fromJSON.
export {
  AccumulatorStateError,
  binaryOutputsAccumulator,
  categoricalFeatureAccumulator,
  createQuantileSketch,
  DEFAULT_CATEGORY_CAP,
  DEFAULT_SKETCH_CAPACITY,
  estimateNumericDrift,
  multiclassOutputsAccumulator,
  numericFeatureAccumulator,
  OVERFLOW_CATEGORY,
  referenceFromSnapshot,
  regressionOutputsAccumulator,
  sketchEcdfError,
  sketchEcdfL1Error,
  sketchMerge,
  sketchRecord,
  sketchWeightedSorted,
} from './state/accumulators/index.js';
export type {
  Accumulator,
  BinaryObservation,
  BinaryOutputsSnapshot,
  BinaryOutputsState,
  BoundedEstimate,
  CategoricalFeatureSnapshot,
  CategoricalFeatureState,
  FeatureObservation,
  MulticlassObservation,
  MulticlassOutputsState,
  NumericDriftEstimate,
  NumericFeatureSnapshot,
  NumericFeatureState,
  NumericReferenceSummary,
  QuantileSketch,
  RegressionObservation,
  RegressionOutputsState,
} from './state/accumulators/index.js';
export { ksStatisticWeighted, unitWeighted, wassersteinWeighted } from './stats/index.js';
export type { WeightedSorted } from './stats/index.js';
