/**
 * The contract between `state/` and its consumers (evaluate, export, status API): what a closed
 * window of one stream looks like. Produced by `closeWindows(state, nowMs)`; plain data, never
 * mutated after it is returned.
 *
 * Streams: one per (`ml.model.name`, `ml.model.version`, slice values) plus the all-slices
 * stream of each model version (`slices` empty, `allSlices` true). Records without any
 * `ml.slice.*` attribute count only in the all-slices stream.
 */
import type { FairnessSnapshot } from './fairness-acc.js';
import type { QualityBinsSnapshot } from './quality-bins-acc.js';
import type { ShadowSnapshot } from './shadow-acc.js';
import type { CbpeSumsSnapshot } from './cbpe-sums-acc.js';
import type { CbpeReference } from '../stats/cbpe.js';
import type { ExemplarReservoir } from './exemplar-reservoir.js';
import type { EvaluationsWindow } from './evaluations-acc.js';
import type { GenAiWindow } from './genai-acc.js';
import type { EmbeddingsWindow } from './embeddings-acc.js';
import type { ExplicitBuckets } from '../stats/explicit-histogram.js';
import type { LogSketch } from '../stats/log-sketch.js';
import type { ResourceIdentity } from '../extract/types.js';
import type { ReferenceProfile } from '../profile/reference-profile.js';
import type {
  BinarySnapshot,
  CategoricalSnapshot,
  MulticlassSnapshot,
  NumericSnapshot,
  RegressionSnapshot,
} from './accumulator-types.js';
import type { MultilabelSnapshot, RankingSnapshot } from './accumulators/index.js';

export type {
  BinarySnapshot,
  CategoricalSnapshot,
  MulticlassSnapshot,
  NumericSnapshot,
  RegressionSnapshot,
} from './accumulator-types.js';

/** How a feature's values are accumulated and compared (`evaluate/drift` re-exports this one). */
export type FeatureKind = 'numeric' | 'categorical';

/**
 * The output family a model version is monitored as: an `ml.model.task` value
 * (`binary_classification`, `multiclass_classification`, `regression`, …), taken from the first
 * record that states it, else inferred (a label set → multilabel, a ranked list → ranking,
 * probabilities → multiclass, score → binary, value → regression, label only → multiclass).
 */
export type MonitoredTask = string;

/** Slice values keyed WITHOUT the `ml.slice.` prefix, e.g. `{ country: 'DE' }`. */
export type SliceValues = Readonly<Record<string, string>>;

/** Who a stream is: the attributes every output series of the stream carries. */
export interface StreamIdentity {
  /** NUL-joined series key, unique among streams and stable across restarts. */
  readonly key: string;
  /** `ml.model.name` (`''` only for the global overflow stream). */
  readonly model: string;
  /** `ml.model.version` (`''` when producers sent none, or for the global overflow stream). */
  readonly version: string;
  /** Slice values; empty for the all-slices stream and for overflow streams. */
  readonly slices: SliceValues;
  /** True for the all-slices stream of a model version. */
  readonly allSlices: boolean;
  /**
   * True when this stream collects what did not fit under a cap (new slice combinations beyond
   * the stream cap, or new model versions beyond the model cap): its output series carry
   * `otel.metric.overflow=true`.
   */
  readonly overflow: boolean;
  /** The model task (see {@link MonitoredTask}); `undefined` when nothing told or hinted it. */
  readonly task: MonitoredTask | undefined;
  /** Identifying resource attributes of the first source seen for this model version. */
  readonly resource: ResourceIdentity;
}

/** Per-feature counts shared by both kinds (raw row counts, not weighted). */
export interface FeatureCounts {
  /** Rows whose value was of the feature's kind and was recorded. */
  readonly count: number;
  /** Rows of the window without the feature, or with an empty value. */
  readonly missing: number;
  /** Rows whose value had the other kind (e.g. a string for a numeric feature): not recorded. */
  readonly typeMismatch: number;
  /**
   * The same three counts weighted by 1/`ml.sampling.probability`; absent when every row of the
   * window weighed 1. Data quality reads these shares, as the traffic they stand for.
   */
  readonly weighted?: {
    readonly count: number;
    readonly missing: number;
    readonly typeMismatch: number;
  };
}

/** One feature of one window: its kind, counts and accumulator snapshot. */
export type FeatureWindow =
  | (FeatureCounts & {
      readonly name: string;
      readonly kind: 'numeric';
      readonly snapshot: NumericSnapshot;
    })
  | (FeatureCounts & {
      readonly name: string;
      readonly kind: 'categorical';
      readonly snapshot: CategoricalSnapshot;
    });

/**
 * The `ml.inference.score` histogram of a window, summed from metric points (deltas of
 * cumulative series). Only points whose bounds equal the first bounds seen are summed; the
 * others are counted in `boundsMismatch`.
 */
export interface ScoreHistogramWindow {
  readonly explicitBounds: readonly number[];
  readonly bucketCounts: readonly number[];
  readonly count: number;
  /** Sum of scores; `undefined` when some point did not carry it. */
  readonly sum: number | undefined;
  /** Points skipped because their bounds differed. */
  readonly boundsMismatch: number;
}

/** Outputs of all predictions of the window (labeled or not): prediction-drift inputs. */
export interface OutputsWindow {
  /** `ml.prediction.score` distribution, when any prediction carried a score. */
  readonly score: NumericSnapshot | undefined;
  /** Predicted-label distribution, when any prediction carried a label. */
  readonly label: CategoricalSnapshot | undefined;
  /** `ml.prediction.value` distribution (regression), when any prediction carried a value. */
  readonly value: NumericSnapshot | undefined;
  /** Score distribution from the instrumentation's histogram metric, when any was received. */
  readonly scoreHistogram: ScoreHistogramWindow | undefined;
  /** Shadow pairs with other versions of the model (same `ml.prediction.id`), when any. */
  readonly shadow?: ShadowSnapshot | undefined;
  /** Multiclass CBPE sums of the window's predictions, when its profile has labeled classes. */
  readonly cbpeSums?: CbpeSumsSnapshot | undefined;
}

/**
 * The service SLIs of a window: calls, failures and latencies, from `ml.inference` spans
 * (`sketch`) or, when only metrics arrived, the `ml.inference.duration` histogram (`histogram`).
 */
export interface ServiceWindow {
  readonly source: 'sketch' | 'histogram';
  /** Inference calls (weighted by 1 / `ml.sampling.probability` on the span path). */
  readonly requests: number;
  /** Failed calls by `error.type`. */
  readonly errors: Readonly<Record<string, number>>;
  /** The span path's latency sketch (seconds); `undefined` on the histogram path. */
  readonly sketch: LogSketch | undefined;
  /** Latencies (seconds) in explicit upper-inclusive buckets. */
  readonly latency: ExplicitBuckets & { readonly count: number; readonly sum: number };
}

/** A fixed-bucket histogram of label delays in seconds. */
export interface DelayAccumulator {
  /** Upper bounds, seconds ({@link GROUND_TRUTH_DELAY_BOUNDS_SECONDS}). */
  readonly explicitBounds: readonly number[];
  /** `explicitBounds.length + 1` counts. */
  readonly bucketCounts: readonly number[];
  readonly count: number;
  /** Sum of delays, seconds. */
  readonly sum: number;
  readonly min: number;
  readonly max: number;
}

/**
 * Labeled pairs joined in this window (by join time, not prediction time), fed to the
 * accumulator of the stream's task. At most one of the three snapshots is set.
 */
export interface LabeledWindow {
  readonly binary: BinarySnapshot | undefined;
  readonly multiclass: MulticlassSnapshot | undefined;
  readonly regression: RegressionSnapshot | undefined;
  /** Per-group fairness counts (predictions and labeled pairs), for models configured so. */
  readonly fairness?: FairnessSnapshot | undefined;
  /** Labeled errors per attribute bin ("where quality fell"); absent without binned pairs. */
  readonly qualityBins?: QualityBinsSnapshot | undefined;
  /** The label values of the regression pairs joined in the window (label drift). */
  readonly groundTruthValues?: NumericSnapshot | undefined;
  /** Labeled multilabel pairs (multilabel classification models). */
  readonly multilabel?: MultilabelSnapshot | undefined;
  /** Labeled ranking queries (ranking models). */
  readonly ranking?: RankingSnapshot | undefined;
  /**
   * Label delays (label time − prediction time), keyed by `ml.ground_truth.source` (`''` when
   * the label did not say).
   */
  readonly delays: Readonly<Record<string, DelayAccumulator>>;
}

/** Counts of a window (raw rows unless named `weighted…`). */
export interface WindowCounts {
  /** Predictions recorded in this window. */
  readonly predictions: number;
  /** Predictions weighted by 1 / `ml.sampling.probability` (equals `predictions` when unsampled). */
  readonly weightedPredictions: number;
  /** Records for this stream that arrived after their window had closed, since the last close. */
  readonly late: number;
  /** Prediction–label pairs joined in this window and fed to `labeled`. */
  readonly labeled: number;
  /** Those pairs weighted by their prediction's 1 / `ml.sampling.probability` (= `labeled` when unsampled). */
  readonly weightedLabeled: number;
  /**
   * Joined pairs that could not be used for the task (e.g. a binary label that is neither 0/1
   * nor one of the model's classes, or a score missing for a binary model).
   */
  readonly labeledUnusable: number;
  /** Labeled predictions among this window's predictions, known at close (coverage numerator). */
  readonly predictionsLabeled: number;
  /** Those predictions weighted by 1 / `ml.sampling.probability` (the weighted coverage's numerator). */
  readonly weightedPredictionsLabeled: number;
  /** Σw² of the window's predictions: their Kish effective size is weightedPredictions²/this. */
  readonly predictionWeight2: number;
  /** Feature values not recorded because the stream's feature cap was reached. */
  readonly featureOverflow: number;
}

/** What a stream's current window is compared against. */
export type StreamReference =
  | {
      /**
       * `fixed_window` (`--reference first-window`: the first closed window of the stream),
       * `previous_window` (`--reference previous-window`: the last closed window with data) or
       * `seasonal_window` (`--reference seasonal`: the window one season earlier) or
       * `rolling_window` (`--reference rolling`: the union of the last few windows). The
       * `ml.reference.kind` value.
       */
      readonly kind: 'fixed_window' | 'previous_window' | 'seasonal_window' | 'rolling_window';
      /**
       * `ml.reference.id`: the reference window's start as an ISO-8601 UTC string (a rolling
       * union's: its first start and last end, `start/end`).
       */
      readonly id: string;
      readonly startMs: number;
      readonly endMs: number;
      readonly features: readonly FeatureWindow[];
      readonly outputs: OutputsWindow;
      readonly labeled: LabeledWindow;
      readonly counts: WindowCounts;
      /** The reference window's evaluator verdicts, when it had any. */
      readonly evaluations?: EvaluationsWindow | undefined;
      /** The reference window's GenAI calls, when it had any. */
      readonly genai?: GenAiWindow | undefined;
      /** The reference window's embedding features, when it had any. */
      readonly embeddings?: EmbeddingsWindow | undefined;
    }
  | {
      /** A training profile from `mlmon baseline` (`ml.reference.kind` = `training`). */
      readonly kind: 'training';
      /** `ml.reference.id`: the profile's id as the configuration resolved it. */
      readonly id: string;
      /** The parsed profile, passed through unchanged (its format is owned by `profile/`). */
      readonly profile: ReferenceProfile;
    };

/** One stream's window at close: the input of evaluate. */
export interface ClosedWindow {
  readonly stream: StreamIdentity;
  /** Window start, ms since the epoch (a multiple of the window length). */
  readonly startMs: number;
  /** Window end (exclusive), ms since the epoch. */
  readonly endMs: number;
  /** Features seen in the window, sorted by name. */
  readonly features: readonly FeatureWindow[];
  readonly outputs: OutputsWindow;
  readonly labeled: LabeledWindow;
  readonly counts: WindowCounts;
  /** Service SLIs, when the window saw `ml.inference` spans or duration histograms. */
  readonly service?: ServiceWindow | undefined;
  /** `gen_ai.evaluation.result` verdicts per evaluator, when any joined in the window. */
  readonly evaluations?: EvaluationsWindow | undefined;
  /** GenAI calls (tokens, time to first chunk, finish reasons), when the window saw any. */
  readonly genai?: GenAiWindow | undefined;
  /** Embedding features (numeric-array values), when the window saw any. */
  readonly embeddings?: EmbeddingsWindow | undefined;
  /**
   * The reference to compare against, `undefined` when there is none yet (the first window
   * under `first-window`, which itself becomes the reference: see `isReference`).
   */
  readonly reference: StreamReference | undefined;
  /** True when this window has just become the stream's fixed reference (`first-window`). */
  readonly isReference: boolean;
  /**
   * The stream's quality baseline as it stood before this window: labeled errors per attribute
   * bin of its first labeled windows; absent until one had binned pairs.
   */
  readonly qualityBaseline?: QualityBinsSnapshot;
  /** Example requests of the window, when it kept any (see `exemplar-reservoir.ts`). */
  readonly exemplars?: ExemplarReservoir | undefined;
  /**
   * The CBPE calibration built from the model version's own labeled pairs that is in force for
   * this window (`cbpe-reference-pairs.ts`), for model versions without a labeled profile.
   */
  readonly cbpe?: CbpeReference;
}

/**
 * Upper bounds (seconds) of the label-delay histogram, as advised for `ml.ground_truth.delay`
 * (CONVENTIONS §9.7): 1 min, 5 min, 15 min, 1 h, 6 h, 1 day, 7 days.
 */
export const GROUND_TRUTH_DELAY_BOUNDS_SECONDS: readonly number[] = Object.freeze([
  60, 300, 900, 3600, 21600, 86400, 604800,
]);
