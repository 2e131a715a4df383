/**
 * Reasons (values of `mlmon.processor.reason`) for which `extract/` rejects or drops a record.
 * Rejected records are reported back to the sender in `partial_success`; dropped ones are valid
 * telemetry that mlmon does not use, and only show up in self-telemetry.
 */

/** An ML record without `ml.model.name` (predictions and score histograms need it). */
export const REJECT_REASON_MISSING_MODEL_NAME = 'missing_model_name';
/** A ground-truth record without `ml.prediction.id`: it cannot join. */
export const REJECT_REASON_MISSING_PREDICTION_ID = 'missing_prediction_id';
/** A ground-truth record with neither a label nor a value. */
export const REJECT_REASON_MISSING_GROUND_TRUTH = 'missing_ground_truth';
/** A `gen_ai.evaluation.result` event without `gen_ai.evaluation.name` (the conventions require it). */
export const REJECT_REASON_MISSING_EVALUATION_NAME = 'missing_evaluation_name';
/**
 * A `gen_ai.evaluation.result` event with neither `gen_ai.response.id` nor a span context: it
 * cannot attach to a response.
 */
export const REJECT_REASON_MISSING_RESPONSE_ID = 'missing_response_id';
/** A number attribute (score, value, threshold, probabilities) that is not a finite number. */
export const REJECT_REASON_INVALID_NUMBER = 'invalid_number';
/** `ml.sampling.probability` outside (0, 1]. */
export const REJECT_REASON_INVALID_SAMPLING_PROBABILITY = 'invalid_sampling_probability';
/** An `ml.inference.score` metric that is not an explicit-bucket histogram, or a malformed point. */
export const REJECT_REASON_INVALID_HISTOGRAM = 'invalid_histogram';

/** A `gen_ai.client.token.usage` point whose `gen_ai.token.type` is neither `input` nor `output`. */
export const REJECT_REASON_INVALID_TOKEN_TYPE = 'invalid_token_type';

/**
 * An `ml.inference` span whose end precedes its start (or lacks either), or an
 * `ml.inference.duration` point with a negative or non-finite sum: no latency can be taken.
 */
export const REJECT_REASON_INVALID_DURATION = 'invalid_duration';

/** Every reason `extract/` may reject a record for. */
export type RejectReason =
  | typeof REJECT_REASON_MISSING_MODEL_NAME
  | typeof REJECT_REASON_MISSING_PREDICTION_ID
  | typeof REJECT_REASON_MISSING_GROUND_TRUTH
  | typeof REJECT_REASON_MISSING_EVALUATION_NAME
  | typeof REJECT_REASON_MISSING_RESPONSE_ID
  | typeof REJECT_REASON_INVALID_NUMBER
  | typeof REJECT_REASON_INVALID_SAMPLING_PROBABILITY
  | typeof REJECT_REASON_INVALID_HISTOGRAM
  | typeof REJECT_REASON_INVALID_TOKEN_TYPE
  | typeof REJECT_REASON_INVALID_DURATION;

/**
 * An `ml.inference` span that scored several rows: its outputs cannot be attributed per row (its
 * call still feeds the service SLIs).
 */
export const DROP_REASON_BATCH_SPAN = 'batch_span';

/** Every reason `extract/` may drop a valid record for. */
export type DropReason = typeof DROP_REASON_BATCH_SPAN;
