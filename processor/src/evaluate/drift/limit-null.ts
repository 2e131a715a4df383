/**
 * The large-sample limits of the null distributions, for rungs whose draw count is large enough
 * that resampling the reference only reproduces them at a much higher cost.
 *
 * Comparing a sample of n values with its population F, √n(F_n − F) tends to a Brownian bridge
 * B(F(·)). So √n·KS D → sup |B(F(x))|, √n·W1 → ∫|B(F(x))| dx, and the proportions of fixed bins
 * or categories satisfy √n(q − p) → δ with δ_k = B(c_k) − B(c_{k−1}), a Gaussian with covariance
 * diag(p) − ppᵀ. The binned distances follow from δ at second order: n·PSI → Σ δ²/p (Pearson's
 * χ²), √n·JS → √(Σ δ²/p / (8 ln 2)), √n·Hellinger → √(Σ δ²/p / 8), √n·L∞ → max |δ|.
 *
 * Each replicate evaluates one bridge path at the reference's distinct cumulative shares (exact
 * for references with at most {@link BRIDGE_GRID} distinct values) or at the midpoints of a
 * {@link BRIDGE_GRID}-cell grid of its quantile function. The standard normals behind the paths
 * are one seeded table shared by every feature and stream, so a rung costs O(replicates × grid)
 * multiply-adds and no random numbers: about 0.3 ms per feature instead of O(replicates × draws).
 * On the grid, KS D is the largest |B| at the cell midpoints, slightly below the continuous
 * supremum; KS decisions use its exact p-value, never this ladder.
 *
 * Where the limit is not yet accurate the callers keep resampling: below
 * {@link LIMIT_MIN_DRAWS} draws, and for proportions when a nonzero share expects fewer than
 * {@link LIMIT_MIN_EXPECTED} draws (an empty bin adds far more to PSI than its quadratic term).
 */
import { createRng } from './rng.js';

/** Draw count from which a rung uses the limit instead of resampling. */
export const LIMIT_MIN_DRAWS = 500;

/** Smallest expected draws in a nonzero bin or category for the proportions' Gaussian limit. */
export const LIMIT_MIN_EXPECTED = 20;

/** Cells of the quantile grid a bridge path is evaluated on (and most distinct points). */
export const BRIDGE_GRID = 256;

/** Normals per replicate in the shared table: the grid points plus the path's end. */
const WIDTH = BRIDGE_GRID + 1;

/** Shared normal tables by seed and replicate count (a few at most: one per option set). */
const normalTables = new Map<string, Float64Array>();

/** `replicates × WIDTH` standard normals, row-major, the same for every caller of this seed. */
function normalTable(seed: number, replicates: number): Float64Array {
  const key = `${seed}:${replicates}`;
  let table = normalTables.get(key);
  if (table !== undefined) return table;
  table = new Float64Array(replicates * WIDTH);
  const rng = createRng((seed ^ 0x6a09e667) >>> 0);
  const bits = new Uint32Array(2);
  for (let i = 0; i < table.length; i += 2) {
    // Box–Muller: two independent normals from two uniforms in (0, 1].
    rng.fillUint32(bits, 2);
    const u = (bits[0]! + 1) / 4294967296;
    const v = bits[1]! / 4294967296;
    const r = Math.sqrt(-2 * Math.log(u));
    table[i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < table.length) table[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  if (normalTables.size >= 8) normalTables.delete(normalTables.keys().next().value!);
  normalTables.set(key, table);
  return table;
}

/**
 * Whether proportions `counts` (of `total`) have a usable Gaussian limit at `draws` draws: few
 * enough categories for the shared table, and every nonzero share expecting enough draws.
 */
export function proportionLimitApplies(counts: ArrayLike<number>, draws: number): boolean {
  if (draws < LIMIT_MIN_DRAWS || counts.length > WIDTH) return false;
  let total = 0;
  let smallest = Infinity;
  for (let k = 0; k < counts.length; k++) {
    const c = counts[k]!;
    total += c;
    if (c > 0 && c < smallest) smallest = c;
  }
  return total > 0 && (smallest / total) * draws >= LIMIT_MIN_EXPECTED;
}

/**
 * Sorted limit replicates of √n·KS D and √n·W1 for a reference given by its ascending values
 * (represented, as the resampling does, by at most `maxAtoms` equally spaced order statistics).
 */
export function limitNumeric(
  sortedReference: ArrayLike<number>,
  maxAtoms: number,
  replicates: number,
  seed: number,
): Float64Array[] {
  const L = sortedReference.length;
  const M = Math.min(L, maxAtoms);
  const atom = (j: number): number =>
    sortedReference[Math.min(L - 1, Math.floor(((j + 0.5) * L) / M))]!;
  // Distinct atoms: their cumulative shares (the points) and the gaps to the next value (weights).
  const shares: number[] = [];
  const gaps: number[] = [];
  let previous = atom(0);
  for (let j = 1; j < M; j++) {
    const v = atom(j);
    if (v === previous) continue;
    shares.push(j / M);
    gaps.push(v - previous);
    previous = v;
  }
  let points: Float64Array;
  let weights: Float64Array;
  if (shares.length <= BRIDGE_GRID) {
    points = Float64Array.from(shares);
    weights = Float64Array.from(gaps);
  } else {
    // Cell g holds the quantile function's rise over [g/G, (g+1)/G], its path value the midpoint's.
    const G = BRIDGE_GRID;
    const quantile = (u: number): number =>
      atom(Math.min(M - 1, Math.max(0, Math.ceil(u * M) - 1)));
    points = new Float64Array(G);
    weights = new Float64Array(G);
    for (let g = 0; g < G; g++) {
      points[g] = (g + 0.5) / G;
      weights[g] = quantile((g + 1) / G) - quantile(g / G);
    }
  }
  const paths = bridgePaths(points, replicates, seed);
  const ks = new Float64Array(replicates);
  const w1 = new Float64Array(replicates);
  const J = points.length;
  for (let r = 0; r < replicates; r++) {
    let d = 0;
    let w = 0;
    const row = r * J;
    for (let j = 0; j < J; j++) {
      const b = Math.abs(paths[row + j]!);
      if (b > d) d = b;
      w += b * weights[j]!;
    }
    ks[r] = d;
    w1[r] = w;
  }
  ks.sort();
  w1.sort();
  return [ks, w1];
}

/**
 * Sorted limit replicates of n·PSI, √n·JS, √n·Hellinger and √n·L∞ for proportions `counts`
 * (check {@link proportionLimitApplies} first).
 */
export function limitProportions(
  counts: ArrayLike<number>,
  replicates: number,
  seed: number,
): Float64Array[] {
  const K = counts.length;
  let total = 0;
  for (let k = 0; k < K; k++) total += counts[k]!;
  const p = new Float64Array(K);
  const root = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    p[k] = counts[k]! / total;
    root[k] = Math.sqrt(p[k]!);
  }
  const z = normalTable(seed, replicates);
  const out = Array.from({ length: 4 }, () => new Float64Array(replicates));
  for (let r = 0; r < replicates; r++) {
    const row = r * WIDTH;
    // δ_k = √p_k Z_k − p_k Σ_j √p_j Z_j: the multinomial's Gaussian limit, exactly.
    let s = 0;
    for (let k = 0; k < K; k++) s += root[k]! * z[row + k]!;
    let chi2 = 0;
    let linf = 0;
    for (let k = 0; k < K; k++) {
      if (p[k] === 0) continue;
      const delta = root[k]! * z[row + k]! - p[k]! * s;
      chi2 += (delta * delta) / p[k]!;
      const a = Math.abs(delta);
      if (a > linf) linf = a;
    }
    out[0]![r] = chi2;
    out[1]![r] = Math.sqrt(chi2 / (8 * Math.LN2));
    out[2]![r] = Math.sqrt(chi2 / 8);
    out[3]![r] = linf;
  }
  for (const s of out) s.sort();
  return out;
}

/**
 * Brownian bridge values at ascending `points` in (0, 1), one row of `points.length` per
 * replicate: W at each point from the shared normals' increments, then B(t) = W(t) − t·W(1).
 */
function bridgePaths(points: Float64Array, replicates: number, seed: number): Float64Array {
  const J = points.length;
  const z = normalTable(seed, replicates);
  const steps = new Float64Array(J + 1);
  let previous = 0;
  for (let j = 0; j < J; j++) {
    steps[j] = Math.sqrt(points[j]! - previous);
    previous = points[j]!;
  }
  steps[J] = Math.sqrt(1 - previous);
  const paths = new Float64Array(replicates * J);
  for (let r = 0; r < replicates; r++) {
    const zr = r * WIDTH;
    const row = r * J;
    let w = 0;
    for (let j = 0; j < J; j++) {
      w += steps[j]! * z[zr + j]!;
      paths[row + j] = w;
    }
    const end = w + steps[J]! * z[zr + J]!;
    for (let j = 0; j < J; j++) paths[row + j]! -= points[j]! * end;
  }
  return paths;
}
