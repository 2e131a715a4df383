/**
 * Creating the state and finding (or creating, under the caps) the model version and slice
 * stream a record belongs to. Series keys are NUL-joined; identities are built on first sight
 * only (the spanmetricsconnector pattern), so the per-record cost is one string and two lookups.
 */
import { FeatureColumns } from './feature-slots.js';
import { createEvaluationJoin } from './evaluation-join.js';
import { ATTR_OTEL_METRIC_OVERFLOW } from '@mlmon/conventions';
import type { ResourceIdentity, SliceEntry } from '../extract/types.js';
import { KEY_SEPARATOR, seriesKey } from '../keys/series-key.js';
import type {
  EdgeActivation,
  ModelVersionState,
  MonitorState,
  SliceStream,
} from './monitor-state.js';
import { resolveStateConfig, type ResolvedProfile, type StateConfig } from './state-config.js';
import type { FeatureKind, StreamIdentity } from './types.js';

/**
 * Key of the global overflow model version (real keys never start with the separator: model
 * names are non-empty).
 */
export const OVERFLOW_MODEL_KEY = seriesKey('', '', ATTR_OTEL_METRIC_OVERFLOW);
/** Slice key of a model version's overflow stream. */
export const OVERFLOW_SLICE_KEY = seriesKey('', ATTR_OTEL_METRIC_OVERFLOW);

/** A new, empty state. Options default as in {@link resolveStateConfig}. */
export function createState(options: Partial<StateConfig> = {}): MonitorState {
  const config = resolveStateConfig(options);
  return {
    config,
    windowMs: config.windowSeconds * 1000,
    latenessMs: config.allowedLatenessSeconds * 1000,
    models: new Map(),
    sliceStreamCount: 0,
    pendingPredictions: new Map(),
    pendingLabels: new Map(),
    seenLabelIds: new Map(),
    spanCandidates: new Map(),
    eventSpanKeys: new Map(),
    scoreSeries: new Map(),
    evaluationJoin: createEvaluationJoin(),
    counters: {
      overflowRecords: 0,
      evictedPendingPredictions: 0,
      evictedPendingLabels: 0,
      expiredPendingPredictions: 0,
      expiredPendingLabels: 0,
      featureOverflow: 0,
      typeMismatch: 0,
      expiredStreams: 0,
    },
  };
}

/** Key of a model version (built per record: concatenated, as {@link seriesKey} would join). */
export function modelKeyOf(model: string, version: string): string {
  return model + KEY_SEPARATOR + version;
}

/** Key of a slice combination within its model version (`''` without slices). */
export function sliceKeyOf(slices: readonly SliceEntry[]): string {
  if (slices.length === 0) return '';
  let key = slices[0]![0] + '=' + slices[0]![1];
  for (let i = 1; i < slices.length; i++)
    key += KEY_SEPARATOR + slices[i]![0] + '=' + slices[i]![1];
  return key;
}

/**
 * The model version of (`model`, `version`), created on first sight; beyond
 * `maxModelVersions` the global overflow model version.
 */
export function resolveModelVersion(
  state: MonitorState,
  model: string,
  version: string,
  resource: ResourceIdentity,
): ModelVersionState {
  const key = modelKeyOf(model, version);
  const existing = state.models.get(key);
  if (existing !== undefined) return existing;
  // The overflow model version is not counted against the cap.
  const count = state.models.size - (state.models.has(OVERFLOW_MODEL_KEY) ? 1 : 0);
  if (count >= state.config.maxModelVersions) {
    state.counters.overflowRecords++;
    let overflow = state.models.get(OVERFLOW_MODEL_KEY);
    if (overflow === undefined) {
      overflow = newModelVersion(state, OVERFLOW_MODEL_KEY, '', '', resource, true);
      state.models.set(OVERFLOW_MODEL_KEY, overflow);
    }
    return overflow;
  }
  const mv = newModelVersion(state, key, model, version, resource, false);
  state.models.set(key, mv);
  return mv;
}

/** Builds a model version (also used when restoring a serialized state). */
export function newModelVersion(
  state: MonitorState,
  key: string,
  model: string,
  version: string,
  resource: ResourceIdentity,
  overflow: boolean,
): ModelVersionState {
  const profile =
    overflow || state.config.reference !== 'profile'
      ? undefined
      : state.config.resolveProfile?.(model, version);
  return {
    key,
    model,
    version,
    task: undefined,
    resource,
    overflow,
    allSlices: {
      key,
      model,
      version,
      slices: {},
      allSlices: true,
      overflow,
      task: undefined,
      resource,
    },
    featureKinds: new Map<string, FeatureKind>(profile?.featureKinds ?? []),
    columns: new FeatureColumns(),
    streams: new Map(),
    late: 0,
    references: new Map(),
    keptWindows: new Map(),
    classes: undefined,
    profile,
    numericEdges: profileEdges(profile),
    threshold: undefined,
  };
}

/** Activations for the numeric edges a profile declares (in force from the first window). */
function profileEdges(profile: ResolvedProfile | undefined): Map<string, EdgeActivation[]> {
  const out = new Map<string, EdgeActivation[]>();
  for (const [name, edges] of profile?.numericBinEdges ?? []) {
    out.set(name, [{ fromStartMs: Number.MIN_SAFE_INTEGER, edges: Float64Array.from(edges) }]);
  }
  return out;
}

/**
 * The slice stream of `slices` in `mv`, created on first sight; beyond `maxSliceStreams` the
 * model version's overflow stream. Rows without slices (and every row of the global overflow
 * model version) go to the unsliced stream, which only feeds the all-slices stream.
 */
export function resolveSliceStream(
  state: MonitorState,
  mv: ModelVersionState,
  slices: readonly SliceEntry[],
): SliceStream {
  const sliceKey = mv.overflow ? '' : sliceKeyOf(slices);
  const existing = mv.streams.get(sliceKey);
  if (existing !== undefined) return existing;
  if (sliceKey === '') {
    const unsliced: SliceStream = {
      sliceKey,
      identity: undefined,
      windows: new Map(),
      late: 0,
      lastDataStartMs: undefined,
      valuesHint: 0,
      columns: mv.columns,
    };
    mv.streams.set(sliceKey, unsliced);
    return unsliced;
  }
  if (state.sliceStreamCount >= state.config.maxSliceStreams) {
    state.counters.overflowRecords++;
    let overflow = mv.streams.get(OVERFLOW_SLICE_KEY);
    if (overflow === undefined) {
      overflow = newSliceStream(mv, OVERFLOW_SLICE_KEY, {}, true);
      mv.streams.set(OVERFLOW_SLICE_KEY, overflow);
    }
    return overflow;
  }
  const values: Record<string, string> = {};
  for (const [k, v] of slices) values[k] = v;
  const stream = newSliceStream(mv, sliceKey, values, false);
  mv.streams.set(sliceKey, stream);
  state.sliceStreamCount++;
  return stream;
}

/** Builds a slice stream with its identity (also used when restoring). */
export function newSliceStream(
  mv: ModelVersionState,
  sliceKey: string,
  slices: Record<string, string>,
  overflow: boolean,
): SliceStream {
  const identity: StreamIdentity = {
    key: seriesKey(mv.key, overflow ? ATTR_OTEL_METRIC_OVERFLOW + '=true' : sliceKey),
    model: mv.model,
    version: mv.version,
    slices,
    allSlices: false,
    overflow: overflow || mv.overflow,
    task: mv.task,
    resource: mv.resource,
  };
  return {
    sliceKey,
    identity,
    windows: new Map(),
    late: 0,
    lastDataStartMs: undefined,
    valuesHint: 0,
    columns: mv.columns,
  };
}

/** Sets the task of a model version once, and of the identities of its streams. */
export function setModelTask(mv: ModelVersionState, task: string): void {
  mv.task = task;
  mv.allSlices = { ...mv.allSlices, task };
  for (const s of mv.streams.values()) {
    if (s.identity !== undefined) s.identity = { ...s.identity, task };
  }
}
