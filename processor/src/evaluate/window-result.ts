/**
 * The evaluation of one closed window of one stream: plain, JSON-serialisable data. It is what
 * the exporters render (Prometheus, OTLP) and what the service keeps as per-stream history for
 * the status API and the dashboard. Values that cannot be computed are absent, with a reason
 * where a reader would ask why; never NaN.
 */
import type { PassCounts } from './evaluator-rules.js';
import type {
  ML_DRIFT_KIND_VALUE_FEATURE,
  ML_DRIFT_KIND_VALUE_GROUND_TRUTH,
  ML_DRIFT_KIND_VALUE_ERROR,
  ML_DRIFT_KIND_VALUE_PREDICTION,
} from '@mlmon/conventions';
import type { ResourceIdentity } from '../extract/types.js';
import type { DriftMethodId, DriftState } from './drift/types.js';
import type { FairnessResult } from './fairness-result.js';
import type { VersionComparisonResult } from './version-comparison-result.js';

/** `ml.drift.kind` values. */
export type DriftKind =
  | typeof ML_DRIFT_KIND_VALUE_FEATURE
  | typeof ML_DRIFT_KIND_VALUE_PREDICTION
  | typeof ML_DRIFT_KIND_VALUE_GROUND_TRUTH
  | typeof ML_DRIFT_KIND_VALUE_ERROR;

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

/** One quality metric estimated before labels arrive (CBPE, METRICS.md). */
export interface QualityEstimateResult {
  /** `ml.quality.metric`. */
  readonly metric: string;
  /** The estimate; absent when its denominator is 0. */
  readonly value?: number;
  /** σ of the realized metric over reference chunks of the window's size. */
  readonly sigma?: number;
  /**
   * The mean realized metric over those chunks: the reference's quality. An estimate more than
   * 3σ from it is outside the reference's band (the `estimate.*.outside_band` alert).
   */
  readonly referenceValue?: number;
  /** value ∓ 3σ clipped to [0, 1]; absent without σ (fewer than 10 reference chunks). */
  readonly lower?: number;
  readonly upper?: number;
  /** The window's realized value of the metric, once labels have joined in it. */
  readonly realized?: number;
  /** value − realized (`ml.quality.estimation_error`). */
  readonly error?: number;
}

/** The quality of a window's predictions estimated from their scores (CBPE). */
export interface EstimationResult {
  /** True when isotonic calibration lowered the reference's held-out ECE and is applied. */
  readonly calibrated: boolean;
  /** Labeled reference records behind the calibration and the band. */
  readonly referenceRows: number;
  /** Predictions with a score the window's estimate is computed from. */
  readonly predictions: number;
  readonly metrics: readonly QualityEstimateResult[];
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
   * Verdicts judged pass or fail (by the evaluator's rule, else by the default pass/fail words —
   * see `evaluate/evaluator-rules.ts`) and the share that passed; absent when none was judged.
   */
  readonly pass?: PassCounts & { readonly ratio: number };
  /**
   * Drift of the scores (`ml.feature.name` = `gen_ai.evaluation.score.value`) and labels
   * (`gen_ai.evaluation.score.label`) against the same evaluator in the reference window
   * (`ml.drift.kind` = `ground_truth`); empty without one.
   */
  readonly drift: readonly DriftResult[];
}

/** One attribute bin of a {@link QualityAttributionResult}. */
export interface QualityAttributionRow {
  /** A feature name, or `ml.slice.<key>` for a slice attribute. */
  readonly attribute: string;
  /** The bin: `(a, b]`-style interval of a numeric feature, or the category / slice value. */
  readonly bin: string;
  /** Labeled pairs (weighted) of the bin in the window, and its share of the attribute's pairs. */
  readonly pairs: number;
  readonly share: number;
  /** The bin's error rate (or mean absolute error) in the window and in the baseline. */
  readonly error: number;
  readonly baselineError?: number;
  readonly baselinePairs: number;
  /** share × (error − baselineError): the part of the attribute's quality change the bin caused. */
  readonly contribution?: number;
  /** (share − baseline share) × baselineError: the part due to more pairs in the bin. */
  readonly mixContribution?: number;
  /** One-sided p-value of the bin's error having risen (tested bins only). */
  readonly pValue?: number;
  /** p ≤ alpha / bins tested (Bonferroni). */
  readonly significant: boolean;
}

/** Where a window's labeled quality fell against the stream's quality baseline. */
export interface QualityAttributionResult {
  /** `error_rate` (classification) or `mean_absolute_error` (regression). */
  readonly metric: 'error_rate' | 'mean_absolute_error';
  /** Bins with enough pairs in the window and the baseline to be tested. */
  readonly binsTested: number;
  /** Family-wise false-alarm rate of the window's `significant` flags. */
  readonly alpha: number;
  /** The bins, largest contribution first (at most 20). */
  readonly rows: readonly QualityAttributionRow[];
}

/**
 * Quantiles of a window's per-call values: lower empirical quantiles (observed values) from
 * spans; from the GenAI client metrics, interpolations inside their buckets.
 */
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
  /**
   * `spans`: from the window's GenAI spans; `metrics`: from the GenAI client metrics (the window
   * saw no GenAI span), whose per-call quantiles are bucket interpolations.
   */
  readonly source: 'spans' | 'metrics';
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
   * Kish's effective size (Σw)²/Σw² of the labelled binary, multiclass, regression, multilabel
   * or ranking pairs, present only when their weights differ from 1: the label alerts'
   * minimum-samples rule and significance checks count this many pairs.
   */
  readonly effectiveLabeled?: number;
  /**
   * Kish's effective size of the window's predictions, present only when their weights differ
   * from 1: the ground-truth coverage's significance check counts this many predictions.
   */
  readonly effectiveCurrent?: number;
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
  /**
   * Where labeled quality fell against the stream's quality baseline, per feature bin and slice
   * value; absent without binned labeled pairs and a baseline.
   */
  readonly qualityAttribution?: QualityAttributionResult;
  /** Per-label counts of a multilabel model's labeled pairs; absent for other tasks. */
  readonly multilabel?: MultilabelResult;
  /** The ranking queries behind a ranking model's quality; absent for other tasks. */
  readonly ranking?: RankingResult;
  /**
   * Quality estimated before labels arrive (CBPE), when the reference carries labeled scores
   * (a training profile built with `--label-column`).
   */
  readonly estimation?: EstimationResult;
  /**
   * This version against the model's baseline version in the same window and slice
   * (docs/versions.md); absent on the baseline's own results and on models with one version.
   */
  readonly versionComparison?: VersionComparisonResult;
  /** Things not evaluated and why (e.g. `drift: no reference yet`). */
  readonly notes: readonly string[];
}

/** One label of a multilabel model's window: weighted pair counts and the label's F1. */
export interface MultilabelLabelResult {
  readonly label: string;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  /** truePositives + falseNegatives. */
  readonly support: number;
  /** 2·TP / (2·TP + FP + FN). */
  readonly f1: number;
}

/**
 * The per-label table of a multilabel window (its micro/macro F1, micro precision and recall,
 * subset accuracy and Hamming loss are `quality` entries).
 */
export interface MultilabelResult {
  /** Labeled predictions (raw rows; the counts below are weighted by 1/p when sampled). */
  readonly pairs: number;
  /** Per label seen in the truth or the prediction, by name. */
  readonly labels: readonly MultilabelLabelResult[];
  /** Labels beyond the category cap, pooled: their count and summed pair counts. */
  readonly overflow?: {
    readonly labels: number;
    readonly truePositives: number;
    readonly falsePositives: number;
    readonly falseNegatives: number;
  };
}

/** The ranking queries of a window (NDCG@k, precision@k and MRR are `quality` entries). */
export interface RankingResult {
  /** Queries with at least one relevant item (raw rows): those the means average over. */
  readonly queries: number;
  /** Queries whose ground truth named no relevant item: counted, kept out of the means. */
  readonly queriesWithoutRelevant: number;
  /** The smallest and largest k the queries used (absent without a scored query). */
  readonly minK?: number;
  readonly maxK?: number;
}
