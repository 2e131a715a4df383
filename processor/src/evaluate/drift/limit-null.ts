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
 * On the grid, KS D is the largest |B| at the cell midpoints plus the Broadie–Glasserman–Kou
 * correction for the supremum between them (KS decisions use its exact p-value, not this ladder).
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
export const BRIDGE_GRID = 128;

/** −ζ(1/2)/√(2π): the continuity correction of a discretely watched Brownian maximum. */
const DISCRETE_MONITORING_SHIFT = 0.5826;

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
  // Past BRIDGE_GRID of them the grid is used and the points are not needed: stop counting.
  const shares: number[] = [];
  const gaps: number[] = [];
  let previous = atom(0);
  for (let j = 1; j < M && shares.length <= BRIDGE_GRID; j++) {
    const v = atom(j);
    if (v === previous) continue;
    shares.push(j / M);
    gaps.push(v - previous);
    previous = v;
  }
  if (shares.length > BRIDGE_GRID) {
    // Cell g holds the quantile function's rise over [g/G, (g+1)/G], its path value the midpoint's.
    const G = BRIDGE_GRID;
    const quantile = (u: number): number =>
      atom(Math.min(M - 1, Math.max(0, Math.ceil(u * M) - 1)));
    const weights = new Float64Array(G);
    for (let g = 0; g < G; g++) weights[g] = quantile((g + 1) / G) - quantile(g / G);
    const grid = gridBridge(seed, replicates);
    const absolute = grid.absolute;
    const w1 = new Float64Array(replicates);
    for (let r = 0, row = 0; r < replicates; r++, row += G) {
      // Four partial sums: independent multiply-adds (G is a multiple of 4).
      let a = 0;
      let b = 0;
      let c = 0;
      let d = 0;
      for (let g = 0; g < G; g += 4) {
        a += absolute[row + g]! * weights[g]!;
        b += absolute[row + g + 1]! * weights[g + 1]!;
        c += absolute[row + g + 2]! * weights[g + 2]!;
        d += absolute[row + g + 3]! * weights[g + 3]!;
      }
      w1[r] = a + b + c + d;
    }
    w1.sort();
    return [grid.sortedSupremum.slice(), w1];
  }
  return bridgeAtPoints(Float64Array.from(shares), Float64Array.from(gaps), replicates, seed);
}

/**
 * Sorted limit replicates of KS D and W1 for a reference with few distinct values: the bridge
 * at exactly its cumulative shares `points`, W1 weighting |B| by the `gaps` between values.
 */
function bridgeAtPoints(
  points: Float64Array,
  gaps: Float64Array,
  replicates: number,
  seed: number,
): Float64Array[] {
  const J = points.length;
  const z = normalTable(seed, replicates);
  const steps = incrementScales(points);
  const ks = new Float64Array(replicates);
  const w1 = new Float64Array(replicates);
  for (let r = 0; r < replicates; r++) {
    const zr = r * WIDTH;
    let end = 0;
    for (let j = 0; j <= J; j++) end += steps[j]! * z[zr + j]!;
    let w = 0;
    let d = 0;
    let sum = 0;
    for (let j = 0; j < J; j++) {
      w += steps[j]! * z[zr + j]!;
      const b = Math.abs(w - points[j]! * end);
      if (b > d) d = b;
      sum += b * gaps[j]!;
    }
    ks[r] = d;
    w1[r] = sum;
  }
  ks.sort();
  w1.sort();
  return [ks, w1];
}

/** Standard deviations of the Brownian increments up to each point, and from the last to 1. */
function incrementScales(points: Float64Array): Float64Array {
  const steps = new Float64Array(points.length + 1);
  let previous = 0;
  for (let j = 0; j < points.length; j++) {
    steps[j] = Math.sqrt(points[j]! - previous);
    previous = points[j]!;
  }
  steps[points.length] = Math.sqrt(1 - previous);
  return steps;
}

/** |B| at the grid's cell midpoints (row r: `absolute[r × G + g]`), and each replicate's largest, sorted. */
interface GridBridge {
  readonly absolute: Float64Array;
  readonly sortedSupremum: Float64Array;
}

const gridBridges = new Map<string, GridBridge>();

/**
 * The bridge paths on the fixed grid, computed once per seed and replicate count: every
 * reference with more distinct values than cells reads the same paths and only weights them
 * by its own quantile rises.
 */
function gridBridge(seed: number, replicates: number): GridBridge {
  const key = `${seed}:${replicates}`;
  const hit = gridBridges.get(key);
  if (hit !== undefined) return hit;
  const G = BRIDGE_GRID;
  const points = Float64Array.from({ length: G }, (_, g) => (g + 0.5) / G);
  const steps = incrementScales(points);
  const z = normalTable(seed, replicates);
  const absolute = new Float64Array(replicates * G);
  const sortedSupremum = new Float64Array(replicates);
  for (let r = 0; r < replicates; r++) {
    const zr = r * WIDTH;
    let end = 0;
    for (let j = 0; j <= G; j++) end += steps[j]! * z[zr + j]!;
    let w = 0;
    let d = 0;
    for (let g = 0; g < G; g++) {
      w += steps[g]! * z[zr + g]!;
      const b = Math.abs(w - points[g]! * end);
      absolute[r * G + g] = b;
      if (b > d) d = b;
    }
    // Broadie–Glasserman–Kou: the supremum of a path watched at spacing Δ exceeds the largest
    // watched value by about 0.5826·√Δ (ζ(1/2)/√(2π)); without it KS D would sit ~6 % low.
    sortedSupremum[r] = d + DISCRETE_MONITORING_SHIFT / Math.sqrt(G);
  }
  sortedSupremum.sort();
  const bridge = { absolute, sortedSupremum };
  if (gridBridges.size >= 8) gridBridges.delete(gridBridges.keys().next().value!);
  gridBridges.set(key, bridge);
  return bridge;
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
