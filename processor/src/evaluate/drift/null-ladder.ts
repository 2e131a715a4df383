/**
 * Null ladders: the distribution of each drift statistic when nothing changed, at a ladder of
 * current sizes, derived once when a reference is built (issue 4, MONITORING-ANCHORS §b.6).
 *
 * Method. Comparing a reference of N values with a current window of n values drawn from the
 * same distribution, every statistic here behaves like the one-sample statistic of a sample of
 * n_eff = N·n/(N+n) values against the population (exact in the limit for KS, Wasserstein and
 * the binned distances, whose scaled forms converge to functionals of one Brownian bridge;
 * and n_eff ≈ n when n ≪ N, where small-sample effects matter). So each replicate draws n_eff
 * values with replacement from the reference — represented by at most `maxAtoms` equally spaced
 * order statistics (its quantile function) — and measures the statistic against that same
 * population. Cost per replicate is O(n_eff + atoms) with no sorting: draws are counted per
 * distinct atom, and one pass gives KS D, Wasserstein and the bin counts. Above `maxDraws`,
 * draws stop growing and quantiles are rescaled by (n_sim/n_eff)^(1/tailPower), the asymptotic
 * scaling of each statistic.
 *
 * Deterministic: the same reference, options and seed give the same ladder.
 */
import {
  ML_DRIFT_METHOD_VALUE_HELLINGER,
  ML_DRIFT_METHOD_VALUE_JENSEN_SHANNON,
  ML_DRIFT_METHOD_VALUE_KS,
  ML_DRIFT_METHOD_VALUE_L_INFINITY,
  ML_DRIFT_METHOD_VALUE_PSI,
  ML_DRIFT_METHOD_VALUE_WASSERSTEIN,
  ML_DRIFT_METHOD_VALUE_WASSERSTEIN_NORMED,
} from '@mlmon/conventions';
import { proportionDistances, type ProportionDistanceScratch } from './proportion-distances.js';
import { getDriftMethod } from './registry.js';
import { createRng, type Rng } from './rng.js';
import type { DriftMethodId, NullLadder } from './types.js';

/** Current sizes of the ladder (issue 4). */
export const DEFAULT_LADDER_SIZES: readonly number[] = [100, 200, 500, 1000, 5000, 20000, 100000];

/** Quantile levels stored per size; smaller α are extrapolated from the top two. */
export const LADDER_LEVELS: readonly number[] = [0.5, 0.9, 0.95, 0.99];

/** Options of the ladder derivation. */
export interface NullLadderOptions {
  /** PRNG seed. @default 1 */
  readonly seed?: number;
  /** Current sizes. @default DEFAULT_LADDER_SIZES */
  readonly sizes?: readonly number[];
  /** Most atoms representing the reference. @default 2000 */
  readonly maxAtoms?: number;
  /** Replicates per size. @default 1000 */
  readonly replicates?: number;
  /** Most draws per replicate before asymptotic rescaling. @default 5000 */
  readonly maxDraws?: number;
}

/** The reference of a numeric feature, as the ladder needs it. */
export interface NumericLadderInput {
  /** Ascending reference values (all, or equally spaced order statistics). */
  readonly sorted: ArrayLike<number>;
  /** Number of reference values N (may exceed `sorted.length`). */
  readonly count: number;
  /** Reference population std; 0 skips `wasserstein_normed`. */
  readonly std: number;
  /** Reference bin edges (METRICS.md deciles). */
  readonly binEdges: ArrayLike<number>;
}

/** The reference of a categorical feature: counts per category. */
export interface CategoricalLadderInput {
  readonly counts: ArrayLike<number>;
}

/**
 * The rungs of `sizes` that a decision at current size n uses: the two around n, or the end
 * rung outside the ladder. The CLI, which knows n, derives only these.
 */
export function ladderSizesFor(
  n: number,
  sizes: readonly number[] = DEFAULT_LADDER_SIZES,
): number[] {
  if (n <= sizes[0]!) return [sizes[0]!];
  const last = sizes[sizes.length - 1]!;
  if (n >= last) return [last];
  const i = sizes.findIndex((s) => s >= n);
  return sizes[i] === n ? [n] : [sizes[i - 1]!, sizes[i]!];
}

function seedForDraws(seed: number, draws: number): number {
  return (Math.imul(seed ^ 0x5bd1e995, 0x01000193) ^ Math.imul(draws, 0x9e3779b1)) >>> 0;
}

/** Effective one-sample size of a two-sample comparison. */
export function effectiveSize(nReference: number, nCurrent: number): number {
  return (nReference * nCurrent) / (nReference + nCurrent);
}

interface Resolved {
  seed: number;
  sizes: readonly number[];
  maxAtoms: number;
  replicates: number;
  maxDraws: number;
}

function resolve(options: NullLadderOptions): Resolved {
  return {
    seed: options.seed ?? 1,
    sizes: options.sizes ?? DEFAULT_LADDER_SIZES,
    maxAtoms: options.maxAtoms ?? 2000,
    replicates: options.replicates ?? 1000,
    maxDraws: options.maxDraws ?? 5000,
  };
}

/** Null ladders of KS D, Wasserstein (raw and normed), PSI, JS and Hellinger. */
export function numericNullLadders(
  input: NumericLadderInput,
  options: NullLadderOptions = {},
): NullLadder[] {
  const o = resolve(options);
  const L = input.sorted.length;
  if (L === 0) return [];
  const M = Math.min(L, o.maxAtoms);
  // Distinct atom values, their cumulative population probability, and their bin.
  const values: number[] = [];
  const weights: number[] = [];
  const atomGroup = new Int32Array(M);
  for (let j = 0; j < M; j++) {
    const v = input.sorted[Math.min(L - 1, Math.floor(((j + 0.5) * L) / M))]!;
    if (values.length === 0 || values[values.length - 1] !== v) {
      values.push(v);
      weights.push(0);
    }
    weights[weights.length - 1]! += 1;
    atomGroup[j] = values.length - 1;
  }
  const K = values.length;
  const cumP = new Float64Array(K);
  const gap = new Float64Array(K);
  const groupBin = new Int32Array(K);
  const nBins = input.binEdges.length + 1;
  const pBin = new Float64Array(nBins);
  let acc = 0;
  for (let k = 0; k < K; k++) {
    acc += weights[k]!;
    cumP[k] = acc / M;
    gap[k] = k + 1 < K ? values[k + 1]! - values[k]! : 0;
    const b = searchsortedLeft(input.binEdges, values[k]!);
    groupBin[k] = b;
    pBin[b]! += weights[k]! / M;
  }

  const counts = new Int32Array(K);
  const buffer = new Uint32Array(o.maxDraws);
  const binCounts = new Float64Array(nBins);
  const scratch: ProportionDistanceScratch = {
    psi: 0,
    jensenShannon: 0,
    hellinger: 0,
    lInfinity: 0,
  };
  const ids: DriftMethodId[] = [
    ML_DRIFT_METHOD_VALUE_KS,
    ML_DRIFT_METHOD_VALUE_WASSERSTEIN,
    ML_DRIFT_METHOD_VALUE_PSI,
    ML_DRIFT_METHOD_VALUE_JENSEN_SHANNON,
    ML_DRIFT_METHOD_VALUE_HELLINGER,
  ];
  const perMethod = ids.map(() => [] as number[][]);
  const R = o.replicates;
  const simulate = (rng: Rng, nSim: number, out: Float64Array[]): void => {
    for (let r = 0; r < R; r++) {
      drawAtoms(rng, M, nSim, atomGroup, counts, buffer);
      let cum = 0;
      let d = 0;
      let w = 0;
      binCounts.fill(0);
      for (let k = 0; k < K; k++) {
        const c = counts[k]!;
        cum += c;
        const diff = Math.abs(cum / nSim - cumP[k]!);
        if (diff > d) d = diff;
        w += diff * gap[k]!;
        binCounts[groupBin[k]!]! += c;
        counts[k] = 0;
      }
      proportionDistances(pBin, binCounts, nSim, scratch);
      out[0]![r] = d;
      out[1]![r] = w;
      out[2]![r] = scratch.psi;
      out[3]![r] = scratch.jensenShannon;
      out[4]![r] = scratch.hellinger;
    }
  };
  runLadder(input.count, o, ids, simulate, perMethod);
  const ladders = ids.map((id, i) => ladder(id, o, perMethod[i]!));
  if (input.std > 0) {
    const raw = ladders[1]!;
    ladders.splice(2, 0, {
      ...raw,
      method: ML_DRIFT_METHOD_VALUE_WASSERSTEIN_NORMED,
      quantiles: raw.quantiles.map((row) => row.map((q) => round(q / input.std))),
    });
  }
  return ladders;
}

/** Null ladders of PSI, JS, Hellinger and L∞ over categories (L∞ is chi2's effect). */
export function categoricalNullLadders(
  input: CategoricalLadderInput,
  options: NullLadderOptions = {},
): NullLadder[] {
  const o = resolve(options);
  const K = input.counts.length;
  let total = 0;
  for (let k = 0; k < K; k++) total += input.counts[k]!;
  if (K === 0 || total === 0) return [];
  const p = new Float64Array(K);
  const cum = new Float64Array(K);
  let acc = 0;
  for (let k = 0; k < K; k++) {
    p[k] = input.counts[k]! / total;
    acc += p[k]!;
    cum[k] = acc;
  }
  cum[K - 1] = 1;
  const counts = new Float64Array(K);
  const buffer = new Uint32Array(o.maxDraws);
  // Guide table: guide[g] is the first category whose cumulative share exceeds g/GUIDE, so a
  // draw starts its search there (O(1) expected, instead of a binary search per draw).
  const guide = new Int32Array(GUIDE);
  for (let g = 0, k = 0; g < GUIDE; g++) {
    while (k < K - 1 && cum[k]! <= g / GUIDE) k++;
    guide[g] = k;
  }
  const scratch: ProportionDistanceScratch = {
    psi: 0,
    jensenShannon: 0,
    hellinger: 0,
    lInfinity: 0,
  };
  const ids: DriftMethodId[] = [
    ML_DRIFT_METHOD_VALUE_PSI,
    ML_DRIFT_METHOD_VALUE_JENSEN_SHANNON,
    ML_DRIFT_METHOD_VALUE_HELLINGER,
    ML_DRIFT_METHOD_VALUE_L_INFINITY,
  ];
  const perMethod = ids.map(() => [] as number[][]);
  const R = o.replicates;
  const simulate = (rng: Rng, nSim: number, out: Float64Array[]): void => {
    for (let r = 0; r < R; r++) {
      counts.fill(0);
      rng.fillUint32(buffer, nSim);
      for (let i = 0; i < nSim; i++) {
        const u = buffer[i]! / 4294967296;
        let k = guide[(u * GUIDE) | 0]!;
        while (cum[k]! <= u && k < K - 1) k++;
        counts[k]! += 1;
      }
      proportionDistances(p, counts, nSim, scratch);
      out[0]![r] = scratch.psi;
      out[1]![r] = scratch.jensenShannon;
      out[2]![r] = scratch.hellinger;
      out[3]![r] = scratch.lInfinity;
    }
  };
  runLadder(total, o, ids, simulate, perMethod);
  return ids.map((id, i) => ladder(id, o, perMethod[i]!));
}

const GUIDE = 1024;

/**
 * Runs `simulate` at each size's draw count (n_eff capped at maxDraws) and stores rescaled
 * quantiles; sizes whose capped draw count repeats reuse the previous simulation.
 */
function runLadder(
  nReference: number,
  o: Resolved,
  ids: readonly DriftMethodId[],
  simulate: (rng: Rng, nSim: number, out: Float64Array[]) => void,
  perMethod: number[][][],
): void {
  const samples = ids.map(() => new Float64Array(o.replicates));
  let lastSim = -1;
  let sorted: Float64Array[] = [];
  for (const size of o.sizes) {
    const nEff = effectiveSize(nReference, size);
    const nSim = Math.max(1, Math.round(Math.min(nEff, o.maxDraws)));
    if (nSim !== lastSim) {
      // Each draw count has its own stream (seed, nSim), so a rung's quantiles do not depend on
      // which other rungs were computed: a ladder over a subset of sizes (see
      // `ladderSizesFor`) holds exactly the same rows as the full one.
      simulate(createRng(seedForDraws(o.seed, nSim)), nSim, samples);
      sorted = samples.map((s) => Float64Array.from(s).sort());
      lastSim = nSim;
    }
    ids.forEach((id, i) => perMethod[i]!.push(rescaledQuantiles(sorted[i]!, id, nSim, nEff)));
  }
}

function ladder(method: DriftMethodId, o: Resolved, quantiles: number[][]): NullLadder {
  return {
    method,
    sizes: [...o.sizes],
    replicates: o.sizes.map(() => o.replicates),
    levels: [...LADDER_LEVELS],
    quantiles,
  };
}

function drawAtoms(
  rng: Rng,
  atoms: number,
  n: number,
  atomGroup: Int32Array,
  counts: Int32Array,
  buffer: Uint32Array,
): void {
  rng.fillUint32(buffer, n);
  const scale = atoms / 4294967296;
  for (let i = 0; i < n; i++) counts[atomGroup[(buffer[i]! * scale) | 0]!]! += 1;
}

/** Sorted-sample quantiles (linear interpolation), rescaled from n_sim draws to n_eff. */
function rescaledQuantiles(
  sorted: Float64Array,
  method: DriftMethodId,
  nSim: number,
  nEff: number,
): number[] {
  const scale = nSim < nEff ? Math.pow(nSim / nEff, 1 / getDriftMethod(method).tailPower) : 1;
  return LADDER_LEVELS.map((level) => round(quantileSorted(sorted, level) * scale));
}

/** np.quantile(sorted, level), linear interpolation. */
function quantileSorted(sorted: Float64Array, level: number): number {
  const pos = level * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Keeps profiles compact and stable across platforms: 6 significant digits. */
function round(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(6));
}

/** Number of edges strictly below x (np.searchsorted(edges, x, side='left')). */
export function searchsortedLeft(edges: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
