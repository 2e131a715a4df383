/**
 * What a window holds, as two tables: its optional accumulator parts (outputs and labeled pairs)
 * by field, and its feature accumulators by feature kind, each entry naming the
 * {@link AccumulatorKind} that drives it. `window-acc.ts` and `serialize-state.ts` walk these
 * tables instead of spelling out every kind.
 */
import type { FeatureObservation } from './accumulators/index.js';
import { EVALUATIONS_KIND, type EvaluationsWindow } from './evaluations-acc.js';
import { GENAI_KIND, type GenAiWindow } from './genai-acc.js';
import { EMBEDDINGS_KIND, type EmbeddingsWindow } from './embeddings-acc.js';
import {
  BINARY_KIND,
  CATEGORICAL_KIND,
  FAIRNESS_KIND,
  MULTICLASS_KIND,
  SHADOW_KIND,
  NUMERIC_KIND,
  NO_EDGES,
  NUMERIC_RECORDER,
  REGRESSION_KIND,
  SCORE_HISTOGRAM_KIND,
  SERVICE_KIND,
  type AccumulatorCaps,
  type AccumulatorKind,
  MULTILABEL_KIND,
  RANKING_KIND,
} from './accumulator-kinds.js';
import type {
  FeatureAccs,
  FeatureSlotOf,
  ModelVersionState,
  StateCounters,
  WindowAcc,
} from './monitor-state.js';
import type {
  BinarySnapshot,
  CategoricalSnapshot,
  FeatureKind,
  MulticlassSnapshot,
  NumericSnapshot,
  RegressionSnapshot,
  ScoreHistogramWindow,
  ServiceWindow,
} from './types.js';
import type { FairnessSnapshot } from './fairness-acc.js';
import { QUALITY_BINS_KIND, type QualityBinsSnapshot } from './quality-bins-acc.js';
import type { MultilabelSnapshot, RankingSnapshot } from './accumulators/index.js';
import type { ShadowSnapshot } from './shadow-acc.js';
import { CBPE_SUMS_KIND, type CbpeSumsSnapshot } from './cbpe-sums-acc.js';

/** The snapshot of each optional part of a window. */
interface PartSnapshots {
  score: NumericSnapshot;
  label: CategoricalSnapshot;
  value: NumericSnapshot;
  scoreHistogram: ScoreHistogramWindow;
  service: ServiceWindow;
  binary: BinarySnapshot;
  multiclass: MulticlassSnapshot;
  regression: RegressionSnapshot;
  evaluations: EvaluationsWindow;
  genai: GenAiWindow;
  embeddings: EmbeddingsWindow;
  fairness: FairnessSnapshot;
  qualityBins: QualityBinsSnapshot;
  groundTruthValues: NumericSnapshot;
  multilabel: MultilabelSnapshot;
  ranking: RankingSnapshot;
  shadow: ShadowSnapshot;
  cbpeSums: CbpeSumsSnapshot;
}

/** An optional accumulator part of a window (created by its first record). */
export type WindowPart = keyof PartSnapshots;

/** The kind that drives part `P` (inputs and settings differ per part; callers know them). */
export type PartKind<P extends WindowPart> = AccumulatorKind<
  NonNullable<WindowAcc[P]>,
  never,
  PartSnapshots[P],
  never
>;

/** The kind of each optional part. */
export const WINDOW_PARTS: { readonly [P in WindowPart]: PartKind<P> } = {
  score: NUMERIC_KIND,
  label: CATEGORICAL_KIND,
  value: NUMERIC_KIND,
  scoreHistogram: SCORE_HISTOGRAM_KIND,
  service: SERVICE_KIND,
  binary: BINARY_KIND,
  multiclass: MULTICLASS_KIND,
  regression: REGRESSION_KIND,
  evaluations: EVALUATIONS_KIND,
  genai: GENAI_KIND,
  embeddings: EMBEDDINGS_KIND,
  fairness: FAIRNESS_KIND,
  qualityBins: QUALITY_BINS_KIND,
  groundTruthValues: NUMERIC_KIND,
  multilabel: MULTILABEL_KIND,
  ranking: RANKING_KIND,
  shadow: SHADOW_KIND,
  cbpeSums: CBPE_SUMS_KIND,
};

/** The parts, in checkpoint order. */
export const PART_NAMES: readonly WindowPart[] = [
  'score',
  'label',
  'value',
  'scoreHistogram',
  'service',
  'binary',
  'multiclass',
  'regression',
  'evaluations',
  'genai',
  'embeddings',
  'fairness',
  'qualityBins',
  'groundTruthValues',
  'multilabel',
  'ranking',
  'shadow',
  'cbpeSums',
];

/** The snapshot of part `P` of `w`, if it has one. */
export function snapshotPart<P extends WindowPart>(
  w: WindowAcc,
  part: P,
  caps: AccumulatorCaps,
): PartSnapshots[P] | undefined {
  const s = w[part] as NonNullable<WindowAcc[P]> | undefined;
  return s === undefined ? undefined : WINDOW_PARTS[part].forState(s, caps).snapshot(s);
}

/** What configures a new feature accumulator of one kind, and how a raw value is recorded. */
export interface FeatureKindEntry<K extends FeatureKind> {
  /** The accumulator kind of the feature. */
  readonly accumulator: AccumulatorKind<
    FeatureAccs[K],
    FeatureObservation,
    FeatureSnapshots[K],
    FeatureSetting[K]
  >;
  /** The setting of a new accumulator for feature `name` in the window starting at `startMs`. */
  setting(mv: ModelVersionState, name: string, startMs: number): FeatureSetting[K];
  /**
   * Records raw attribute value `v` into `slot` with the record's frequency weight `weight`
   * (1/`ml.sampling.probability`), counting a value of the wrong type as a mismatch;
   * `undefined` is skipped (missing values are counted at close).
   */
  observe(
    slot: FeatureSlotOf<K>,
    v: unknown,
    counters: StateCounters,
    caps: AccumulatorCaps,
    weight: number,
  ): void;
}

/** The snapshot of a feature accumulator, by kind. */
interface FeatureSnapshots {
  numeric: NumericSnapshot;
  categorical: CategoricalSnapshot;
}

/** The setting of a new feature accumulator, by kind. */
interface FeatureSetting {
  numeric: ArrayLike<number>;
  categorical: void;
}

/** The numeric bin edges in force for `name` in windows starting at `startMs`. */
export function numericEdgesFor(
  mv: ModelVersionState,
  name: string,
  startMs: number,
): Float64Array {
  const activations = mv.numericEdges.get(name);
  if (activations === undefined) return NO_EDGES;
  for (let i = activations.length - 1; i >= 0; i--) {
    if (activations[i]!.fromStartMs <= startMs) return activations[i]!.edges;
  }
  return NO_EDGES;
}

function mismatch(
  slot: { typeMismatch: number; typeMismatchWeight: number },
  counters: StateCounters,
  weight: number,
): void {
  slot.typeMismatch++;
  slot.typeMismatchWeight += weight;
  counters.typeMismatch++;
}

// Read once: called per feature value (see extract/read-prediction.ts on imported bindings).
const recordNumber = NUMERIC_RECORDER.record;

/** The feature kinds. */
export const FEATURE_KINDS: { readonly [K in FeatureKind]: FeatureKindEntry<K> } = {
  numeric: {
    accumulator: NUMERIC_KIND,
    setting: numericEdgesFor,
    observe(slot, v, counters, _caps, weight) {
      if (typeof v === 'number') {
        if (Number.isFinite(v)) {
          recordNumber(slot.acc, v, weight);
          slot.count++;
        } else mismatch(slot, counters, weight); // NaN/Infinity: unusable in every statistic
      } else if (typeof v === 'bigint') {
        recordNumber(slot.acc, Number(v), weight);
        slot.count++;
      } else if (v !== undefined) mismatch(slot, counters, weight);
    },
  },
  categorical: {
    accumulator: CATEGORICAL_KIND,
    setting: () => undefined,
    observe(slot, v, counters, caps, weight) {
      if (typeof v === 'string') {
        if (v === '') return; // empty category: missing
        CATEGORICAL_KIND.forState(slot.acc, caps).record(slot.acc, v, weight);
        slot.count++;
      } else if (typeof v === 'boolean') {
        const category = v ? 'true' : 'false';
        CATEGORICAL_KIND.forState(slot.acc, caps).record(slot.acc, category, weight);
        slot.count++;
      } else if (v !== undefined) mismatch(slot, counters, weight);
    },
  },
};

/** The entry of a slot's kind. */
export function featureKindOf<K extends FeatureKind>(slot: FeatureSlotOf<K>): FeatureKindEntry<K> {
  return FEATURE_KINDS[slot.kind];
}
