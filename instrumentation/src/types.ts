import type { Span, TracerProvider, MeterProvider } from '@opentelemetry/api';
import type { LoggerProvider } from '@opentelemetry/api-logs';
import type { MlGroundTruthSourceValue, MlModelTaskValue } from '@mlmon/conventions';

/** What the model does (`ml.model.task`); the values are the `ML_MODEL_TASK_VALUE_*` constants. */
export type ModelTask = MlModelTaskValue;

/** Who produced a ground-truth label (`ml.ground_truth.source`); `ML_GROUND_TRUTH_SOURCE_VALUE_*`. */
export type GroundTruthSource = MlGroundTruthSourceValue;

/** One feature value as it may appear in `ml.features`. */
export type FeatureValue = string | number | boolean | null;

/** Named features of one row (prediction). */
export type Features = Record<string, FeatureValue>;

/** The model's output for one row, in the terms of the conventions (`ml.prediction.*`). */
export interface PredictionOutput {
  /** Predicted class after the threshold (`ml.prediction.label`). */
  label?: string;
  /** Binary: P(positive class); multiclass: P(predicted label); anomaly: anomaly score. */
  score?: number;
  /** Regression or forecast output (`ml.prediction.value`). */
  value?: number;
  /** Probability vector aligned with `classes` (`ml.prediction.probabilities`). */
  probabilities?: number[];
  /** Decision threshold applied to the score (`ml.prediction.threshold`). */
  threshold?: number;
  /** Position of the item for ranking tasks (`ml.prediction.rank`). */
  rank?: number;
  /** Predicted label set of a multilabel model (`ml.prediction.labels`). */
  labels?: string[];
  /** Item ids of a ranking model, best first (`ml.prediction.ranking`). */
  ranking?: string[];
}

/** Identity of the model that serves the predictions (`ml.model.*`, `ml.provider.name`). */
export interface ModelIdentityConfig {
  /** Registered or logical model name (`ml.model.name`). Required. */
  modelName: string;
  /** Version that actually served the prediction (`ml.model.version`). @default undefined */
  modelVersion?: string;
  /** Deployment alias the caller asked for (`ml.model.alias`). @default undefined */
  modelAlias?: string;
  /** Immutable artifact id (`ml.model.id`; spans and events only). @default undefined */
  modelId?: string;
  /** Framework (`ml.model.framework`), e.g. `onnxruntime`, `sklearn`. @default undefined */
  framework?: string;
  /** Where the model runs (`ml.provider.name`), e.g. `in_process`, `kserve`. @default undefined */
  providerName?: string;
  /** What the model does (`ml.model.task`); decides how outputs are decoded. @default undefined */
  task?: ModelTask;
  /** Ordered class labels (`ml.model.classes`), aligned with probability vectors. @default undefined */
  classes?: readonly string[];
  /** Decision threshold for binary scores (`ml.prediction.threshold`). @default 0.5 */
  threshold?: number;
}

/** Opt-in capture of input features on `ml.prediction` events (privacy: off by default). */
export interface FeatureCaptureConfig {
  /**
   * Put the row's features into `ml.features` on each `ml.prediction` event. Features may hold
   * personal data, so this is off unless enabled here or by the environment variable
   * `OTEL_INSTRUMENTATION_ML_CAPTURE_FEATURES=true`; the environment variable, when set to
   * `true` or `false`, overrides this option so operators can switch capture without a deploy.
   * @default false
   */
  captureFeatures?: boolean;
  /** When set, only these features are captured as-is; every other feature becomes `"__REDACTED__"`. @default undefined */
  featureAllowList?: readonly string[];
  /** Features whose values always become `"__REDACTED__"` (wins over the allow list). @default [] */
  featureDenyList?: readonly string[];
  /** Attach `ml.prediction.probabilities` and `ml.model.classes` to events. @default true */
  captureProbabilities?: boolean;
}

/** Sampling of `ml.prediction` events (spans and metrics are never sampled here). */
export interface EventSamplingConfig {
  /**
   * Probability in (0, 1] with which each row's `ml.prediction` event is emitted. When below 1 the
   * events carry `ml.sampling.probability` so the processor can weight counts by 1/p.
   * @default 1
   */
  eventSamplingProbability?: number;
  /**
   * Decide by a hash of the prediction id instead of a random draw, so every service that sees
   * the same id makes the same decision (and tests are reproducible).
   * @default false
   */
  deterministicSampling?: boolean;
  /** Source of uniform numbers in [0, 1) for random sampling (inject a seeded one in tests). @default Math.random */
  random?: () => number;
}

/** Providers to emit through; the global ones (`trace`, `metrics`, `logs` APIs) when absent. */
export interface TelemetryProvidersConfig {
  /** @default the global tracer provider */
  tracerProvider?: TracerProvider;
  /** @default the global meter provider */
  meterProvider?: MeterProvider;
  /** @default the global logger provider */
  loggerProvider?: LoggerProvider;
  /** Clock for event timestamps, in epoch milliseconds (inject one in tests). @default Date.now */
  now?: () => number;
}

/** Slices (`ml.slice.<key>`) of a row. Keys must be configured and bounded; values low-cardinality. */
export type Slices = Record<string, string>;

/** Everything a {@link ModelMonitor} needs. */
export interface ModelMonitorConfig
  extends ModelIdentityConfig, FeatureCaptureConfig, EventSamplingConfig, TelemetryProvidersConfig {
  /**
   * Feature names whose (stringified) values become `ml.slice.<name>` on spans, events and metrics.
   * Keep them few and low-cardinality.
   * @default []
   */
  sliceKeys?: readonly string[];
}

/** How the features of a call are found: names for array rows, or a function. */
export type FeatureExtractor<TArgs extends unknown[]> =
  readonly string[] | ((...args: TArgs) => Features | readonly Features[] | undefined);

/** Passed to `onPrediction` after each successful call. */
export interface PredictionInfo {
  /** One id per row, in row order (generated with `crypto.randomUUID()` unless given). */
  predictionIds: string[];
  /** The decoded outputs, in row order. */
  outputs: PredictionOutput[];
  /** The `ml.inference` span of the call (already ended). */
  span: Span;
}

/** Options of {@link wrapPredict} / {@link ModelMonitor.wrapPredict}. */
export interface WrapPredictOptions<TArgs extends unknown[], TResult> {
  /**
   * The function scores a batch: its first argument is an array of rows and its result an array
   * (or typed array) of per-row outputs. One `ml.prediction` event per row.
   * @default false
   */
  batch?: boolean;
  /**
   * Features of the row(s). An array of names maps array rows (`[1.2, 'DE']`) to named features;
   * a function returns the features (one object, or one per row for batches). Without it, a
   * plain-object first argument (or each plain-object row of a batch) is taken as the features.
   * @default undefined
   */
  features?: FeatureExtractor<TArgs>;
  /** Call-level slices (e.g. from request attributes), merged with the `sliceKeys` slices. @default undefined */
  slices?: (...args: TArgs) => Slices | undefined;
  /**
   * Prediction id(s) of this call (one per row). Ids are generated with `crypto.randomUUID()`
   * when this returns nothing. @default undefined
   */
  predictionIds?: (...args: TArgs) => string | readonly string[] | undefined;
  /**
   * Maps the function's (awaited) result to per-row outputs. Without it, numbers, strings,
   * probability vectors and `{label, score, value, probabilities}` objects are decoded per `task`.
   * @default undefined
   */
  output?: (
    result: Awaited<TResult>,
    ...args: TArgs
  ) => PredictionOutput | readonly PredictionOutput[];
  /** Called after each successful call with the prediction ids (the way to learn generated ids). @default undefined */
  onPrediction?: (info: PredictionInfo) => void;
}

/** A predicted result together with the ids of its predictions. */
export interface PredictionResult<T> {
  /** Exactly what the wrapped function returned (awaited when it returned a promise). */
  result: T;
  /** One id per row, in row order. */
  predictionIds: string[];
}

/**
 * A wrapped predict function: called directly it returns exactly what the original returns;
 * `withIds` returns the result together with the prediction ids (a promise when the original
 * returned one).
 */
export type WrappedPredict<TArgs extends unknown[], TResult> = ((...args: TArgs) => TResult) & {
  withIds(
    ...args: TArgs
  ): TResult extends PromiseLike<infer U>
    ? Promise<PredictionResult<U>>
    : PredictionResult<TResult>;
};

/**
 * A ground-truth outcome for one prediction (`ml.ground_truth.*`); give a label, a value, or
 * both — or, for multilabel and ranking models, the label set or the relevant items.
 */
export interface GroundTruth {
  /** Actual class (`ml.ground_truth.label`). */
  label?: string;
  /** Actual numeric target (`ml.ground_truth.value`). */
  value?: number;
  /** Multilabel: the true label set (`ml.ground_truth.labels`; empty: no label applies). */
  labels?: string[];
  /** Ranking: the relevant item ids (`ml.ground_truth.relevant_items`). */
  relevantItems?: string[];
  /** Ranking: graded relevance per relevant item (`ml.ground_truth.relevance`). @default 1 each */
  relevance?: number[];
  /** Who produced it (`ml.ground_truth.source`). @default undefined */
  source?: GroundTruthSource;
  /** Idempotency key of this label (`ml.ground_truth.id`); the processor deduplicates by it. @default undefined */
  id?: string;
  /** When the outcome became known. @default now */
  timestamp?: Date;
}
