/**
 * `ModelMonitor` holds a model's identity and telemetry policy (feature capture, sampling,
 * slices) and hands out instrumented predict functions and ground-truth recording.
 */
import type { ResolvedModel } from './internal-types.js';
import { InferenceRecorder } from './recorder.js';
import { createFeatureRedactor } from './redaction.js';
import { createEventSampler } from './sampling.js';
import type {
  GroundTruth,
  ModelMonitorConfig,
  WrapPredictOptions,
  WrappedPredict,
} from './types.js';
import { createWrappedPredict, guard } from './wrap-predict.js';
import { checkGroundTruth } from './check-ground-truth.js';

/** Model identity from a config, validated. Throws a `TypeError` naming the bad field. */
export function resolveModel(config: ModelMonitorConfig): ResolvedModel {
  if (typeof config.modelName !== 'string' || config.modelName.length === 0) {
    throw new TypeError('@mlmon/instrumentation: modelName is required (a non-empty string)');
  }
  if (config.threshold !== undefined && !(config.threshold >= 0 && config.threshold <= 1)) {
    throw new RangeError(
      `@mlmon/instrumentation: threshold must be in [0, 1], got ${String(config.threshold)}`,
    );
  }
  const model: ResolvedModel = { name: config.modelName };
  if (config.modelVersion !== undefined) model.version = config.modelVersion;
  if (config.modelAlias !== undefined) model.alias = config.modelAlias;
  if (config.modelId !== undefined) model.id = config.modelId;
  if (config.framework !== undefined) model.framework = config.framework;
  if (config.providerName !== undefined) model.providerName = config.providerName;
  if (config.task !== undefined) model.task = config.task;
  if (config.classes !== undefined) model.classes = [...config.classes];
  if (config.threshold !== undefined) model.threshold = config.threshold;
  return model;
}

/** Builds the recorder for a monitor config (capture policy, sampler, providers). */
export function createRecorder(config: Omit<ModelMonitorConfig, 'modelName'>): InferenceRecorder {
  return new InferenceRecorder({
    redactor: createFeatureRedactor(config),
    sampler: createEventSampler({
      probability: config.eventSamplingProbability,
      deterministic: config.deterministicSampling,
      random: config.random,
    }),
    captureProbabilities: config.captureProbabilities,
    tracerProvider: config.tracerProvider,
    meterProvider: config.meterProvider,
    loggerProvider: config.loggerProvider,
    now: config.now,
  });
}

/**
 * Monitors one model. Create it once (configuration errors throw here, at startup), then wrap
 * the predict functions and record ground truth through it.
 *
 * @example
 * const monitor = new ModelMonitor({ modelName: 'fraud', modelVersion: '7',
 *   task: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION, classes: ['legit', 'fraud'] });
 * const predict = monitor.wrapPredict((tx: Tx) => model.score(tx));
 * const { result, predictionIds } = predict.withIds(tx);
 * monitor.recordGroundTruth(predictionIds[0], { label: 'fraud', source: ML_GROUND_TRUTH_SOURCE_VALUE_HUMAN });
 */
export class ModelMonitor {
  /** The model identity every signal of this monitor carries. */
  readonly model: Readonly<ResolvedModel>;
  private readonly recorder: InferenceRecorder;
  private readonly sliceKeys: readonly string[];

  constructor(config: ModelMonitorConfig) {
    this.model = resolveModel(config);
    this.recorder = createRecorder(config);
    this.sliceKeys = [...(config.sliceKeys ?? [])];
  }

  /**
   * Instruments `fn`. The returned function returns exactly what `fn` returns (the same promise
   * for async functions) and re-throws `fn`'s errors unchanged; `.withIds(...)` also returns the
   * prediction ids.
   */
  wrapPredict<TArgs extends unknown[], TResult>(
    fn: (...args: TArgs) => TResult,
    options: WrapPredictOptions<TArgs, TResult> = {},
  ): WrappedPredict<TArgs, TResult> {
    if (typeof fn !== 'function')
      throw new TypeError('@mlmon/instrumentation: wrapPredict needs a function');
    return createWrappedPredict(fn, options, {
      model: this.model,
      recorder: this.recorder,
      sliceKeys: this.sliceKeys,
    });
  }

  /**
   * Emits `ml.ground_truth` for a prediction id (with this monitor's model name and version) and
   * counts it in `ml.ground_truth.received`. Never throws; problems go to `diag`.
   */
  recordGroundTruth(predictionId: string, truth: GroundTruth): void {
    guard(
      'recording ground truth',
      () => {
        checkGroundTruth(predictionId, truth);
        this.recorder.recordGroundTruth(predictionId, truth, this.model);
      },
      undefined,
    );
  }
}

/**
 * One-call instrumentation: `wrapPredict(fn, { modelName, ... })` is
 * `new ModelMonitor(options).wrapPredict(fn, options)`.
 */
export function wrapPredict<TArgs extends unknown[], TResult>(
  fn: (...args: TArgs) => TResult,
  options: ModelMonitorConfig & WrapPredictOptions<TArgs, TResult>,
): WrappedPredict<TArgs, TResult> {
  return new ModelMonitor(options).wrapPredict(fn, options);
}
