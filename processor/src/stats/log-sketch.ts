/**
 * A log-bucket quantile sketch with relative accuracy α (the DDSketch mapping of Masson, Rim and
 * Lee, "DDSketch: a fast and fully-mergeable quantile sketch with relative-error guarantees",
 * VLDB 2019): a positive value x goes to bucket k = ⌈log_γ x⌉ with γ = (1 + α)/(1 − α), and a
 * bucket answers 2γ^k/(γ + 1), which is within α·x of every value in it. So the q-quantile it
 * answers is within a relative α of the exact order statistic at rank ⌊q·(n − 1)⌋ (0-based; NumPy's
 * `percentile(..., method='lower')`). Merging adds bucket weights: exact, order-free,
 * deterministic. Size: one bucket per distinct k — ~460 for latencies spanning 1 ms to 10 s at
 * α = 1 %, far fewer in practice.
 *
 * Owned rather than taken from `@datadog/sketches-js`: that package requires `protobufjs` without
 * declaring it, and its serialised form drops min, max and sum, which a checkpoint needs.
 */

/** A sketch as plain data (what checkpoints hold). */
export interface LogSketch {
  /** Relative accuracy α in (0, 1). */
  readonly accuracy: number;
  /** Bucket key → weight. */
  readonly buckets: Map<number, number>;
  /** Weight of values at or below {@link MIN_INDEXABLE} (zero durations). */
  zero: number;
  /** Total weight. */
  count: number;
  sum: number;
  min: number;
  max: number;
}

/** Values at or below this go to the zero bucket (a nanosecond, for durations in seconds). */
export const MIN_INDEXABLE = 1e-9;

/** An empty sketch of relative accuracy `accuracy`. */
export function createLogSketch(accuracy: number): LogSketch {
  if (!(accuracy > 0 && accuracy < 1))
    throw new RangeError(`sketch accuracy ${accuracy} not in (0, 1)`);
  return { accuracy, buckets: new Map(), zero: 0, count: 0, sum: 0, min: Infinity, max: -Infinity };
}

const logGammaCache = new Map<number, number>();
function logGamma(accuracy: number): number {
  let g = logGammaCache.get(accuracy);
  if (g === undefined) {
    g = Math.log((1 + accuracy) / (1 - accuracy));
    logGammaCache.set(accuracy, g);
  }
  return g;
}

/** Adds `x` (≥ 0, finite) with weight `w` (> 0). */
export function addToLogSketch(s: LogSketch, x: number, w = 1): void {
  if (x <= MIN_INDEXABLE) s.zero += w;
  else {
    const k = Math.ceil(Math.log(x) / logGamma(s.accuracy));
    s.buckets.set(k, (s.buckets.get(k) ?? 0) + w);
  }
  s.count += w;
  s.sum += x * w;
  if (x < s.min) s.min = x;
  if (x > s.max) s.max = x;
}

/** A new sketch holding both (equal accuracies; a mismatch is a programming error). */
export function mergeLogSketches(a: LogSketch, b: LogSketch): LogSketch {
  if (a.accuracy !== b.accuracy) throw new RangeError('cannot merge sketches of other accuracies');
  const out: LogSketch = { ...a, buckets: new Map(a.buckets) };
  for (const [k, w] of b.buckets) out.buckets.set(k, (out.buckets.get(k) ?? 0) + w);
  out.zero += b.zero;
  out.count += b.count;
  out.sum += b.sum;
  out.min = Math.min(a.min, b.min);
  out.max = Math.max(a.max, b.max);
  return out;
}

/**
 * The q-quantile (0 ≤ q ≤ 1): within a relative `accuracy` of the order statistic at rank
 * ⌊q·(n − 1)⌋, clamped to [min, max]; `undefined` when empty.
 */
export function logSketchQuantile(s: LogSketch, q: number): number | undefined {
  if (s.count <= 0) return undefined;
  const rank = Math.min(Math.max(q, 0), 1) * (s.count - 1);
  if (s.zero > rank) return Math.max(s.min, 0);
  let seen = s.zero;
  const keys = [...s.buckets.keys()].sort((x, y) => x - y);
  const gamma = Math.exp(logGamma(s.accuracy));
  for (const k of keys) {
    seen += s.buckets.get(k)!;
    if (seen > rank) {
      const v = (2 * Math.pow(gamma, k)) / (gamma + 1);
      return Math.min(Math.max(v, s.min), s.max);
    }
  }
  return s.max;
}

/** The checkpoint form (JSON has no Map and no ±∞). */
export interface LogSketchJson {
  accuracy: number;
  keys: number[];
  weights: number[];
  zero: number;
  count: number;
  sum: number;
  min: number | null;
  max: number | null;
}

/** {@link LogSketch} → its checkpoint form. */
export function logSketchToJSON(s: LogSketch): LogSketchJson {
  const keys = [...s.buckets.keys()].sort((x, y) => x - y);
  return {
    accuracy: s.accuracy,
    keys,
    weights: keys.map((k) => s.buckets.get(k)!),
    zero: s.zero,
    count: s.count,
    sum: s.sum,
    min: s.count > 0 ? s.min : null,
    max: s.count > 0 ? s.max : null,
  };
}

/** A sketch from its checkpoint form. */
export function logSketchFromJSON(j: LogSketchJson): LogSketch {
  const buckets = new Map<number, number>();
  j.keys.forEach((k, i) => buckets.set(k, j.weights[i]!));
  return {
    accuracy: j.accuracy,
    buckets,
    zero: j.zero,
    count: j.count,
    sum: j.sum,
    min: j.min ?? Infinity,
    max: j.max ?? -Infinity,
  };
}
