/**
 * The accumulator kinds a window holds, as one table of {@link AccumulatorKind}s over the
 * streaming accumulators of `state/accumulators/` (issue 3) and the window histograms. `state/`
 * creates, records into, merges, snapshots and checkpoints every accumulator through the
 * {@link Accumulator} one of these entries hands out, so no code of `state/` branches per kind.
 *
 * An `Accumulator` factory is configured once (bin edges, category cap, threshold, class count);
 * the entries cache the factories per configuration, so asking for one costs a Map lookup.
 *
 * Weights: a sampled prediction (`ml.sampling.probability` = p < 1) is recorded with frequency
 * weight w = 1/p (METRICS.md "Weighted records"): the numeric and categorical accumulators (so
 * features, scores, values and predicted labels) and the labelled pairs (binary, multiclass,
 * regression; the prediction's weight carries to its label) count it w times, and keep Σw² so
 * the drift decisions read Kish's effective size. Under unit weights every sum is what it was.
 */
import {
  DEFAULT_SKETCH_CAPACITY,
  binaryOutputsAccumulator,
  categoricalFeatureAccumulator,
  multiclassOutputsAccumulator,
  numericFeatureAccumulator,
  regressionOutputsAccumulator,
  sortNumericFeatureValues,
  trimBinaryOutputs,
  trimNumericFeatures,
  reserveNumericValues,
  type Accumulator,
  type BinaryObservation,
  type BinaryOutputsSnapshot,
  type BinaryOutputsState,
  type CategoricalFeatureSnapshot,
  type CategoricalFeatureState,
  type FeatureObservation,
  type MulticlassObservation,
  type MulticlassOutputsSnapshot,
  type MulticlassOutputsState,
  type NumericFeatureSnapshot,
  type NumericFeatureState,
  type RegressionObservation,
  type RegressionOutputsSnapshot,
  type RegressionOutputsState,
  multilabelOutputsAccumulator,
  rankingOutputsAccumulator,
  type MultilabelObservation,
  type MultilabelOutputsState,
  type MultilabelSnapshot,
  type RankingObservation,
  type RankingOutputsState,
  type RankingSnapshot,
} from './accumulators/index.js';
import {
  delayHistogramAccumulator,
  scoreHistogramAccumulator,
  type DelayAcc,
  type ScoreHistogramAcc,
  type ScoreHistogramLayout,
  type ScoreHistogramPoint,
} from './window-histograms.js';
import { serviceSliAccumulator, type ServiceAcc, type ServiceObservation } from './service-sli.js';
import type { DelayAccumulator, ScoreHistogramWindow, ServiceWindow } from './types.js';
import {
  fairnessAccumulator,
  type FairnessAcc,
  type FairnessObservation,
  type FairnessSnapshot,
} from './fairness-acc.js';
import type { FairnessSettings } from './fairness-settings.js';
import {
  shadowAccumulator,
  type ShadowAcc,
  type ShadowObservation,
  type ShadowSnapshot,
} from './shadow-acc.js';

/** Accumulator state of a numeric feature or output. */
export type NumericAcc = NumericFeatureState;
/** Accumulator state of a categorical feature or predicted label. */
export type CategoricalAcc = CategoricalFeatureState;
/** Accumulator state of labeled binary-classification pairs. */
export type BinaryAcc = BinaryOutputsState;
/** Accumulator state of labeled multiclass pairs. */
export type MulticlassAcc = MulticlassOutputsState;
/** Accumulator state of labeled regression pairs. */
export type RegressionAcc = RegressionOutputsState;
export type { DelayAcc, ScoreHistogramAcc, ScoreHistogramPoint, ServiceAcc };

/**
 * Gives back the unused buffer space of numeric accumulators that receive no more records (a
 * closed window kept as a reference), into one shared buffer.
 */
export const trimNumericAccs = (accs: readonly NumericAcc[]): void => trimNumericFeatures(accs);
/** Makes room for `n` values in a new numeric accumulator (see `reserveNumericValues`). */
export const reserveNumericAccValues = (acc: NumericAcc, n: number): void =>
  reserveNumericValues(acc, n);
/** Sorts a numeric accumulator's exact values where they are (a sealed window's). */
export const sortNumericValues = (acc: NumericAcc): void => sortNumericFeatureValues(acc);
/** {@link trimNumericAccs} for a binary accumulator. */
export const trimBinaryAcc = (acc: BinaryAcc): void => trimBinaryOutputs(acc);

/** The parts of the state configuration that configure accumulators (`StateConfig` has them). */
export interface AccumulatorCaps {
  /** Distinct categories per categorical accumulator. */
  readonly maxCategories: number;
  /** Items per level of a numeric accumulator's sketch (the accumulator's default when unset). */
  readonly sketchCapacity?: number | undefined;
}

/**
 * One accumulator kind: the configured {@link Accumulator} for a new state (from its setting:
 * bin edges, threshold, class count…), for an existing state (whose configuration travels in
 * it: its `create` makes an empty state configured alike), and for a checkpoint.
 */
export interface AccumulatorKind<State, Input, Snapshot, Setting> {
  /** The accumulator whose `create` makes an empty state configured by `setting` and `caps`. */
  forSetting(setting: Setting, caps: AccumulatorCaps): Accumulator<State, Input, Snapshot, unknown>;
  /** The accumulator of `state`. */
  forState(state: State, caps: AccumulatorCaps): Accumulator<State, Input, Snapshot, unknown>;
  /** The accumulator that restores `json` (its configuration comes from the checkpoint). */
  forJSON(json: unknown, caps: AccumulatorCaps): Accumulator<State, Input, Snapshot, unknown>;
}

/** No edges: one bin; used until a reference gives decile edges. */
export const NO_EDGES: Float64Array = new Float64Array(0);

/** A memo of configured factories, cleared when it grows past `bound` (configurations are few). */
function factoryMemo<K, F>(make: (key: K) => F, bound: number): (key: K) => F {
  const memo = new Map<K, F>();
  return (key) => {
    let f = memo.get(key);
    if (f === undefined) {
      if (memo.size > bound) memo.clear();
      f = make(key);
      memo.set(key, f);
    }
    return f;
  };
}

type NumericFactory = ReturnType<typeof numericFeatureAccumulator>;
const numericByKey = new Map<string, NumericFactory>();

/** Items per sketch level of the numeric accumulators `caps` configure (see `numericFactory`). */
export function numericCapacityOf(caps: AccumulatorCaps): number {
  return caps.sketchCapacity || DEFAULT_SKETCH_CAPACITY;
}

/**
 * Factories by the identity of their edges array, then sketch capacity: every state of one
 * reference's features shares its edges array, and writing the edges out as a string key (the
 * value cache below) cost more than the merge it configured when a close touched 200k states.
 */
const numericByEdges = new WeakMap<object, Map<number | undefined, NumericFactory>>();

/** The numeric factory for `edges` and sketch capacity (cached by identity, then by value). */
function numericFactory(edges: ArrayLike<number>, sketchCapacity?: number): NumericFactory {
  let byCapacity = numericByEdges.get(edges);
  if (byCapacity === undefined) {
    byCapacity = new Map();
    numericByEdges.set(edges, byCapacity);
  }
  let f = byCapacity.get(sketchCapacity);
  if (f === undefined) {
    f = numericFactoryByValue(edges, sketchCapacity);
    byCapacity.set(sketchCapacity, f);
  }
  return f;
}

/** The numeric factory for `edges` and sketch capacity (cached by their values). */
function numericFactoryByValue(edges: ArrayLike<number>, sketchCapacity?: number): NumericFactory {
  const key = `${sketchCapacity ?? ''}|${Array.prototype.join.call(edges, ',')}`;
  let f = numericByKey.get(key);
  if (f === undefined) {
    if (numericByKey.size > 10_000) numericByKey.clear(); // bounded cache
    f = numericFeatureAccumulator({
      binEdges: edges,
      ...(sketchCapacity ? { sketchCapacity } : {}),
    });
    numericByKey.set(key, f);
  }
  return f;
}

/**
 * A numeric accumulator for the per-value path: `record` reads the edges from the state, so
 * one instance records into states of any configuration.
 */
export const NUMERIC_RECORDER: Accumulator<
  NumericAcc,
  FeatureObservation,
  NumericFeatureSnapshot,
  unknown
> = numericFeatureAccumulator({ binEdges: NO_EDGES });

const categoricalFactory = factoryMemo(
  (maxCategories: number) => categoricalFeatureAccumulator({ maxCategories }),
  1000,
);
const binaryFactory = factoryMemo(
  (threshold: number) => binaryOutputsAccumulator({ threshold }),
  1000,
);
const multiclassFactory = factoryMemo(multiclassOutputsAccumulator, 1000);

/**
 * A kind configured by one number that its states and checkpoints carry (`key`: a threshold, a
 * class count); `fallback` when a checkpoint lacks it (its restore then names the mismatch).
 */
function numberConfiguredKind<State, Input, Snapshot>(
  factory: (setting: number) => Accumulator<State, Input, Snapshot, unknown>,
  key: string & keyof State,
  fallback: number,
): AccumulatorKind<State, Input, Snapshot, number> {
  const settingOf = (obj: unknown): number => {
    const v = (obj as Record<string, unknown> | null)?.[key];
    return typeof v === 'number' ? v : fallback;
  };
  return {
    forSetting: (setting) => factory(setting),
    forState: (state) => factory(settingOf(state)),
    forJSON: (json) => factory(settingOf(json)),
  };
}

/** A kind configured by the state's caps alone: one accumulator per caps configuration. */
export function capsConfiguredKind<State, Input, Snapshot>(
  make: (caps: AccumulatorCaps) => Accumulator<State, Input, Snapshot, unknown>,
): AccumulatorKind<State, Input, Snapshot, void> {
  const byKey = factoryMemo((key: string) => {
    const [maxCategories, sketchCapacity] = key.split('|');
    return make({
      maxCategories: Number(maxCategories),
      ...(sketchCapacity ? { sketchCapacity: Number(sketchCapacity) } : {}),
    });
  }, 100);
  const get = (caps: AccumulatorCaps) =>
    byKey(`${caps.maxCategories}|${caps.sketchCapacity ?? ''}`);
  return {
    forSetting: (_setting, caps) => get(caps),
    forState: (_state, caps) => get(caps),
    forJSON: (_json, caps) => get(caps),
  };
}

/** A kind with nothing to configure: one accumulator serves every state. */
function unconfiguredKind<State, Input, Snapshot>(
  accumulator: Accumulator<State, Input, Snapshot, unknown>,
): AccumulatorKind<State, Input, Snapshot, void> {
  return { forSetting: () => accumulator, forState: () => accumulator, forJSON: () => accumulator };
}

/** Numeric features, prediction scores and regression outputs; the setting is the bin edges. */
export const NUMERIC_KIND: AccumulatorKind<
  NumericAcc,
  FeatureObservation,
  NumericFeatureSnapshot,
  ArrayLike<number>
> = {
  forSetting: (edges, caps) => numericFactory(edges, caps.sketchCapacity),
  forState: (state) => numericFactory(state.binEdges, state.capacity),
  forJSON(json) {
    const edges = (json as { binEdges?: unknown } | null)?.binEdges;
    return numericFactory(Array.isArray(edges) ? (edges as number[]) : NO_EDGES);
  },
};

/** Categorical features and predicted labels; configured by the category cap alone. */
export const CATEGORICAL_KIND: AccumulatorKind<
  CategoricalAcc,
  FeatureObservation,
  CategoricalFeatureSnapshot,
  void
> = {
  forSetting: (_setting, caps) => categoricalFactory(caps.maxCategories),
  forState: (_state, caps) => categoricalFactory(caps.maxCategories),
  forJSON: (_json, caps) => categoricalFactory(caps.maxCategories),
};

/** Labeled binary pairs; the setting is the decision threshold. */
export const BINARY_KIND: AccumulatorKind<
  BinaryAcc,
  BinaryObservation,
  BinaryOutputsSnapshot,
  number
> = numberConfiguredKind(binaryFactory, 'threshold', 0.5);

/** Labeled multiclass pairs; the setting is the class count. */
export const MULTICLASS_KIND: AccumulatorKind<
  MulticlassAcc,
  MulticlassObservation,
  MulticlassOutputsSnapshot,
  number
> = numberConfiguredKind(multiclassFactory, 'classCount', 2);

/** Labeled regression pairs; nothing to configure. */
export const REGRESSION_KIND: AccumulatorKind<
  RegressionAcc,
  RegressionObservation,
  RegressionOutputsSnapshot,
  void
> = unconfiguredKind(regressionOutputsAccumulator());

/** Label delays in seconds, in the fixed ground-truth delay buckets. */
export const DELAY_KIND: AccumulatorKind<DelayAcc, number, DelayAccumulator, void> =
  unconfiguredKind(delayHistogramAccumulator());

/**
 * Score-histogram metric points summed per window; the setting is the bucket layout (the first
 * point's, or a state's).
 */
export const SCORE_HISTOGRAM_KIND: AccumulatorKind<
  ScoreHistogramAcc,
  ScoreHistogramPoint,
  ScoreHistogramWindow,
  ScoreHistogramLayout
> = {
  forSetting: (layout) => scoreHistogramAccumulator(layout),
  forState: (state) => scoreHistogramAccumulator(state),
  forJSON: (json) => scoreHistogramAccumulator(layoutOf(json)),
};

/** Service SLIs of a window; the setting is the span latency bucket bounds. */
export const SERVICE_KIND: AccumulatorKind<
  ServiceAcc,
  ServiceObservation,
  ServiceWindow,
  readonly number[]
> = {
  forSetting: (bounds) => serviceFactory(bounds),
  forState: (state) => serviceFactory(state.latencyBounds),
  forJSON(json) {
    const bounds = (json as { latencyBounds?: unknown } | null)?.latencyBounds;
    return serviceFactory(Array.isArray(bounds) ? (bounds as number[]) : []);
  },
};

const serviceByBounds = factoryMemo(
  (key: string) => serviceSliAccumulator(key === '' ? [] : key.split(',').map(Number)),
  100,
);
function serviceFactory(bounds: readonly number[]): ReturnType<typeof serviceSliAccumulator> {
  return serviceByBounds(bounds.join(','));
}

function layoutOf(json: unknown): ScoreHistogramLayout {
  const j = json as { explicitBounds?: unknown; bucketCounts?: unknown } | null;
  const list = (v: unknown): number[] => (Array.isArray(v) ? (v as number[]) : []);
  return { explicitBounds: list(j?.explicitBounds), bucketCounts: list(j?.bucketCounts) };
}

const fairnessFactory = factoryMemo(fairnessAccumulator, 1000);

/** Per-group fairness counts; the setting is the model's fairness settings (carried by states). */
export const FAIRNESS_KIND: AccumulatorKind<
  FairnessAcc,
  FairnessObservation,
  FairnessSnapshot,
  FairnessSettings
> = {
  forSetting: (settings) => fairnessFactory(settings),
  forState: (state) => fairnessFactory(state.settings),
  forJSON: (json) => fairnessAccumulator((json as { settings: FairnessSettings }).settings),
};

/** Accumulator state of labeled multilabel pairs. */
export type MultilabelAcc = MultilabelOutputsState;
/** Accumulator state of labeled ranking queries. */
export type RankingAcc = RankingOutputsState;

/** Labeled multilabel pairs; the label cap is the category cap. */
export const MULTILABEL_KIND: AccumulatorKind<
  MultilabelAcc,
  MultilabelObservation,
  MultilabelSnapshot,
  void
> = capsConfiguredKind((caps) => multilabelOutputsAccumulator({ maxLabels: caps.maxCategories }));

/** Labeled ranking queries; nothing to configure (k travels with each query). */
export const RANKING_KIND: AccumulatorKind<RankingAcc, RankingObservation, RankingSnapshot, void> =
  unconfiguredKind(rankingOutputsAccumulator());
/** Shadow pairs per other version of the model (no settings: one accumulator for all). */
export const SHADOW_KIND: AccumulatorKind<ShadowAcc, ShadowObservation, ShadowSnapshot, void> = {
  forSetting: () => shadowAccumulator,
  forState: () => shadowAccumulator,
  forJSON: () => shadowAccumulator,
};
