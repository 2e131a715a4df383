/**
 * The shadow accumulator of a window: for the predictions of this stream that shared their
 * `ml.prediction.id` with an earlier prediction of another version of the same model (a shadow
 * deployment scoring one request with two versions), per other version the pairs joined, how
 * many had a decision from both and agreed, and the sums of the score differences (this
 * version's score minus the other's). Mergeable (the all-slices stream adds its slices up) and
 * checkpointed as plain JSON. Entries are bounded by the model's versions.
 */
import {
  AccumulatorStateError,
  checkpointObject,
  numberField,
  type Accumulator,
} from './accumulators/accumulator.js';

/** The pairs with one other version. */
export interface ShadowTally {
  pairs: number;
  /** Pairs where both predictions had a decision, and of those the equal ones. */
  decided: number;
  agreed: number;
  /** Pairs where both had a score, and the sums of (this − other) and |this − other|. */
  scored: number;
  differenceSum: number;
  absDifferenceSum: number;
}

/** The accumulator state: other version → tally. */
export interface ShadowAcc {
  readonly byVersion: Map<string, ShadowTally>;
}

/** Snapshot: other version → tally (copies). */
export type ShadowSnapshot = ReadonlyMap<string, Readonly<ShadowTally>>;

/** One pair: this prediction against an earlier one of `otherVersion` with the same id. */
export interface ShadowObservation {
  readonly otherVersion: string;
  /** The decisions (predicted label, or score against the threshold), when known. */
  readonly decision: string | undefined;
  readonly otherDecision: string | undefined;
  readonly score: number | undefined;
  readonly otherScore: number | undefined;
}

const emptyTally = (): ShadowTally => ({
  pairs: 0,
  decided: 0,
  agreed: 0,
  scored: 0,
  differenceSum: 0,
  absDifferenceSum: 0,
});

function addTally(into: ShadowTally, t: Readonly<ShadowTally>): void {
  into.pairs += t.pairs;
  into.decided += t.decided;
  into.agreed += t.agreed;
  into.scored += t.scored;
  into.differenceSum += t.differenceSum;
  into.absDifferenceSum += t.absDifferenceSum;
}

const TALLY_FIELDS = [
  'pairs',
  'decided',
  'agreed',
  'scored',
  'differenceSum',
  'absDifferenceSum',
] as const;

/** The shadow accumulator (no settings). */
export const shadowAccumulator: Accumulator<
  ShadowAcc,
  ShadowObservation,
  ShadowSnapshot,
  { kind: 'shadow'; version: 1; byVersion: [string, ShadowTally][] }
> = {
  create: () => ({ byVersion: new Map() }),
  record(state, o) {
    let t = state.byVersion.get(o.otherVersion);
    if (t === undefined) {
      t = emptyTally();
      state.byVersion.set(o.otherVersion, t);
    }
    t.pairs++;
    if (o.decision !== undefined && o.otherDecision !== undefined) {
      t.decided++;
      if (o.decision === o.otherDecision) t.agreed++;
    }
    if (o.score !== undefined && o.otherScore !== undefined) {
      const d = o.score - o.otherScore;
      t.scored++;
      t.differenceSum += d;
      t.absDifferenceSum += Math.abs(d);
    }
  },
  merge(a, b) {
    const out: ShadowAcc = { byVersion: new Map() };
    for (const s of [a, b]) {
      for (const [version, t] of s.byVersion) {
        let into = out.byVersion.get(version);
        if (into === undefined) {
          into = emptyTally();
          out.byVersion.set(version, into);
        }
        addTally(into, t);
      }
    }
    return out;
  },
  snapshot: (state) => new Map([...state.byVersion].map(([v, t]) => [v, { ...t }])),
  toJSON: (state) => ({
    kind: 'shadow',
    version: 1,
    byVersion: [...state.byVersion].map(([v, t]) => [v, { ...t }]),
  }),
  fromJSON(json) {
    const o = checkpointObject(json, 'shadow', 1);
    const entries = o['byVersion'];
    if (!Array.isArray(entries)) {
      throw new AccumulatorStateError('shadow: field "byVersion" must be an array');
    }
    const byVersion = new Map<string, ShadowTally>();
    for (const entry of entries as unknown[]) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string') {
        throw new AccumulatorStateError('shadow: each entry must be [version, tally]');
      }
      const t = entry[1] as Record<string, unknown> | null;
      if (typeof t !== 'object' || t === null) {
        throw new AccumulatorStateError('shadow: each tally must be an object');
      }
      const tally = emptyTally();
      for (const f of TALLY_FIELDS) tally[f] = numberField(t, f, 'shadow tally');
      byVersion.set(entry[0], tally);
    }
    return { byVersion };
  },
};
