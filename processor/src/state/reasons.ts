/**
 * Reasons (values of `mlmon.processor.reason`) for outcomes decided in `state/`.
 */

/** A record stamped further ahead of the receive time than the allowed clock skew. */
export const REJECT_REASON_TIMESTAMP_IN_FUTURE = 'timestamp_in_future';

/** Every reason `state/` rejects a record for. */
export type StateRejectReason = typeof REJECT_REASON_TIMESTAMP_IN_FUTURE;

/** A prediction whose `ml.prediction.id` was already seen: counted once. */
export const DROP_REASON_DUPLICATE_PREDICTION = 'duplicate_prediction';
/** A label for an already labeled prediction, or with an already seen `ml.ground_truth.id`. */
export const DROP_REASON_DUPLICATE_GROUND_TRUTH = 'duplicate_ground_truth';
/** A span-derived prediction for which an `ml.prediction` event exists. */
export const DROP_REASON_SUPERSEDED_BY_EVENT = 'superseded_by_event';
/** A span-derived prediction over the span-candidate cap. */
export const DROP_REASON_SPAN_CANDIDATES_FULL = 'span_candidates_full';

/** Every reason `state/` drops a valid record for. */
export type StateDropReason =
  | typeof DROP_REASON_DUPLICATE_PREDICTION
  | typeof DROP_REASON_DUPLICATE_GROUND_TRUTH
  | typeof DROP_REASON_SUPERSEDED_BY_EVENT
  | typeof DROP_REASON_SPAN_CANDIDATES_FULL;
