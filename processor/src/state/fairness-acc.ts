/**
 * The fairness accumulator of a window: per sensitive attribute and group, the counts behind
 * the selection rate (predictions, positive decisions), the true and false positive rates
 * (labeled positives and negatives, and how many of each were decided positive) and the
 * per-group reliability bins. Mergeable (the all-slices stream adds its slice streams up) and
 * checkpointed as plain JSON; its settings travel in it.
 *
 * Groups are capped per attribute: the first `maxGroups` distinct values are kept apart, later
 * ones are pooled (and counted) in `_OTHER`; predictions without the attribute go to `_UNKNOWN`.
 */
import {
  AccumulatorStateError,
  checkpointObject,
  numberField,
  type Accumulator,
} from './accumulators/accumulator.js';
import { RELIABILITY_BIN_COUNT, reliabilityBinIndex } from '../stats/calibration.js';
import {
  FAIRNESS_GROUP_OTHER,
  FAIRNESS_GROUP_UNKNOWN,
  type FairnessSettings,
} from './fairness-settings.js';

/** The counts of one group. */
export interface GroupTally {
  /** Predictions with a binary decision. */
  predictions: number;
  /** Of those, decided positive. */
  selected: number;
  /** Labeled pairs whose label is 1, and of those decided positive. */
  positives: number;
  truePositives: number;
  /** Labeled pairs whose label is 0, and of those decided positive. */
  negatives: number;
  falsePositives: number;
  /**
   * Reliability bins of the labeled pairs that had a score: for bin b, `[3b]` the count,
   * `[3b+1]` the score sum, `[3b+2]` the positives. Absent until a scored pair arrives.
   */
  bins: number[] | undefined;
  /**
   * Σw² of the records behind `predictions`, `positives` and `negatives` when a record weighed
   * w = 1/`ml.sampling.probability` ≠ 1 (the counts above then hold Σw): the evaluation tests
   * each rate at its effective size (Σw)²/Σw². Absent while every record weighed 1.
   */
  squares?: TallySquares;
}

/** Σw² of the records behind a tally's three bases. */
export interface TallySquares {
  predictions: number;
  positives: number;
  negatives: number;
}

/** A tally's squares: its own, or (all records weighed 1) its counts. */
function squaresOf(t: Readonly<GroupTally>): TallySquares {
  return (
    t.squares ?? { predictions: t.predictions, positives: t.positives, negatives: t.negatives }
  );
}

/** Adds w² to `base`'s squares before w is counted (keeps none while every weight is 1). */
function addSquare(t: GroupTally, base: keyof TallySquares, w: number): void {
  if (w === 1 && t.squares === undefined) return;
  const squares = (t.squares ??= squaresOf(t));
  squares[base] += w * w;
}

/** The accumulator state. */
export interface FairnessAcc {
  readonly settings: FairnessSettings;
  /** Per attribute (in settings order): group → counts. */
  readonly groups: Map<string, GroupTally>[];
  /** Named (not pooled) groups per attribute, for the cap. */
  readonly named: number[];
  /** Predictions without a binary decision. */
  undecided: number;
  /** Labels that could not be read as 0/1. */
  rejectedLabels: number;
}

/** What is recorded: a prediction, a labeled pair, or a label that was not 0/1. */
export type FairnessObservation =
  | {
      readonly kind: 'prediction';
      /** The attributes' values (settings order); `undefined` when the record lacks one. */
      readonly groups: readonly (string | undefined)[];
      /** The binary decision ŷ; `undefined` when the prediction has none. */
      readonly decision: 0 | 1 | undefined;
    }
  | {
      readonly kind: 'label';
      readonly groups: readonly (string | undefined)[];
      readonly decision: 0 | 1;
      readonly actual: 0 | 1;
      /** The positive-class score, for per-group calibration. */
      readonly score: number | undefined;
    }
  | { readonly kind: 'rejected_label' };

/** The state as plain data, for the evaluation. */
export interface FairnessSnapshot {
  readonly settings: FairnessSettings;
  /** Per attribute (settings order): the groups in first-seen order. */
  readonly attributes: readonly {
    readonly name: string;
    readonly groups: readonly (readonly [string, Readonly<GroupTally>])[];
  }[];
  readonly undecided: number;
  readonly rejectedLabels: number;
}

const isPooled = (group: string): boolean =>
  group === FAIRNESS_GROUP_OTHER || group === FAIRNESS_GROUP_UNKNOWN;

const emptyTally = (): GroupTally => ({
  predictions: 0,
  selected: 0,
  positives: 0,
  truePositives: 0,
  negatives: 0,
  falsePositives: 0,
  bins: undefined,
});

/** The tally of `value` under attribute `i`, created under the cap (else `_OTHER`'s). */
function tallyFor(acc: FairnessAcc, i: number, value: string | null | undefined): GroupTally {
  const groups = acc.groups[i]!;
  // A checkpoint turns a missing value into null (JSON has no undefined in arrays).
  let key = value === undefined || value === null || value === '' ? FAIRNESS_GROUP_UNKNOWN : value;
  let tally = groups.get(key);
  if (tally !== undefined) return tally;
  if (!isPooled(key)) {
    if (acc.named[i]! >= acc.settings.maxGroups) {
      key = FAIRNESS_GROUP_OTHER;
      tally = groups.get(key);
      if (tally !== undefined) return tally;
    } else acc.named[i]!++;
  }
  tally = emptyTally();
  groups.set(key, tally);
  return tally;
}

function addTally(into: GroupTally, from: Readonly<GroupTally>): void {
  if (into.squares !== undefined || from.squares !== undefined) {
    const a = squaresOf(into);
    const b = squaresOf(from);
    into.squares = {
      predictions: a.predictions + b.predictions,
      positives: a.positives + b.positives,
      negatives: a.negatives + b.negatives,
    };
  }
  into.predictions += from.predictions;
  into.selected += from.selected;
  into.positives += from.positives;
  into.truePositives += from.truePositives;
  into.negatives += from.negatives;
  into.falsePositives += from.falsePositives;
  if (from.bins !== undefined) {
    const bins = (into.bins ??= new Array<number>(3 * RELIABILITY_BIN_COUNT).fill(0));
    for (let k = 0; k < bins.length; k++) bins[k]! += from.bins[k]!;
  }
}

function createAcc(settings: FairnessSettings): FairnessAcc {
  return {
    settings,
    groups: settings.attributes.map(() => new Map()),
    named: settings.attributes.map(() => 0),
    undecided: 0,
    rejectedLabels: 0,
  };
}

/** Records `o` with frequency weight `w` (1/`ml.sampling.probability`; 1 adds what it always added). */
function record(acc: FairnessAcc, o: FairnessObservation, w = 1): void {
  if (o.kind === 'rejected_label') {
    acc.rejectedLabels++;
    return;
  }
  if (o.kind === 'prediction') {
    if (o.decision === undefined) {
      acc.undecided++;
      return;
    }
    for (let i = 0; i < acc.groups.length; i++) {
      const t = tallyFor(acc, i, o.groups[i]);
      addSquare(t, 'predictions', w);
      t.predictions += w;
      t.selected += w * o.decision;
    }
    return;
  }
  const bin = o.score === undefined ? -1 : reliabilityBinIndex(o.score);
  for (let i = 0; i < acc.groups.length; i++) {
    const t = tallyFor(acc, i, o.groups[i]);
    if (o.actual === 1) {
      addSquare(t, 'positives', w);
      t.positives += w;
      t.truePositives += w * o.decision;
    } else {
      addSquare(t, 'negatives', w);
      t.negatives += w;
      t.falsePositives += w * o.decision;
    }
    if (bin >= 0) {
      const bins = (t.bins ??= new Array<number>(3 * RELIABILITY_BIN_COUNT).fill(0));
      bins[3 * bin]! += w;
      bins[3 * bin + 1]! += w === 1 ? o.score! : w * o.score!;
      bins[3 * bin + 2]! += w * o.actual;
    }
  }
}

/** Adds `from`'s groups into `into` under `into`'s cap (named groups first come first kept). */
function addAcc(into: FairnessAcc, from: FairnessAcc): void {
  const n = Math.min(into.groups.length, from.groups.length);
  for (let i = 0; i < n; i++) {
    for (const [group, tally] of from.groups[i]!) addTally(tallyFor(into, i, group), tally);
  }
  into.undecided += from.undecided;
  into.rejectedLabels += from.rejectedLabels;
}

/** Checkpoint format of {@link FairnessAcc}. */
interface FairnessJson {
  kind: 'fairness';
  version: 1;
  settings: FairnessSettings;
  groups: [string, GroupTally][][];
  undecided: number;
  rejectedLabels: number;
}

const TALLY_FIELDS = [
  'predictions',
  'selected',
  'positives',
  'truePositives',
  'negatives',
  'falsePositives',
] as const;

function readSettings(raw: unknown): FairnessSettings {
  const s = raw as Partial<FairnessSettings> | null;
  if (
    s === null ||
    typeof s !== 'object' ||
    !Array.isArray(s.attributes) ||
    !s.attributes.every((a) => typeof a?.name === 'string') ||
    typeof s.minGroupCount !== 'number' ||
    typeof s.maxGroups !== 'number' ||
    typeof s.alpha !== 'number'
  ) {
    throw new AccumulatorStateError('fairness checkpoint: field "settings" is malformed');
  }
  return s as FairnessSettings;
}

function fromJSON(json: unknown): FairnessAcc {
  const obj = checkpointObject(json, 'fairness', 1);
  const acc = createAcc(readSettings(obj['settings']));
  const groups = obj['groups'];
  if (!Array.isArray(groups) || groups.length !== acc.groups.length) {
    throw new AccumulatorStateError(
      'fairness checkpoint: field "groups" must hold one list per attribute',
    );
  }
  groups.forEach((entries: unknown, i) => {
    if (!Array.isArray(entries)) {
      throw new AccumulatorStateError(`fairness checkpoint: groups[${i}] must be a list`);
    }
    for (const entry of entries as unknown[]) {
      const [group, raw] = Array.isArray(entry) ? entry : [];
      if (typeof group !== 'string' || raw === null || typeof raw !== 'object') {
        throw new AccumulatorStateError(
          `fairness checkpoint: groups[${i}] holds a malformed group`,
        );
      }
      const t = emptyTally();
      for (const f of TALLY_FIELDS)
        t[f] = numberField(raw as Record<string, unknown>, f, 'fairness group');
      const bins = (raw as { bins?: unknown }).bins;
      if (bins !== undefined && bins !== null) {
        if (
          !Array.isArray(bins) ||
          bins.length !== 3 * RELIABILITY_BIN_COUNT ||
          !bins.every((x) => typeof x === 'number' && Number.isFinite(x))
        ) {
          throw new AccumulatorStateError(
            'fairness group: field "bins" must hold 30 finite numbers',
          );
        }
        t.bins = [...(bins as number[])];
      }
      const squares = (raw as { squares?: unknown }).squares;
      if (squares !== undefined && squares !== null) {
        const sq = squares as Record<string, unknown>;
        const where = 'fairness group squares';
        t.squares = {
          predictions: numberField(sq, 'predictions', where),
          positives: numberField(sq, 'positives', where),
          negatives: numberField(sq, 'negatives', where),
        };
      }
      addTally(tallyFor(acc, i, group), t);
    }
  });
  acc.undecided = numberField(obj, 'undecided', 'fairness checkpoint');
  acc.rejectedLabels = numberField(obj, 'rejectedLabels', 'fairness checkpoint');
  return acc;
}

/** The fairness accumulator configured by `settings` (which every state it creates carries). */
export function fairnessAccumulator(
  settings: FairnessSettings,
): Accumulator<FairnessAcc, FairnessObservation, FairnessSnapshot, FairnessJson> {
  return {
    create: () => createAcc(settings),
    record,
    merge(a, b) {
      const out = createAcc(a.settings);
      addAcc(out, a);
      addAcc(out, b);
      return out;
    },
    snapshot: (acc) => ({
      settings: acc.settings,
      attributes: acc.settings.attributes.map((a, i) => ({
        name: a.name,
        groups: [...acc.groups[i]!].map(
          ([g, t]) =>
            [
              g,
              {
                ...t,
                bins: t.bins && [...t.bins],
                ...(t.squares !== undefined ? { squares: { ...t.squares } } : {}),
              },
            ] as const,
        ),
      })),
      undecided: acc.undecided,
      rejectedLabels: acc.rejectedLabels,
    }),
    toJSON: (acc) => ({
      kind: 'fairness',
      version: 1,
      settings: acc.settings,
      groups: acc.groups.map((m) =>
        [...m].map(([g, t]): [string, GroupTally] => [g, { ...t, bins: t.bins && [...t.bins] }]),
      ),
      undecided: acc.undecided,
      rejectedLabels: acc.rejectedLabels,
    }),
    fromJSON,
  };
}
