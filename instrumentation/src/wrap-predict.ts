/**
 * The wrapper around a user's predict function. The host's function is called exactly once with
 * its own `this` and arguments; its return value (sync value or the very same promise) and its
 * errors reach the caller untouched. Everything the instrumentation does around it is guarded:
 * a failure there goes to `diag` and the call proceeds uninstrumented.
 */
import { randomUUID } from 'node:crypto';
import { context, diag } from '@opentelemetry/api';
import { decodeRowOutput, splitBatchResult } from './decode-output.js';
import type { PredictionRow, ResolvedModel } from './internal-types.js';
import type { InferenceRecorder, InferenceScope } from './recorder.js';
import type {
  FeatureValue,
  Features,
  PredictionOutput,
  PredictionResult,
  Slices,
  WrapPredictOptions,
  WrappedPredict,
} from './types.js';

/** Runs `fn`; on a throw logs to `diag` and returns `fallback`. Never throws. */
export function guard<T>(what: string, fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch (error) {
    diag.error(
      `@mlmon/instrumentation: ${what} failed; telemetry for this call may be incomplete`,
      error,
    );
    return fallback;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** Whether `v` fits `ml.features` as it is. */
function isFeatureScalar(v: unknown): v is FeatureValue {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/**
 * Keeps only values that fit `ml.features` (scalars); nested values are stringified as JSON.
 * Always returns a new object that the recorder owns: the event must not alias the caller's
 * (mutable) input, whatever the log pipeline does with it. That copy is the only one on the hot
 * path (redaction without lists passes it through).
 */
export function toFeatures(raw: Record<string, unknown>): Features {
  // Fast path, the common case: every value already is a scalar. One spread copy (V8 clones the
  // object's shape in one step) instead of an entry-by-entry rebuild.
  let scalars = true;
  for (const k in raw) {
    if (!isFeatureScalar(raw[k])) {
      scalars = false;
      break;
    }
  }
  if (scalars) return { ...raw } as Features;
  const out: Features = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      out[k] = v;
    else if (typeof v === 'bigint') out[k] = Number(v);
    else if (v !== undefined && typeof v !== 'function') out[k] = JSON.stringify(v) ?? null;
  }
  return out;
}

/** Zips names with an array (or typed array) row. */
export function zipFeatures(names: readonly string[], row: unknown): Features | undefined {
  if (!Array.isArray(row) && !(ArrayBuffer.isView(row) && !(row instanceof DataView)))
    return undefined;
  const values = Array.from(row as ArrayLike<unknown>);
  const out: Record<string, unknown> = {};
  names.forEach((name, i) => {
    out[name] = values[i];
  });
  return toFeatures(out);
}

/** Features of every row, or `undefined` when none can be found. */
function extractFeatures<TArgs extends unknown[], TResult>(
  options: WrapPredictOptions<TArgs, TResult>,
  args: TArgs,
): (Features | undefined)[] | undefined {
  const batch = options.batch ?? false;
  const first = args[0];
  const extractor = options.features;
  if (typeof extractor === 'function') {
    const out = extractor(...args);
    if (out === undefined) return undefined;
    return Array.isArray(out)
      ? (out as Features[]).map((f) => toFeatures(f))
      : [toFeatures(out as Features)];
  }
  if (extractor) {
    if (!batch) return [zipFeatures(extractor, first)];
    return Array.isArray(first) ? first.map((row) => zipFeatures(extractor, row)) : undefined;
  }
  if (!batch) return isPlainObject(first) ? [toFeatures(first)] : undefined;
  return Array.isArray(first)
    ? first.map((row) => (isPlainObject(row) ? toFeatures(row) : undefined))
    : undefined;
}

/** Rows the call was meant to score, known before it returns (for the error path). */
function inputRowCount(batch: boolean, args: readonly unknown[]): number {
  if (!batch) return 1;
  const first = args[0];
  if (Array.isArray(first)) return first.length;
  return 0;
}

function decodeOutputs<TArgs extends unknown[], TResult>(
  options: WrapPredictOptions<TArgs, TResult>,
  model: ResolvedModel,
  result: Awaited<TResult>,
  args: TArgs,
): PredictionOutput[] {
  if (options.output) {
    const out = options.output(result, ...args);
    return Array.isArray(out) ? [...(out as PredictionOutput[])] : [out as PredictionOutput];
  }
  if (options.batch) return splitBatchResult(result).map((row) => decodeRowOutput(row, model));
  return [decodeRowOutput(result, model)];
}

/** Prediction ids for `count` rows: given ids (a string gets `-{row}` suffixes), else UUIDs. */
export function resolvePredictionIds(
  given: string | readonly string[] | undefined,
  count: number,
): string[] {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    if (typeof given === 'string') ids.push(count === 1 ? given : `${given}-${i}`);
    else ids.push(given?.[i] ?? randomUUID());
  }
  return ids;
}

/** Slices of a row: the configured keys taken from its features, then the call-level slices. */
export function rowSlices(
  sliceKeys: readonly string[],
  features: Features | undefined,
  callSlices: Slices,
): Slices {
  const out: Slices = {};
  if (features) {
    for (const key of sliceKeys) {
      const v: FeatureValue | undefined = features[key];
      if (v !== undefined && v !== null) out[key] = String(v);
    }
  }
  return Object.assign(out, callSlices);
}

/** The call-level slices when no `slices` hook is given (shared; never mutated). */
const NO_SLICES: Slices = Object.freeze({}) as Slices;

/** Runs the caller's `slices` hook, guarded. */
function sliceHook<TArgs extends unknown[]>(
  hook: (...args: TArgs) => Slices | undefined,
  args: TArgs,
): Slices {
  return guard('deriving slices', () => hook(...args) ?? NO_SLICES, NO_SLICES);
}

/** What `createWrappedPredict` needs from its monitor. */
export interface WrapContext {
  model: ResolvedModel;
  recorder: InferenceRecorder;
  sliceKeys: readonly string[];
}

/** Builds the wrapped function; see {@link WrappedPredict}. */
export function createWrappedPredict<TArgs extends unknown[], TResult>(
  fn: (...args: TArgs) => TResult,
  options: WrapPredictOptions<TArgs, TResult>,
  ctx: WrapContext,
): WrappedPredict<TArgs, TResult> {
  const { model, recorder, sliceKeys } = ctx;
  const batch = options.batch ?? false;

  /** Records a successful result; returns the prediction ids (empty when recording failed). */
  const finish = (scope: InferenceScope, args: TArgs, result: Awaited<TResult>): string[] =>
    guard(
      'recording a prediction',
      () => {
        const outputs = guard(
          'decoding the output',
          () => decodeOutputs(options, model, result, args),
          [],
        );
        const features = guard(
          'extracting features',
          () => extractFeatures(options, args),
          undefined,
        );
        // Hooks the caller did not give cost no closure and no guard frame on the hot path.
        const callSlices = options.slices ? sliceHook(options.slices, args) : NO_SLICES;
        const count = outputs.length;
        if (features && features.length !== count) {
          diag.warn(
            `@mlmon/instrumentation: ${model.name}: ${features.length} feature rows for ${count} outputs; features are matched by row index`,
          );
        }
        const idsHook = options.predictionIds;
        const given = idsHook
          ? guard('reading prediction ids', () => idsHook(...args), undefined)
          : undefined;
        const ids = resolvePredictionIds(given, count);
        const rows: PredictionRow[] = outputs.map((output, i) => {
          const rowFeatures = features?.[i];
          return {
            id: ids[i] as string,
            output,
            features: rowFeatures,
            slices: rowSlices(sliceKeys, rowFeatures, callSlices),
          };
        });
        recorder.succeed(scope, model, rows);
        if (options.onPrediction) {
          const onPrediction = options.onPrediction;
          guard(
            'the onPrediction hook',
            () => onPrediction({ predictionIds: ids, outputs, span: scope.span }),
            undefined,
          );
        }
        return ids;
      },
      [],
    );

  const failed = (scope: InferenceScope, args: TArgs, error: unknown): void =>
    guard(
      'recording an error',
      () => {
        const callSlices = options.slices ? sliceHook(options.slices, args) : NO_SLICES;
        recorder.fail(scope, model, error, inputRowCount(batch, args), callSlices);
      },
      undefined,
    );

  /** Calls `fn` once, instrumented; `onIds` learns the ids once they are known. */
  function invoke(thisArg: unknown, args: TArgs, onIds?: (ids: string[]) => void): TResult {
    const scope = guard('starting the span', () => recorder.start(model), undefined);
    if (!scope) {
      const result = fn.apply(thisArg, args);
      onIds?.([]);
      return result;
    }
    let result: TResult;
    try {
      result = context.with(scope.context, () => fn.apply(thisArg, args));
    } catch (error) {
      failed(scope, args, error);
      throw error;
    }
    if (isThenable(result)) {
      // Observe the promise on a side branch and hand the caller the very same object.
      result.then(
        (value) => {
          const ids = finish(scope, args, value as Awaited<TResult>);
          onIds?.(ids);
        },
        (error: unknown) => failed(scope, args, error),
      );
      return result;
    }
    const ids = finish(scope, args, result as Awaited<TResult>);
    onIds?.(ids);
    return result;
  }

  const wrapped = function (this: unknown, ...args: TArgs): TResult {
    return invoke(this, args);
  } as WrappedPredict<TArgs, TResult>;

  wrapped.withIds = function (this: unknown, ...args: TArgs) {
    let ids: string[] = [];
    const result = invoke(this, args, (known) => {
      ids = known;
    });
    if (isThenable(result)) {
      // Our side-branch handler was attached first, so `ids` is set when this continuation runs.
      return Promise.resolve(result).then((value) => ({ result: value, predictionIds: ids }));
    }
    return { result, predictionIds: ids } as PredictionResult<TResult>;
  } as WrappedPredict<TArgs, TResult>['withIds'];

  Object.defineProperty(wrapped, 'name', { value: fn.name, configurable: true });
  return wrapped;
}
