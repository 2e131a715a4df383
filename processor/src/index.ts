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
  OtlpMetricData,
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
// Pure core (issue 5 items 4-5): extract → state → closed windows.
export { ingest } from './core.js';
export type { IngestResult } from './core.js';
export { extract } from './extract/extract.js';
export {
  DROP_REASON_BATCH_SPAN,
  DROP_REASON_FAILED_INFERENCE,
  REJECT_REASON_INVALID_HISTOGRAM,
  REJECT_REASON_INVALID_NUMBER,
  REJECT_REASON_INVALID_SAMPLING_PROBABILITY,
  REJECT_REASON_MISSING_GROUND_TRUTH,
  REJECT_REASON_MISSING_MODEL_NAME,
  REJECT_REASON_MISSING_PREDICTION_ID,
} from './extract/reasons.js';
export type { DropReason, RejectReason } from './extract/reasons.js';
export type {
  ExtractResult,
  GroundTruthRecord,
  MlRecord,
  PredictionRecord,
  ReasonCounts,
  ResourceIdentity,
  ScoreHistogramRecord,
  SliceEntry,
} from './extract/types.js';
export { IDENTIFYING_RESOURCE_KEYS } from './extract/resource-identity.js';
export { applyRecords } from './state/apply-records.js';
export type { ApplyResult } from './state/apply-result.js';
export { closeWindows } from './state/close-windows.js';
export type { MonitorState } from './state/monitor-state.js';
export {
  DROP_REASON_DUPLICATE_GROUND_TRUTH,
  DROP_REASON_DUPLICATE_PREDICTION,
  DROP_REASON_SPAN_CANDIDATES_FULL,
  DROP_REASON_SUPERSEDED_BY_EVENT,
  REJECT_REASON_TIMESTAMP_IN_FUTURE,
} from './state/reasons.js';
export type { StateDropReason, StateRejectReason } from './state/reasons.js';
export { restoreState, serializeState, STATE_FORMAT_VERSION } from './state/serialize-state.js';
export type { SerializedState } from './state/serialize-state.js';
export { DEFAULT_STATE_CONFIG, resolveStateConfig } from './state/state-config.js';
export type { ResolvedProfile, StateConfig, StateReferenceMode } from './state/state-config.js';
export { stateStats } from './state/state-stats.js';
export type { StateStats } from './state/state-stats.js';
export { createState } from './state/streams.js';
export { GROUND_TRUTH_DELAY_BOUNDS_SECONDS } from './state/types.js';
export type {
  ClosedWindow,
  DelayHistogram,
  FeatureCounts,
  FeatureKind as StateFeatureKind,
  FeatureWindow,
  LabeledWindow,
  ModelTask,
  OutputsWindow,
  ScoreHistogramWindow,
  SliceValues,
  StreamIdentity,
  StreamReference,
  WindowCounts,
} from './state/types.js';
// Status API (issue 7 item 5) and the built-in dashboard (issue 8).
export { handleStatusRequest, parseWindowsParam } from './status-api/handle-status-request.js';
export type { StatusRequestOptions } from './status-api/handle-status-request.js';
export { buildModelsResponse } from './status-api/build-models-response.js';
export { buildVersionDetail } from './status-api/build-version-detail.js';
export type { VersionDetailResult } from './status-api/build-version-detail.js';
export {
  statusSourceFromResults,
  toStatusWindow,
} from './status-api/status-source-from-results.js';
export type {
  StatusSourceOptions,
  WindowResultStore,
} from './status-api/status-source-from-results.js';
export { TELEMETRY_NAMES } from './status-api/telemetry-names.js';
export { DEFAULT_HISTORY_WINDOWS, MAX_HISTORY_WINDOWS } from './status-api/types.js';
export type {
  ModelsResponse,
  StatusAlert,
  StatusReadiness,
  StatusSource,
  StatusStream,
  StatusWindow,
  VersionDetailResponse,
} from './status-api/types.js';
export { handleDashboardRequest } from './dashboard/handle-dashboard-request.js';
// mlmon serve (issue 5 items 1, 6-8): configuration, evaluation, exporters, the service.
export { ConfigError, formatConfigIssue } from './config/config-issue.js';
export type { ConfigIssue, ConfigSource } from './config/config-issue.js';
export { loadServeConfig } from './config/load-serve-config.js';
export type { LoadServeConfigOptions } from './config/load-serve-config.js';
export { resolveServeConfig, SERVE_CONFIG_KEYS } from './config/resolve-serve-config.js';
export type {
  ResolveServeConfigResult,
  ServeConfigSources,
} from './config/resolve-serve-config.js';
export { DEFAULT_SERVE_CONFIG } from './config/serve-config.js';
export type {
  ExportTemporality,
  OtlpExportConfig,
  OtlpExportProtocol,
  ReferenceMode,
  ReferenceProfileMapping,
  ServeConfig,
} from './config/serve-config.js';
export { evaluateWindow } from './evaluate/evaluate-window.js';
export type { EvaluateOptions } from './evaluate/evaluate-window.js';
export { ReferenceCache } from './evaluate/reference-cache.js';
export type {
  CalibrationResult,
  DataQualityResult,
  DelayHistogram as ResultDelayHistogram,
  DriftKind,
  DriftResult,
  GroundTruthResult,
  QualityResult,
  ReliabilityBinResult,
  SampleCounts,
  StreamIdentity as ResultStreamIdentity,
  WindowResult,
} from './evaluate/window-result.js';
export type {
  HistogramPoint,
  MetricData as ExportMetricData,
  MetricDescriptorLike,
  MetricsSnapshot,
  NumberPoint,
  PointAttributes,
  ResourceMetricsData,
  ScopeMetricsData,
} from './export/metric-data.js';
export { encodeMetricsJson, encodeMetricsProtobuf } from './export/otlp-metrics-encoder.js';
export { createOtlpMetricsExporter } from './export/otlp-metrics-exporter.js';
export type { ExportOutcome, OtlpMetricsExporter } from './export/otlp-metrics-exporter.js';
export { PROMETHEUS_CONTENT_TYPE, renderPrometheusText } from './export/prometheus-text.js';
export { MLMON_EVALUATION_SCOPE, windowMetrics } from './export/window-metrics.js';
export type { StreamExport } from './export/window-metrics.js';
export { ManualClock, systemClock } from './service/clock.js';
export type { Clock } from './service/clock.js';
export { silentLogger, stderrLogger } from './service/logger.js';
export type { Logger } from './service/logger.js';
export { MLMON_SERVICE_NAME, MlmonService } from './service/mlmon-service.js';
export type { MlmonServiceOptions, ServiceAddresses } from './service/mlmon-service.js';
export type { IngestOutcome, Pipeline, PipelineGauges } from './service/pipeline.js';
export { MLMON_SELF_SCOPE, SelfTelemetry } from './service/self-telemetry.js';
// Drift decisions (shared by the CLI and the processor), reference profiles, batch readers.
export { decideDrift, testedKind } from './evaluate/drift/decide.js';
export {
  DRIFT_METHODS,
  driftMethodIds,
  getDriftMethod,
  isDriftMethodId,
  DEFAULT_CHI2_EFFECT_FLOOR,
  DEFAULT_KS_EFFECT_FLOOR,
} from './evaluate/drift/registry.js';
export {
  defaultDriftMethod,
  selectDriftMethod,
  SMALL_REFERENCE_MAX,
  validateDriftRules,
} from './evaluate/drift/select-method.js';
export type { DriftMethodRule, MethodChoice } from './evaluate/drift/select-method.js';
export {
  buildCategoricalReference,
  buildNumericReference,
  DEFAULT_SAMPLE_SIZE,
  LOW_CARDINALITY_MAX,
  withNullLadders,
} from './evaluate/drift/build-reference.js';
export type { BuildReferenceOptions } from './evaluate/drift/build-reference.js';
export {
  categoricalNullLadders,
  DEFAULT_LADDER_SIZES,
  effectiveSize,
  LADDER_LEVELS,
  numericNullLadders,
} from './evaluate/drift/null-ladder.js';
export type { NullLadderOptions } from './evaluate/drift/null-ladder.js';
export { DEFAULT_ALPHA, effectiveThreshold, nullQuantile } from './evaluate/drift/threshold.js';
export { summarizeCategorical, summarizeNumeric } from './evaluate/drift/summarize.js';
export { createRng, seedFor } from './evaluate/drift/rng.js';
export type { Rng } from './evaluate/drift/rng.js';
export type {
  CategoricalCurrentSummary,
  CategoricalReferenceFeature,
  CategoryFrequencies,
  CurrentSummary,
  DriftDecision,
  DriftMethodId,
  DriftMethodSpec,
  DriftOptions,
  DriftState,
  FeatureKind,
  NullLadder,
  NumericCurrentSummary,
  NumericReferenceFeature,
  ReferenceFeature,
  ScoreKind,
} from './evaluate/drift/types.js';
export { PROFILE_FORMAT, PROFILE_VERSION } from './profile/reference-profile.js';
export type { ProfileLadderSettings, ReferenceProfile } from './profile/reference-profile.js';
export {
  parseProfile,
  profileToJson,
  ProfileFormatError,
  writeProfileFile,
} from './profile/profile-json.js';
export { readTable } from './io/read-table.js';
export type { ReadTableOptions, Table } from './io/read-table.js';
export type { Column } from './io/column-builder.js';
export { InputFileError } from './io/input-file-error.js';

// Durability (issue 7): write-ahead log and checkpoints in the data directory.
export { openDurableStore } from './storage/durable-store.js';
export type { DurableStore, DurableStoreOptions, Recovered } from './storage/durable-store.js';
export type { WalRecord, WalRequestRecord, WalCloseRecord } from './storage/wal-record.js';
export { CHECKPOINT_FORMAT_VERSION } from './storage/checkpoint-file.js';
export type { Checkpoint } from './storage/checkpoint-file.js';
// Overload control (issue 7).
export { AdmissionController, DEFAULT_ADMISSION_LIMITS } from './admission/admission-controller.js';
export type { AdmissionLimits, AdmissionStats } from './admission/admission-controller.js';
// Alerts (issue 7): rules as data, pure evaluation, ml.alert events.
export { DEFAULT_ALERT_RULES, parseAlertRules } from './alerts/alert-rule.js';
export type { AlertOperator, AlertRule } from './alerts/alert-rule.js';
export { evaluateAlerts } from './alerts/evaluate-alerts.js';
export type { AlertTransition } from './alerts/evaluate-alerts.js';
export { createAlertState, restoreAlertState, serializeAlertState } from './alerts/alert-state.js';
export type { AlertState } from './alerts/alert-state.js';
export { encodeAlertLogsJson, encodeAlertLogsProtobuf } from './alerts/otlp-logs-encoder.js';
