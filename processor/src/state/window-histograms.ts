/**
 * The two fixed-bucket histograms of a window as {@link Accumulator}s: label delays (the
 * ground-truth delay buckets) and the instrumentation's score histogram summed from metric
 * points. Their checkpoint forms are the state format's own (no kind/version tag), unchanged
 * since `serialize-state.ts` first wrote them.
 */
import type { Accumulator } from './accumulators/index.js';
import { sameEdges } from './align-numeric.js';
import {
  GROUND_TRUTH_DELAY_BOUNDS_SECONDS,
  type DelayAccumulator,
  type ScoreHistogramWindow,
} from './types.js';

/** Mutable label-delay histogram. */
export interface DelayAcc {
  bucketCounts: number[];
  count: number;
  sum: number;
  min: number;
  max: number;
}

/** Mutable score histogram summed from metric points. */
export interface ScoreHistogramAcc {
  explicitBounds: readonly number[];
  bucketCounts: number[];
  count: number;
  sum: number | undefined;
  boundsMismatch: number;
}

/** The bucket layout of a score histogram: bounds and as many counts as the points carry. */
export interface ScoreHistogramLayout {
  readonly explicitBounds: readonly number[];
  readonly bucketCounts: readonly number[];
}

/** One (delta) score-histogram point. */
export interface ScoreHistogramPoint extends ScoreHistogramLayout {
  readonly count: number;
  readonly sum: number | undefined;
}

/** Checkpoint of a delay histogram: min/max are `null` while it is empty (JSON has no ±∞). */
interface DelayJson {
  bucketCounts: number[];
  count: number;
  sum: number;
  min: number | null;
  max: number | null;
}

/** Label delays (seconds) in the upper-inclusive buckets of {@link GROUND_TRUTH_DELAY_BOUNDS_SECONDS}. */
export function delayHistogramAccumulator(): Accumulator<
  DelayAcc,
  number,
  DelayAccumulator,
  DelayJson
> {
  const bounds = GROUND_TRUTH_DELAY_BOUNDS_SECONDS;
  const create = (): DelayAcc => ({
    bucketCounts: new Array<number>(bounds.length + 1).fill(0),
    count: 0,
    sum: 0,
    min: Infinity,
    max: -Infinity,
  });
  return {
    create,
    record(d, seconds) {
      let i = 0;
      // OTLP explicit buckets are upper-inclusive: bucket i holds (bounds[i-1], bounds[i]].
      while (i < bounds.length && seconds > bounds[i]!) i++;
      d.bucketCounts[i]!++;
      d.count++;
      d.sum += seconds;
      if (seconds < d.min) d.min = seconds;
      if (seconds > d.max) d.max = seconds;
    },
    merge(a, b) {
      const out = create();
      for (const d of [a, b]) {
        for (let i = 0; i < d.bucketCounts.length; i++) out.bucketCounts[i]! += d.bucketCounts[i]!;
        out.count += d.count;
        out.sum += d.sum;
        out.min = Math.min(out.min, d.min);
        out.max = Math.max(out.max, d.max);
      }
      return out;
    },
    snapshot: (d) => ({
      explicitBounds: bounds,
      bucketCounts: [...d.bucketCounts],
      count: d.count,
      sum: d.sum,
      min: d.min,
      max: d.max,
    }),
    // Copies: a checkpoint's snapshot must not change when the window records more.
    toJSON: (d) => ({
      ...d,
      bucketCounts: [...d.bucketCounts],
      min: d.count > 0 ? d.min : null,
      max: d.count > 0 ? d.max : null,
    }),
    fromJSON(json) {
      const d = json as DelayJson;
      return { ...d, min: d.min ?? Infinity, max: d.max ?? -Infinity };
    },
  };
}

/** Checkpoint of a score histogram: `sum` is `null` when some point did not carry it. */
interface ScoreHistogramJson {
  explicitBounds: readonly number[];
  bucketCounts: number[];
  count: number;
  sum: number | null;
  boundsMismatch: number;
}

/**
 * Score-histogram points with the bucket layout of `layout`, summed; a point with other bounds
 * is counted in `boundsMismatch` and otherwise skipped.
 */
export function scoreHistogramAccumulator(
  layout: ScoreHistogramLayout,
): Accumulator<ScoreHistogramAcc, ScoreHistogramPoint, ScoreHistogramWindow, ScoreHistogramJson> {
  const create = (): ScoreHistogramAcc => ({
    explicitBounds: [...layout.explicitBounds],
    bucketCounts: new Array<number>(layout.bucketCounts.length).fill(0),
    count: 0,
    sum: 0,
    boundsMismatch: 0,
  });
  const add = (h: ScoreHistogramAcc, p: ScoreHistogramPoint): void => {
    if (!sameEdges(h.explicitBounds, p.explicitBounds)) {
      h.boundsMismatch++;
      return;
    }
    for (let i = 0; i < p.bucketCounts.length; i++) h.bucketCounts[i]! += p.bucketCounts[i]!;
    h.count += p.count;
    h.sum = h.sum === undefined || p.sum === undefined ? undefined : h.sum + p.sum;
  };
  return {
    create,
    record: add,
    merge(a, b) {
      const out = { ...a, bucketCounts: [...a.bucketCounts] };
      add(out, b);
      out.boundsMismatch += b.boundsMismatch;
      return out;
    },
    snapshot: (h) => ({
      explicitBounds: [...h.explicitBounds],
      bucketCounts: [...h.bucketCounts],
      count: h.count,
      sum: h.sum,
      boundsMismatch: h.boundsMismatch,
    }),
    toJSON: (h) => ({
      ...h,
      explicitBounds: [...h.explicitBounds],
      bucketCounts: [...h.bucketCounts],
      sum: h.sum ?? null,
    }),
    fromJSON(json) {
      const h = json as ScoreHistogramJson;
      return { ...h, sum: h.sum ?? undefined };
    },
  };
}
