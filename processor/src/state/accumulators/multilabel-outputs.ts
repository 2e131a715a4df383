import { absent, present, type Maybe } from '../../stats/index.js';
import {
  AccumulatorStateError,
  checkpointObject,
  numberField,
  type Accumulator,
} from './accumulator.js';
import { kishCount, weight2FromJSON } from './effective-count.js';

/** One labelled multilabel prediction: the predicted and the true label sets. */
export interface MultilabelObservation {
  readonly predicted: readonly string[];
  readonly actual: readonly string[];
}

/** Weighted pair counts of one label: true positives, false positives, false negatives. */
export interface LabelCounts {
  tp: number;
  fp: number;
  fn: number;
}

/** Streaming state of labelled multilabel predictions. */
export interface MultilabelOutputsState {
  /** Most distinct labels kept by name; later ones are pooled in `overflow`. */
  readonly maxLabels: number;
  /** Labelled predictions recorded (raw). */
  count: number;
  /** Σw of the labelled predictions. */
  weight: number;
  /** Σw² of the labelled predictions, for Kish's effective size. */
  weight2: number;
  /** Σw of the predictions whose label set equals the true set. */
  subsetCorrect: number;
  labels: Map<string, LabelCounts>;
  /** Counts of the labels beyond the cap, pooled. */
  overflow: LabelCounts;
  /** Label names seen beyond the cap (a name is counted once per state it overflowed in). */
  overflowLabels: number;
}

/** One row of the per-label table. */
export interface LabelRow extends LabelCounts {
  readonly label: string;
  /** tp + fn: the weight of the predictions that truly carry the label. */
  readonly support: number;
  /** 2tp / (2tp + fp + fn): sklearn's per-label F1 (never 0/0 for a label that was seen). */
  readonly f1: number;
}

/** Derived multilabel statistics (sklearn `average='micro'|'macro'`, `zero_division=0`). */
export interface MultilabelSnapshot {
  readonly count: number;
  readonly weight: number;
  /** Kish's effective size (Σw)²/Σw² of the labelled predictions (= count when unweighted). */
  readonly effectiveCount: number;
  /** Per label, by name. */
  readonly labels: readonly LabelRow[];
  /** Pooled counts of the labels beyond the cap (absent when none overflowed). */
  readonly overflow?: LabelCounts & { readonly labels: number };
  readonly microPrecision: Maybe;
  readonly microRecall: Maybe;
  readonly microF1: Maybe;
  /** Mean per-label F1 over the labels seen; absent when labels overflowed the cap. */
  readonly macroF1: Maybe;
  readonly subsetAccuracy: Maybe;
  /** Σw·(fp + fn) / (Σw · labels seen); absent when labels overflowed the cap. */
  readonly hammingLoss: Maybe;
}

/**
 * JSON checkpoint of a multilabel outputs state. Version 2 added `weight2`; a version 1
 * checkpoint is read as if its predictions weighed alike (Σw² = (Σw)²/count: n_eff = count, the
 * size every check counted before).
 */
export interface MultilabelOutputsJson {
  kind: 'multilabel_outputs';
  version: 2;
  maxLabels: number;
  count: number;
  weight: number;
  weight2: number;
  subsetCorrect: number;
  /** `[label, tp, fp, fn]` per kept label. */
  labels: [string, number, number, number][];
  overflow: [number, number, number];
  overflowLabels: number;
}

const zero = (): LabelCounts => ({ tp: 0, fp: 0, fn: 0 });

/** Options of {@link multilabelOutputsAccumulator}. */
export interface MultilabelOutputsOptions {
  /** Distinct labels kept by name (the category cap). */
  readonly maxLabels: number;
}

/**
 * Accumulator of labelled multilabel predictions, each weighed by its frequency weight (1/p of
 * the prediction, default 1). All statistics are exact sums over the labels seen in the truth
 * or the prediction; with more distinct labels than `maxLabels`, the micro statistics and
 * subset accuracy stay exact (pooled counts), while macro F1 and Hamming loss, which need every
 * label's own counts, become absent with the reason. Memory: 3 numbers per kept label.
 */
export function multilabelOutputsAccumulator(
  options: MultilabelOutputsOptions,
): Accumulator<
  MultilabelOutputsState,
  MultilabelObservation,
  MultilabelSnapshot,
  MultilabelOutputsJson
> {
  const { maxLabels } = options;
  const countsOf = (state: MultilabelOutputsState, label: string): LabelCounts => {
    let c = state.labels.get(label);
    if (c === undefined) {
      if (state.labels.size >= state.maxLabels) {
        state.overflowLabels++;
        return state.overflow;
      }
      c = zero();
      state.labels.set(label, c);
    }
    return c;
  };
  const create = (): MultilabelOutputsState => ({
    maxLabels,
    count: 0,
    weight: 0,
    weight2: 0,
    subsetCorrect: 0,
    labels: new Map(),
    overflow: zero(),
    overflowLabels: 0,
  });
  return {
    create,
    record(state, { predicted, actual }, w = 1) {
      if (!(w > 0) || !Number.isFinite(w)) throw new RangeError(`weight must be > 0, got ${w}`);
      const pred = new Set(predicted);
      const truth = new Set(actual);
      let equal = pred.size === truth.size;
      for (const label of pred) {
        const c = countsOf(state, label);
        if (truth.has(label)) c.tp += w;
        else {
          c.fp += w;
          equal = false;
        }
      }
      for (const label of truth) if (!pred.has(label)) countsOf(state, label).fn += w;
      state.count++;
      state.weight += w;
      state.weight2 += w * w;
      if (equal) state.subsetCorrect += w;
    },
    merge(a, b) {
      const out = create();
      out.count = a.count + b.count;
      out.weight = a.weight + b.weight;
      out.weight2 = a.weight2 + b.weight2;
      out.subsetCorrect = a.subsetCorrect + b.subsetCorrect;
      out.overflowLabels = a.overflowLabels + b.overflowLabels;
      for (const from of [a, b]) {
        addCounts(out.overflow, from.overflow);
        for (const [label, c] of from.labels) addCounts(countsOf(out, label), c);
      }
      return out;
    },
    snapshot: snapshotMultilabel,
    toJSON(state) {
      const o = state.overflow;
      return {
        kind: 'multilabel_outputs',
        version: 2,
        maxLabels: state.maxLabels,
        count: state.count,
        weight: state.weight,
        weight2: state.weight2,
        subsetCorrect: state.subsetCorrect,
        labels: [...state.labels].map(([label, c]) => [label, c.tp, c.fp, c.fn]),
        overflow: [o.tp, o.fp, o.fn],
        overflowLabels: state.overflowLabels,
      };
    },
    fromJSON(json) {
      const where = 'multilabel_outputs';
      const obj = checkpointObject(json, where, [1, 2]);
      const labels = new Map<string, LabelCounts>();
      const rows = obj['labels'];
      if (!Array.isArray(rows))
        throw new AccumulatorStateError(`${where}: "labels" must be an array`);
      for (const row of rows) labels.set(...labelRowFromJSON(row, where));
      const [tp, fp, fn] = tripleFromJSON(obj['overflow'], `${where}: "overflow"`);
      const count = numberField(obj, 'count', where);
      const weight = numberField(obj, 'weight', where);
      return {
        maxLabels: numberField(obj, 'maxLabels', where),
        count,
        weight,
        weight2: weight2FromJSON(obj, count, weight, where),
        subsetCorrect: numberField(obj, 'subsetCorrect', where),
        labels,
        overflow: { tp, fp, fn },
        overflowLabels: numberField(obj, 'overflowLabels', where),
      };
    },
  };
}

function addCounts(into: LabelCounts, from: LabelCounts): void {
  into.tp += from.tp;
  into.fp += from.fp;
  into.fn += from.fn;
}

function tripleFromJSON(v: unknown, what: string): [number, number, number] {
  if (!Array.isArray(v) || v.length !== 3 || !v.every((x) => typeof x === 'number' && x >= 0)) {
    throw new AccumulatorStateError(`${what} must be three non-negative numbers`);
  }
  return v as [number, number, number];
}

function labelRowFromJSON(row: unknown, where: string): [string, LabelCounts] {
  if (!Array.isArray(row) || typeof row[0] !== 'string') {
    throw new AccumulatorStateError(`${where}: a "labels" row must be [label, tp, fp, fn]`);
  }
  const [tp, fp, fn] = tripleFromJSON(row.slice(1), `${where}: the counts of label "${row[0]}"`);
  return [row[0], { tp, fp, fn }];
}

const ratio = (num: number, den: number): number => (den > 0 ? num / den : 0);

/** The statistics of a multilabel state. */
function snapshotMultilabel(state: MultilabelOutputsState): MultilabelSnapshot {
  const total = { ...state.overflow };
  const labels: LabelRow[] = [];
  for (const [label, c] of state.labels) {
    addCounts(total, c);
    labels.push({ label, ...c, support: c.tp + c.fn, f1: ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn) });
  }
  labels.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const overflowed = state.overflowLabels > 0;
  const capped = absent(
    `more than ${state.maxLabels} distinct labels: the labels beyond the cap are pooled`,
  );
  const none = absent('no labelled prediction recorded');
  const seen = total.tp + total.fp + total.fn > 0;
  const noLabel = absent('no label was predicted or true in this window');
  const wrongPairs = labels.reduce((s, r) => s + r.fp + r.fn, 0);
  return {
    count: state.count,
    weight: state.weight,
    effectiveCount: kishCount(state.count, state.weight, state.weight2),
    labels,
    ...(overflowed ? { overflow: { ...state.overflow, labels: state.overflowLabels } } : {}),
    microPrecision: !seen ? noLabel : present(ratio(total.tp, total.tp + total.fp)),
    microRecall: !seen ? noLabel : present(ratio(total.tp, total.tp + total.fn)),
    microF1: !seen ? noLabel : present(ratio(2 * total.tp, 2 * total.tp + total.fp + total.fn)),
    macroF1: overflowed
      ? capped
      : !seen
        ? noLabel
        : present(labels.reduce((s, r) => s + r.f1, 0) / labels.length),
    subsetAccuracy: state.count === 0 ? none : present(state.subsetCorrect / state.weight),
    hammingLoss: overflowed
      ? capped
      : !seen
        ? noLabel
        : present(wrongPairs / (state.weight * labels.length)),
  };
}
