/**
 * The evaluation of one closed window of one stream: plain, JSON-serialisable data. It is what
 * the exporters render (Prometheus, OTLP) and what the service keeps as per-stream history for
 * the status API and the dashboard. Values that cannot be computed are absent, with a reason
 * where a reader would ask why; never NaN.
 */
import type {
  ML_DRIFT_KIND_VALUE_FEATURE,
  ML_DRIFT_KIND_VALUE_GROUND_TRUTH,
  ML_DRIFT_KIND_VALUE_PREDICTION,
} from '@mlmon/conventions';
import type { ResourceIdentity } from '../extract/types.js';
import type { DriftMethodId, DriftState } from './drift/types.js';
import type { FairnessResult } from './fairness-result.js';

/** `ml.drift.kind` values. */
export type DriftKind =
  | typeof ML_DRIFT_KIND_VALUE_FEATURE
  | typeof ML_DRIFT_KIND_VALUE_PREDICTION
  | typeof ML_DRIFT_KIND_VALUE_GROUND_TRUTH;

/** Which stream a result belongs to. */
export interface WindowStream {
  /** Stable key of the stream (as the state uses it). */
  readonly key: string;
  /** `ml.model.name`. */
  readonly modelName: string;
  /** `ml.model.version` (`''` when unknown). */
  readonly modelVersion: string;
  /** `ml.model.task` when known. */
  readonly task?: string;
  /** Slice values keyed without the `ml.slice.` prefix; empty for the all-slices stream. */
  readonly slice: Readonly<Record<string, string>>;
  /** The source service's identifying resource attributes. */
  readonly resource: ResourceIdentity;
  /**
   * True for the overflow stream that collects records beyond the stream cap: it is exported
   * with `otel.metric.overflow=true` instead of model and slice attributes.
   */
  readonly overflow?: boolean;
}

/**
 * A request behind a result: the prediction's trace and span (OTLP exemplar, OpenMetrics
 * exemplar, a link in the dashboard) and the one value that explains it — never the rest of
 * its features.
 */
export interface Exemplar {
  /** 32 hex digits. */
  readonly traceId: string;
  /** 16 hex digits. */
  readonly spanId: string;
  /**
   * The numeric feature value (drift), score or duration the example stands for; 1 for a
   * categorical feature's example (one request), whose value is `category`.
   */
  readonly value: number;
  /** The category of a categorical feature's example. */
  readonly category?: string;
  /** When the prediction was made, Unix epoch milliseconds. */
  readonly timeUnixMillis: number;
}

/** One drift decision (a feature, the score distribution or the predicted-label distribution). */
export interface DriftResult {
  /** `ml.drift.kind`. */
  readonly kind: DriftKind;
  /** `ml.feature.name` for features; the output's name (`score`, `label`) otherwise. */
  readonly feature: string;
  /** `ml.drift.method`. */
  readonly method: DriftMethodId;
  /** True for the registry's default method of this feature; false for companions (PSI). */
  readonly primary: boolean;
  /** The verdict. */
  readonly state: DriftState;
  /** The statistic (a distance, or the test statistic's p-value for tests), when computable. */
  readonly score?: number;
  /** The p-value, only for tests (`ks`, `chi2`). */
  readonly pValue?: number;
  /** The nominal threshold. */
  readonly threshold?: number;
  /** The size-aware threshold actually applied. */
  readonly effectiveThreshold?: number;
  /** Reference sample size. */
  readonly nReference: number;
  /** Current sample size. */
  readonly nCurrent: number;
  /** Why there is no decision or no score. */
  readonly reason?: string;
  /**
   * For a drifted numeric feature: example requests from the bins whose share grew most against
   * the reference (largest first).
   */
  readonly exemplars?: readonly Exemplar[];
}

/** One data-quality share of one feature. */
export interface DataQualityResult {
  /** `ml.feature.name`. */
  readonly feature: string;
  /** `ml.data_quality.check`. */
  readonly check: string;
  /** Share of the window's records, in [0, 1]. */
  readonly ratio: number;
}

/** One reliability bin (10 equal-width bins on [0, 1], METRICS.md). */
export interface ReliabilityBinResult {
  /** Upper edge, 0.1 … 1.0. */
  readonly upperEdge: number;
  /** Labeled predictions in the bin. */
  readonly count: number;
  /** Mean score (binary) or top-label confidence (multiclass); absent when empty. */
  readonly meanScore?: number;
  /** Share of positives (binary) or of correct top labels (multiclass); absent when empty. */
  readonly positiveRatio?: number;
  /** A labeled prediction of the bin (value: its score), when one had a known span. */
  readonly exemplar?: Exemplar;
}

/** Calibration of the labeled predictions of a window. */
export interface CalibrationResult {
  /** `ml.calibration.method` of `ece`: `ece` (binary) or `ece_top_label` (multiclass). */
  readonly method: string;
  /** `ml.calibration.method` of `mce`: `mce` or `mce_top_label`. */
  readonly mceMethod: string;
  readonly ece?: number;
  readonly mce?: number;
  readonly brier?: number;
  readonly logLoss?: number;
  readonly bins: readonly ReliabilityBinResult[];
  /** Why values are absent. */
  readonly reason?: string;
}

/** One quality metric. */
export interface QualityResult {
  /** `ml.quality.metric`. */
  readonly metric: string;
  /** `score` → `ml.quality.score` (dimensionless), `error` → `ml.quality.error` (target units). */
  readonly instrument: 'score' | 'error';
  readonly value?: number;
  readonly reason?: string;
  /** For `log_loss`: the labeled predictions with the largest loss (value: the loss). */
  readonly exemplars?: readonly Exemplar[];
}

/**
 * Explicit-bucket histogram of durations in seconds: prediction → label delays, inference
 * latencies. Bucket `i` counts values in `(bounds[i-1], bounds[i]]`, as OTLP's explicit-bucket
 * histograms do.
 */
export interface SecondsHistogram {
  /** Upper bounds of the buckets (the last bucket is open). */
  readonly bounds: readonly number[];
  /** Counts per bucket (bounds.length + 1). */
  readonly counts: readonly number[];
  readonly count: number;
  readonly sum: number;
  readonly min?: number;
  readonly max?: number;
}

/** Ground-truth join statistics of a window. */
export interface GroundTruthResult {
  /** Share of the window's predictions that have a joined label; absent without predictions. */
  readonly coverage?: number;
  /** Labels joined in the window. */
  readonly labeled: number;
  /** Delays of the joins made in the window, by `ml.ground_truth.source` (`''` when unknown). */
  readonly delays: Readonly<Record<string, SecondsHistogram>>;
}

/** Latency of a window's inferences (`ml.inference.duration`). */
export interface LatencyResult {
  /**
   * `sketch` when computed from `ml.inference` spans (quantiles within the sketch's documented
   * rank error), `histogram` when only `ml.inference.duration` histograms arrived (quantiles
   * interpolated linearly inside the bucket that holds the rank, stated as such).
   */
  readonly source: 'sketch' | 'histogram';
  /** Inferences with a duration. */
  readonly count: number;
  readonly p50?: number;
  readonly p95?: number;
  readonly p99?: number;
  /**
   * The durations as explicit buckets, for "share of requests at or below T" (see
   * `countAtOrBelow`); the bounds include every latency SLO threshold so those shares are exact.
   */
  readonly distribution: SecondsHistogram;
  /** The slowest calls of the window (value: seconds), slowest first, when spans had ids. */
  readonly exemplars?: readonly Exemplar[];
}

/** Service SLIs of a window: requests, errors, latency and throughput of the stream's inferences. */
export interface ServiceResult {
  /** Inferences in the window (spans; the predictions counter or duration histogram otherwise). */
  readonly requests: number;
  /** Failed inferences (span status ERROR or `error.type` set). */
  readonly errors: number;
  /** Failed inferences by `error.type` (`_OTHER` when a failed span names none). */
  readonly errorsByType: Readonly<Record<string, number>>;
  /** errors / requests; absent without requests. */
  readonly errorRatio?: number;
  /** requests / window length in seconds. */
  readonly throughputPerSecond: number;
  readonly latency?: LatencyResult;
  /** Failed calls of the window (a uniform draw; value: seconds), when spans had ids. */
  readonly errorExemplars?: readonly Exemplar[];
}

/** An evaluator's score values in a window. */
export interface EvaluationScoreSummary {
  /** Verdicts with a score value. */
  readonly count: number;
  readonly mean: number;
  /** Lower empirical quantiles (NumPy `inverted_cdf`): scores the evaluator gave. */
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
  /** True while the quantiles are exact (below the sketch capacity). */
  readonly exact: boolean;
}

/** One score label's share of an evaluator's labeled verdicts. */
export interface EvaluationLabelShare {
  readonly label: string;
  readonly count: number;
  /** count / labeled verdicts of the evaluator in the window. */
  readonly ratio: number;
}

/**
 * One evaluator's (`gen_ai.evaluation.name`) verdicts on the stream's responses that joined in
 * the window.
 */
export interface EvaluationResult {
  /** `gen_ai.evaluation.name`. */
  readonly name: string;
  /** Verdicts joined in the window. */
  readonly count: number;
  /** The score values, when verdicts carried them. */
  readonly score?: EvaluationScoreSummary;
  /** Shares of the score labels, by label. */
  readonly labels: readonly EvaluationLabelShare[];
  /**
   * Verdicts whose label is a pass or fail word (see `evaluate/evaluations.ts`), and the share
   * that passed; absent when none was.
   */
  readonly pass?: { readonly judged: number; readonly passed: number; readonly ratio: number };
  /**
   * Drift of the scores (`ml.feature.name` = `gen_ai.evaluation.score.value`) and labels
   * (`gen_ai.evaluation.score.label`) against the same evaluator in the reference window
   * (`ml.drift.kind` = `ground_truth`); empty without one.
   */
  readonly drift: readonly DriftResult[];
}

/** Quantiles of a window's per-call values (lower empirical quantiles: observed values). */
export interface GenAiQuantiles {
  /** Calls that reported the value. */
  readonly count: number;
  readonly mean?: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  /** True while exact (below the sketch capacity). */
  readonly exact: boolean;
}

/** One token type (`ml.genai.token.type`) of a window's GenAI calls. */
export interface GenAiTokenResult {
  readonly type: string;
  /** Exact sum over the calls that reported it. */
  readonly sum: number;
  /** Calls that reported it. */
  readonly calls: number;
  /** Per-call counts. */
  readonly perCall?: GenAiQuantiles;
}

/** One value's share of a window's GenAI calls (a finish reason, a provider, a model). */
export interface GenAiShare {
  readonly value: string;
  readonly count: number;
  readonly ratio: number;
}

/**
 * The GenAI calls of a window (spans with `gen_ai.operation.name`). Requests, failures and
 * latency are the window's `service` SLIs, like any inference call's.
 */
export interface GenAiResult {
  /** GenAI calls in the window (failed ones included). */
  readonly calls: number;
  /** Per token type, in `ml.genai.token.type` order; a type no call reported is absent. */
  readonly tokens: readonly GenAiTokenResult[];
  /** Seconds to the first chunk of streaming calls (`gen_ai.response.time_to_first_chunk`). */
  readonly timeToFirstChunk?: GenAiQuantiles;
  /** Output tokens / seconds, over the calls that reported both. */
  readonly outputTokensPerSecond?: number;
  /** Shares of the finish reasons (one per choice), by reason. */
  readonly finishReasons: readonly GenAiShare[];
  readonly providers: readonly GenAiShare[];
  readonly operations: readonly GenAiShare[];
  /** Shares of `gen_ai.response.model`: a provider moving an alias to a new snapshot shows here. */
  readonly responseModels: readonly GenAiShare[];
  /** Drift of the finish-reason shares against the reference window's (kind `prediction`). */
  readonly finishReasonDrift: readonly DriftResult[];
}

/** The cost of a window under the serve config's price table (`prices`). */
export interface CostResult {
  /** `ml.cost.currency` of every amount. */
  readonly currency: string;
  /** Requests priced: the window's inference calls, else its (weighted) predictions. */
  readonly requests: number;
  /** Cost of the window. */
  readonly total: number;
  /** total / requests; absent without requests. */
  readonly perRequest?: number;
  /** 1000 · total / requests; absent without requests. */
  readonly perThousandRequests?: number;
  /** The total by what was charged: input (uncached), cache reads, cache writes, output, requests. */
  readonly components: {
    readonly input: number;
    readonly cacheRead: number;
    readonly cacheCreation: number;
    readonly output: number;
    readonly requests: number;
  };
}

/** An embedding feature (numeric-array values) of a window; its decision is in `drift` (`mmd`). */
export interface EmbeddingResult {
  /** `ml.feature.name`. */
  readonly feature: string;
  /** Length of the window's vectors (fixed by its first). */
  readonly dimension: number;
  /** Vectors recorded. */
  readonly count: number;
  /** Vectors rejected (another length, or not all finite numbers). */
  readonly rejected: number;
  /** Vectors in the window's reservoir (the test's sample). */
  readonly sampleSize: number;
  readonly referenceSampleSize?: number;
  /** 1 − cos of the mean embeddings; absent without a reference of the same dimension. */
  readonly meanCosineDistance?: number;
  /** Euclidean distance of the mean embeddings. */
  readonly meanEuclideanDistance?: number;
}

/** Sample counts behind the statistics (`ml.monitor.samples`). */
export interface SampleCounts {
  readonly reference: number;
  readonly current: number;
  readonly labeled: number;
  /**
   * The same populations weighted by 1/`ml.sampling.probability` (`ml.monitor.samples.weighted`):
   * the traffic they stand for; equal to the raw counts when nothing is sampled.
   */
  readonly weighted?: {
    readonly reference: number;
    readonly current: number;
    readonly labeled: number;
  };
  /**
   * Kish's effective size (Σw)²/Σw² of the labelled binary pairs, present only when their
   * weights differ from 1: the label alerts' significance checks count this many pairs.
   */
  readonly effectiveLabeled?: number;
}

/** The evaluation of one closed window of one stream. */
export interface WindowResult {
  readonly stream: WindowStream;
  /** Window start, Unix epoch milliseconds (inclusive). */
  readonly startUnixMillis: number;
  /** Window end, Unix epoch milliseconds (exclusive). */
  readonly endUnixMillis: number;
  /** `ml.reference.kind` of the reference used (`training`, `fixed_window`, `previous_window`, `seasonal_window`, `rolling_window`). */
  readonly referenceKind?: string;
  /** `ml.reference.id`, e.g. the profile id or the reference window start. */
  readonly referenceId?: string;
  readonly samples: SampleCounts;
  readonly drift: readonly DriftResult[];
  readonly dataQuality: readonly DataQualityResult[];
  readonly calibration?: CalibrationResult;
  readonly quality: readonly QualityResult[];
  readonly groundTruth: GroundTruthResult;
  /** Service SLIs; absent when the window saw no inference spans or service metrics. */
  readonly service?: ServiceResult;
  /** Evaluator verdicts per `gen_ai.evaluation.name`; absent when none joined in the window. */
  readonly evaluations?: readonly EvaluationResult[];
  /** GenAI calls (tokens, time to first chunk, finish reasons); absent without any. */
  readonly genai?: GenAiResult;
  /** Cost under the configured price table; absent when the model has no price. */
  readonly cost?: CostResult;
  /** Embedding features; absent when the window had none. */
  readonly embeddings?: readonly EmbeddingResult[];
  /**
   * Fairness per configured sensitive attribute (models with a `fairness` configuration; the
   * all-slices stream only, which holds every group).
   */
  readonly fairness?: readonly FairnessResult[];
  /** Things not evaluated and why (e.g. `drift: no reference yet`). */
  readonly notes: readonly string[];
}
