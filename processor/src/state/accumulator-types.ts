/**
 * The snapshot types of the streaming accumulators (`state/accumulators/`, issue 3) as
 * `ClosedWindow` carries them. This file is the one place that names them, so that consumers of
 * `ClosedWindow` import these names from `state/types.ts`.
 */
import type { MulticlassMetrics, RegressionMetrics, Maybe } from '../stats/index.js';
import type {
  BinaryOutputsSnapshot,
  CategoricalFeatureSnapshot,
  NumericFeatureSnapshot,
} from './accumulators/index.js';

/**
 * Snapshot of a numeric accumulator (feature values, prediction scores, regression outputs).
 * In a `ClosedWindow` the current and the reference snapshot of a feature have the same
 * `binEdges` (see `align-numeric.ts`), so PSI/JS/Hellinger compare them bin by bin.
 */
export type NumericSnapshot = NumericFeatureSnapshot;

/** Snapshot of a categorical accumulator (feature categories, predicted labels). */
export type CategoricalSnapshot = CategoricalFeatureSnapshot;

/** Snapshot of a binary-classification output accumulator fed with labeled pairs. */
export type BinarySnapshot = BinaryOutputsSnapshot;

/** Snapshot of a multiclass-classification output accumulator fed with labeled pairs. */
export type MulticlassSnapshot = Maybe<MulticlassMetrics>;

/** Snapshot of a regression output accumulator fed with labeled pairs. */
export type RegressionSnapshot = RegressionMetrics;
