/**
 * Streaming accumulators (issue 3 item 3): `create / record / merge / snapshot` plus
 * `toJSON / fromJSON` checkpoints. Each documents its error bound against the exact function of
 * `stats/` and its memory bound.
 */
export { AccumulatorStateError, type Accumulator } from './accumulator.js';
export {
  createQuantileSketch,
  DEFAULT_SKETCH_CAPACITY,
  sketchEcdfError,
  sketchEcdfL1Error,
  sketchFromJSON,
  sketchMerge,
  sketchRecord,
  sketchToJSON,
  sketchItemCount,
  sketchTrim,
  sketchTrimInto,
  sketchWeightedSorted,
  type QuantileSketch,
  type QuantileSketchJson,
} from './quantile-sketch.js';
export {
  createMoments,
  momentsFromJSON,
  momentsMerge,
  momentsRecord,
  momentsStd,
  momentsToJSON,
  type Moments,
  type MomentsJson,
} from './moments.js';
export {
  numericFeatureAccumulator,
  packedNumericLength,
  packedDataLength,
  packNumericInto,
  packValuesInto,
  sealedNumericState,
  trimNumericFeature,
  reserveNumericValues,
  sortNumericFeatureValues,
  trimNumericFeatures,
  type FeatureObservation,
  type NumericFeatureJson,
  type NumericFeatureOptions,
  type NumericFeatureSnapshot,
  type NumericFeatureState,
} from './numeric-feature.js';
export {
  estimateNumericDrift,
  referenceFromSnapshot,
  type BoundedEstimate,
  type NumericDriftEstimate,
  type NumericReferenceSummary,
} from './numeric-drift-estimate.js';
export {
  categoricalFeatureAccumulator,
  DEFAULT_CATEGORY_CAP,
  OVERFLOW_CATEGORY,
  type CategoricalFeatureJson,
  type CategoricalFeatureOptions,
  type CategoricalFeatureSnapshot,
  type CategoricalFeatureState,
} from './categorical-feature.js';
export {
  binaryOutputsAccumulator,
  trimBinaryOutputs,
  type BinaryObservation,
  type BinaryOutputsJson,
  type BinaryOutputsOptions,
  type BinaryOutputsSnapshot,
  type BinaryOutputsState,
} from './binary-outputs.js';
export {
  multiclassOutputsAccumulator,
  type MulticlassObservation,
  type MulticlassOutputsJson,
  type MulticlassOutputsSnapshot,
  type MulticlassOutputsState,
} from './multiclass-outputs.js';
export {
  regressionOutputsAccumulator,
  type RegressionObservation,
  type RegressionOutputsJson,
  type RegressionOutputsSnapshot,
  type RegressionOutputsState,
} from './regression-outputs.js';
export {
  multilabelOutputsAccumulator,
  type LabelCounts,
  type LabelRow,
  type MultilabelObservation,
  type MultilabelOutputsJson,
  type MultilabelOutputsOptions,
  type MultilabelOutputsState,
  type MultilabelSnapshot,
} from './multilabel-outputs.js';
export {
  rankingOutputsAccumulator,
  type RankingObservation,
  type RankingOutputsJson,
  type RankingOutputsState,
  type RankingSnapshot,
} from './ranking-outputs.js';
