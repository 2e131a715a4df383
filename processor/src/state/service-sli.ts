/**
 * The service SLIs of a window as an {@link Accumulator}: inference calls, failures by
 * `error.type` and latencies, from `ml.inference` spans (a {@link LogSketch} for quantiles and
 * explicit buckets for "share at or below T") or, for apps that send only metrics, from the
 * `ml.inference.duration` histogram summed over its (delta) points. A window that has spans
 * reports the spans: an app instrumented with mlmon sends both for the same calls.
 */
import {
  createLogSketch,
  addToLogSketch,
  logSketchFromJSON,
  logSketchToJSON,
  mergeLogSketches,
  type LogSketch,
  type LogSketchJson,
} from '../stats/log-sketch.js';
import type { Accumulator } from './accumulators/index.js';
import { sameEdges } from './align-numeric.js';
import type { ServiceWindow } from './types.js';

/** Relative accuracy of the span latency sketch (1 %). */
export const LATENCY_SKETCH_ACCURACY = 0.01;

/**
 * Default latency bucket bounds (seconds) of the span path: the `ml.inference.duration` advice,
 * so span and histogram distributions line up; latency SLO thresholds are added to them.
 */
export const DEFAULT_LATENCY_BOUNDS_SECONDS: readonly number[] = Object.freeze([
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
]);

/** Calls and failures of one source. */
interface CallCounts {
  requests: number;
  errors: Record<string, number>;
}

/** What the spans of a window gave. */
interface SpanSli extends CallCounts {
  sketch: LogSketch;
  bucketCounts: number[];
}

/** What the duration-histogram points of a window gave. */
interface HistogramSli extends CallCounts {
  explicitBounds: readonly number[];
  bucketCounts: number[];
  sum: number;
  /** Points skipped because their bounds differed from the first point's. */
  boundsMismatch: number;
}

/** Mutable service SLIs of a window. */
export interface ServiceAcc {
  /** Upper bounds (seconds) of the span path's buckets. */
  latencyBounds: readonly number[];
  spans: SpanSli | undefined;
  histogram: HistogramSli | undefined;
}

/** One finished `ml.inference` span. */
export interface SpanObservation {
  readonly kind: 'span';
  /** `undefined` when the span had no start or end time: counted, without a latency. */
  readonly seconds: number | undefined;
  /** `error.type` of a failed call (`_OTHER` when the span failed without one). */
  readonly errorType: string | undefined;
  readonly weight: number;
}

/** One (delta) `ml.inference.duration` point. */
export interface DurationPointObservation {
  readonly kind: 'histogram';
  readonly errorType: string | undefined;
  readonly explicitBounds: readonly number[];
  readonly bucketCounts: readonly number[];
  readonly count: number;
  readonly sum: number | undefined;
}

/** What the service accumulator records. */
export type ServiceObservation = SpanObservation | DurationPointObservation;

interface ServiceJson {
  latencyBounds: readonly number[];
  spans: {
    requests: number;
    errors: Record<string, number>;
    sketch: LogSketchJson;
    bucketCounts: number[];
  } | null;
  histogram: HistogramSli | null;
}

function addErrors(into: Record<string, number>, from: Readonly<Record<string, number>>): void {
  for (const [type, n] of Object.entries(from)) into[type] = (into[type] ?? 0) + n;
}

/** Index of the upper-inclusive bucket of `x`: (bounds[i-1], bounds[i]]. */
function bucketOf(bounds: readonly number[], x: number): number {
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x > bounds[mid]!) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The service accumulator whose span buckets have upper bounds `latencyBounds` (seconds). */
export function serviceSliAccumulator(
  latencyBounds: readonly number[],
): Accumulator<ServiceAcc, ServiceObservation, ServiceWindow, ServiceJson> {
  const bounds = [...latencyBounds];
  const create = (): ServiceAcc => ({
    latencyBounds: bounds,
    spans: undefined,
    histogram: undefined,
  });
  const newSpans = (): SpanSli => ({
    requests: 0,
    errors: {},
    sketch: createLogSketch(LATENCY_SKETCH_ACCURACY),
    bucketCounts: new Array<number>(bounds.length + 1).fill(0),
  });
  const recordPoint = (s: ServiceAcc, p: DurationPointObservation): void => {
    const h = (s.histogram ??= {
      requests: 0,
      errors: {},
      explicitBounds: [...p.explicitBounds],
      bucketCounts: new Array<number>(p.bucketCounts.length).fill(0),
      sum: 0,
      boundsMismatch: 0,
    });
    if (!sameEdges(h.explicitBounds, p.explicitBounds)) {
      h.boundsMismatch++;
      return;
    }
    for (let i = 0; i < p.bucketCounts.length; i++) h.bucketCounts[i]! += p.bucketCounts[i]!;
    h.requests += p.count;
    h.sum += p.sum ?? 0;
    if (p.errorType !== undefined) h.errors[p.errorType] = (h.errors[p.errorType] ?? 0) + p.count;
  };
  return {
    create,
    record(s, o) {
      if (o.kind === 'histogram') {
        recordPoint(s, o);
        return;
      }
      const sp = (s.spans ??= newSpans());
      sp.requests += o.weight;
      if (o.errorType !== undefined)
        sp.errors[o.errorType] = (sp.errors[o.errorType] ?? 0) + o.weight;
      if (o.seconds === undefined) return;
      addToLogSketch(sp.sketch, o.seconds, o.weight);
      sp.bucketCounts[bucketOf(bounds, o.seconds)]! += o.weight;
    },
    merge(a, b) {
      const out: ServiceAcc = {
        latencyBounds: a.latencyBounds,
        spans: undefined,
        histogram: undefined,
      };
      for (const s of [a.spans, b.spans]) {
        if (s === undefined) continue;
        if (out.spans === undefined) {
          out.spans = { ...s, errors: { ...s.errors }, bucketCounts: [...s.bucketCounts] };
          continue;
        }
        out.spans.requests += s.requests;
        addErrors(out.spans.errors, s.errors);
        out.spans.sketch = mergeLogSketches(out.spans.sketch, s.sketch);
        // Equal bounds: one state configuration per processor run (a restart with other SLO
        // thresholds starts new windows' buckets; older windows keep theirs and are summed by
        // index only when the layouts agree).
        if (out.spans.bucketCounts.length === s.bucketCounts.length) {
          for (let i = 0; i < s.bucketCounts.length; i++)
            out.spans.bucketCounts[i]! += s.bucketCounts[i]!;
        }
      }
      for (const h of [a.histogram, b.histogram]) {
        if (h === undefined) continue;
        if (out.histogram === undefined) {
          out.histogram = { ...h, errors: { ...h.errors }, bucketCounts: [...h.bucketCounts] };
          continue;
        }
        if (!sameEdges(out.histogram.explicitBounds, h.explicitBounds)) {
          out.histogram.boundsMismatch += 1 + h.boundsMismatch;
          continue;
        }
        for (let i = 0; i < h.bucketCounts.length; i++)
          out.histogram.bucketCounts[i]! += h.bucketCounts[i]!;
        out.histogram.requests += h.requests;
        out.histogram.sum += h.sum;
        out.histogram.boundsMismatch += h.boundsMismatch;
        addErrors(out.histogram.errors, h.errors);
      }
      return out;
    },
    snapshot(s): ServiceWindow {
      if (s.spans !== undefined) {
        const sp = s.spans;
        return {
          source: 'sketch',
          requests: sp.requests,
          errors: { ...sp.errors },
          sketch: sp.sketch,
          latency: {
            bounds: s.latencyBounds,
            counts: [...sp.bucketCounts],
            count: sp.sketch.count,
            sum: sp.sketch.sum,
            ...(sp.sketch.count > 0 ? { min: sp.sketch.min, max: sp.sketch.max } : {}),
          },
        };
      }
      const h = s.histogram!;
      return {
        source: 'histogram',
        requests: h.requests,
        errors: { ...h.errors },
        sketch: undefined,
        latency: {
          bounds: h.explicitBounds,
          counts: [...h.bucketCounts],
          count: h.requests,
          sum: h.sum,
        },
      };
    },
    toJSON: (s) => ({
      latencyBounds: s.latencyBounds,
      spans:
        s.spans === undefined
          ? null
          : {
              requests: s.spans.requests,
              errors: s.spans.errors,
              sketch: logSketchToJSON(s.spans.sketch),
              // Copies: a checkpoint's snapshot must not change when the window records more.
              bucketCounts: [...s.spans.bucketCounts],
            },
      histogram:
        s.histogram === undefined
          ? null
          : {
              ...s.histogram,
              bucketCounts: [...s.histogram.bucketCounts],
              errors: { ...s.histogram.errors },
            },
    }),
    fromJSON(json) {
      const j = json as ServiceJson;
      return {
        latencyBounds: j.latencyBounds,
        spans:
          j.spans === null ? undefined : { ...j.spans, sketch: logSketchFromJSON(j.spans.sketch) },
        histogram: j.histogram ?? undefined,
      };
    },
  };
}
