/**
 * The ML records that `extract/` derives from decoded OTLP requests, and what it reports about
 * the records it could not use. `state/` consumes these records; nothing here knows about
 * windows, streams or joins.
 */
import type { Attributes } from '../decode/otlp-types.js';
import type { RejectReason, DropReason } from './reasons.js';

/**
 * The identifying attributes of the source resource that the exporter keeps on its output
 * (so that model signals join infrastructure signals on `service.*`). Per-pod attributes
 * (`service.instance.id`, `host.name`, `k8s.pod.*`) are deliberately left out: they would
 * multiply the output series and break the single-writer rule.
 */
export interface ResourceIdentity {
  /** Attribute key → value, only the identifying keys that were present, in a fixed key order. */
  readonly attributes: Readonly<Record<string, string>>;
  /** NUL-joined `key=value` pairs; equal identities have equal keys (`''` when empty). */
  readonly key: string;
}

/** One slice dimension of a record: the part after `ml.slice.` and its value as a string. */
export type SliceEntry = readonly [key: string, value: string];

/** Where a prediction came from; an event supersedes a span that describes the same prediction. */
export type PredictionSource = 'event' | 'span';

/** One prediction (one row), from an `ml.prediction` event or an `ml.inference` span. */
export interface PredictionRecord {
  readonly type: 'prediction';
  readonly source: PredictionSource;
  /** Prediction time (event time), milliseconds since the epoch (may be fractional). */
  readonly timeMs: number;
  readonly model: string;
  /** `ml.model.version`, `''` when the producer did not know it. */
  readonly version: string;
  /** `ml.model.task` as sent (validated later against the conventions enum), if any. */
  readonly task: string | undefined;
  /** `ml.prediction.id`, the ground-truth join key, if any. */
  readonly predictionId: string | undefined;
  /**
   * Trace and span id of the span the prediction belongs to (`traceId:spanId`), `''` if none.
   * An event emitted inside an `ml.inference` span supersedes that span even without an id.
   */
  readonly spanKey: string;
  /** Slice entries sorted by key (empty when the record has no `ml.slice.*` attribute). */
  readonly slices: readonly SliceEntry[];
  /**
   * The `ml.features` map as decoded (not copied, to avoid per-record churn); `undefined` when
   * the record carries no features. Values are any AnyValue; `state/` decides their kind.
   */
  readonly features: Attributes | undefined;
  readonly label: string | undefined;
  readonly score: number | undefined;
  readonly value: number | undefined;
  readonly probabilities: readonly number[] | undefined;
  readonly classes: readonly string[] | undefined;
  readonly threshold: number | undefined;
  /** Weight of this row, 1 / `ml.sampling.probability` (1 when not sampled). */
  readonly weight: number;
  readonly resource: ResourceIdentity;
  /** `ml.prediction.labels`: the predicted label set of a multilabel model. */
  readonly labels?: readonly string[] | undefined;
  /** `ml.prediction.ranking`: item ids of a ranking model, best first. */
  readonly ranking?: readonly string[] | undefined;
  /** `ml.ranking.k`: the cut-off of the ranking metrics this prediction asks for. */
  readonly rankingK?: number | undefined;
}

/** One label, from an `ml.ground_truth` event. */
export interface GroundTruthRecord {
  readonly type: 'ground_truth';
  /** When the outcome became known, milliseconds since the epoch. */
  readonly timeMs: number;
  /** The prediction this label belongs to (`ml.prediction.id`). */
  readonly predictionId: string;
  /** `ml.ground_truth.id`, the producer's idempotency key, if any. */
  readonly groundTruthId: string | undefined;
  /** `ml.ground_truth.label`. */
  readonly label: string | undefined;
  /** `ml.ground_truth.value`. */
  readonly value: number | undefined;
  /** `ml.ground_truth.labels`: the true label set of a multilabel prediction. */
  readonly labels?: readonly string[] | undefined;
  /** `ml.ground_truth.relevant_items`: the relevant items of a ranking query. */
  readonly relevantItems?: readonly string[] | undefined;
  /** `ml.ground_truth.relevance`: graded relevance, parallel to `relevantItems`. */
  readonly relevance?: readonly number[] | undefined;
  /** `ml.ground_truth.source` as sent, if any. */
  readonly source: string | undefined;
  /** Model name and version when the producer sent them (the join works without). */
  readonly model: string | undefined;
  readonly version: string | undefined;
  readonly resource: ResourceIdentity;
}

/**
 * One `gen_ai.evaluation.result` event: an evaluator's verdict on one response. It attaches to
 * the response by `gen_ai.response.id`, or else by the span it was emitted in (the GenAI
 * operation span it evaluates, as the GenAI conventions advise parenting it).
 */
export interface EvaluationRecord {
  readonly type: 'evaluation';
  /** Event time, milliseconds since the epoch. */
  readonly timeMs: number;
  /** `gen_ai.evaluation.name` (required by the conventions). */
  readonly name: string;
  /** `gen_ai.response.id`, if any. */
  readonly responseId: string | undefined;
  /** `traceId:spanId` of the span the event was emitted in, `''` if none. */
  readonly spanKey: string;
  /** `gen_ai.evaluation.score.label`, if any. */
  readonly label: string | undefined;
  /** `gen_ai.evaluation.score.value`, if any. */
  readonly value: number | undefined;
  readonly resource: ResourceIdentity;
}

/** Token counts of one GenAI call (`gen_ai.usage.*`), each `undefined` when not sent. */
export interface GenAiTokens {
  readonly input: number | undefined;
  readonly output: number | undefined;
  readonly cacheRead: number | undefined;
  readonly cacheCreation: number | undefined;
  readonly reasoning: number | undefined;
}

/** One GenAI client call, from a span with `gen_ai.operation.name`. */
export interface GenAiCallRecord {
  readonly type: 'genai_call';
  /** Span start (receive time if unset), milliseconds since the epoch. */
  readonly timeMs: number;
  /** `gen_ai.request.model` (else the response model): the stream's `ml.model.name`. */
  readonly model: string;
  /** `''` unless the span also set `ml.model.version`. */
  readonly version: string;
  readonly slices: readonly SliceEntry[];
  /** `gen_ai.operation.name`. */
  readonly operation: string;
  /** `gen_ai.provider.name`, if any. */
  readonly provider: string | undefined;
  /** `gen_ai.response.model`, if any. */
  readonly responseModel: string | undefined;
  /** `gen_ai.response.id`, if any: evaluations attach by it. */
  readonly responseId: string | undefined;
  /** end − start, seconds; `undefined` when the span's start or end time is unset. */
  readonly durationSeconds: number | undefined;
  /** `gen_ai.response.time_to_first_chunk` (streaming calls), seconds. */
  readonly timeToFirstChunkSeconds: number | undefined;
  readonly tokens: GenAiTokens;
  /** `gen_ai.response.finish_reasons` (one per choice). */
  readonly finishReasons: readonly string[];
  /** `error.type` of a failed call (`_OTHER` when status ERROR names none). */
  readonly errorType: string | undefined;
  /** `traceId:spanId`: evaluations emitted in the span attach by it. */
  readonly spanKey: string;
  readonly resource: ResourceIdentity;
}

/**
 * One data point of the instrumentation's `ml.inference.score` histogram, as sent. Deltas of
 * cumulative series are taken in `state/` (it remembers the previous point of each series).
 */
export interface ScoreHistogramRecord {
  readonly type: 'score_histogram';
  /** End of the point's interval, milliseconds since the epoch. */
  readonly timeMs: number;
  /** Start of the point's interval (the series' start for cumulative points), ms. */
  readonly startTimeMs: number;
  /** True for cumulative temporality; delta points are taken as they are. */
  readonly cumulative: boolean;
  readonly model: string;
  readonly version: string;
  readonly slices: readonly SliceEntry[];
  /** `ml.prediction.label` on the point, if any (classification only). */
  readonly label: string | undefined;
  /** Identifies the series among others of the same resource: NUL-joined sorted attributes. */
  readonly seriesKey: string;
  readonly explicitBounds: readonly number[];
  readonly bucketCounts: readonly number[];
  readonly count: number;
  readonly sum: number | undefined;
  readonly resource: ResourceIdentity;
}

/**
 * One inference call from an `ml.inference` span (predict operations, single or batch, failed
 * or not): the service SLIs' input.
 */
export interface InferenceRecord {
  readonly type: 'inference';
  /** Span start (receive time if unset), milliseconds since the epoch: the call's window. */
  readonly timeMs: number;
  readonly model: string;
  readonly version: string;
  readonly slices: readonly SliceEntry[];
  /** end − start, seconds; `undefined` when the span's start or end time is unset. */
  readonly durationSeconds: number | undefined;
  /** `error.type` of a failed call (`_OTHER` when status ERROR names none); `undefined` if it succeeded. */
  readonly errorType: string | undefined;
  /** 1 / `ml.sampling.probability` (1 when absent). */
  readonly weight: number;
  /** `traceId:spanId` (hex) of the span: the call's example request. */
  readonly spanKey: string;
  /**
   * Whether this call is what its span counts as in the accepted/late record counts: true for a
   * failed call (the span yields nothing else), false when the span also yields a prediction or
   * is dropped as a batch (so one span is counted once).
   */
  readonly countsAsRecord: boolean;
  readonly resource: ResourceIdentity;
}

/**
 * One data point of the instrumentation's `ml.inference.duration` histogram (calls and their
 * latencies when an app sends only metrics); deltas of cumulative series are taken in `state/`.
 */
export interface DurationHistogramRecord extends Omit<ScoreHistogramRecord, 'type' | 'label'> {
  readonly type: 'duration_histogram';
  /** `error.type` on the point: its calls failed. */
  readonly errorType: string | undefined;
}

/** What a point of the GenAI client metrics measures. */
export type GenAiMeasure = 'duration' | 'input_tokens' | 'output_tokens' | 'time_to_first_chunk';

/**
 * One data point of the OTel GenAI client metrics (`gen_ai.client.operation.duration`,
 * `gen_ai.client.token.usage`, `gen_ai.client.operation.time_to_first_chunk`): what a window of a
 * GenAI model reports when the app sends these metrics and no GenAI spans. Deltas of cumulative
 * series are taken in `state/`.
 */
export interface GenAiHistogramRecord extends Omit<ScoreHistogramRecord, 'type' | 'label'> {
  readonly type: 'genai_histogram';
  readonly measure: GenAiMeasure;
  /** `error.type` on a duration point: its calls failed. */
  readonly errorType: string | undefined;
  readonly provider: string | undefined;
  readonly operation: string | undefined;
  readonly responseModel: string | undefined;
}

/** Any record `extract/` produces. */
export type MlRecord =
  | PredictionRecord
  | GroundTruthRecord
  | EvaluationRecord
  | GenAiCallRecord
  | ScoreHistogramRecord
  | InferenceRecord
  | DurationHistogramRecord
  | GenAiHistogramRecord;

/** Counts by reason. */
export type ReasonCounts<R extends string> = Partial<Record<R, number>>;

/** What one request yielded. */
export interface ExtractResult {
  /** Usable records in request order. */
  readonly records: MlRecord[];
  /**
   * Records that look like ML telemetry but are invalid (partial success: the sender should
   * know), by reason.
   */
  readonly rejected: ReasonCounts<RejectReason>;
  /** Sum of `rejected`, for `partial_success.rejected_*`. */
  readonly rejectedTotal: number;
  /** Valid records that mlmon does not use (not an error of the sender), by reason. */
  readonly dropped: ReasonCounts<DropReason>;
}
