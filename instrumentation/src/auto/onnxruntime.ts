/**
 * OpenTelemetry instrumentation for onnxruntime-node: patches `InferenceSession.prototype.run`
 * (and `InferenceSession.create`, to learn the model path and metadata) so every run emits the
 * `ml.inference` span, the metrics and one `ml.prediction` event per row of the first dimension.
 *
 * onnxruntime-node is CommonJS and takes `InferenceSession` from onnxruntime-common, so the hook
 * also fires for `import 'onnxruntime-node'` from ESM (the inner `require('onnxruntime-common')`
 * is intercepted). When the module was loaded before the instrumentation was enabled, call
 * {@link OnnxRuntimeInstrumentation.manuallyInstrument} with the module namespace.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { randomUUID } from 'node:crypto';
import { context, diag, type MeterProvider, type TracerProvider } from '@opentelemetry/api';
import type { LoggerProvider } from '@opentelemetry/api-logs';
import {
  InstrumentationBase,
  InstrumentationNodeModuleDefinition,
  isWrapped,
} from '@opentelemetry/instrumentation';
import type { PredictionRow, ResolvedModel } from '../internal-types.js';
import { createRecorder } from '../model-monitor.js';
import {
  INSTRUMENTATION_SCOPE_VERSION,
  type InferenceRecorder,
  type InferenceScope,
} from '../recorder.js';
import {
  decodeOutputTensors,
  featuresFromTensors,
  type NamedTensor,
  type TensorKind,
} from '../tensor-predictions.js';
import { guard, rowSlices } from '../wrap-predict.js';
import { readOnnxMetadata } from './onnx-metadata.js';
import type {
  OnnxModelConfig,
  OnnxRuntimeInstrumentationConfig,
  OnnxSessionInfo,
} from './onnxruntime-types.js';

const SUPPORTED_VERSIONS = ['>=1.14.0 <2'];
const DEFAULT_METADATA_MAX_BYTES = 64 * 1024 * 1024;

/** The shape of onnxruntime's Tensor the instrumentation reads. */
interface OrtTensorLike {
  type: string;
  dims: readonly number[];
  data: unknown;
}

/** The shape of onnxruntime's InferenceSession the instrumentation patches. */
interface OrtSessionLike {
  inputNames: readonly string[];
  outputNames: readonly string[];
  run(feeds: Record<string, OrtTensorLike>, ...rest: unknown[]): Promise<Record<string, unknown>>;
}

interface OrtSessionClass {
  prototype: OrtSessionLike;
  create(...args: unknown[]): Promise<OrtSessionLike>;
}

/** A module exporting `InferenceSession` (onnxruntime-node or onnxruntime-common). */
export interface OrtModuleLike {
  InferenceSession?: unknown;
}

/** What a run needs from its start to its end. */
interface RunSetup {
  info: OnnxSessionInfo;
  config: OnnxModelConfig;
  model: ResolvedModel;
  scope: InferenceScope;
}

/** Where a session's model came from, kept per session. */
interface SessionSource {
  modelPath?: string;
  bytes?: Uint8Array;
}

function tensorKind(type: string): TensorKind | undefined {
  if (type === 'float32' || type === 'float64') return 'float';
  if (type === 'string') return 'bytes';
  if (type === 'bool') return 'bool';
  if (/^u?int(8|16|32|64)$/.test(type)) return 'int';
  return undefined; // float16 raw bits and non-tensor values are not decoded
}

/** Converts onnxruntime tensors to named row-major tensors (skipping undecodable ones). */
export function toNamedTensors(values: Record<string, unknown>): NamedTensor[] {
  const out: NamedTensor[] = [];
  for (const [name, value] of Object.entries(values)) {
    const t = value as Partial<OrtTensorLike> | null;
    if (!t || typeof t.type !== 'string' || !Array.isArray(t.dims)) continue;
    const kind = tensorKind(t.type);
    const data = t.data as ArrayLike<number | bigint | string | boolean> | undefined;
    if (!kind || !data || typeof data.length !== 'number') continue;
    out.push({ name, kind, shape: t.dims, data });
  }
  return out;
}

function toFeatureNameMap(
  names: OnnxModelConfig['featureNames'],
  inputNames: readonly string[],
): Readonly<Record<string, readonly string[]>> {
  if (!names) return {};
  if (Array.isArray(names)) {
    const first = inputNames[0];
    return first === undefined ? {} : { [first]: names as readonly string[] };
  }
  return names as Readonly<Record<string, readonly string[]>>;
}

/** Auto-instrumentation for onnxruntime-node (`registerInstrumentations({ instrumentations: [new OnnxRuntimeInstrumentation()] })`). */
export class OnnxRuntimeInstrumentation extends InstrumentationBase<OnnxRuntimeInstrumentationConfig> {
  private recorderCache: InferenceRecorder | undefined;
  private providers: {
    tracerProvider?: TracerProvider;
    meterProvider?: MeterProvider;
    loggerProvider?: LoggerProvider;
  } = {};
  private readonly sources = new WeakMap<object, SessionSource>();
  private readonly infos = new WeakMap<object, OnnxSessionInfo>();
  private readonly manuallyPatched = new Set<OrtSessionClass>();

  constructor(config: OnnxRuntimeInstrumentationConfig = {}) {
    super('@mlmon/instrumentation/onnxruntime-node', INSTRUMENTATION_SCOPE_VERSION, config);
  }

  protected init(): InstrumentationNodeModuleDefinition[] {
    const patch = (exports: OrtModuleLike): OrtModuleLike => {
      this.patchModule(exports);
      return exports;
    };
    const unpatch = (exports: OrtModuleLike | undefined): void => {
      if (exports) this.unpatchModule(exports);
    };
    return [
      new InstrumentationNodeModuleDefinition(
        'onnxruntime-node',
        SUPPORTED_VERSIONS,
        patch,
        unpatch,
      ),
      new InstrumentationNodeModuleDefinition(
        'onnxruntime-common',
        SUPPORTED_VERSIONS,
        patch,
        unpatch,
      ),
    ];
  }

  override setConfig(config: OnnxRuntimeInstrumentationConfig = {}): void {
    super.setConfig(config);
    this.recorderCache = undefined;
  }

  override setTracerProvider(tracerProvider: TracerProvider): void {
    super.setTracerProvider(tracerProvider);
    this.providers.tracerProvider = tracerProvider;
    this.recorderCache = undefined;
  }

  override setMeterProvider(meterProvider: MeterProvider): void {
    super.setMeterProvider(meterProvider);
    this.providers.meterProvider = meterProvider;
    this.recorderCache = undefined;
  }

  override setLoggerProvider(loggerProvider: LoggerProvider): void {
    super.setLoggerProvider(loggerProvider);
    this.providers.loggerProvider = loggerProvider;
    this.recorderCache = undefined;
  }

  /**
   * Patches an already-loaded module (e.g. `import * as ort from 'onnxruntime-node'` that ran
   * before the instrumentation was registered). Idempotent; undone by `disable()`.
   */
  manuallyInstrument(ortModule: OrtModuleLike): void {
    const cls = this.patchModule(ortModule);
    if (cls) this.manuallyPatched.add(cls);
  }

  override disable(): void {
    super.disable();
    for (const cls of this.manuallyPatched) this.unpatchClass(cls);
    this.manuallyPatched.clear();
  }

  private get recorder(): InferenceRecorder {
    this.recorderCache ??= createRecorder({ ...this.getConfig(), ...this.providers });
    return this.recorderCache;
  }

  private sessionClass(exports: OrtModuleLike): OrtSessionClass | undefined {
    const candidate: unknown = exports?.InferenceSession;
    const cls = candidate as OrtSessionClass | undefined;
    if (typeof candidate !== 'function' || typeof cls?.prototype?.run !== 'function') {
      diag.debug(
        '@mlmon/instrumentation: module has no InferenceSession.prototype.run; not patched',
      );
      return undefined;
    }
    return cls as OrtSessionClass;
  }

  private patchModule(exports: OrtModuleLike): OrtSessionClass | undefined {
    const cls = this.sessionClass(exports);
    if (!cls) return undefined;
    if (!isWrapped(cls.prototype.run))
      this._wrap(cls.prototype, 'run', (original) => this.patchRun(original));
    if (typeof cls.create === 'function' && !isWrapped(cls.create)) {
      this._wrap(cls, 'create', (original) => this.patchCreate(original));
    }
    return cls;
  }

  private unpatchModule(exports: OrtModuleLike): void {
    const cls = this.sessionClass(exports);
    if (cls) this.unpatchClass(cls);
  }

  private unpatchClass(cls: OrtSessionClass): void {
    if (isWrapped(cls.prototype.run)) this._unwrap(cls.prototype, 'run');
    if (isWrapped(cls.create)) this._unwrap(cls, 'create');
  }

  private patchCreate(original: OrtSessionClass['create']): OrtSessionClass['create'] {
    const sources = this.sources;
    return function patchedCreate(this: unknown, ...args: unknown[]) {
      const promise = original.apply(this, args);
      const arg0 = args[0];
      const source: SessionSource = {};
      if (typeof arg0 === 'string') source.modelPath = arg0;
      else if (arg0 instanceof Uint8Array) source.bytes = arg0;
      promise.then(
        (session) => {
          if (session && typeof session === 'object') sources.set(session, source);
        },
        () => undefined,
      );
      return promise;
    };
  }

  private sessionInfo(session: OrtSessionLike): OnnxSessionInfo {
    const cached = this.infos.get(session);
    if (cached) return cached;
    const source = this.sources.get(session) ?? {};
    const info: OnnxSessionInfo = {
      inputNames: [...session.inputNames],
      outputNames: [...session.outputNames],
    };
    if (source.modelPath !== undefined) info.modelPath = source.modelPath;
    const bytes = source.bytes ?? this.readModelFile(source.modelPath);
    if (bytes) {
      const metadata = guard(
        'reading ONNX model metadata',
        () => readOnnxMetadata(bytes),
        undefined,
      );
      if (metadata) info.metadata = metadata;
    }
    this.infos.set(session, info);
    return info;
  }

  private readModelFile(path: string | undefined): Uint8Array | undefined {
    if (path === undefined) return undefined;
    const max = this.getConfig().metadataMaxBytes ?? DEFAULT_METADATA_MAX_BYTES;
    return guard(
      'reading the ONNX model file for metadata',
      () => (statSync(path).size <= max ? readFileSync(path) : undefined),
      undefined,
    );
  }

  private modelConfig(info: OnnxSessionInfo): OnnxModelConfig {
    const config = this.getConfig();
    const override = config.resolveModel
      ? guard('the resolveModel hook', () => config.resolveModel?.(info), undefined)
      : undefined;
    return { ...config, ...override };
  }

  private resolveModel(config: OnnxModelConfig, info: OnnxSessionInfo): ResolvedModel {
    const props = info.metadata?.metadataProps ?? {};
    const fromPath = info.modelPath ? basename(info.modelPath, extname(info.modelPath)) : undefined;
    const model: ResolvedModel = {
      name: config.modelName ?? props['name'] ?? fromPath ?? 'unnamed',
    };
    const version =
      config.modelVersion ??
      props['version'] ??
      (info.metadata?.modelVersion !== undefined ? String(info.metadata.modelVersion) : undefined);
    if (version !== undefined) model.version = version;
    if (config.modelAlias !== undefined) model.alias = config.modelAlias;
    if (config.modelId !== undefined) model.id = config.modelId;
    if (config.framework !== undefined) model.framework = config.framework;
    if (config.providerName !== undefined) model.providerName = config.providerName;
    if (config.task !== undefined) model.task = config.task;
    if (config.classes !== undefined) model.classes = [...config.classes];
    if (config.threshold !== undefined) model.threshold = config.threshold;
    return model;
  }

  private beginRun(session: OrtSessionLike): RunSetup {
    const info = this.sessionInfo(session);
    const config = this.modelConfig(info);
    const model = this.resolveModel(config, info);
    return { info, config, model, scope: this.recorder.start(model) };
  }

  private failRun(setup: RunSetup, error: unknown): void {
    guard(
      'recording an error',
      () => this.recorder.fail(setup.scope, setup.model, error, 0),
      undefined,
    );
  }

  private patchRun(original: OrtSessionLike['run']): OrtSessionLike['run'] {
    const begin = (session: OrtSessionLike): RunSetup | undefined =>
      guard('starting the onnxruntime span', () => this.beginRun(session), undefined);
    const fail = (setup: RunSetup, error: unknown): void => this.failRun(setup, error);
    const finish = (
      setup: RunSetup,
      feeds: Record<string, OrtTensorLike>,
      results: Record<string, unknown>,
    ): void =>
      guard('recording an onnxruntime run', () => this.finishRun(setup, feeds, results), undefined);
    return function patchedRun(
      this: OrtSessionLike,
      feeds: Record<string, OrtTensorLike>,
      ...rest: unknown[]
    ) {
      const setup = begin(this);
      if (!setup) return original.call(this, feeds, ...rest);
      let promise: Promise<Record<string, unknown>>;
      try {
        promise = context.with(setup.scope.context, () => original.call(this, feeds, ...rest));
      } catch (error) {
        fail(setup, error);
        throw error;
      }
      // Observe on a side branch; the caller gets the very promise onnxruntime returned.
      promise.then(
        (results) => finish(setup, feeds, results),
        (error: unknown) => fail(setup, error),
      );
      return promise;
    };
  }

  private finishRun(
    setup: {
      info: OnnxSessionInfo;
      config: OnnxModelConfig;
      model: ResolvedModel;
      scope: InferenceScope;
    },
    feeds: Record<string, OrtTensorLike>,
    results: Record<string, unknown>,
  ): void {
    const { info, config, scope } = setup;
    const decoded = decodeOutputTensors(toNamedTensors(results), setup.model, config.outputs);
    const model = decoded.inferredTask
      ? { ...setup.model, task: decoded.inferredTask }
      : setup.model;
    if (decoded.inferredTask) this.recorder.updateModel(scope, model);
    const features = featuresFromTensors(
      toNamedTensors(feeds as Record<string, unknown>),
      toFeatureNameMap(config.featureNames, info.inputNames),
    );
    const sliceKeys = config.sliceKeys ?? [];
    const rows: PredictionRow[] = decoded.outputs.map((output, i) => ({
      id: randomUUID(),
      output,
      features: features[i],
      slices: rowSlices(sliceKeys, features[i], {}),
    }));
    this.recorder.succeed(scope, model, rows);
    const onPrediction = this.getConfig().onPrediction;
    if (onPrediction) {
      guard(
        'the onPrediction hook',
        () =>
          onPrediction({
            predictionIds: rows.map((r) => r.id),
            outputs: decoded.outputs,
            span: scope.span,
            session: info,
          }),
        undefined,
      );
    }
  }
}
