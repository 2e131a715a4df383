/**
 * The set-valued ground truth of multilabel and ranking models: `ml.ground_truth.labels`,
 * `ml.ground_truth.relevant_items` and the parallel `ml.ground_truth.relevance` grades.
 */
import {
  ATTR_ML_GROUND_TRUTH_LABELS,
  ATTR_ML_GROUND_TRUTH_RELEVANCE,
  ATTR_ML_GROUND_TRUTH_RELEVANT_ITEMS,
} from '@mlmon/conventions';
import type { Attributes } from '../decode/otlp-types.js';
import { readNumberArray, readStringArray } from './any-value.js';
import { REJECT_REASON_INVALID_NUMBER, type RejectReason } from './reasons.js';

/** The set-valued parts of a ground truth; each absent when not sent. */
export interface SetTruth {
  readonly labels?: readonly string[];
  readonly relevantItems?: readonly string[];
  readonly relevance?: readonly number[];
}

/**
 * Reads the set-valued ground truth of `attrs`. Grades that are not finite numbers ≥ 0 reject
 * the label (`invalid_number`); a grade count that differs from the item count is left for the
 * join to count as an unusable pair, since the item list alone is still readable.
 */
export function readSetTruth(attrs: Attributes): SetTruth | RejectReason {
  const labels = readStringArray(attrs[ATTR_ML_GROUND_TRUTH_LABELS]);
  const relevantItems = readStringArray(attrs[ATTR_ML_GROUND_TRUTH_RELEVANT_ITEMS]);
  const relevance = readNumberArray(attrs[ATTR_ML_GROUND_TRUTH_RELEVANCE]);
  if (relevance === null || (relevance !== undefined && !relevance.every((g) => g >= 0))) {
    return REJECT_REASON_INVALID_NUMBER;
  }
  return {
    ...(labels !== undefined ? { labels } : {}),
    ...(relevantItems !== undefined ? { relevantItems } : {}),
    ...(relevance !== undefined ? { relevance } : {}),
  };
}

/** Whether a set truth carries a label set or relevant items. */
export const hasSetTruth = (t: SetTruth): boolean =>
  t.labels !== undefined || t.relevantItems !== undefined;
