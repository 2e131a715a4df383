/**
 * One stream's accumulators over one window: creating, recording a prediction, merging (for
 * the all-slices stream) and turning them into the plain {@link ClosedWindow} parts.
 */
import type { Attributes } from '../decode/otlp-types.js';
import type { PredictionRecord } from '../extract/types.js';
import type { Accumulator } from './accumulators/index.js';
import { seriesKey } from '../keys/series-key.js';
import {
  CATEGORICAL_KIND,
  DELAY_KIND,
  NUMERIC_KIND,
  NUMERIC_RECORDER,
  reserveNumericAccValues,
  SCORE_HISTOGRAM_KIND,
  SERVICE_KIND,
  sortNumericValues,
  trimBinaryAcc,
  trimNumericAccs,
  type AccumulatorCaps,
  type NumericAcc,
  type ScoreHistogramPoint,
} from './accumulator-kinds.js';
import type {
  FeatureSlot,
  FeatureSlotOf,
  ModelVersionState,
  MonitorState,
  WindowAcc,
} from './monitor-state.js';
import type { ServiceObservation } from './service-sli.js';
import { latencyBoundsOf } from './state-config.js';
import { isEmbeddingValue } from './embeddings-acc.js';
import { addPart, type PartSums } from './part-sums.js';
import { recordEmbedding } from './record-embedding.js';
import { FeatureColumns, FeatureSlots } from './feature-slots.js';
import {
  createExemplarReservoir,
  mergeExemplarReservoirInto,
  type ExemplarReservoir,
  sampleSlot,
  setRecordCategory,
  setRecordValue,
  writeRecord,
} from './exemplar-reservoir.js';
import type {
  DelayAccumulator,
  FeatureKind,
  FeatureWindow,
  LabeledWindow,
  OutputsWindow,
  WindowCounts,
} from './types.js';
import {
  FEATURE_KINDS,
  featureKindOf,
  numericEdgesFor,
  PART_NAMES,
  type FeatureKindEntry,
  snapshotPart,
  WINDOW_PARTS,
  type WindowPart,
} from './window-parts.js';

/**
 * Bin edges of the `ml.prediction.score` accumulator: the 10 equal-width reliability bins of
 * METRICS.md, the same as the instrumentation's `ml.inference.score` histogram buckets.
 */
export const SCORE_BIN_EDGES: Float64Array = Float64Array.from([
  0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9,
]);

/**
 * Key of the regression output's edges among the feature edges (no feature name starts with the
 * key separator).
 */
export const VALUE_EDGES_KEY = seriesKey('', 'value');

// Read once: called per value (see extract/read-prediction.ts on imported bindings).
const recordNumber = NUMERIC_RECORDER.record;

/**
 * An empty window starting at `startMs`; its numeric features make room for `valuesHint` values
 * each when created (see {@link WindowAcc.valuesHint}) and are laid out on `columns` (the model
 * version's, shared by its windows; a window of its own otherwise).
 */
export function createWindowAcc(
  startMs: number,
  valuesHint = 0,
  columns: FeatureColumns = new FeatureColumns(),
): WindowAcc {
  return {
    startMs,
    predictions: 0,
    weightedPredictions: 0,
    labeled: 0,
    weightedLabeled: 0,
    labeledUnusable: 0,
    predictionsLabeled: 0,
    weightedPredictionsLabeled: 0,
    predictionWeight2: 0,
    featureOverflow: 0,
    features: new FeatureSlots(columns),
    score: undefined,
    label: undefined,
    value: undefined,
    scoreHistogram: undefined,
    service: undefined,
    binary: undefined,
    multiclass: undefined,
    regression: undefined,
    evaluations: undefined,
    genai: undefined,
    embeddings: undefined,
    fairness: undefined,
    qualityBins: undefined,
    groundTruthValues: undefined,
    shadow: undefined,
    delays: undefined,
    exemplars: undefined,
    valuesHint,
  };
}

/**
 * Records the features and outputs of one prediction into `w`; returns true when it became one
 * of the window's kept examples.
 */
export function recordPredictionInWindow(
  state: MonitorState,
  mv: ModelVersionState,
  w: WindowAcc,
  r: PredictionRecord,
): boolean {
  w.predictions++;
  w.weightedPredictions += r.weight;
  w.predictionWeight2 += r.weight * r.weight;
  const example = r.spanKey !== '' && state.config.exemplars ? exemplarSlot(w, r) : -1;
  const weight = r.weight;
  if (r.features !== undefined) recordFeatures(state, mv, w, r.features, example, weight);
  const caps = state.config;
  if (r.score !== undefined) {
    const score = (w.score ??= NUMERIC_KIND.forSetting(SCORE_BIN_EDGES, caps).create());
    recordNumber(score, r.score, weight);
  }
  if (r.value !== undefined) {
    w.value ??= NUMERIC_KIND.forSetting(
      numericEdgesFor(mv, VALUE_EDGES_KEY, w.startMs),
      caps,
    ).create();
    recordNumber(w.value, r.value, weight);
  }
  if (r.label !== undefined) {
    const label = (w.label ??= CATEGORICAL_KIND.forSetting(undefined, caps).create());
    CATEGORICAL_KIND.forState(label, caps).record(label, r.label, weight);
  }
  return example >= 0;
}

/**
 * The slot a prediction made in a span takes among the window's examples (see
 * `exemplar-reservoir.ts`), its ids and time written; -1 when it is not kept.
 */
function exemplarSlot(w: WindowAcc, r: PredictionRecord): number {
  const reservoir = (w.exemplars ??= createExemplarReservoir(w.startMs));
  const slot = sampleSlot(reservoir);
  if (slot >= 0) writeRecord(reservoir, slot, r.spanKey, r.timeMs);
  return slot;
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

/** Records the features; `example` ≥ 0: also the numeric values of that kept example. */
function recordFeatures(
  state: MonitorState,
  mv: ModelVersionState,
  w: WindowAcc,
  features: Attributes,
  example: number,
  weight: number,
): void {
  let column = 0;
  let categoryColumn = 0;
  const caps = state.config;
  const counters = state.counters;
  const slots = w.features;
  const columns = slots.columns;
  const rowNames = columns.rowNames;
  const rowColumns = columns.rowColumns;
  let i = -1;
  for (const name in features) {
    i++;
    const v = features[name];
    if (isEmbeddingValue(v)) {
      recordEmbedding(w, name, v, weight);
      continue;
    }
    let at: number | undefined;
    if (rowNames[i] === name) at = rowColumns[i];
    else {
      at = columns.index.get(name);
      if (at !== undefined) {
        rowNames[i] = name;
        rowColumns[i] = at;
      }
    }
    let slot = at === undefined ? undefined : slots.heldAt(at);
    if (slot === undefined) {
      let open = at === undefined ? undefined : slots.openNumeric;
      if (open === undefined || !open.has(at!)) {
        let kind = mv.featureKinds.get(name);
        if (kind === undefined) {
          // The kind is fixed per model version by the profile or by the first value seen.
          const k = kindOfValue(v);
          if (k === undefined) continue; // missing: counted as missing at close
          if (k === null) {
            counters.typeMismatch++;
            continue;
          }
          if (mv.featureKinds.size >= caps.maxFeaturesPerStream) {
            w.featureOverflow++;
            counters.featureOverflow++;
            continue;
          }
          kind = k;
          mv.featureKinds.set(name, kind);
        }
        at ??= columns.columnOf(name);
        rowNames[i] = name;
        rowColumns[i] = at;
        if (kind === 'numeric' && weight === 1) {
          // Values alone until the column needs an accumulator (see `open-numeric.ts`).
          const edges = numericEdgesFor(mv, name, w.startMs);
          // The first column to open makes room for as many as the model version has.
          const expected = slots.openNumeric === undefined ? numericKindCount(mv) : 0;
          open = slots.openNumericAt(at, edges, caps, w.valuesHint, expected);
        } else {
          slot = newFeatureSlot(state, mv, name, kind, w.startMs);
          if (slot.kind === 'numeric' && w.valuesHint > 0)
            reserveNumericAccValues(slot.acc, w.valuesHint);
          slots.setAt(at, slot);
        }
      }
      if (slot === undefined) {
        if (open!.observe(at!, v, weight, counters)) {
          if (example >= 0) exampleValue(w, example, name, v, column++);
          continue;
        }
        slot = slots.promote(at!);
      }
    }
    featureKindOf(slot).observe(slot, v, counters, caps, weight);
    if (example >= 0) {
      if (slot.kind === 'numeric') exampleValue(w, example, name, v, column++);
      else if (typeof v === 'string' || typeof v === 'boolean') {
        setRecordCategory(w.exemplars!, example, name, String(v), categoryColumn++);
      }
    }
  }
}

/** Numeric features of the model version. */
function numericKindCount(mv: ModelVersionState): number {
  let n = 0;
  for (const kind of mv.featureKinds.values()) if (kind === 'numeric') n++;
  return n;
}

/** Writes numeric feature `name`'s raw value `v` into kept example `example`, at `column`. */
function exampleValue(
  w: WindowAcc,
  example: number,
  name: string,
  v: unknown,
  column: number,
): void {
  const value = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : Number.NaN;
  setRecordValue(w.exemplars!, example, name, value, column);
}

/** An empty slot of `kind` for feature `name` in the window starting at `startMs`. */
export function newFeatureSlot(
  state: MonitorState,
  mv: ModelVersionState,
  name: string,
  kind: FeatureKind,
  startMs: number,
): FeatureSlot {
  const entry: FeatureKindEntry<FeatureKind> = FEATURE_KINDS[kind];
  const acc = entry.accumulator.forSetting(entry.setting(mv, name, startMs), state.config).create();
  // The entry of `kind` made `acc`: the pair is one member of the union.
  return { kind, acc, count: 0, typeMismatch: 0, typeMismatchWeight: 0 } as FeatureSlot;
}

/** Records a label delay (seconds) under `source`. */
export function recordDelay(w: WindowAcc, source: string, seconds: number): void {
  const delay = DELAY_KIND.forSetting(undefined, NO_CAPS);
  const delays = (w.delays ??= new Map());
  let d = delays.get(source);
  if (d === undefined) {
    d = delay.create();
    delays.set(source, d);
  }
  delay.record(d, seconds);
}

/** The delay and score histograms are configured by nothing the state's caps hold. */
const NO_CAPS: AccumulatorCaps = { maxCategories: 1 };

/** Adds a (delta) score-histogram point into the window's sum. */
export function recordScoreHistogram(w: WindowAcc, point: ScoreHistogramPoint): void {
  const h = (w.scoreHistogram ??= SCORE_HISTOGRAM_KIND.forSetting(point, NO_CAPS).create());
  SCORE_HISTOGRAM_KIND.forState(h, NO_CAPS).record(h, point);
}

/** Records one inference call (a span) or one (delta) duration-histogram point. */
export function recordService(
  state: MonitorState,
  w: WindowAcc,
  observation: ServiceObservation,
): void {
  const s = (w.service ??= SERVICE_KIND.forSetting(
    latencyBoundsOf(state.config),
    NO_CAPS,
  ).create());
  SERVICE_KIND.forState(s, NO_CAPS).record(s, observation);
}

/**
 * Adds window `from` into `into` (both of the same model version and start). `from` is left
 * intact. `into` must be a window only the caller holds (a sum made here): the states of the
 * accumulators that merge in place (`mergeInto`: features, scores, values, labels) are `into`'s
 * own and are added to in place. The parts of other kinds merge into new states: added to
 * `sums` when given (binary counters: see `part-sums.ts`; `writePartSums` sets their totals),
 * else merged into `into` at once (a part `into` lacks is shared with `from`). `exemplars` are
 * `from`'s examples (a prepared window's were taken out of it).
 */
export function mergeWindowAcc(
  state: MonitorState,
  into: WindowAcc,
  from: WindowAcc,
  sums?: PartSums,
  exemplars: ExemplarReservoir | undefined = from.exemplars,
): void {
  const caps = state.config;
  into.predictions += from.predictions;
  into.weightedPredictions += from.weightedPredictions;
  into.labeled += from.labeled;
  into.weightedLabeled += from.weightedLabeled;
  into.labeledUnusable += from.labeledUnusable;
  into.predictionsLabeled += from.predictionsLabeled;
  into.weightedPredictionsLabeled += from.weightedPredictionsLabeled;
  into.predictionWeight2 += from.predictionWeight2;
  into.featureOverflow += from.featureOverflow;
  const source = from.features;
  const target = into.features;
  // Windows of one model version share its columns: a column is the same feature in both.
  const shared = source.columns === target.columns;
  for (let c = 0; c < source.width; c++) {
    const f = source.at(c);
    if (f === undefined) continue;
    const slot = shared ? target.at(c) : target.get(source.nameAt(c));
    // Kinds are fixed per model version, edges per (model version, window start).
    if (slot === undefined) {
      if (shared) target.setAt(c, copySlot(f, caps));
      else target.set(source.nameAt(c), copySlot(f, caps));
    } else if (slot.kind === f.kind) mergeSlot(slot, f, caps);
  }
  for (const part of PART_NAMES) mergePart(into, from, part, caps, sums);
  const delay = DELAY_KIND.forSetting(undefined, caps);
  if (from.delays !== undefined) {
    const delays = (into.delays ??= new Map());
    for (const [source, d] of from.delays) {
      const t = delays.get(source);
      delays.set(source, delay.merge(t ?? delay.create(), d));
    }
  }
  if (exemplars !== undefined) {
    mergeExemplarReservoirInto(
      (into.exemplars ??= createExemplarReservoir(into.startMs)),
      exemplars,
    );
  }
}

/** A slot of its own equal to `f` (its accumulator merged into an empty one alike). */
function copySlot(f: FeatureSlot, caps: AccumulatorCaps): FeatureSlot {
  const acc = featureKindOf(f).accumulator.forState(f.acc, caps);
  const copy = { ...f, acc: mergedInto(acc, acc.create(), f.acc) };
  return copy as FeatureSlot;
}

function mergeSlot<K extends FeatureKind>(
  slot: FeatureSlotOf<K>,
  f: FeatureSlotOf<K>,
  caps: AccumulatorCaps,
): void {
  slot.count += f.count;
  slot.typeMismatch += f.typeMismatch;
  slot.typeMismatchWeight += f.typeMismatchWeight;
  slot.acc = mergedInto(featureKindOf(slot).accumulator.forState(slot.acc, caps), slot.acc, f.acc);
}

function mergePart<P extends WindowPart>(
  into: WindowAcc,
  from: WindowAcc,
  part: P,
  caps: AccumulatorCaps,
  sums: PartSums | undefined,
): void {
  const b = from[part] as NonNullable<WindowAcc[P]> | undefined;
  if (b === undefined) return;
  const a = into[part] as NonNullable<WindowAcc[P]> | undefined;
  const acc = WINDOW_PARTS[part].forState(a ?? b, caps);
  if (acc.mergeInto === undefined && sums !== undefined) {
    addPart(sums, part, b, caps);
    return;
  }
  // A state merged in place must be `into`'s own: a copy of `b`, never `b` itself.
  if (a === undefined) into[part] = acc.mergeInto ? mergedInto(acc, acc.create(), b) : b;
  else into[part] = mergedInto(acc, a, b);
}

/** `a` + `b`: `a` itself added to when the accumulator merges in place, else a new state. */
function mergedInto<S>(acc: Accumulator<S, never, unknown, unknown>, a: S, b: S): S {
  if (acc.mergeInto === undefined) return acc.merge(a, b);
  acc.mergeInto(a, b);
  return a;
}

/**
 * Gives back the unused buffer space of a closed window's accumulators (sketches sized to what
 * they hold), for a window kept as a reference: it receives no more records.
 */
export function trimWindowAcc(w: WindowAcc): void {
  // Exact numeric features: packed columns of one buffer, no object each (`packed-numeric.ts`).
  w.features.pack();
  // One buffer for the other numeric parts: a typed array each would cost its overhead again.
  trimNumericAccs(numericAccsOf(w));
  if (w.binary) trimBinaryAcc(w.binary);
  // Examples serve the window's own evaluation (taken into its closed window before this).
  w.exemplars = undefined;
}

/**
 * Seals a window that receives no more records: its open numeric columns packed into one buffer
 * (values sorted, see `packed-numeric.ts`), the exact values of its other numeric parts sorted
 * where they are (see `sortValues`).
 */
export function sealWindowAcc(w: WindowAcc): void {
  w.features.seal();
  for (const acc of numericAccsOf(w)) sortNumericValues(acc);
}

/**
 * The numeric accumulators of a window that it holds as objects: its numeric features (not the
 * packed or open columns), score and value.
 */
function numericAccsOf(w: WindowAcc): NumericAcc[] {
  const numeric: NumericAcc[] = [];
  const features = w.features;
  for (let c = 0; c < features.width; c++) {
    const f = features.heldAt(c);
    if (f?.kind === 'numeric') numeric.push(f.acc);
  }
  if (w.score) numeric.push(w.score);
  if (w.value) numeric.push(w.value);
  return numeric;
}

/** The features of a window as sorted {@link FeatureWindow}s. */
export function snapshotFeatures(w: WindowAcc, caps: AccumulatorCaps): FeatureWindow[] {
  const names = [...w.features.keys()].sort();
  const out: FeatureWindow[] = [];
  for (const name of names) {
    const f = w.features.get(name)!;
    const missing = Math.max(0, w.predictions - f.count - f.typeMismatch);
    const snapshot = featureKindOf(f).accumulator.forState(f.acc, caps).snapshot(f.acc);
    // Σw of the recorded values: the numeric snapshot's weight, the categorical one's count.
    const weight = 'weight' in snapshot ? snapshot.weight : snapshot.count;
    const weighted =
      w.weightedPredictions === w.predictions && weight === f.count
        ? {}
        : {
            weighted: {
              count: weight,
              missing: Math.max(0, w.weightedPredictions - weight - f.typeMismatchWeight),
              typeMismatch: f.typeMismatchWeight,
            },
          };
    out.push({
      name,
      kind: f.kind,
      count: f.count,
      missing,
      typeMismatch: f.typeMismatch,
      ...weighted,
      snapshot,
    } as FeatureWindow);
  }
  return out;
}

/** The outputs of a window. */
export function snapshotOutputs(w: WindowAcc, caps: AccumulatorCaps): OutputsWindow {
  return {
    score: snapshotPart(w, 'score', caps),
    label: snapshotPart(w, 'label', caps),
    value: snapshotPart(w, 'value', caps),
    scoreHistogram: snapshotPart(w, 'scoreHistogram', caps),
    shadow: snapshotPart(w, 'shadow', caps),
    cbpeSums: snapshotPart(w, 'cbpeSums', caps),
  };
}

/** The labeled part of a window. */
export function snapshotLabeled(w: WindowAcc, caps: AccumulatorCaps): LabeledWindow {
  const delay = DELAY_KIND.forSetting(undefined, caps);
  const delays: Record<string, DelayAccumulator> = {};
  for (const [source, d] of w.delays ?? []) delays[source] = delay.snapshot(d);
  return {
    binary: snapshotPart(w, 'binary', caps),
    multiclass: snapshotPart(w, 'multiclass', caps),
    regression: snapshotPart(w, 'regression', caps),
    fairness: snapshotPart(w, 'fairness', caps),
    qualityBins: snapshotPart(w, 'qualityBins', caps),
    groundTruthValues: snapshotPart(w, 'groundTruthValues', caps),
    multilabel: snapshotPart(w, 'multilabel', caps),
    ranking: snapshotPart(w, 'ranking', caps),
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
    weightedLabeled: w.weightedLabeled,
    labeledUnusable: w.labeledUnusable,
    predictionsLabeled: w.predictionsLabeled,
    weightedPredictionsLabeled: w.weightedPredictionsLabeled,
    predictionWeight2: w.predictionWeight2,
    featureOverflow: w.featureOverflow,
  };
}
