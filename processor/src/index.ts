/**
 * `@mlmon/processor`: the mlmon processor as a library. This entry is its public API — the
 * service to embed (OTLP in; drift, calibration and quality out), its configuration, the result
 * it produces per closed window, and the batch functions behind `mlmon drift`/`evaluate`
 * (statistics, reference profiles, table reading). Everything else (decoders, state, exporters,
 * the status API) is internal and may change between releases; the `mlmon` command is the bin.
 */

// The service: receivers → windows → evaluation → exporters, status API and dashboard.
export { MLMON_SERVICE_NAME, MlmonService } from './service/mlmon-service.js';
export type { MlmonServiceOptions, ServiceAddresses } from './service/mlmon-service.js';
export type { IngestOutcome, Pipeline, PipelineGauges } from './service/pipeline.js';
export { ManualClock, systemClock } from './service/clock.js';
export type { Clock } from './service/clock.js';
export { silentLogger, stderrLogger } from './service/logger.js';
export type { Logger } from './service/logger.js';

// Configuration: flags, environment and YAML resolved into one `ServeConfig`.
export { DEFAULT_SERVE_CONFIG } from './config/serve-config.js';
export type {
  ExportTemporality,
  OtlpExportConfig,
  OtlpExportProtocol,
  ReferenceMode,
  ReferenceProfileMapping,
  ServeConfig,
} from './config/serve-config.js';
export { loadServeConfig } from './config/load-serve-config.js';
export type { LoadServeConfigOptions } from './config/load-serve-config.js';
export { resolveServeConfig } from './config/resolve-serve-config.js';
export type {
  ResolveServeConfigResult,
  ServeConfigSources,
} from './config/resolve-serve-config.js';
export { ConfigError, formatConfigIssue } from './config/config-issue.js';
export type { ConfigIssue, ConfigSource } from './config/config-issue.js';
export { DEFAULT_ALERT_RULES, parseAlertRules } from './alerts/alert-rule.js';
export type { AlertOperator, AlertRule } from './alerts/alert-rule.js';

// The result of evaluating one closed window of one stream (what every door renders).
export type {
  CalibrationResult,
  DataQualityResult,
  DriftKind,
  DriftResult,
  GroundTruthResult,
  QualityResult,
  ReliabilityBinResult,
  SampleCounts,
  WindowResult,
} from './evaluate/window-result.js';

// Reference profiles (`mlmon baseline`) and the tables the batch commands read.
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

// Statistics (the definitions of ../shared/METRICS.md): drift, calibration and quality.
export {
  absent,
  binaryClassificationMetrics,
  brierScore,
  categoricalDrift,
  chiSquareHomogeneity,
  eceQuantile,
  hellinger,
  jensenShannon,
  ksTest,
  logLoss,
  multiclassMetrics,
  numericDrift,
  present,
  psi,
  regressionMetrics,
  reliabilityBins,
  rocAuc,
  valueOrNull,
  wasserstein,
  wassersteinNormed,
} from './stats/index.js';
export type {
  BinaryClassificationMetrics,
  CategoricalDrift,
  ChiSquareResult,
  KsMethod,
  KsResult,
  Maybe,
  MulticlassMetrics,
  NumericDrift,
  NumericInput,
  RegressionMetrics,
  ReliabilityBin,
} from './stats/index.js';
