/**
 * The snapshot types of the streaming accumulators (`state/accumulators/`, issue 3) as
 * `ClosedWindow` carries them. Until those modules land these are opaque; this file is the one
 * place re-pointed to their exported snapshot types, so that consumers of `ClosedWindow` keep
 * importing these names from `state/types.ts`.
 */

/** Snapshot of a numeric accumulator (feature values, prediction scores, regression outputs). */
export type NumericSnapshot = unknown;

/** Snapshot of a categorical accumulator (feature categories, predicted labels). */
export type CategoricalSnapshot = unknown;

/** Snapshot of a binary-classification output accumulator fed with labeled pairs. */
export type BinarySnapshot = unknown;

/** Snapshot of a multiclass-classification output accumulator fed with labeled pairs. */
export type MulticlassSnapshot = unknown;

/** Snapshot of a regression output accumulator fed with labeled pairs. */
export type RegressionSnapshot = unknown;
