import type { GroundTruth } from './types.js';

/**
 * Throws when `truth` carries no outcome at all: neither a label, a value, a label set
 * (multilabel) nor relevant items (ranking). The callers' guard turns it into a `diag` message.
 */
export function checkGroundTruth(predictionId: string, truth: GroundTruth): void {
  if (
    truth.label === undefined &&
    truth.value === undefined &&
    truth.labels === undefined &&
    truth.relevantItems === undefined
  ) {
    throw new TypeError(
      `ground truth for prediction ${predictionId} has neither label, value, labels nor relevantItems`,
    );
  }
}
