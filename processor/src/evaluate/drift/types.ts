/**
 * Types of mlmon's drift decisions, shared by the batch CLI (exact statistics on whole files)
 * and the processor (window snapshots). Both call {@link decideDrift} with a reference feature
 * from a profile and a summary of the current sample, so they decide alike.
 */
import type {
  ML_DRIFT_METHOD_VALUE_CHI2,
  ML_DRIFT_METHOD_VALUE_HELLINGER,
  ML_DRIFT_METHOD_VALUE_JENSEN_SHANNON,
  ML_DRIFT_METHOD_VALUE_KS,
  ML_DRIFT_METHOD_VALUE_L_INFINITY,
  ML_DRIFT_METHOD_VALUE_NEW_CATEGORY_RATIO,
  ML_DRIFT_METHOD_VALUE_PSI,
  ML_DRIFT_METHOD_VALUE_WASSERSTEIN,
  ML_DRIFT_METHOD_VALUE_WASSERSTEIN_NORMED,
  ML_DRIFT_METHOD_VALUE_MMD,
  ML_DRIFT_STATE_VALUE_DRIFT,
  ML_DRIFT_STATE_VALUE_INSUFFICIENT_DATA,
  ML_DRIFT_STATE_VALUE_NO_DRIFT,
} from '@mlmon/conventions';

/** A drift method id: the values of the `ml.drift.method` enum. */
export type DriftMethodId =
  | typeof ML_DRIFT_METHOD_VALUE_KS
  | typeof ML_DRIFT_METHOD_VALUE_WASSERSTEIN
  | typeof ML_DRIFT_METHOD_VALUE_WASSERSTEIN_NORMED
  | typeof ML_DRIFT_METHOD_VALUE_PSI
  | typeof ML_DRIFT_METHOD_VALUE_JENSEN_SHANNON
  | typeof ML_DRIFT_METHOD_VALUE_HELLINGER
  | typeof ML_DRIFT_METHOD_VALUE_CHI2
  | typeof ML_DRIFT_METHOD_VALUE_L_INFINITY
  | typeof ML_DRIFT_METHOD_VALUE_NEW_CATEGORY_RATIO
  | typeof ML_DRIFT_METHOD_VALUE_MMD;

/** A drift verdict: the values of the `ml.drift.state` enum. */
export type DriftState =
  | typeof ML_DRIFT_STATE_VALUE_NO_DRIFT
  | typeof ML_DRIFT_STATE_VALUE_DRIFT
  | typeof ML_DRIFT_STATE_VALUE_INSUFFICIENT_DATA;

export type { FeatureKind } from '../../state/types.js';
import type { FeatureKind } from '../../state/types.js';

/**
 * Direction of a method's score: `p_value` drifts when score <= threshold, `distance` drifts
 * when score >= threshold.
 */
export type ScoreKind = 'p_value' | 'distance';

/** One drift method, declared as data (see `registry.ts`). */
export interface DriftMethodSpec {
  /** The `ml.drift.method` value. */
  readonly id: DriftMethodId;
  /** Feature kinds the method applies to. */
  readonly kinds: readonly FeatureKind[];
  /** Direction of the score. */
  readonly scoreKind: ScoreKind;
  /**
   * Nominal threshold; `null` when no scale-free default exists (raw `wasserstein` is in the
   * feature's units), in which case a rule must give one.
   */
  readonly defaultThreshold: number | null;
  /** True when the processor can compute it from mergeable window state. */
  readonly streamable: boolean;
  /** Fewest current values for a decision; below it the state is `insufficient_data`. */
  readonly minCurrent: number;
  /** Fewest reference values for a decision. */
  readonly minReference: number;
  /**
   * For `p_value` methods: the effect statistic that must also reach the effect-size floor
   * (`ks` → KS D, `chi2` → L-infinity of the proportions).
   */
  readonly effectMethod?: DriftMethodId;
  /** Default effect-size floor for `p_value` methods (see `DriftOptions.effectSizeFloor`). */
  readonly defaultEffectSizeFloor?: number;
  /**
   * Power p such that score^p has an (approximately) exponential null tail; used to
   * extrapolate the stored null quantiles to small α (2 for KS/Wasserstein/JS/Hellinger,
   * whose squares scale like chi-square; 1 for PSI, which is itself chi-square-like).
   */
  readonly tailPower: number;
  /** One-line description for help texts and reports. */
  readonly description: string;
}

/**
 * The null distribution of one distance at a ladder of current sizes, derived by seeded
 * resampling from the reference (see `null-ladder.ts`). Rungs are derived on first use and kept
 * (a decision at n reads only the rungs around n), or read from a profile.
 */
export interface NullLadder {
  /** The statistic (a `distance` method, or the effect statistic of a `p_value` method). */
  readonly method: DriftMethodId;
  /** Current window sizes n, ascending (shared between ladders: do not modify). */
  readonly sizes: readonly number[];
  /** Replicates drawn at each size. */
  readonly replicates: readonly number[];
  /** Quantile levels stored, ascending (e.g. 0.5, 0.9, 0.95, 0.99). */
  readonly levels: readonly number[];
  /** Rung i: `rung(i)[j]` is the `levels[j]` quantile of the statistic at `sizes[i]`. */
  rung(i: number): ArrayLike<number>;
  /**
   * Whether the null at current size `nCurrent` is the statistic's large-sample limit (the
   * ladder's rungs from there on all rescale one limit sample, so the quantile at any such size
   * is the limit's, rescaled to it). Absent where unknown (a profile's stored ladder).
   */
  readsLimitAt?(nCurrent: number): boolean;
}

/** The stored form of a {@link NullLadder} (profile format v1). */
export interface NullLadderData {
  readonly method: DriftMethodId;
  readonly sizes: readonly number[];
  readonly replicates: readonly number[];
  readonly levels: readonly number[];
  /** `quantiles[i][j]` is the `levels[j]` quantile of the statistic at `sizes[i]`. */
  readonly quantiles: readonly (readonly number[])[];
}

/** Reference-side data of a numeric feature (a profile entry). */
export interface NumericReferenceFeature {
  readonly kind: 'numeric';
  readonly name: string;
  /** Non-missing reference values. */
  readonly count: number;
  /** Missing (empty/NaN) reference values. */
  readonly missing: number;
  /** Population mean. */
  readonly mean: number;
  /** Population standard deviation (ddof 0); 0 when constant. */
  readonly std: number;
  readonly min: number;
  readonly max: number;
  /** Reference-decile bin edges, METRICS.md (unique quantiles 0.1…0.9). */
  readonly binEdges: readonly number[];
  /** Reference proportions per bin (edges.length + 1 bins). */
  readonly binProportions: readonly number[];
  /**
   * Sorted reference values for KS/Wasserstein: all of them when `sampleExact`, else a bounded
   * set of equally spaced order statistics (the reference quantile function at (i+0.5)/m).
   */
  readonly sample: readonly number[] | Float64Array;
  /** True when `sample` holds every reference value. */
  readonly sampleExact: boolean;
  /**
   * Present when the reference has at most 5 distinct values: the feature is then tested as
   * categorical over these values (keys are `String(value)`), as Evidently does.
   */
  readonly lowCardinality?: CategoryFrequencies;
  /** Null ladders, one per statistic. */
  readonly nullLadders: readonly NullLadder[];
}

/** Category keys and counts, sorted by key. */
export interface CategoryFrequencies {
  readonly categories: readonly string[];
  readonly counts: readonly number[];
}

/** Reference-side data of a categorical feature (a profile entry). */
export interface CategoricalReferenceFeature extends CategoryFrequencies {
  readonly kind: 'categorical';
  readonly name: string;
  readonly count: number;
  readonly missing: number;
  /** Null ladders, one per statistic. */
  readonly nullLadders: readonly NullLadder[];
}

/** A reference feature as stored in a profile. */
export type ReferenceFeature = NumericReferenceFeature | CategoricalReferenceFeature;

/**
 * The current sample of a numeric feature. The CLI gives exact sorted values; the processor
 * gives what its window state holds (bin counts are exact; a sketch gives weighted points).
 */
export interface NumericCurrentSummary {
  readonly kind: 'numeric';
  /** Non-missing values. */
  readonly count: number;
  readonly missing: number;
  /** Ascending values (exact) or sketch points; needed by KS/Wasserstein. */
  readonly sorted?: readonly number[] | Float64Array;
  /** Weights of `sorted` (sketch bucket counts); absent means weight 1 each. */
  readonly weights?: readonly number[] | Float64Array;
  /** True when `sorted` holds every value exactly (then KS p-values are exact). */
  readonly exact: boolean;
  /** Counts per reference bin (binEdges.length + 1), exact in streaming. */
  readonly binCounts?: ArrayLike<number>;
  /** Counts per distinct value (key `String(value)`), needed for low-cardinality features. */
  readonly valueCounts?: ReadonlyMap<string, number>;
}

/** The current sample of a categorical feature. */
export interface CategoricalCurrentSummary {
  readonly kind: 'categorical';
  readonly count: number;
  readonly missing: number;
  /** Counts per category (an overflow bucket counts as one more category). */
  readonly counts: ReadonlyMap<string, number>;
}

/** A current-sample summary. */
export type CurrentSummary = NumericCurrentSummary | CategoricalCurrentSummary;

/** Options of {@link decideDrift}. */
export interface DriftOptions {
  /** Method to use; default per the selection rule (`select-method.ts`). */
  readonly method?: DriftMethodId;
  /** Nominal threshold; default the method's. */
  readonly threshold?: number;
  /**
   * Per-feature false-alarm rate of the size-aware threshold: the (1 − α) null quantile for
   * distances, the p-value cut for tests.
   * @default 0.0005 (with 20 features the any-feature rate stays ≈ 1%)
   */
  readonly alpha?: number;
  /** Minimum effect for `p_value` methods (KS D; chi2 L-infinity). Default per method. */
  readonly effectSizeFloor?: number;
  /** Use the null ladders (size-aware threshold). @default true */
  readonly sizeAware?: boolean;
}

/** A drift decision, with everything a backend needs to re-judge it. */
export interface DriftDecision {
  readonly feature: string;
  readonly method: DriftMethodId;
  readonly scoreKind: ScoreKind;
  /** How the feature was compared (a low-cardinality numeric is tested as categorical). */
  readonly testedAs: FeatureKind;
  readonly state: DriftState;
  /** `true`/`false`, or `null` for `insufficient_data`. */
  readonly drifted: boolean | null;
  /** The method's score (p-value or distance), or `null` when not computable. */
  readonly score: number | null;
  /** Nominal threshold. */
  readonly threshold: number;
  /** Threshold actually applied at this n (`null` when no decision was made). */
  readonly effectiveThreshold: number | null;
  /** The α used. */
  readonly alpha: number;
  /** For `p_value` methods: the effect statistic, its value and the floor it had to reach. */
  readonly effect?: {
    readonly method: DriftMethodId;
    readonly value: number;
    readonly floor: number;
  };
  readonly nReference: number;
  readonly nCurrent: number;
  /** Whether the score came from exact values (false: from a sketch). */
  readonly exact: boolean;
  /** Why there is no decision (insufficient data, undefined statistic). */
  readonly reason?: string;
}
