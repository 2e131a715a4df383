/**
 * Embedding drift between two samples of vectors (rows of a flat array, `dimension` values each):
 *
 * - the distance between the mean embeddings, cosine (1 − cos) and Euclidean;
 * - the maximum mean discrepancy with an RBF kernel, k(a, b) = exp(−‖a − b‖² / m), where m is
 *   the median of the squared distances between distinct rows of the pooled sample (the median
 *   heuristic), as the unbiased estimate MMD²_u (Gretton et al. 2012, eq. 3);
 * - with record weights (a sampled record weighs w = 1/`ml.sampling.probability`), the weighted
 *   V-statistic MMD²_w = Σ a_i a_i' k(x_i, x_i') + Σ b_j b_j' k(y_j, y_j') − 2 Σ a_i b_j k(x_i, y_j),
 *   a and b each side's weights normalised to sum 1: for integer weights it is the V-statistic
 *   of the samples with each row repeated w times (METRICS.md §"Weighted records"). The kernel's
 *   scale stays the median over the distinct rows. Used when any row weighs other than 1, so
 *   unweighted samples keep MMD²_u;
 * - its permutation test: the pooled kernel matrix is computed once; each of at most
 *   `permutations` (B) seeded relabellings recomputes MMD²_u from it, and p = (1 + #{MMD²_perm ≥
 *   MMD²}) / (1 + B) — or, once `stopAt` relabellings have reached MMD², p = stopAt / b after b
 *   of them (Besag & Clifford 1991: a valid sequential p-value that spends few relabellings on
 *   windows far from drift). Both are valid at every sample size (P(p ≤ α) ≤ α under
 *   exchangeability), so the decision's threshold adapts to the sizes by construction.
 *
 * Cost: O(N² · dimension) for the kernel and O(B · N²) for the test, N = the two sample sizes
 * together — callers bound N with a reservoir per window.
 */
import { createRng } from '../evaluate/drift/rng.js';

/** Two samples of vectors, row-major. */
export interface EmbeddingSamples {
  readonly dimension: number;
  /** Current window's vectors, `dimension` values each. */
  readonly current: Float64Array;
  /** Reference vectors. */
  readonly reference: Float64Array;
  /** Each current vector's weight (all 1 when absent). */
  readonly currentWeights?: Float64Array | undefined;
  /** Each reference vector's weight (all 1 when absent). */
  readonly referenceWeights?: Float64Array | undefined;
}

/** Mean-embedding distances. */
export interface MeanDistances {
  /** 1 − cos(μ_current, μ_reference); absent when a mean is the zero vector. */
  readonly cosine?: number;
  readonly euclidean: number;
}

/** The MMD permutation test's outcome. */
export interface MmdTest {
  /**
   * Unbiased MMD² (may be slightly negative under no drift); with weights, the weighted
   * V-statistic (≥ 0).
   */
  readonly mmd2: number;
  /** The median of the pooled squared distances (the kernel's scale). */
  readonly bandwidth: number;
  /** Permutation p-value (see the module comment). */
  readonly pValue: number;
  /** Relabellings drawn (fewer than asked when the sequential rule stopped early). */
  readonly permutations: number;
}

/** The mean of `rows` rows of `dimension` values. */
export function meanVector(values: Float64Array, dimension: number): Float64Array {
  const rows = values.length / dimension;
  const mean = new Float64Array(dimension);
  for (let r = 0; r < rows; r++) {
    const o = r * dimension;
    for (let j = 0; j < dimension; j++) mean[j]! += values[o + j]!;
  }
  for (let j = 0; j < dimension; j++) mean[j]! /= rows;
  return mean;
}

/** Cosine and Euclidean distance between two mean embeddings. */
export function meanDistances(a: Float64Array, b: Float64Array): MeanDistances {
  let dot = 0;
  let na = 0;
  let nb = 0;
  let sq = 0;
  for (let j = 0; j < a.length; j++) {
    dot += a[j]! * b[j]!;
    na += a[j]! * a[j]!;
    nb += b[j]! * b[j]!;
    sq += (a[j]! - b[j]!) ** 2;
  }
  const euclidean = Math.sqrt(sq);
  if (na === 0 || nb === 0) return { euclidean };
  return { cosine: 1 - dot / Math.sqrt(na * nb), euclidean };
}

/** Squared distances between all rows of the pooled sample (current rows first), row-major. */
function pooledSquaredDistances(s: EmbeddingSamples): { d2: Float64Array; n: number } {
  const d = s.dimension;
  const m = s.current.length / d;
  const n = m + s.reference.length / d;
  const row = (i: number): [Float64Array, number] =>
    i < m ? [s.current, i * d] : [s.reference, (i - m) * d];
  const d2 = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const [a, ao] = row(i);
    for (let k = i + 1; k < n; k++) {
      const [b, bo] = row(k);
      let sum = 0;
      for (let j = 0; j < d; j++) {
        const diff = a[ao + j]! - b[bo + j]!;
        sum += diff * diff;
      }
      d2[i * n + k] = sum;
      d2[k * n + i] = sum;
    }
  }
  return { d2, n };
}

/** The lower median of the distinct pairs' squared distances (0 when all rows coincide). */
function medianPairDistance(d2: Float64Array, n: number): number {
  const pairs = new Float64Array((n * (n - 1)) / 2);
  let p = 0;
  for (let i = 0; i < n; i++) for (let k = i + 1; k < n; k++) pairs[p++] = d2[i * n + k]!;
  pairs.sort();
  return pairs.length === 0 ? 0 : pairs[(pairs.length - 1) >> 1]!;
}

/** MMD²_u of the kernel matrix `k` (n × n) for the split `inCurrent` (m members). */
function mmd2Of(k: Float64Array, n: number, inCurrent: Uint8Array, m: number): number {
  let xx = 0;
  let yy = 0;
  let xy = 0;
  for (let i = 0; i < n; i++) {
    const ci = inCurrent[i]!;
    const o = i * n;
    for (let j = i + 1; j < n; j++) {
      const v = k[o + j]!;
      if (ci === inCurrent[j]) {
        if (ci === 1) xx += v;
        else yy += v;
      } else xy += v;
    }
  }
  const r = n - m;
  return (2 * xx) / (m * (m - 1)) + (2 * yy) / (r * (r - 1)) - (2 * xy) / (m * r);
}

/**
 * The weighted V-statistic for the split `inCurrent` of the weighted kernel matrix `kw`
 * (kw[i·n + j] = w_i·w_j·k(i, j)), `w` the pooled rows' weights.
 */
function weightedMmd2Of(
  kw: Float64Array,
  n: number,
  inCurrent: Uint8Array,
  w: Float64Array,
): number {
  let xx = 0;
  let yy = 0;
  let xy = 0;
  let wx = 0;
  let wy = 0;
  for (let i = 0; i < n; i++) {
    const ci = inCurrent[i]!;
    const o = i * n;
    let same = kw[o + i]! / 2; // the diagonal once; the loop below counts each pair twice
    let other = 0;
    for (let j = i + 1; j < n; j++) {
      if (ci === inCurrent[j]) same += kw[o + j]!;
      else other += kw[o + j]!;
    }
    if (ci === 1) {
      xx += same;
      wx += w[i]!;
    } else {
      yy += same;
      wy += w[i]!;
    }
    xy += other;
  }
  return (2 * xx) / (wx * wx) + (2 * yy) / (wy * wy) - (2 * xy) / (wx * wy);
}

/** The pooled rows' weights (current first), or undefined when every row weighs 1. */
function pooledWeights(s: EmbeddingSamples, m: number, r: number): Float64Array | undefined {
  const cw = s.currentWeights;
  const rw = s.referenceWeights;
  const unit = (x: Float64Array | undefined) => x === undefined || x.every((v) => v === 1);
  if (unit(cw) && unit(rw)) return undefined;
  const w = new Float64Array(m + r).fill(1);
  if (cw !== undefined) w.set(cw.subarray(0, m), 0);
  if (rw !== undefined) w.set(rw.subarray(0, r), m);
  return w;
}

/**
 * The MMD permutation test of `samples` (each side at least 2 vectors), `permutations`
 * relabellings drawn from `seed`.
 */
export function mmdPermutationTest(
  samples: EmbeddingSamples,
  permutations: number,
  seed: number,
  stopAt = Number.POSITIVE_INFINITY,
): MmdTest {
  const d = samples.dimension;
  const m = samples.current.length / d;
  const r = samples.reference.length / d;
  if (!(m >= 2 && r >= 2)) throw new RangeError(`MMD needs 2 vectors a side, got ${m} and ${r}`);
  const { d2, n } = pooledSquaredDistances(samples);
  const bandwidth = medianPairDistance(d2, n);
  const k = new Float64Array(n * n);
  const scale = bandwidth > 0 ? 1 / bandwidth : 0;
  for (let i = 0; i < k.length; i++) k[i] = Math.exp(-d2[i]! * scale);
  const w = pooledWeights(samples, m, r);
  if (w !== undefined) {
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) k[i * n + j]! *= w[i]! * w[j]!;
  }
  const statistic = (split: Uint8Array) =>
    w === undefined ? mmd2Of(k, n, split, m) : weightedMmd2Of(k, n, split, w);
  const labels = new Uint8Array(n);
  labels.fill(1, 0, m);
  const mmd2 = statistic(labels);
  const rng = createRng(seed);
  const perm = new Uint8Array(n);
  let exceed = 0;
  for (let b = 0; b < permutations; b++) {
    perm.set(labels);
    // Fisher–Yates over the labels: a uniform split of the pooled rows into m and r.
    for (let i = n - 1; i > 0; i--) {
      const j = rng.nextInt(i + 1);
      const t = perm[i]!;
      perm[i] = perm[j]!;
      perm[j] = t;
    }
    if (statistic(perm) >= mmd2 && ++exceed >= stopAt) {
      return { mmd2, bandwidth, pValue: exceed / (b + 1), permutations: b + 1 };
    }
  }
  return { mmd2, bandwidth, pValue: (1 + exceed) / (1 + permutations), permutations };
}
