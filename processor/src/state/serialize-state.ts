/**
 * The state as JSON-compatible data and back, for checkpoints (issue 7). Maps become arrays of
 * entries (insertion order is kept: eviction and expiry rely on it); accumulators use their own
 * JSON forms; non-finite numbers never appear. Configuration is not part of it: restoring takes
 * the options again and refuses a different window length (windows would not align).
 */
import type { FeatureColumns } from './feature-slots.js';
import {
  cbpePairsFromJSON,
  cbpePairsToJSON,
  type CbpeReferencePairsJson,
} from './cbpe-reference-pairs.js';
import { QUALITY_BINS_KIND } from './quality-bins-acc.js';
import { qualityBinSchemaFrom, type BinnedAttribute } from './quality-bins.js';
import {
  restoreEvaluationJoin,
  serializeEvaluationJoin,
  type SerializedEvaluationJoin,
} from './evaluation-join.js';
import {
  restoreExemplarReservoir,
  serializeExemplarReservoir,
  type SerializedExemplarReservoir,
} from './exemplar-reservoir.js';
import type { AnyValue, Attributes } from '../decode/otlp-types.js';
import type { PredictionRecord, ResourceIdentity } from '../extract/types.js';
import { DELAY_KIND, type AccumulatorCaps, type DelayAcc } from './accumulator-kinds.js';
import type {
  FeatureSlot,
  ModelVersionState,
  MonitorState,
  PendingLabel,
  PendingPrediction,
  ScoreSeriesPoint,
  StateCounters,
  WindowAcc,
} from './monitor-state.js';
import type { StateConfig } from './state-config.js';
import {
  createState,
  newModelVersion,
  newSliceStream,
  setModelTask,
  OVERFLOW_SLICE_KEY,
} from './streams.js';
import type { FeatureKind } from './types.js';
import { createWindowAcc, trimWindowAcc } from './window-acc.js';
import {
  featureKindOf,
  FEATURE_KINDS,
  PART_NAMES,
  WINDOW_PARTS,
  type WindowPart,
} from './window-parts.js';

/** Version of the serialized form; bumped on incompatible changes. */
export const STATE_FORMAT_VERSION = 1;

/** The serialized state (JSON-compatible). */
export interface SerializedState {
  formatVersion: number;
  windowSeconds: number;
  sliceStreamCount: number;
  models: SerializedModelVersion[];
  pendingPredictions: [string, PendingPrediction][];
  pendingLabels: [string, PendingLabel][];
  seenLabelIds: [string, number][];
  spanCandidates: [string, { record: PredictionRecord; windowStartMs: number }][];
  eventSpanKeys: [string, number][];
  scoreSeries: [string, ScoreSeriesPoint][];
  /** Absent in checkpoints written before evaluations kept their evaluator. */
  evaluationJoin?: SerializedEvaluationJoin;
  counters: StateCounters;
}

interface SerializedModelVersion {
  key: string;
  model: string;
  version: string;
  task: string | null;
  resource: ResourceIdentity;
  overflow: boolean;
  featureKinds: [string, FeatureKind][];
  classes: readonly string[] | null;
  threshold: number | null;
  numericEdges: [string, { fromStartMs: number; edges: number[] }[]][];
  late: number;
  streams: {
    sliceKey: string;
    slices: Record<string, string> | null;
    late: number;
    /** Absent in checkpoints written before streams aged out. */
    lastDataStartMs?: number | null;
    windows: unknown[];
  }[];
  references: [string, unknown][];
  /**
   * The kept reference windows per stream of the `seasonal` and `rolling` modes (`keptWindows`;
   * absent in checkpoints of earlier versions).
   */
  seasons?: [string, [number, unknown][]][];
  /** The frozen attribute bins of labeled errors (absent before they existed). */
  qualityBins?: BinnedAttribute[];
  /** Per stream key, the quality baseline's checkpoint. */
  qualityBaselines?: [string, unknown][];
  cbpePairs?: CbpeReferencePairsJson;
}

/** The state as JSON-compatible data (`JSON.stringify` it to write a checkpoint). */
export function serializeState(state: MonitorState): SerializedState {
  return {
    formatVersion: STATE_FORMAT_VERSION,
    windowSeconds: state.config.windowSeconds,
    sliceStreamCount: state.sliceStreamCount,
    models: [...state.models.values()].map((mv) => serializeModelVersion(state.config, mv)),
    pendingPredictions: [...state.pendingPredictions].map(([id, p]) => [id, { ...p }]),
    pendingLabels: [...state.pendingLabels].map(([id, l]) => [id, { ...l }]),
    seenLabelIds: [...state.seenLabelIds],
    spanCandidates: [...state.spanCandidates].map(([k, c]) => [
      k,
      {
        record: { ...c.record, features: jsonFeatures(c.record.features) },
        windowStartMs: c.windowStartMs,
      },
    ]),
    eventSpanKeys: [...state.eventSpanKeys],
    scoreSeries: [...state.scoreSeries].map(([k, p]) => [
      k,
      { ...p, bucketCounts: [...p.bucketCounts] },
    ]),
    evaluationJoin: serializeEvaluationJoin(state.evaluationJoin),
    counters: { ...state.counters },
  };
}

function serializeModelVersion(
  caps: AccumulatorCaps,
  mv: ModelVersionState,
): SerializedModelVersion {
  return {
    key: mv.key,
    model: mv.model,
    version: mv.version,
    task: mv.task ?? null,
    resource: mv.resource,
    overflow: mv.overflow,
    featureKinds: [...mv.featureKinds],
    classes: mv.classes ?? null,
    threshold: mv.threshold ?? null,
    numericEdges: [...mv.numericEdges].map(([name, list]) => [
      name,
      list.map((a) => ({ fromStartMs: a.fromStartMs, edges: Array.from(a.edges) })),
    ]),
    late: mv.late,
    streams: [...mv.streams.values()].map((s) => ({
      sliceKey: s.sliceKey,
      slices: s.identity === undefined ? null : { ...s.identity.slices },
      late: s.late,
      lastDataStartMs: s.lastDataStartMs ?? null,
      windows: [...s.windows.values()].map((w) => windowToJSON(caps, w)),
    })),
    references: [...mv.references].map(([k, r]) => [k, storedWindowJSON(caps, r.window)]),
    seasons: [...mv.keptWindows].map(([k, season]) => [
      k,
      [...season].map(([start, w]): [number, unknown] => [start, storedWindowJSON(caps, w)]),
    ]),
    ...(mv.qualityBins !== undefined
      ? { qualityBins: qualityBinSchemaFrom(mv.qualityBins.attributes).attributes }
      : {}),
    ...(mv.qualityBaselines !== undefined
      ? {
          qualityBaselines: [...mv.qualityBaselines].map(([k, b]): [string, unknown] => [
            k,
            QUALITY_BINS_KIND.forState(b, caps).toJSON(b),
          ]),
        }
      : {}),
    ...(mv.cbpePairs !== undefined ? { cbpePairs: cbpePairsToJSON(mv.cbpePairs) } : {}),
  };
}

/**
 * A stored reference (or seasonal) window, serialized when the snapshot is stringified: such a
 * window is detached from its stream and never recorded into again (labels join open windows
 * only; a first-window reference's score histogram may be replaced, but only while windows
 * close, and the service never closes windows while a checkpoint is being written), so the
 * snapshot stays exact while the checkpoint's sliced stringification runs after the capture's
 * turn — which then only copies the mutable parts (about half the work).
 */
function storedWindowJSON(caps: AccumulatorCaps, w: WindowAcc): { toJSON(): unknown } {
  return { toJSON: () => windowToJSON(caps, w) };
}

function windowToJSON(caps: AccumulatorCaps, w: WindowAcc): unknown {
  const delay = DELAY_KIND.forSetting(undefined, caps);
  const json: Record<string, unknown> = {
    startMs: w.startMs,
    predictions: w.predictions,
    weightedPredictions: w.weightedPredictions,
    labeled: w.labeled,
    weightedLabeled: w.weightedLabeled,
    labeledUnusable: w.labeledUnusable,
    predictionsLabeled: w.predictionsLabeled,
    weightedPredictionsLabeled: w.weightedPredictionsLabeled,
    predictionWeight2: w.predictionWeight2,
    featureOverflow: w.featureOverflow,
    features: w.features.entries().map(([name, f]) => [
      name,
      {
        kind: f.kind,
        count: f.count,
        typeMismatch: f.typeMismatch,
        ...(f.typeMismatchWeight !== f.typeMismatch
          ? { typeMismatchWeight: f.typeMismatchWeight }
          : {}),
        acc: featureKindOf(f).accumulator.forState(f.acc, caps).toJSON(f.acc),
      },
    ]),
  };
  for (const part of PART_NAMES) json[part] = partToJSON(caps, w, part);
  json['delays'] = [...(w.delays ?? [])].map(([source, d]) => [source, delay.toJSON(d)]);
  if (w.exemplars !== undefined) json['exemplars'] = serializeExemplarReservoir(w.exemplars);
  return json;
}

function partToJSON<P extends WindowPart>(caps: AccumulatorCaps, w: WindowAcc, part: P): unknown {
  const s = w[part] as NonNullable<WindowAcc[P]> | undefined;
  return s === undefined ? undefined : WINDOW_PARTS[part].forState(s, caps).toJSON(s);
}

/** Features of a held span record as JSON values (bigint → number; bytes, lists, maps dropped). */
function jsonFeatures(features: Attributes | undefined): Attributes | undefined {
  if (features === undefined) return undefined;
  const out: Attributes = {};
  for (const k in features) {
    const v: AnyValue = features[k];
    if (typeof v === 'bigint') out[k] = Number(v);
    else if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') out[k] = v;
  }
  return out;
}

/**
 * Rebuilds a state from {@link serializeState}'s output with the given options. Throws an
 * error naming the problem when the data is not a state of this format or the window length
 * differs.
 */
export function restoreState(data: unknown, options: Partial<StateConfig> = {}): MonitorState {
  const s = data as SerializedState;
  if (s === null || typeof s !== 'object' || s.formatVersion !== STATE_FORMAT_VERSION) {
    throw new Error(
      `cannot restore state: expected formatVersion ${STATE_FORMAT_VERSION}, got ${String((s as { formatVersion?: unknown } | null)?.formatVersion)}`,
    );
  }
  const state = createState(options);
  if (s.windowSeconds !== state.config.windowSeconds) {
    throw new Error(
      `cannot restore state: it was written with windowSeconds ${s.windowSeconds}, now ${state.config.windowSeconds}`,
    );
  }
  state.sliceStreamCount = s.sliceStreamCount;
  for (const m of s.models) {
    const mv = newModelVersion(state, m.key, m.model, m.version, m.resource, m.overflow);
    for (const [name, kind] of m.featureKinds) mv.featureKinds.set(name, kind);
    // Columns in the order the features were first seen (as the running state gave them), so
    // the restored windows list their features in the order they were written.
    for (const name of mv.featureKinds.keys()) mv.columns.columnOf(name);
    mv.classes = m.classes ?? undefined;
    mv.threshold = m.threshold ?? undefined;
    for (const [name, list] of m.numericEdges) {
      mv.numericEdges.set(
        name,
        list.map((a) => ({ fromStartMs: a.fromStartMs, edges: Float64Array.from(a.edges) })),
      );
    }
    mv.late = m.late;
    for (const st of m.streams) {
      const stream =
        st.slices === null
          ? {
              sliceKey: st.sliceKey,
              identity: undefined,
              windows: new Map<number, WindowAcc>(),
              late: 0,
              lastDataStartMs: undefined,
              valuesHint: 0,
              columns: mv.columns,
            }
          : newSliceStream(mv, st.sliceKey, st.slices, st.sliceKey === OVERFLOW_SLICE_KEY);
      stream.late = st.late;
      stream.lastDataStartMs = st.lastDataStartMs ?? undefined;
      for (const wj of st.windows) {
        const w = windowFromJSON(state.config, wj, mv.columns);
        stream.windows.set(w.startMs, w);
      }
      mv.streams.set(st.sliceKey, stream);
    }
    if (m.task !== null) setModelTask(mv, m.task);
    for (const [k, windows] of m.seasons ?? []) {
      mv.keptWindows.set(
        k,
        new Map(
          windows.map(([start, wj]) => [start, keptWindowFromJSON(state.config, wj, mv.columns)]),
        ),
      );
    }
    for (const [k, wj] of m.references) {
      mv.references.set(k, { window: keptWindowFromJSON(state.config, wj, mv.columns) });
    }
    if (m.qualityBins !== undefined) mv.qualityBins = qualityBinSchemaFrom(m.qualityBins);
    if (m.qualityBaselines !== undefined) {
      mv.qualityBaselines = new Map(
        m.qualityBaselines.map(([k, j]) => [
          k,
          QUALITY_BINS_KIND.forJSON(j, state.config).fromJSON(j),
        ]),
      );
    }
    if (m.cbpePairs !== undefined) mv.cbpePairs = cbpePairsFromJSON(m.cbpePairs);
    state.models.set(m.key, mv);
  }
  for (const [id, p] of s.pendingPredictions) state.pendingPredictions.set(id, { ...p });
  for (const [id, l] of s.pendingLabels) state.pendingLabels.set(id, { ...l });
  for (const [id, t] of s.seenLabelIds) state.seenLabelIds.set(id, t);
  for (const [k, c] of s.spanCandidates)
    state.spanCandidates.set(k, { record: c.record, windowStartMs: c.windowStartMs });
  for (const [k, t] of s.eventSpanKeys) state.eventSpanKeys.set(k, t);
  for (const [k, p] of s.scoreSeries) state.scoreSeries.set(k, p);
  state.evaluationJoin = restoreEvaluationJoin(s.evaluationJoin);
  Object.assign(state.counters, s.counters);
  return state;
}

interface WindowJSON {
  startMs: number;
  predictions: number;
  weightedPredictions: number;
  labeled: number;
  /** Absent in checkpoints written before weighted labels: every pair then weighed 1. */
  weightedLabeled?: number;
  labeledUnusable: number;
  predictionsLabeled: number;
  /** Absent in checkpoints written before weighted coverage: read as unweighted. */
  weightedPredictionsLabeled?: number;
  predictionWeight2?: number;
  featureOverflow: number;
  features: [
    string,
    {
      kind: FeatureKind;
      count: number;
      typeMismatch: number;
      /** Absent when it equals `typeMismatch` (unit weights, and checkpoints before weights). */
      typeMismatchWeight?: number;
      acc: unknown;
    },
  ][];
  score?: unknown;
  label?: unknown;
  value?: unknown;
  scoreHistogram?: {
    explicitBounds: number[];
    bucketCounts: number[];
    count: number;
    sum: number | null;
    boundsMismatch: number;
  };
  service?: unknown;
  binary?: unknown;
  multiclass?: unknown;
  regression?: unknown;
  evaluations?: unknown;
  genai?: unknown;
  embeddings?: unknown;
  fairness?: unknown;
  qualityBins?: unknown;
  groundTruthValues?: unknown;
  multilabel?: unknown;
  ranking?: unknown;
  shadow?: unknown;
  cbpeSums?: unknown;
  delays: [
    string,
    { bucketCounts: number[]; count: number; sum: number; min: number | null; max: number | null },
  ][];
  /** Absent in older checkpoints and for windows without examples. */
  exemplars?: SerializedExemplarReservoir;
}

/** A kept window (a reference, a season's): trimmed as it was when it was kept. */
function keptWindowFromJSON(
  caps: AccumulatorCaps,
  json: unknown,
  columns: FeatureColumns,
): WindowAcc {
  const w = windowFromJSON(caps, json, columns);
  trimWindowAcc(w);
  return w;
}

function windowFromJSON(caps: AccumulatorCaps, json: unknown, columns: FeatureColumns): WindowAcc {
  const j = json as WindowJSON;
  const w = createWindowAcc(j.startMs, 0, columns);
  for (const [name, f] of j.features) {
    const acc = FEATURE_KINDS[f.kind].accumulator.forJSON(f.acc, caps).fromJSON(f.acc);
    // The entry of `f.kind` restored `acc`: the pair is one member of the union.
    w.features.set(name, {
      kind: f.kind,
      acc,
      count: f.count,
      typeMismatch: f.typeMismatch,
      typeMismatchWeight: f.typeMismatchWeight ?? f.typeMismatch,
    } as FeatureSlot);
  }
  const delay = DELAY_KIND.forSetting(undefined, caps);
  const delays =
    j.delays.length === 0
      ? undefined
      : new Map<string, DelayAcc>(j.delays.map(([source, d]) => [source, delay.fromJSON(d)]));
  w.predictions = j.predictions;
  w.weightedPredictions = j.weightedPredictions;
  w.labeled = j.labeled;
  w.weightedLabeled = j.weightedLabeled ?? j.labeled;
  w.labeledUnusable = j.labeledUnusable;
  w.predictionsLabeled = j.predictionsLabeled;
  w.weightedPredictionsLabeled = j.weightedPredictionsLabeled ?? j.predictionsLabeled;
  // Without Σw² the weights are unknown: Σw² = Σw keeps n_eff = Σw (unweighted: the count).
  w.predictionWeight2 = j.predictionWeight2 ?? j.weightedPredictions;
  w.featureOverflow = j.featureOverflow;
  w.delays = delays;
  if (j.exemplars !== undefined) w.exemplars = restoreExemplarReservoir(j.exemplars);
  for (const part of PART_NAMES) partFromJSON(caps, w, part, j[part]);
  return w;
}

function partFromJSON<P extends WindowPart>(
  caps: AccumulatorCaps,
  w: WindowAcc,
  part: P,
  json: unknown,
): void {
  if (json !== undefined) w[part] = WINDOW_PARTS[part].forJSON(json, caps).fromJSON(json);
}
