/**
 * Example requests of a window, kept so that a drift result can point at the traces behind it.
 * Bounded and cheap on the ingest path: predictions that belong to a span are *candidates* with
 * the reservoir-sampling probability min(1, {@link EXEMPLAR_CANDIDATES} / i) for the i-th such
 * prediction of the window (so about 64 · (1 + ln(n / 64)) of n are looked at); each candidate
 * offers each of its numeric feature values to the feature's slot of the value's bin (the bins
 * of the model version's reference edges), where it replaces the kept example with probability
 * 1 / (candidates seen in that bin). Each bin thus holds one uniform draw of the candidates that
 * fell in it, and `seen` counts how the candidates spread over the bins. Deterministic for a
 * given input order: the draws come from a xorshift generator seeded by the window start.
 * Size bound per window: {@link EXEMPLAR_MAX_FEATURES} features × (bins + 1) examples.
 */
import { binIndex } from '../stats/quantile-bins.js';

/** Expected candidates per window (the reservoir size of the candidate draw). */
export const EXEMPLAR_CANDIDATES = 64;
/** Numeric features that keep examples per window (the first ones seen). */
export const EXEMPLAR_MAX_FEATURES = 64;

/** One example: the feature value and the request it came from. */
export interface ExemplarPick {
  readonly value: number;
  /** `traceId:spanId` (hex) of the prediction's span. */
  readonly spanKey: string;
  /** Prediction time, ms since the epoch. */
  readonly timeMs: number;
}

/** One numeric feature's examples, per bin of `edges`. */
export interface FeatureExemplars {
  readonly edges: Float64Array;
  /** Candidates seen per bin (edges.length + 1 bins). */
  readonly seen: number[];
  /** The kept example per bin (`null` for a bin no candidate fell in). */
  readonly picks: (ExemplarPick | null)[];
}

/** A window's examples. */
export interface ExemplarReservoir {
  /** Predictions with a span offered so far (the candidate draw's i). */
  offered: number;
  /** xorshift32 state. */
  rng: number;
  readonly features: Map<string, FeatureExemplars>;
}

/** An empty reservoir for the window starting at `startMs`. */
export function createExemplarReservoir(startMs: number): ExemplarReservoir {
  // Any non-zero 32-bit seed; the window start makes windows draw differently.
  const seed = (Math.floor(startMs / 1000) ^ 0x9e3779b9) >>> 0 || 1;
  return { offered: 0, rng: seed, features: new Map() };
}

/** A uniform draw in [0, 1) from the reservoir's xorshift32 generator. */
function draw(r: ExemplarReservoir): number {
  let x = r.rng;
  x ^= x << 13;
  x >>>= 0;
  x ^= x >>> 17;
  x ^= x << 5;
  x >>>= 0;
  r.rng = x;
  return x / 4294967296;
}

/**
 * Whether the next prediction with a span is a candidate (call once per such prediction, then
 * {@link offerValue} for its numeric features when it is).
 */
export function isCandidate(r: ExemplarReservoir): boolean {
  const i = ++r.offered;
  return i <= EXEMPLAR_CANDIDATES || draw(r) * i < EXEMPLAR_CANDIDATES;
}

/** Offers one numeric value of a candidate; `edges` bins the feature (read when it is new). */
export function offerValue(
  r: ExemplarReservoir,
  feature: string,
  edges: () => Float64Array,
  value: number,
  spanKey: string,
  timeMs: number,
): void {
  let f = r.features.get(feature);
  if (f === undefined) {
    if (r.features.size >= EXEMPLAR_MAX_FEATURES) return;
    const e = edges();
    f = {
      edges: e,
      seen: new Array<number>(e.length + 1).fill(0),
      picks: new Array(e.length + 1).fill(null),
    };
    r.features.set(feature, f);
  }
  const b = binIndex(f.edges, value);
  const seen = ++f.seen[b]!;
  if (seen === 1 || draw(r) * seen < 1) f.picks[b] = { value, spanKey, timeMs };
}

/**
 * `a` and `b` together (the all-slices window from its slices): per bin the counts add and the
 * kept example is `a`'s or `b`'s in proportion to the candidates each saw, so it stays a
 * uniform draw of the union. Features binned differently (edges that changed) keep `a`'s.
 */
export function mergeExemplarReservoirs(
  a: ExemplarReservoir,
  b: ExemplarReservoir,
): ExemplarReservoir {
  const out: ExemplarReservoir = {
    offered: a.offered + b.offered,
    rng: a.rng,
    features: new Map(),
  };
  for (const [name, f] of a.features) out.features.set(name, copyFeature(f));
  for (const [name, g] of b.features) {
    const f = out.features.get(name);
    if (f === undefined) {
      if (out.features.size < EXEMPLAR_MAX_FEATURES) out.features.set(name, copyFeature(g));
      continue;
    }
    if (!sameEdges(f.edges, g.edges)) continue;
    for (let i = 0; i < f.seen.length; i++) {
      const total = f.seen[i]! + g.seen[i]!;
      if (g.seen[i]! > 0 && draw(out) * total < g.seen[i]!) f.picks[i] = g.picks[i]!;
      f.seen[i] = total;
    }
  }
  return out;
}

function copyFeature(f: FeatureExemplars): FeatureExemplars {
  return { edges: f.edges, seen: [...f.seen], picks: [...f.picks] };
}

function sameEdges(a: Float64Array, b: Float64Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** JSON-compatible form (checkpoints). */
export interface SerializedExemplarReservoir {
  readonly offered: number;
  readonly rng: number;
  readonly features: [
    string,
    { edges: number[]; seen: number[]; picks: (ExemplarPick | null)[] },
  ][];
}

/** The reservoir as JSON-compatible data. */
export function serializeExemplarReservoir(r: ExemplarReservoir): SerializedExemplarReservoir {
  return {
    offered: r.offered,
    rng: r.rng,
    features: [...r.features].map(([name, f]) => [
      name,
      { edges: [...f.edges], seen: [...f.seen], picks: [...f.picks] },
    ]),
  };
}

/** Restores {@link serializeExemplarReservoir}'s output. */
export function restoreExemplarReservoir(s: SerializedExemplarReservoir): ExemplarReservoir {
  return {
    offered: s.offered,
    rng: s.rng,
    features: new Map(
      s.features.map(([name, f]) => [
        name,
        { edges: Float64Array.from(f.edges), seen: [...f.seen], picks: [...f.picks] },
      ]),
    ),
  };
}
