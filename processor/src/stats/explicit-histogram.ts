/**
 * Reading explicit-bucket histograms (OTLP's `ExplicitBucketHistogram` layout): bucket `i` holds
 * the values in `(bounds[i-1], bounds[i]]`, the first bucket is `(-∞, bounds[0]]` and the last
 * `(bounds[n-1], +∞)`. Inside a bucket the values are assumed spread uniformly — the standard
 * (Prometheus `histogram_quantile`) interpolation — so a result is exact at a bucket bound and an
 * interpolation elsewhere. A known `min`/`max` closes the open end buckets.
 */

/** The bucket layout these readers need. */
export interface ExplicitBuckets {
  /** Upper bounds, strictly increasing. */
  readonly bounds: readonly number[];
  /** `bounds.length + 1` counts. */
  readonly counts: readonly number[];
  readonly min?: number;
  readonly max?: number;
}

function lowerEdge(h: ExplicitBuckets, i: number): number {
  const edge = i === 0 ? (h.min ?? Math.min(0, h.bounds[0] ?? 0)) : h.bounds[i - 1]!;
  return h.min !== undefined ? Math.max(edge, h.min) : edge;
}

function upperEdge(h: ExplicitBuckets, i: number): number {
  const edge = i < h.bounds.length ? h.bounds[i]! : (h.max ?? h.bounds[h.bounds.length - 1] ?? 0);
  return h.max !== undefined ? Math.min(edge, h.max) : edge;
}

/**
 * How many values are at or below `x`: exact when `x` is a bucket bound (or outside
 * `[min, max]`), interpolated linearly inside the bucket that holds `x` otherwise.
 */
export function countAtOrBelow(h: ExplicitBuckets, x: number): number {
  let below = 0;
  for (let i = 0; i < h.counts.length; i++) {
    const count = h.counts[i]!;
    if (count === 0) continue;
    const lo = lowerEdge(h, i);
    const hi = upperEdge(h, i);
    if (x >= hi) below += count;
    else if (x > lo) below += (count * (x - lo)) / (hi - lo);
  }
  return below;
}

/**
 * The `q`-quantile (0 ≤ q ≤ 1) by linear interpolation inside the bucket that holds rank
 * `q · count`, as Prometheus' `histogram_quantile` does; `undefined` for an empty histogram. An
 * open last bucket without `max` answers its lower bound.
 */
export function interpolatedQuantile(h: ExplicitBuckets, q: number): number | undefined {
  const total = h.counts.reduce((a, b) => a + b, 0);
  if (total === 0) return undefined;
  const rank = Math.min(Math.max(q, 0), 1) * total;
  let seen = 0;
  for (let i = 0; i < h.counts.length; i++) {
    const count = h.counts[i]!;
    if (count === 0) continue;
    if (seen + count >= rank) {
      const lo = lowerEdge(h, i);
      const hi = upperEdge(h, i);
      return lo + ((hi - lo) * (rank - seen)) / count;
    }
    seen += count;
  }
  return upperEdge(h, h.counts.length - 1);
}
