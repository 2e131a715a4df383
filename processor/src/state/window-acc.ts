/**
 * One stream's accumulators over one window: creating, recording a prediction, merging (for
 * the all-slices stream) and turning them into the plain {@link ClosedWindow} parts.
 */
import type { Attributes } from '../decode/otlp-types.js';
import type { PredictionRecord } from '../extract/types.js';
import {
  createCategoricalAcc,
  createNumericAcc,
  mergeBinaryAcc,
  mergeCategoricalAcc,
  mergeMulticlassAcc,
  mergeNumericAcc,
  mergeRegressionAcc,
  recordCategoricalAcc,
  recordNumericAcc,
  snapshotBinaryAcc,
  snapshotCategoricalAcc,
  snapshotMulticlassAcc,
  snapshotNumericAcc,
  snapshotRegressionAcc,
  createBinaryAcc,
  createMulticlassAcc,
  createRegressionAcc,
} from './accumulators-port.js';
import type {
  DelayAcc,
  FeatureSlot,
  ModelVersionState,
  MonitorState,
  ScoreHistogramAcc,
  WindowAcc,
} from './monitor-state.js';
import {
  GROUND_TRUTH_DELAY_BOUNDS_SECONDS,
  type DelayHistogram,
  type FeatureKind,
  type FeatureWindow,
  type LabeledWindow,
  type OutputsWindow,
  type WindowCounts,
} from './types.js';

/** An empty window starting at `startMs`. */
export function createWindowAcc(startMs: number): WindowAcc {
  return {
    startMs,
    predictions: 0,
    weightedPredictions: 0,
    labeled: 0,
    labeledUnusable: 0,
    predictionsLabeled: 0,
    featureOverflow: 0,
    features: new Map(),
    score: undefined,
    label: undefined,
    value: undefined,
    scoreHistogram: undefined,
    binary: undefined,
    multiclass: undefined,
    regression: undefined,
    delays: new Map(),
  };
}

/** Records the features and outputs of one prediction into `w`. */
export function recordPredictionInWindow(
  state: MonitorState,
  mv: ModelVersionState,
  w: WindowAcc,
  r: PredictionRecord,
): void {
  const weight = r.weight;
  w.predictions++;
  w.weightedPredictions += weight;
  if (r.features !== undefined) recordFeatures(state, mv, w, r.features, weight);
  if (r.score !== undefined) recordNumericAcc((w.score ??= createNumericAcc()), r.score, weight);
  if (r.value !== undefined) recordNumericAcc((w.value ??= createNumericAcc()), r.value, weight);
  if (r.label !== undefined) {
    recordCategoricalAcc(
      (w.label ??= createCategoricalAcc(state.config.maxCategories)),
      r.label,
      weight,
    );
  }
}

/** The kind a value would be recorded as, `undefined` for missing, `null` for unusable shapes. */
function kindOfValue(v: unknown): FeatureKind | undefined | null {
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return 'numeric';
    case 'string':
    case 'boolean':
      return 'categorical';
    case 'undefined':
      return undefined;
    default:
      return null;
  }
}

function recordFeatures(
  state: MonitorState,
  mv: ModelVersionState,
  w: WindowAcc,
  features: Attributes,
  weight: number,
): void {
  for (const name in features) {
    const v = features[name];
    let slot = w.features.get(name);
    if (slot === undefined) {
      let kind = mv.featureKinds.get(name);
      if (kind === undefined) {
        // The kind is fixed per model version by the profile or by the first value seen.
        const k = kindOfValue(v);
        if (k === undefined) continue; // missing: counted as missing at close
        if (k === null) {
          state.counters.typeMismatch++;
          continue;
        }
        if (mv.featureKinds.size >= state.config.maxFeaturesPerModel) {
          w.featureOverflow++;
          state.counters.featureOverflow++;
          continue;
        }
        kind = k;
        mv.featureKinds.set(name, kind);
      }
      slot = newFeatureSlot(state, kind);
      w.features.set(name, slot);
    }
    if (slot.kind === 'numeric') {
      if (typeof v === 'number') {
        if (Number.isFinite(v)) {
          recordNumericAcc(slot.acc, v, weight);
          slot.count++;
        } else {
          // NaN/Infinity: unusable in every statistic; counted with the type mismatches.
          slot.typeMismatch++;
          state.counters.typeMismatch++;
        }
      } else if (typeof v === 'bigint') {
        recordNumericAcc(slot.acc, Number(v), weight);
        slot.count++;
      } else if (v !== undefined) {
        slot.typeMismatch++;
        state.counters.typeMismatch++;
      }
    } else if (typeof v === 'string') {
      recordCategoricalAcc(slot.acc, v, weight);
      slot.count++;
    } else if (typeof v === 'boolean') {
      recordCategoricalAcc(slot.acc, v ? 'true' : 'false', weight);
      slot.count++;
    } else if (v !== undefined) {
      slot.typeMismatch++;
      state.counters.typeMismatch++;
    }
  }
}

/** An empty slot of `kind`. */
export function newFeatureSlot(state: MonitorState, kind: FeatureKind): FeatureSlot {
  return kind === 'numeric'
    ? { kind, acc: createNumericAcc(), count: 0, typeMismatch: 0 }
    : { kind, acc: createCategoricalAcc(state.config.maxCategories), count: 0, typeMismatch: 0 };
}

/** Records a label delay (seconds) under `source`. */
export function recordDelay(w: WindowAcc, source: string, seconds: number): void {
  let d = w.delays.get(source);
  if (d === undefined) {
    d = newDelayAcc();
    w.delays.set(source, d);
  }
  addDelay(d, seconds);
}

function newDelayAcc(): DelayAcc {
  return {
    bucketCounts: new Array<number>(GROUND_TRUTH_DELAY_BOUNDS_SECONDS.length + 1).fill(0),
    count: 0,
    sum: 0,
    min: Infinity,
    max: -Infinity,
  };
}

function addDelay(d: DelayAcc, seconds: number): void {
  const bounds = GROUND_TRUTH_DELAY_BOUNDS_SECONDS;
  let i = 0;
  // OTLP explicit buckets are upper-inclusive: bucket i holds (bounds[i-1], bounds[i]].
  while (i < bounds.length && seconds > bounds[i]!) i++;
  d.bucketCounts[i]!++;
  d.count++;
  d.sum += seconds;
  if (seconds < d.min) d.min = seconds;
  if (seconds > d.max) d.max = seconds;
}

/** Adds a (delta) score histogram into the window's sum. */
export function recordScoreHistogram(
  w: WindowAcc,
  explicitBounds: readonly number[],
  bucketCounts: readonly number[],
  count: number,
  sum: number | undefined,
): void {
  const h: ScoreHistogramAcc = (w.scoreHistogram ??= {
    explicitBounds,
    bucketCounts: new Array<number>(bucketCounts.length).fill(0),
    count: 0,
    sum: 0,
    boundsMismatch: 0,
  });
  if (!sameBounds(h.explicitBounds, explicitBounds)) {
    h.boundsMismatch++;
    return;
  }
  for (let i = 0; i < bucketCounts.length; i++) h.bucketCounts[i]! += bucketCounts[i]!;
  h.count += count;
  h.sum = h.sum === undefined || sum === undefined ? undefined : h.sum + sum;
}

function sameBounds(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Adds window `from` into `into` (both of the same model version; `from` is left intact). */
export function mergeWindowAcc(state: MonitorState, into: WindowAcc, from: WindowAcc): void {
  into.predictions += from.predictions;
  into.weightedPredictions += from.weightedPredictions;
  into.labeled += from.labeled;
  into.labeledUnusable += from.labeledUnusable;
  into.predictionsLabeled += from.predictionsLabeled;
  into.featureOverflow += from.featureOverflow;
  for (const [name, f] of from.features) {
    let slot = into.features.get(name);
    if (slot === undefined) {
      slot = newFeatureSlot(state, f.kind);
      into.features.set(name, slot);
    }
    slot.count += f.count;
    slot.typeMismatch += f.typeMismatch;
    // Kinds are fixed per model version, so both slots have the same kind.
    if (slot.kind === 'numeric' && f.kind === 'numeric') mergeNumericAcc(slot.acc, f.acc);
    else if (slot.kind === 'categorical' && f.kind === 'categorical')
      mergeCategoricalAcc(slot.acc, f.acc);
  }
  if (from.score) mergeNumericAcc((into.score ??= createNumericAcc()), from.score);
  if (from.value) mergeNumericAcc((into.value ??= createNumericAcc()), from.value);
  if (from.label) {
    mergeCategoricalAcc(
      (into.label ??= createCategoricalAcc(state.config.maxCategories)),
      from.label,
    );
  }
  if (from.scoreHistogram) {
    const h = from.scoreHistogram;
    recordScoreHistogram(into, h.explicitBounds, h.bucketCounts, h.count, h.sum);
    into.scoreHistogram!.boundsMismatch += h.boundsMismatch;
  }
  if (from.binary) mergeBinaryAcc((into.binary ??= createBinaryAcc()), from.binary);
  if (from.multiclass)
    mergeMulticlassAcc((into.multiclass ??= createMulticlassAcc()), from.multiclass);
  if (from.regression)
    mergeRegressionAcc((into.regression ??= createRegressionAcc()), from.regression);
  for (const [source, d] of from.delays) {
    let t = into.delays.get(source);
    if (t === undefined) {
      t = newDelayAcc();
      into.delays.set(source, t);
    }
    for (let i = 0; i < d.bucketCounts.length; i++) t.bucketCounts[i]! += d.bucketCounts[i]!;
    t.count += d.count;
    t.sum += d.sum;
    t.min = Math.min(t.min, d.min);
    t.max = Math.max(t.max, d.max);
  }
}

/** The features of a window as sorted {@link FeatureWindow}s. */
export function snapshotFeatures(w: WindowAcc): FeatureWindow[] {
  const names = [...w.features.keys()].sort();
  const out: FeatureWindow[] = [];
  for (const name of names) {
    const f = w.features.get(name)!;
    const missing = Math.max(0, w.predictions - f.count - f.typeMismatch);
    if (f.kind === 'numeric') {
      out.push({
        name,
        kind: 'numeric',
        count: f.count,
        missing,
        typeMismatch: f.typeMismatch,
        snapshot: snapshotNumericAcc(f.acc),
      });
    } else {
      out.push({
        name,
        kind: 'categorical',
        count: f.count,
        missing,
        typeMismatch: f.typeMismatch,
        snapshot: snapshotCategoricalAcc(f.acc),
      });
    }
  }
  return out;
}

/** The outputs of a window. */
export function snapshotOutputs(w: WindowAcc): OutputsWindow {
  const h = w.scoreHistogram;
  return {
    score: w.score && snapshotNumericAcc(w.score),
    label: w.label && snapshotCategoricalAcc(w.label),
    value: w.value && snapshotNumericAcc(w.value),
    scoreHistogram: h && {
      explicitBounds: h.explicitBounds,
      bucketCounts: [...h.bucketCounts],
      count: h.count,
      sum: h.sum,
      boundsMismatch: h.boundsMismatch,
    },
  };
}

/** The labeled part of a window. */
export function snapshotLabeled(w: WindowAcc): LabeledWindow {
  const delays: Record<string, DelayHistogram> = {};
  for (const [source, d] of w.delays) {
    delays[source] = {
      explicitBounds: GROUND_TRUTH_DELAY_BOUNDS_SECONDS,
      bucketCounts: [...d.bucketCounts],
      count: d.count,
      sum: d.sum,
      min: d.min,
      max: d.max,
    };
  }
  return {
    binary: w.binary && snapshotBinaryAcc(w.binary),
    multiclass: w.multiclass && snapshotMulticlassAcc(w.multiclass),
    regression: w.regression && snapshotRegressionAcc(w.regression),
    delays,
  };
}

/** The counts of a window; `late` comes from the stream. */
export function snapshotCounts(w: WindowAcc, late: number): WindowCounts {
  return {
    predictions: w.predictions,
    weightedPredictions: w.weightedPredictions,
    late,
    labeled: w.labeled,
    labeledUnusable: w.labeledUnusable,
    predictionsLabeled: w.predictionsLabeled,
    featureOverflow: w.featureOverflow,
  };
}
