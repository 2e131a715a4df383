/**
 * The status API's contract: what the processor hands it (the read-only {@link StatusSource})
 * and the JSON it answers with (`GET /api/v1/models`, `GET /api/v1/models/{name}/versions/{version}`,
 * `/healthz`, `/readyz`). docs/status-api.md documents the same shapes for users.
 *
 * The source hands out the evaluation's own {@link WindowResult}s (the one result contract); the
 * pure builders in this folder render them into responses through `render-window.ts`. Values
 * that could not be computed are absent (optionally with a `reason`), never NaN, so the JSON
 * stays valid and a reader can tell "zero" from "unknown".
 *
 * Enum-valued fields carry the `@mlmon/conventions` values (the same strings the OTLP and
 * Prometheus output uses), so a number on the dashboard maps one-to-one to its series.
 */
export type { DriftState } from '../evaluate/drift/types.js';
export type { DriftKind } from '../evaluate/window-result.js';
import type { StatusFairness } from './render-fairness.js';
import type { StatusSetTasks } from './render-set-tasks.js';
import type { StatusEstimation } from './render-estimation.js';
import type { StatusVersions } from './render-versions.js';
import type { SloStatus } from '../alerts/evaluate-slos.js';
import type { DriftState } from '../evaluate/drift/types.js';
import type {
  CostResult,
  DriftKind,
  EmbeddingResult,
  EvaluationLabelShare,
  EvaluationResult,
  EvaluationScoreSummary,
  GenAiQuantiles,
  GenAiResult,
  QualityAttributionResult,
} from '../evaluate/window-result.js';
export type { StatusAlert } from '../alerts/alert-view.js';
export type { SliceValues } from '../state/types.js';
import type { StatusAlert } from '../alerts/alert-view.js';
import type { SliceValues } from '../state/types.js';
import type {
  Exemplar,
  SampleCounts,
  WindowResult,
  WindowStream,
} from '../evaluate/window-result.js';

// ---------------------------------------------------------------------------------------------
// Input: what the processor provides
// ---------------------------------------------------------------------------------------------

/**
 * One monitored stream: a model version, either all slices together or one slice (an empty
 * `slice`). `key` is opaque and stable; the source understands it in {@link StatusSource.history}.
 */
export type StatusStream = Pick<
  WindowStream,
  'key' | 'modelName' | 'modelVersion' | 'task' | 'slice'
>;

/** The drift decision for one feature (or the prediction / ground truth) in one window. */
export interface StatusFeatureDrift {
  /** `ml.feature.name`; for kind `prediction`/`ground_truth` the output's name (e.g. `score`). */
  readonly feature: string;
  /** `ml.drift.kind`. */
  readonly kind: DriftKind;
  /** `ml.drift.method` (e.g. `psi`, `ks`, `chi2`). */
  readonly method: string;
  /** The decision. */
  readonly status: DriftState;
  /** The statistic (`ml.drift.score`); absent when it could not be computed. */
  readonly score?: number;
  /** The p-value (`ml.drift.p_value`), only for tests that have one (`ks`, `chi2`). */
  readonly pValue?: number;
  /** The configured threshold (`ml.drift.threshold`, `ml.drift.threshold.kind=nominal`). */
  readonly thresholdNominal?: number;
  /**
   * The size-aware threshold actually applied (`ml.drift.threshold.kind=effective`). For tests
   * with a p-value it applies to {@link pValue} (drift when p ≤ threshold), otherwise to
   * {@link score} (drift when score ≥ threshold).
   */
  readonly thresholdEffective?: number;
  /** Sample size of the reference. */
  readonly nReference: number;
  /** Sample size of the current window. */
  readonly nCurrent: number;
  /** `ml.reference.kind` (`training`, `fixed_window`, `previous_window`, `seasonal_window`, `rolling_window`) when known. */
  readonly referenceKind?: string;
  /**
   * False for a companion method reported beside the feature's primary one (e.g. PSI next to
   * KS); the dashboard shows companions muted. @default true
   */
  readonly primary?: boolean;
  /** Why the score is absent or the status is `insufficient_data`, in words. */
  readonly reason?: string;
  /**
   * Example requests behind a drift decision (a drifted numeric feature): trace and span ids
   * with the feature value, from the bins whose share grew most.
   */
  readonly exemplars?: readonly Exemplar[];
}

/** One bin of the reliability diagram (10 equal-width bins on [0, 1], METRICS.md). */
export interface StatusReliabilityBin {
  /** Upper edge of the bin (0.1 … 1.0); `ml.calibration.bin` renders it as a string. */
  readonly upperEdge: number;
  /** Predictions in the bin (`ml.calibration.bin.predictions`). */
  readonly count: number;
  /** Mean score/confidence in the bin (`ml.calibration.bin.mean_score`); absent when empty. */
  readonly meanConfidence?: number;
  /** Share of positives / correct predictions (`ml.calibration.bin.positive_ratio`); absent when empty. */
  readonly accuracy?: number;
  /** A labeled prediction of the bin (value: its score), when one had a known span. */
  readonly exemplar?: Exemplar;
}

/** Calibration summary values of one window (a point of the calibration history). */
export type CalibrationPoint = Pick<StatusCalibration, 'ece' | 'mce' | 'brier' | 'logLoss'>;

/** Calibration of one window, computed on the labeled predictions. */
export interface StatusCalibration {
  /** `ml.calibration.method` of {@link ece}: `ece` (binary) or `ece_top_label` (multiclass). */
  readonly method: string;
  /** Expected calibration error. */
  readonly ece?: number;
  /** Maximum calibration error. */
  readonly mce?: number;
  /** Brier score. */
  readonly brier?: number;
  /** Log loss. */
  readonly logLoss?: number;
  /** Reliability bins in ascending order of edge (empty when nothing was labeled). */
  readonly bins: readonly StatusReliabilityBin[];
  /** Why values are absent (e.g. "no labeled predictions"). */
  readonly reason?: string;
}

/** Ground-truth join statistics of one window. */
export interface StatusGroundTruth {
  /** Share of the window's predictions with a joined label (`ml.ground_truth.coverage`). */
  readonly coverage?: number;
  /** Labels joined in the window. */
  readonly labeled: number;
  /** Mean prediction → label delay in seconds (from `ml.ground_truth.delay`). */
  readonly meanDelaySeconds?: number;
  /** Largest prediction → label delay in seconds. */
  readonly maxDelaySeconds?: number;
}

/** Service SLIs of one window (see `ml.service.*`). */
export interface StatusService {
  /** Inference calls in the window. */
  readonly requests: number;
  /** Failed calls. */
  readonly errors: number;
  /** Failed calls by `error.type`. */
  readonly errorsByType: Readonly<Record<string, number>>;
  /** errors / requests; absent without requests. */
  readonly errorRatio?: number;
  /** Calls per second over the window. */
  readonly throughputPerSecond: number;
  /** Latency quantiles in seconds, absent when no call had a duration. */
  readonly latency?: {
    /** `sketch` (spans, within 1 % of the exact order statistic) or `histogram` (interpolated). */
    readonly source: 'sketch' | 'histogram';
    /** Calls with a duration. */
    readonly count: number;
    readonly p50Seconds?: number;
    readonly p95Seconds?: number;
    readonly p99Seconds?: number;
    /** The slowest calls (value: seconds), slowest first. */
    readonly exemplars?: readonly Exemplar[];
  };
  /** A draw of the failed calls (value: seconds). */
  readonly errorExemplars?: readonly Exemplar[];
}

/** One burn-rate alert window pair of an SLO. */
export interface StatusBurnRate {
  /** Long and short window, e.g. `1h` and `5m`. */
  readonly longWindow: string;
  readonly shortWindow: string;
  /** The rate both windows must reach to fire. */
  readonly burnRate: number;
  readonly severity: string;
  readonly longBurn?: number;
  readonly shortBurn?: number;
  readonly firing: boolean;
}

/** An SLO on one stream as of its last closed window. */
export interface StatusSlo {
  readonly name: string;
  readonly description?: string;
  /** `latency`, `errors`, `calibration`, `quality`, `drift_free`, `label_coverage` or `cost`. */
  readonly indicator: string;
  /** Objective, in (0, 1). */
  readonly target: number;
  /** Compliance period, e.g. `30d`. */
  readonly period: string;
  readonly slice: SliceValues;
  /** Good share over the period so far. */
  readonly sli?: number;
  /** Share of the error budget left (negative once overspent). */
  readonly budgetRemaining?: number;
  readonly burnRates: readonly StatusBurnRate[];
  readonly endUnixMillis: number;
}

/** Readiness as the processor sees it. */
export interface StatusReadiness {
  /** True once the processor accepts and evaluates data (state restored, receivers listening). */
  readonly ready: boolean;
  /** Why not ready, in words. */
  readonly reason?: string;
}

/**
 * The read-only view of the processor's results the status API needs. Implementations must
 * be cheap and synchronous (they read in-memory results) and must not mutate what they return
 * afterwards (the builders keep no references beyond one request).
 */
export interface StatusSource {
  /** Every stream that has at least one closed window or is currently being filled. */
  listStreams(): readonly StatusStream[];
  /**
   * The last `n` closed windows of a stream, OLDEST FIRST (so the last element is the latest).
   * Unknown keys return an empty array.
   */
  history(streamKey: string, n: number): readonly WindowResult[];
  /** Current alert states (firing, and resolved ones the processor still remembers). */
  alerts(): readonly StatusAlert[];
  /** The latest status of every SLO on every stream it watches; none when not implemented. */
  slos?(): readonly SloStatus[];
  /** Readiness for `/readyz`; when not implemented, the API reports ready. */
  readiness?(): StatusReadiness;
  /** The trace URL template for example traces (`--trace-url-template`), when configured. */
  traceUrlTemplate?(): string | undefined;
}

// ---------------------------------------------------------------------------------------------
// Output: the JSON responses
// ---------------------------------------------------------------------------------------------

/** The start and end of one window in a history axis. */
export interface WindowRef {
  /** Window start, Unix epoch milliseconds. */
  readonly startUnixMillis: number;
  /** Window end, Unix epoch milliseconds. */
  readonly endUnixMillis: number;
}

/** A one-line summary of a stream's latest window. */
export interface WindowSummary extends WindowRef {
  /**
   * Worst drift state over the window's primary decisions (companion methods are context, not
   * counted): `drift` > `no_drift` > `insufficient_data`.
   */
  readonly status: DriftState;
  /** Sample counts. */
  readonly samples: SampleCounts;
  /** Primary decision counts by state. */
  readonly decisions: {
    readonly total: number;
    readonly drift: number;
    readonly noDrift: number;
    readonly insufficientData: number;
  };
  /** Names of drifted features/outputs, sorted. */
  readonly driftedFeatures: readonly string[];
  /** ECE of the window, when calibration was evaluated. */
  readonly ece?: number;
  /** Accuracy of the window, when labels were joined. */
  readonly accuracy?: number;
  /** Ground-truth coverage of the window. */
  readonly coverage?: number;
  /** Service SLIs of the window, when it saw inference spans or duration histograms. */
  readonly service?: StatusService;
}

/** One slice (or the all-slices stream) of a model version in the models list. */
export interface SliceSummary {
  /** Slice values; empty for all slices. */
  readonly slice: SliceValues;
  /** Human label: `country=DE`, `country=DE, channel=web`, or `all`. */
  readonly label: string;
  /** The latest closed window, or null when none has closed yet. */
  readonly latest: WindowSummary | null;
}

/** One model version in the models list. */
export interface VersionSummary {
  /** `ml.model.version`. */
  readonly version: string;
  /** `ml.model.task`, when known. */
  readonly task?: string;
  /** Path of the detail resource, e.g. `/api/v1/models/fraud/versions/3`. */
  readonly href: string;
  /** The all-slices stream first, then the slices sorted by label. */
  readonly slices: readonly SliceSummary[];
  /** Number of alerts of this version by state. */
  readonly alerts: { readonly firing: number; readonly resolved: number };
  /** Worst latest status over its slices. */
  readonly status: DriftState;
}

/** One model in the models list. */
export interface ModelSummary {
  /** `ml.model.name`. */
  readonly name: string;
  /** Versions sorted by name. */
  readonly versions: readonly VersionSummary[];
}

/** `GET /api/v1/models`. */
export interface ModelsResponse {
  /** When the response was built, Unix epoch milliseconds. */
  readonly generatedAtUnixMillis: number;
  /** Models sorted by name. */
  readonly models: readonly ModelSummary[];
  /** All alerts, firing first, then by time (newest first). */
  readonly alerts: readonly StatusAlert[];
}

/** A drift decision in a history: the window's values, or null when not evaluated then. */
export type FeatureDriftPoint = Pick<
  StatusFeatureDrift,
  'status' | 'score' | 'pValue' | 'thresholdEffective' | 'nCurrent'
>;

/** Drift of one (kind, feature, method) over the history windows. */
export interface FeatureDriftHistory {
  /** `ml.feature.name` (or the output's name). */
  readonly feature: string;
  /** `ml.drift.kind`. */
  readonly kind: DriftKind;
  /** `ml.drift.method`. */
  readonly method: string;
  /** The most recent decision available (from the latest window that evaluated it). */
  readonly latest: StatusFeatureDrift;
  /** Aligned with {@link SliceDetail.windows}: one point per window, null when not evaluated. */
  readonly history: readonly (FeatureDriftPoint | null)[];
}

/** One data-quality check of one feature over the history windows. */
export interface DataQualityHistory {
  readonly feature: string;
  readonly check: string;
  /** Latest ratio available. */
  readonly latest: number;
  /** Aligned with {@link SliceDetail.windows}; null when not reported then. */
  readonly history: readonly (number | null)[];
}

/** One quality metric over the history windows. */
export interface QualityHistory {
  /** `ml.quality.metric`. */
  readonly metric: string;
  /** Which OTLP metric carries it: `score` → `ml.quality.score`, `error` → `ml.quality.error`. */
  readonly instrument: 'score' | 'error';
  /** Latest defined value. */
  readonly latest?: number;
  /** Aligned with {@link SliceDetail.windows}; null when undefined then. */
  readonly history: readonly (number | null)[];
  /** The latest window's examples (`log_loss`: the labeled predictions with the largest loss). */
  readonly exemplars?: readonly Exemplar[];
}

/** Everything about one slice (or all slices) of a model version over the last N windows. */
export interface SliceDetail {
  readonly slice: SliceValues;
  readonly label: string;
  /** The history axis, oldest first. Every `history` array below has this length. */
  readonly windows: readonly WindowRef[];
  /** Summary of the latest window, or null when none closed yet. */
  readonly latest: WindowSummary | null;
  /** Drift per feature: drifted first, then insufficient data, then by kind and name. */
  readonly features: readonly FeatureDriftHistory[];
  /** Data-quality ratios per feature and check, sorted by feature then check. */
  readonly dataQuality: readonly DataQualityHistory[];
  /** Latest calibration (with reliability bins) and the summary values per window. */
  readonly calibration: {
    readonly latest: StatusCalibration | null;
    readonly history: readonly (CalibrationPoint | null)[];
  };
  /** Quality metrics, sorted by metric name. */
  readonly quality: readonly QualityHistory[];
  /** Ground truth per window (coverage, delay). */
  readonly groundTruth: readonly StatusGroundTruth[];
  /** Sample counts per window. */
  readonly samples: readonly SampleCounts[];
  /** Service SLIs per window; null for a window without inference calls. */
  readonly service: readonly (StatusService | null)[];
  /** Evaluators (`gen_ai.evaluation.name`) sorted by name; absent when no window had verdicts. */
  readonly evaluations?: readonly EvaluatorHistory[];
  /** GenAI calls per window; null for a window without any; absent when no window had any. */
  readonly genai?: readonly (StatusGenAi | null)[];
  /** Cost per window under the price table; null when not priced; absent when none was. */
  readonly cost?: readonly (CostResult | null)[];
  /**
   * Embedding features per window (dimension, counts, reservoir sizes, mean-embedding
   * distances); their drift decisions are among `features` (`mmd`).
   */
  readonly embeddings?: readonly (readonly EmbeddingResult[] | null)[];
  /** A multilabel model's per-label table (latest window with labeled pairs). */
  readonly multilabel?: StatusSetTasks['multilabel'];
  /** A ranking model's query counts per window (null: no query in that window). */
  readonly ranking?: StatusSetTasks['ranking'];
  /** Quality estimated before labels (CBPE) per window; absent when no window had one. */
  readonly estimation?: StatusEstimation;
  /** This version against the model's baseline version (docs/versions.md); absent without. */
  readonly versions?: StatusVersions;
  /** Fairness per sensitive attribute (the all-slices stream of a model with `fairness`). */
  readonly fairness?: StatusFairness;
  /** Where labeled quality fell, per window (null: none); absent when no window had one. */
  readonly qualityAttribution?: readonly (QualityAttributionResult | null)[];
}

/**
 * The GenAI calls of one window (see `ml.genai.*`; requests, errors, latency: `service`): the
 * result as {@link GenAiResult} declares it, with the time to the first chunk named in its unit
 * and the finish-reason drift rendered like every other drift.
 */
export type StatusGenAi = Omit<GenAiResult, 'timeToFirstChunk' | 'finishReasonDrift'> & {
  /** Seconds to the first chunk of streaming calls. */
  readonly timeToFirstChunkSeconds?: GenAiQuantiles;
  /** Drift of the finish-reason shares against the reference window's. */
  readonly finishReasonDrift: readonly StatusFeatureDrift[];
};

/** One evaluator's verdicts in one window. */
export interface StatusEvaluation {
  /** `gen_ai.evaluation.name`. */
  readonly name: string;
  /** Verdicts joined in the window (`ml.evaluation.count`). */
  readonly count: number;
  /** Score values: mean and lower empirical quantiles (`ml.evaluation.score`). */
  readonly score?: EvaluationScoreSummary;
  /** Label shares (`ml.evaluation.label.ratio`), by label. */
  readonly labels: readonly EvaluationLabelShare[];
  /** Pass rate over the verdicts with a pass or fail label (`ml.evaluation.pass.ratio`). */
  readonly pass?: EvaluationResult['pass'];
  /** Drift of scores and labels against the reference window's verdicts of this evaluator. */
  readonly drift: readonly StatusFeatureDrift[];
}

/** A window's values of one evaluator, as a history chart plots them. */
export interface EvaluationPoint {
  readonly count: number;
  readonly meanScore?: number;
  readonly passRatio?: number;
}

/** One evaluator over the history windows. */
export interface EvaluatorHistory {
  /** `gen_ai.evaluation.name`. */
  readonly name: string;
  /** Its latest window with verdicts, or null. */
  readonly latest: StatusEvaluation | null;
  /** Aligned with {@link SliceDetail.windows}; null for a window without its verdicts. */
  readonly history: readonly (EvaluationPoint | null)[];
}

/** An OTLP metric and the name Prometheus shows it under. */
export interface MetricNames {
  /** OTLP metric name, e.g. `ml.drift.score`. */
  readonly otlp: string;
  /** Prometheus series name, e.g. `ml_drift_score`. */
  readonly prometheus: string;
  /** OTLP instrument (`gauge`, `counter`, `updowncounter`, `histogram`). */
  readonly instrument: string;
  /** UCUM unit. */
  readonly unit: string;
}

/** An attribute key and the Prometheus label it becomes. */
export interface AttributeNames {
  /** OTLP attribute key, e.g. `ml.feature.name`. */
  readonly otlp: string;
  /** Prometheus label, e.g. `ml_feature_name`. */
  readonly prometheus: string;
}

/**
 * The telemetry names behind the numbers, from `@mlmon/conventions`, so the dashboard can show
 * for each number the OTLP metric and the Prometheus series (with label matchers) that carry it.
 */
export interface TelemetryNames {
  readonly metrics: {
    readonly driftScore: MetricNames;
    readonly driftPValue: MetricNames;
    readonly driftStatus: MetricNames;
    readonly driftThreshold: MetricNames;
    readonly calibrationError: MetricNames;
    readonly calibrationBinPredictions: MetricNames;
    readonly calibrationBinMeanScore: MetricNames;
    readonly calibrationBinPositiveRatio: MetricNames;
    readonly qualityScore: MetricNames;
    readonly qualityError: MetricNames;
    readonly dataQualityRatio: MetricNames;
    readonly monitorSamples: MetricNames;
    readonly monitorSamplesWeighted: MetricNames;
    readonly groundTruthCoverage: MetricNames;
    readonly groundTruthDelay: MetricNames;
    readonly alertStatus: MetricNames;
    readonly serviceLatency: MetricNames;
    readonly serviceErrorRatio: MetricNames;
    readonly serviceThroughput: MetricNames;
    readonly sloBudgetRemaining: MetricNames;
    readonly sloBurnRate: MetricNames;
    readonly genaiTokens: MetricNames;
    readonly genaiTimeToFirstChunk: MetricNames;
    readonly genaiFinishReasonRatio: MetricNames;
    readonly costPerThousandRequests: MetricNames;
    readonly evaluationPassRatio: MetricNames;
    readonly qualityEstimate: MetricNames;
    readonly qualityEstimateBound: MetricNames;
    readonly qualityEstimationError: MetricNames;
  };
  readonly attributes: {
    readonly modelName: AttributeNames;
    readonly modelVersion: AttributeNames;
    readonly featureName: AttributeNames;
    readonly driftKind: AttributeNames;
    readonly driftMethod: AttributeNames;
    readonly driftState: AttributeNames;
    readonly driftThresholdKind: AttributeNames;
    readonly calibrationMethod: AttributeNames;
    readonly calibrationBin: AttributeNames;
    readonly qualityMetric: AttributeNames;
    readonly dataQualityCheck: AttributeNames;
    readonly monitorPopulation: AttributeNames;
    readonly alertState: AttributeNames;
    readonly alertRule: AttributeNames;
    readonly serviceLatencyQuantile: AttributeNames;
    readonly sloName: AttributeNames;
    readonly sloWindow: AttributeNames;
    readonly genaiTokenType: AttributeNames;
    readonly genaiQuantile: AttributeNames;
    readonly genaiFinishReason: AttributeNames;
    readonly evaluationName: AttributeNames;
  };
  /** Prefix of slice attributes: `ml.slice.` in OTLP, `ml_slice_` in Prometheus. */
  readonly slicePrefix: AttributeNames;
  /** Enum values the dashboard needs to build matchers. */
  readonly values: {
    /** `ml.drift.kind=feature`: only feature drift carries `ml.feature.name`. */
    readonly driftKindFeature: string;
    /** `ml.drift.state=drift`. */
    readonly driftStateDrift: string;
    /** `ml.alert.state=firing`. */
    readonly alertStateFiring: string;
    /** `ml.quality.metric` values the dashboard puts in headlines. */
    readonly qualityAccuracy: string;
    readonly qualityBrierScore: string;
    readonly qualityLogLoss: string;
    /** Quality metrics a version's headline tile prefers, in order (accuracy first). */
    readonly headlineQuality: readonly string[];
    readonly thresholdNominal: string;
    readonly thresholdEffective: string;
    readonly populationReference: string;
    readonly populationCurrent: string;
    readonly populationLabeled: string;
  };
}

/** `GET /api/v1/models/{name}/versions/{version}`. */
export interface VersionDetailResponse {
  /** When the response was built, Unix epoch milliseconds. */
  readonly generatedAtUnixMillis: number;
  /** The model version. */
  readonly model: { readonly name: string; readonly version: string; readonly task?: string };
  /** Number of windows asked for (`?windows=`, default {@link DEFAULT_HISTORY_WINDOWS}). */
  readonly windowsRequested: number;
  /** The all-slices stream first, then the slices sorted by label. */
  readonly slices: readonly SliceDetail[];
  /** Alerts of this model version, firing first. */
  readonly alerts: readonly StatusAlert[];
  /** SLOs of this model version, by name then slice. */
  readonly slos: readonly StatusSlo[];
  /** The OTLP/Prometheus names behind every number. */
  readonly telemetry: TelemetryNames;
  /**
   * How to link an example trace (`--trace-url-template`): `{traceId}` and `{spanId}` are
   * replaced by the exemplar's ids. Absent when not configured (the ids are shown as text).
   */
  readonly traceUrlTemplate?: string;
}

/** Machine-readable error codes of the API. */
export type StatusErrorCode =
  | 'not_found'
  | 'model_not_found'
  | 'version_not_found'
  | 'bad_request'
  | 'method_not_allowed'
  | 'conflict'
  | 'internal';

/** The body of every non-2xx API answer. */
export interface StatusErrorResponse {
  readonly error: {
    readonly code: StatusErrorCode;
    /** What is wrong, naming the model/version/parameter at fault. */
    readonly message: string;
  };
}

/** `GET /healthz` (always 200 while the process serves HTTP). */
export interface HealthResponse {
  readonly status: 'ok';
}

/** `GET /readyz`: 200 `ready`, or 503 `not_ready` with the reason. */
export interface ReadinessResponse {
  readonly status: 'ready' | 'not_ready';
  readonly reason?: string;
}

/** Windows of history returned when `?windows=` is not given. */
export const DEFAULT_HISTORY_WINDOWS = 20;

/** Upper bound for `?windows=`, so one request cannot make the process build huge answers. */
export const MAX_HISTORY_WINDOWS = 500;
