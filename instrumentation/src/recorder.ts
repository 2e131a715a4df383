/**
 * Emits the telemetry of one inference call: the `ml.inference` span, the instrumentation
 * metrics and one `ml.prediction` event per (sampled) row, inside the span's context. Shared by
 * `wrapPredict`, the onnxruntime-node instrumentation and the OIP proxy, so all three emit the
 * same shapes.
 */
import {
  context as contextApi,
  metrics,
  SpanKind,
  SpanStatusCode,
  trace,
  ValueType,
  type Attributes,
  type Context,
  type Counter,
  type UpDownCounter,
  type Histogram,
  type Meter,
  type MeterProvider,
  type MetricOptions,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { logs, SeverityNumber, type LogAttributes, type Logger } from '@opentelemetry/api-logs';
import {
  ATTR_ERROR_TYPE,
  ATTR_ML_FEATURES,
  ATTR_ML_GROUND_TRUTH_ID,
  ATTR_ML_GROUND_TRUTH_LABEL,
  ATTR_ML_GROUND_TRUTH_LABELS,
  ATTR_ML_GROUND_TRUTH_RELEVANCE,
  ATTR_ML_GROUND_TRUTH_RELEVANT_ITEMS,
  ATTR_ML_GROUND_TRUTH_SOURCE,
  ATTR_ML_GROUND_TRUTH_VALUE,
  ATTR_ML_MODEL_ALIAS,
  ATTR_ML_MODEL_CLASSES,
  ATTR_ML_MODEL_FRAMEWORK,
  ATTR_ML_MODEL_ID,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_TASK,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_OPERATION_NAME,
  ATTR_ML_PREDICTION_COUNT,
  ATTR_ML_PREDICTION_ID,
  ATTR_ML_PREDICTION_LABEL,
  ATTR_ML_PREDICTION_PROBABILITIES,
  ATTR_ML_PREDICTION_RANK,
  ATTR_ML_PREDICTION_LABELS,
  ATTR_ML_PREDICTION_RANKING,
  ATTR_ML_PREDICTION_SCORE,
  ATTR_ML_PREDICTION_THRESHOLD,
  ATTR_ML_PREDICTION_VALUE,
  ATTR_ML_PROVIDER_NAME,
  ATTR_ML_SAMPLING_PROBABILITY,
  DESCRIPTOR_ML_GROUND_TRUTH_RECEIVED,
  DESCRIPTOR_ML_INFERENCE_ACTIVE_REQUESTS,
  DESCRIPTOR_ML_INFERENCE_DURATION,
  DESCRIPTOR_ML_INFERENCE_PREDICTIONS,
  DESCRIPTOR_ML_INFERENCE_SCORE,
  DESCRIPTOR_ML_INFERENCE_VALUE,
  EVENT_ML_GROUND_TRUTH,
  EVENT_ML_PREDICTION,
  ML_OPERATION_NAME_VALUE_PREDICT,
} from '@mlmon/conventions';
import { isClassificationTask } from './decode-output.js';
import type { PredictionRow, ResolvedModel } from './internal-types.js';
import type { FeatureRedactor } from './redaction.js';
import { RowAttributeCache, sliceKeyName, type RowAttributeSet } from './row-attribute-cache.js';
import type { EventSampler } from './sampling.js';
import type { GroundTruth, Slices, TelemetryProvidersConfig } from './types.js';

/** Instrumentation scope name of everything this package emits. */
export const INSTRUMENTATION_SCOPE_NAME = '@mlmon/instrumentation';
/** Instrumentation scope version (the package version). */
export const INSTRUMENTATION_SCOPE_VERSION = '0.1.0';

/** The part of a conventions metric descriptor the recorder reads. */
interface MetricDescriptorLike {
  name: string;
  brief?: string;
  unit?: string;
  valueType?: string;
  advice?: { explicitBucketBoundaries?: readonly number[] };
}

/** Instrument options from a conventions descriptor (unit, description, bucket advice). */
export function metricOptionsFrom(descriptor: MetricDescriptorLike): MetricOptions {
  const options: MetricOptions = {};
  if (descriptor.brief !== undefined) options.description = descriptor.brief;
  if (descriptor.unit !== undefined) options.unit = descriptor.unit;
  options.valueType = descriptor.valueType === 'int' ? ValueType.INT : ValueType.DOUBLE;
  const buckets = descriptor.advice?.explicitBucketBoundaries;
  if (buckets) options.advice = { explicitBucketBoundaries: [...buckets] };
  return options;
}

interface Instruments {
  duration: Histogram;
  predictions: Counter;
  score: Histogram;
  value: Histogram;
  groundTruthReceived: Counter;
  activeRequests: UpDownCounter;
}

/** Options of {@link InferenceRecorder}. */
export interface InferenceRecorderOptions extends TelemetryProvidersConfig {
  redactor: FeatureRedactor;
  sampler: EventSampler;
  /** @default true */
  captureProbabilities?: boolean;
}

/** An inference call in flight. */
export interface InferenceScope {
  span: Span;
  /** The attributes the call was counted in progress under (the decrement uses the same). */
  activeAttributes: Attributes;
  /** The active context with the span set; events are emitted inside it. */
  context: Context;
  startMillis: number;
  /** Attributes such as `server.address`/`server.port` that also go on the duration metric. */
  extraAttributes: Attributes;
}

/** Options of {@link InferenceRecorder.start}. */
export interface StartOptions {
  /** @default SpanKind.INTERNAL */
  kind?: SpanKind;
  /** @default the active context */
  parentContext?: Context;
  /** Extra span and duration-metric attributes (e.g. `server.address`, `server.port`). */
  extraAttributes?: Attributes;
}

/** The shared empty `extraAttributes` (compared by identity; never mutated). */
const NO_ATTRIBUTES: Attributes = Object.freeze({}) as Attributes;

/** Sets the defined entries of `source` on `target`. */
function assignDefined(
  target: Attributes,
  source: Record<string, Attributes[string] | undefined>,
): Attributes {
  // for-in instead of Object.entries: this runs several times per row and entries() allocates.
  for (const k in source) {
    const v = source[k];
    if (v !== undefined) target[k] = v;
  }
  return target;
}

/** `error.type` of a thrown value: the error class name, or `_OTHER` for non-errors. */
export function errorTypeOf(error: unknown): string {
  if (error instanceof Error) {
    const ctorName = error.constructor?.name;
    return ctorName && ctorName !== 'Error' ? ctorName : error.name || 'Error';
  }
  return '_OTHER';
}

/** Slice attributes `ml.slice.<key>`. */
export function sliceAttributes(slices: Slices): Attributes {
  const out: Attributes = {};
  for (const k in slices) out[sliceKeyName(k)] = slices[k];
  return out;
}

/** The slices every row agrees on (the span- and call-level slices). Never mutate the result. */
export function commonSlices(rows: readonly PredictionRow[]): Slices {
  const first = rows[0];
  if (!first) return {};
  if (rows.length === 1) return first.slices;
  const out: Slices = {};
  for (const [k, v] of Object.entries(first.slices)) {
    if (rows.every((r) => r.slices[k] === v)) out[k] = v;
  }
  return out;
}

/** Emits spans, metrics and events for inference calls. */
export class InferenceRecorder {
  private readonly options: InferenceRecorderOptions;
  private instruments: Instruments | undefined;
  private instrumentsProvider: MeterProvider | undefined;
  private tracerCache: Tracer | undefined;
  private loggerCache: Logger | undefined;
  private readonly rowAttributes = new RowAttributeCache();
  private spanNameModel: ResolvedModel | undefined;
  private activeFor: ResolvedModel | undefined;
  private activeSet: Attributes | undefined;
  private spanNameFor: string | undefined;
  private spanName: string | undefined;

  constructor(options: InferenceRecorderOptions) {
    this.options = options;
  }

  private get tracer(): Tracer {
    // The global API hands out proxy tracers, so caching is safe even before the SDK starts.
    this.tracerCache ??= (this.options.tracerProvider ?? trace.getTracerProvider()).getTracer(
      INSTRUMENTATION_SCOPE_NAME,
      INSTRUMENTATION_SCOPE_VERSION,
    );
    return this.tracerCache;
  }

  private get logger(): Logger {
    // The global API returns a proxy logger that delegates once an SDK registers, so the
    // logger is cached either way.
    this.loggerCache ??= (this.options.loggerProvider ?? logs.getLoggerProvider()).getLogger(
      INSTRUMENTATION_SCOPE_NAME,
      INSTRUMENTATION_SCOPE_VERSION,
    );
    return this.loggerCache;
  }

  private getInstruments(): Instruments {
    // The global metrics API hands out no-op meters until an SDK registers, so the instruments
    // are rebuilt whenever the provider behind them changes (e.g. after a late SDK start).
    const provider: MeterProvider = this.options.meterProvider ?? metrics.getMeterProvider();
    if (this.instruments && this.instrumentsProvider === provider) return this.instruments;
    const meter: Meter = provider.getMeter(
      INSTRUMENTATION_SCOPE_NAME,
      INSTRUMENTATION_SCOPE_VERSION,
    );
    const instruments: Instruments = {
      duration: meter.createHistogram(
        DESCRIPTOR_ML_INFERENCE_DURATION.name,
        metricOptionsFrom(DESCRIPTOR_ML_INFERENCE_DURATION),
      ),
      predictions: meter.createCounter(
        DESCRIPTOR_ML_INFERENCE_PREDICTIONS.name,
        metricOptionsFrom(DESCRIPTOR_ML_INFERENCE_PREDICTIONS),
      ),
      score: meter.createHistogram(
        DESCRIPTOR_ML_INFERENCE_SCORE.name,
        metricOptionsFrom(DESCRIPTOR_ML_INFERENCE_SCORE),
      ),
      value: meter.createHistogram(
        DESCRIPTOR_ML_INFERENCE_VALUE.name,
        metricOptionsFrom(DESCRIPTOR_ML_INFERENCE_VALUE),
      ),
      groundTruthReceived: meter.createCounter(
        DESCRIPTOR_ML_GROUND_TRUTH_RECEIVED.name,
        metricOptionsFrom(DESCRIPTOR_ML_GROUND_TRUTH_RECEIVED),
      ),
      activeRequests: meter.createUpDownCounter(
        DESCRIPTOR_ML_INFERENCE_ACTIVE_REQUESTS.name,
        metricOptionsFrom(DESCRIPTOR_ML_INFERENCE_ACTIVE_REQUESTS),
      ),
    };
    this.instruments = instruments;
    this.instrumentsProvider = provider;
    return instruments;
  }

  /** Starts the `ml.inference` span (`predict {model}`). */
  start(model: ResolvedModel, options?: StartOptions): InferenceScope {
    const parent = options?.parentContext ?? contextApi.active();
    const attributes: Attributes = {
      [ATTR_ML_OPERATION_NAME]: ML_OPERATION_NAME_VALUE_PREDICT,
      [ATTR_ML_MODEL_NAME]: model.name,
    };
    // Direct ifs rather than a literal of maybe-undefined values: this runs on every call.
    if (model.version !== undefined) attributes[ATTR_ML_MODEL_VERSION] = model.version;
    if (model.alias !== undefined) attributes[ATTR_ML_MODEL_ALIAS] = model.alias;
    if (model.task !== undefined) attributes[ATTR_ML_MODEL_TASK] = model.task;
    if (model.framework !== undefined) attributes[ATTR_ML_MODEL_FRAMEWORK] = model.framework;
    if (model.providerName !== undefined) attributes[ATTR_ML_PROVIDER_NAME] = model.providerName;
    if (model.id !== undefined) attributes[ATTR_ML_MODEL_ID] = model.id;
    const extra = options?.extraAttributes;
    if (extra) Object.assign(attributes, extra);
    const span = this.tracer.startSpan(
      model === this.spanNameModel && model.name === this.spanNameFor
        ? (this.spanName as string)
        : this.spanNameOf(model),
      { kind: options?.kind ?? SpanKind.INTERNAL, attributes },
      parent,
    );
    const active = this.activeAttributesOf(model);
    this.getInstruments().activeRequests.add(1, active);
    return {
      span,
      activeAttributes: active,
      context: trace.setSpan(parent, span),
      startMillis: performance.now(),
      extraAttributes: extra ? { ...extra } : NO_ATTRIBUTES,
    };
  }

  /** Name and version of the in-progress gauge, one object per model (it runs on every call). */
  private activeAttributesOf(model: ResolvedModel): Attributes {
    if (this.activeFor !== model) {
      this.activeFor = model;
      this.activeSet = assignDefined(
        { [ATTR_ML_MODEL_NAME]: model.name },
        { [ATTR_ML_MODEL_VERSION]: model.version },
      );
    }
    return this.activeSet!;
  }

  /** `predict {model.name}`, remembered for the last model (the usual case is one model). */
  private spanNameOf(model: ResolvedModel): string {
    this.spanNameModel = model;
    this.spanNameFor = model.name;
    this.spanName = `${ML_OPERATION_NAME_VALUE_PREDICT} ${model.name}`;
    return this.spanName;
  }

  /** Base metric attributes: model identity and slices. */
  private modelMetricAttributes(
    model: ResolvedModel,
    slices: Slices,
    withTask: boolean,
  ): Attributes {
    const attributes = assignDefined(
      { [ATTR_ML_MODEL_NAME]: model.name },
      {
        [ATTR_ML_MODEL_VERSION]: model.version,
        [ATTR_ML_MODEL_TASK]: withTask ? model.task : undefined,
      },
    );
    return Object.assign(attributes, sliceAttributes(slices));
  }

  /** Label as a metric attribute only when it is bounded (classification with known classes). */
  private boundedLabel(model: ResolvedModel, label: string | undefined): string | undefined {
    if (label === undefined || !isClassificationTask(model.task)) return undefined;
    if (model.classes && !model.classes.includes(label)) return undefined;
    return label;
  }

  /**
   * Updates the model identity on a running span (e.g. the version learned from a response).
   * Must be called before {@link succeed}/{@link fail}.
   */
  updateModel(scope: InferenceScope, model: ResolvedModel): void {
    scope.span.updateName(`${ML_OPERATION_NAME_VALUE_PREDICT} ${model.name}`);
    scope.span.setAttributes(
      assignDefined(
        { [ATTR_ML_MODEL_NAME]: model.name },
        { [ATTR_ML_MODEL_VERSION]: model.version, [ATTR_ML_MODEL_TASK]: model.task },
      ),
    );
  }

  /** Ends a successful call: span attributes, metrics, and the sampled events. */
  succeed(scope: InferenceScope, model: ResolvedModel, rows: readonly PredictionRow[]): void {
    const seconds = (performance.now() - scope.startMillis) / 1000;
    const { span } = scope;
    const only = rows.length === 1 ? rows[0] : undefined;
    // One row (the usual call): its attribute set serves the span, the call metric and the row.
    const onlySet = only
      ? this.rowAttributes.get(model, only.slices, this.boundedLabel(model, only.output.label))
      : undefined;
    const callSet = onlySet ?? this.rowAttributes.get(model, commonSlices(rows), undefined);
    span.setAttribute(ATTR_ML_PREDICTION_COUNT, rows.length);
    span.setAttributes(callSet.slices);
    if (only) {
      const o = only.output;
      span.setAttribute(ATTR_ML_PREDICTION_ID, only.id);
      if (o.label !== undefined) span.setAttribute(ATTR_ML_PREDICTION_LABEL, o.label);
      if (o.score !== undefined) span.setAttribute(ATTR_ML_PREDICTION_SCORE, o.score);
      if (o.value !== undefined) span.setAttribute(ATTR_ML_PREDICTION_VALUE, o.value);
    }
    span.end();

    const instruments = this.getInstruments();
    instruments.activeRequests.add(-1, scope.activeAttributes);
    instruments.duration.record(
      seconds,
      scope.extraAttributes === NO_ATTRIBUTES
        ? callSet.duration
        : { ...callSet.duration, ...scope.extraAttributes },
    );
    for (const row of rows) {
      const set =
        onlySet ??
        this.rowAttributes.get(model, row.slices, this.boundedLabel(model, row.output.label));
      instruments.predictions.add(1, set.predictions);
      const { score, value } = row.output;
      if (score !== undefined && Number.isFinite(score)) instruments.score.record(score, set.score);
      if (value !== undefined && Number.isFinite(value)) instruments.value.record(value, set.value);
    }
    this.emitPredictionEvents(scope, model, rows, onlySet);
  }

  /** Ends a failed call: error status, `error.type` on the span and metrics. */
  fail(
    scope: InferenceScope,
    model: ResolvedModel,
    error: unknown,
    rowCount: number,
    slices: Slices = {},
  ): void {
    this.failWithType(scope, model, errorTypeOf(error), rowCount, slices, error);
  }

  /** Like {@link fail} with an explicit `error.type` (e.g. an HTTP status code). */
  failWithType(
    scope: InferenceScope,
    model: ResolvedModel,
    errorType: string,
    rowCount: number,
    slices: Slices = {},
    error?: unknown,
  ): void {
    const seconds = (performance.now() - scope.startMillis) / 1000;
    const { span } = scope;
    span.setAttribute(ATTR_ERROR_TYPE, errorType);
    if (rowCount > 0) span.setAttribute(ATTR_ML_PREDICTION_COUNT, rowCount);
    span.setAttributes(sliceAttributes(slices));
    if (error instanceof Error) span.recordException(error);
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message: error instanceof Error ? error.message : undefined,
    });
    span.end();
    const instruments = this.getInstruments();
    instruments.activeRequests.add(-1, scope.activeAttributes);
    const attributes = {
      ...this.modelMetricAttributes(model, slices, true),
      [ATTR_ERROR_TYPE]: errorType,
    };
    instruments.duration.record(seconds, {
      ...attributes,
      [ATTR_ML_OPERATION_NAME]: ML_OPERATION_NAME_VALUE_PREDICT,
      ...scope.extraAttributes,
    });
    if (rowCount > 0) instruments.predictions.add(rowCount, attributes);
  }

  private emitPredictionEvents(
    scope: InferenceScope,
    model: ResolvedModel,
    rows: readonly PredictionRow[],
    onlySet: RowAttributeSet | undefined,
  ): void {
    const { sampler, redactor } = this.options;
    const captureProbabilities = this.options.captureProbabilities ?? true;
    const logger = this.logger;
    const timestamp = this.options.now ? this.options.now() : Date.now();
    const sampling = sampler.probability < 1 ? sampler.probability : undefined;
    for (const row of rows) {
      if (!sampler.shouldSample(row.id)) continue;
      const o = row.output;
      // Direct ifs rather than a literal of maybe-undefined values: this runs for every row.
      const attributes: LogAttributes = {
        [ATTR_ML_PREDICTION_ID]: row.id,
        [ATTR_ML_MODEL_NAME]: model.name,
      };
      if (model.version !== undefined) attributes[ATTR_ML_MODEL_VERSION] = model.version;
      if (model.task !== undefined) attributes[ATTR_ML_MODEL_TASK] = model.task;
      if (model.id !== undefined) attributes[ATTR_ML_MODEL_ID] = model.id;
      if (o.label !== undefined) attributes[ATTR_ML_PREDICTION_LABEL] = o.label;
      if (o.score !== undefined) attributes[ATTR_ML_PREDICTION_SCORE] = o.score;
      if (o.value !== undefined) attributes[ATTR_ML_PREDICTION_VALUE] = o.value;
      if (o.threshold !== undefined) attributes[ATTR_ML_PREDICTION_THRESHOLD] = o.threshold;
      if (o.rank !== undefined) attributes[ATTR_ML_PREDICTION_RANK] = o.rank;
      if (o.labels !== undefined) attributes[ATTR_ML_PREDICTION_LABELS] = o.labels;
      if (o.ranking !== undefined) attributes[ATTR_ML_PREDICTION_RANKING] = o.ranking;
      if (sampling !== undefined) attributes[ATTR_ML_SAMPLING_PROBABILITY] = sampling;
      if (captureProbabilities && o.probabilities) {
        attributes[ATTR_ML_PREDICTION_PROBABILITIES] = o.probabilities;
        if (model.classes && model.classes.length === o.probabilities.length) {
          attributes[ATTR_ML_MODEL_CLASSES] = [...model.classes];
        }
      }
      if (onlySet) {
        const sliceAttrs = onlySet.slices;
        for (const k in sliceAttrs) attributes[k] = sliceAttrs[k];
      } else {
        for (const k in row.slices) attributes[sliceKeyName(k)] = row.slices[k];
      }
      const features = redactor.redact(row.features);
      if (features) attributes[ATTR_ML_FEATURES] = features;
      logger.emit({
        eventName: EVENT_ML_PREDICTION,
        severityNumber: SeverityNumber.INFO,
        severityText: 'INFO',
        timestamp,
        context: scope.context,
        attributes,
      });
    }
  }

  /** Emits `ml.ground_truth` and counts it in `ml.ground_truth.received`. */
  recordGroundTruth(
    predictionId: string,
    truth: GroundTruth,
    model?: Partial<ResolvedModel>,
  ): void {
    const attributes: LogAttributes = assignDefined(
      { [ATTR_ML_PREDICTION_ID]: predictionId },
      {
        [ATTR_ML_GROUND_TRUTH_LABEL]: truth.label,
        [ATTR_ML_GROUND_TRUTH_VALUE]: truth.value,
        [ATTR_ML_GROUND_TRUTH_SOURCE]: truth.source,
        [ATTR_ML_GROUND_TRUTH_ID]: truth.id,
        [ATTR_ML_GROUND_TRUTH_LABELS]: truth.labels,
        [ATTR_ML_GROUND_TRUTH_RELEVANT_ITEMS]: truth.relevantItems,
        [ATTR_ML_GROUND_TRUTH_RELEVANCE]: truth.relevance,
        [ATTR_ML_MODEL_NAME]: model?.name,
        [ATTR_ML_MODEL_VERSION]: model?.version,
      },
    ) as LogAttributes;
    this.logger.emit({
      eventName: EVENT_ML_GROUND_TRUTH,
      severityNumber: SeverityNumber.INFO,
      severityText: 'INFO',
      timestamp: truth.timestamp ?? (this.options.now ?? Date.now)(),
      attributes,
    });
    const metricAttributes = assignDefined(
      {},
      {
        [ATTR_ML_MODEL_NAME]: model?.name,
        [ATTR_ML_MODEL_VERSION]: model?.version,
        [ATTR_ML_GROUND_TRUTH_SOURCE]: truth.source,
      },
    );
    this.getInstruments().groundTruthReceived.add(1, metricAttributes);
  }
}
