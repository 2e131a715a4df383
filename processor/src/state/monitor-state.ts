/**
 * The in-memory shape of the monitoring state (internal to `state/`; consumers see
 * {@link ClosedWindow}s and {@link stateStats}). Everything except `config` is serializable
 * with `serializeState`.
 */
import type { FeatureColumns, FeatureSlots } from './feature-slots.js';
import type { ExemplarReservoir } from './exemplar-reservoir.js';
import type { EvaluationJoinState } from './evaluation-join.js';
import type { EvaluationsAcc } from './evaluations-acc.js';
import type { GenAiAcc } from './genai-acc.js';
import type { EmbeddingsAcc } from './embeddings-acc.js';
import type { PredictionRecord, ResourceIdentity, SliceEntry } from '../extract/types.js';
import type {
  BinaryAcc,
  CategoricalAcc,
  DelayAcc,
  MulticlassAcc,
  NumericAcc,
  RegressionAcc,
  ScoreHistogramAcc,
  ServiceAcc,
  MultilabelAcc,
  RankingAcc,
} from './accumulator-kinds.js';
import type { ResolvedProfile, StateConfig } from './state-config.js';
import type { FairnessAcc } from './fairness-acc.js';
import type { QualityBinsAcc } from './quality-bins-acc.js';
import type { QualityBinSchema } from './quality-bins.js';
import type { ShadowAcc } from './shadow-acc.js';
import type { CbpeSumsAcc } from './cbpe-sums-acc.js';
import type { CbpeReferencePairs } from './cbpe-reference-pairs.js';
import type { FeatureKind, MonitoredTask, StreamIdentity } from './types.js';

/** Accumulator state of a feature, by kind. */
export interface FeatureAccs {
  numeric: NumericAcc;
  categorical: CategoricalAcc;
}

/** One feature's accumulator of kind `K` in one window. */
export interface FeatureSlotOf<K extends FeatureKind> {
  kind: K;
  acc: FeatureAccs[K];
  count: number;
  typeMismatch: number;
  /** Σw (w = 1/`ml.sampling.probability`) of the values counted in `typeMismatch`. */
  typeMismatchWeight: number;
}

/** One feature's accumulator in one window. */
export type FeatureSlot = { [K in FeatureKind]: FeatureSlotOf<K> }[FeatureKind];

/** The accumulators of one stream in one window. */
export interface WindowAcc {
  startMs: number;
  predictions: number;
  weightedPredictions: number;
  labeled: number;
  /** Joined pairs weighted by their prediction's 1 / `ml.sampling.probability`. */
  weightedLabeled: number;
  labeledUnusable: number;
  predictionsLabeled: number;
  /** Σw of the window's predictions that got a label (the weighted coverage's numerator). */
  weightedPredictionsLabeled: number;
  /** Σw² of the window's predictions, for their Kish effective size (= predictions unweighted). */
  predictionWeight2: number;
  featureOverflow: number;
  /** Slots by feature name, on the model version's columns (see `feature-slots.ts`). */
  features: FeatureSlots;
  score: NumericAcc | undefined;
  label: CategoricalAcc | undefined;
  value: NumericAcc | undefined;
  scoreHistogram: ScoreHistogramAcc | undefined;
  service: ServiceAcc | undefined;
  binary: BinaryAcc | undefined;
  multiclass: MulticlassAcc | undefined;
  regression: RegressionAcc | undefined;
  evaluations: EvaluationsAcc | undefined;
  genai: GenAiAcc | undefined;
  embeddings: EmbeddingsAcc | undefined;
  /** Per-group fairness counts (models with a `fairness` configuration). */
  fairness: FairnessAcc | undefined;
  /** Labeled errors per attribute bin ("where quality fell"). */
  qualityBins: QualityBinsAcc | undefined;
  /** The label values of regression pairs joined in the window (label drift). */
  groundTruthValues: NumericAcc | undefined;
  /** Labeled multilabel pairs (multilabel classification models). */
  multilabel?: MultilabelAcc | undefined;
  /** Labeled ranking queries (ranking models). */
  ranking?: RankingAcc | undefined;
  /** Shadow pairs with other versions of the model (same `ml.prediction.id`). */
  shadow: ShadowAcc | undefined;
  /** Multiclass CBPE sums (models whose profile has labeled class probabilities). */
  cbpeSums?: CbpeSumsAcc | undefined;
  /**
   * Label delays per source; absent until the window records one (an empty Map costs ~0.2 kB,
   * and most windows of most streams never see a label).
   */
  delays: Map<string, DelayAcc> | undefined;
  /** Example requests of the window (absent until a prediction with a span arrives). */
  exemplars: ExemplarReservoir | undefined;
  /**
   * Values a numeric feature created in this window makes room for at once: what the stream's
   * last sealed window held (steady streams receive about as many each window), so a full
   * window's values fill their array instead of leaving up to a third of it spare as growth by
   * ×1.5 does. 0: no hint, grown from empty.
   */
  valuesHint: number;
}

/** A stream that records arrive in: one slice combination, the unsliced rows, or overflow. */
export interface SliceStream {
  /** Key of the stream within its model version (`''` for rows without slices). */
  sliceKey: string;
  /** Identity of its output series; `undefined` for the unsliced rows (only in all-slices). */
  identity: StreamIdentity | undefined;
  windows: Map<number, WindowAcc>;
  /** Records that arrived after their window closed, since the last close of this stream. */
  late: number;
  /**
   * Start of the last window of this stream that closed with data (`undefined` until one did):
   * the stream ages out when nothing arrives for the idle TTL after that window's end.
   */
  lastDataStartMs: number | undefined;
  /**
   * Values each numeric feature of the stream's next windows makes room for when created (see
   * {@link WindowAcc.valuesHint}): set when a window of the stream is sealed; 0 until one was
   * (and after a restore: a hint, not checkpointed).
   */
  valuesHint: number;
  /** The model version's feature columns, which its windows' features are laid out on. */
  columns: FeatureColumns;
}

/** A stored reference window (accumulators kept, never mutated again). */
export interface StoredReference {
  window: WindowAcc;
}

/** One model version: its slice streams, the all-slices identity and references. */
export interface ModelVersionState {
  key: string;
  model: string;
  version: string;
  task: MonitoredTask | undefined;
  resource: ResourceIdentity;
  overflow: boolean;
  allSlices: StreamIdentity;
  featureKinds: Map<string, FeatureKind>;
  /** Column of each feature name in its windows (shared by every window of the version). */
  columns: FeatureColumns;
  streams: Map<string, SliceStream>;
  /** Late records of the model version since its last close (the all-slices count). */
  late: number;
  /** Reference per emitted stream key (first-window or previous-window modes). */
  references: Map<string, StoredReference>;
  /**
   * Per emitted stream key, the closed windows it keeps as references, by start
   * (chronological): under `seasonal` those of the last season, each kept until the window one
   * season later has been compared with it; under `rolling` the last `rollingWindows`.
   */
  keptWindows: Map<string, Map<number, WindowAcc>>;
  /** Classes seen on predictions (for binary ground truth given as a class label). */
  classes: readonly string[] | undefined;
  /** The training profile of this model version (`profile` mode; configuration, not serialized). */
  profile: ResolvedProfile | undefined;
  /**
   * Bin edges of each numeric feature, as activations ordered by `fromStartMs`: a window uses
   * the last activation with `fromStartMs <= startMs` (none: no edges). Deciding by window start,
   * never by creation time, keeps every window of one start mergeable across slice streams.
   */
  numericEdges: Map<string, EdgeActivation[]>;
  /** Decision threshold of the labeled binary accumulator: the first one a prediction stated. */
  threshold: number | undefined;
  /** The frozen attribute bins of its labeled errors; created by its first labeled pair. */
  qualityBins?: QualityBinSchema;
  /**
   * Per emitted stream key, the labeled errors per bin of its first labeled windows (pooled per
   * attribute until `QUALITY_BASELINE_PAIRS` pairs): what a window's bins are compared with.
   */
  qualityBaselines?: Map<string, QualityBinsAcc>;
  /** Labeled pairs and calibrations of CBPE without a labeled profile (`cbpe-reference-pairs.ts`). */
  cbpePairs?: CbpeReferencePairs;
}

/** Bin edges in force for windows starting at or after `fromStartMs`. */
export interface EdgeActivation {
  fromStartMs: number;
  edges: Float64Array;
}

/** A prediction with an id, waiting for (or, once `joined`, remembering) its label. */
export interface PendingPrediction {
  arrivedMs: number;
  timeMs: number;
  modelKey: string;
  sliceKey: string;
  weight: number;
  label: string | undefined;
  score: number | undefined;
  value: number | undefined;
  probabilities: readonly number[] | undefined;
  classes: readonly string[] | undefined;
  threshold: number | undefined;
  joined: boolean;
  /**
   * `traceId:spanId` when the prediction is among its window's kept examples, so that its label
   * can make it a calibration example; `undefined` otherwise (most predictions).
   */
  exampleSpan: string | undefined;
  /** The prediction's sensitive-attribute values, for the labeled fairness counts. */
  fairnessGroups?: readonly (string | undefined)[] | undefined;
  /** The prediction's attribute bins (model versions with labels; see `quality-bins.ts`). */
  qualityBins?: readonly number[] | undefined;
  /** Multilabel: the predicted label set. */
  labels?: readonly string[] | undefined;
  /** Ranking: item ids, best first, and the prediction's own cut-off. */
  ranking?: readonly string[] | undefined;
  rankingK?: number | undefined;
  /**
   * Pending keys of later predictions of other versions of the model with the same id (shadow
   * predictions, kept under `id NUL modelKey`): a label for the id joins them too.
   */
  shadowKeys?: string[] | undefined;
  /** The label this prediction joined, for a shadow prediction that arrives after it. */
  joinedLabel?: PendingLabel | undefined;
}

/** A label that arrived before its prediction. */
export interface PendingLabel {
  arrivedMs: number;
  timeMs: number;
  label: string | undefined;
  value: number | undefined;
  source: string | undefined;
  /** Multilabel: the true label set. */
  labels?: readonly string[] | undefined;
  /** Ranking: the relevant items and their grades. */
  relevantItems?: readonly string[] | undefined;
  relevance?: readonly number[] | undefined;
}

/** A span-derived prediction held until its window closes (an event may supersede it). */
export interface SpanCandidate {
  record: PredictionRecord;
  windowStartMs: number;
}

/** Previous point of a cumulative score-histogram series. */
export interface ScoreSeriesPoint {
  startTimeMs: number;
  bucketCounts: readonly number[];
  count: number;
  sum: number | undefined;
}

/** Monotonic counters for self-telemetry. */
export interface StateCounters {
  /** Records routed to an overflow stream because of the model-version or stream cap. */
  overflowRecords: number;
  /** Pending predictions evicted by the cap before their TTL. */
  evictedPendingPredictions: number;
  /** Pending labels evicted by the cap before their TTL. */
  evictedPendingLabels: number;
  /** Pending predictions that expired without a label. */
  expiredPendingPredictions: number;
  /** Labels that expired without their prediction. */
  expiredPendingLabels: number;
  /** Feature values not kept because of the feature cap. */
  featureOverflow: number;
  /** Feature values of the other kind than the feature's. */
  typeMismatch: number;
  /** Emitted streams (slice and all-slices) dropped after the idle TTL without data. */
  expiredStreams: number;
}

/** The whole mutable state. Create with `createState`. */
export interface MonitorState {
  config: StateConfig;
  windowMs: number;
  latenessMs: number;
  models: Map<string, ModelVersionState>;
  /** Slice streams counted against `maxSliceStreams` (overflow and unsliced streams excluded). */
  sliceStreamCount: number;
  pendingPredictions: Map<string, PendingPrediction>;
  pendingLabels: Map<string, PendingLabel>;
  /** `ml.ground_truth.id` → arrival time. */
  seenLabelIds: Map<string, number>;
  /** Span candidates by prediction id, or by `traceId:spanId` when they carry no id. */
  spanCandidates: Map<string, SpanCandidate>;
  /** `traceId:spanId` of events → end of their window (to supersede id-less spans). */
  eventSpanKeys: Map<string, number>;
  scoreSeries: Map<string, ScoreSeriesPoint>;
  /** `gen_ai.evaluation.result` verdicts waiting for their response, and GenAI responses. */
  evaluationJoin: EvaluationJoinState;
  counters: StateCounters;
}

/** Re-exported for the modules that build keys. */
export type { SliceEntry };
