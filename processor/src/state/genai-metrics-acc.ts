/**
 * What a window of a GenAI model gathers from the OTel GenAI client metrics (delta points of
 * `gen_ai.client.operation.duration`, `gen_ai.client.token.usage`,
 * `gen_ai.client.operation.time_to_first_chunk`): the calls counted by the duration points, the
 * token and time-to-first-chunk histograms summed point by point, and the shares of providers,
 * operations and answering models weighted by each duration point's call count. Used only by a
 * window that saw no GenAI spans: an app instrumented for both sends the same calls twice.
 */
import type { GenAiHistogramRecord } from '../extract/types.js';
import {
  CATEGORICAL_KIND,
  type AccumulatorCaps,
  type CategoricalAcc,
} from './accumulator-kinds.js';
import type { ScoreHistogramWindow } from './types.js';
import { scoreHistogramAccumulator, type ScoreHistogramAcc } from './window-histograms.js';

/** The histograms kept: per-call token counts by type and times to first chunk. */
export const GENAI_METRIC_HISTOGRAMS = [
  'input_tokens',
  'output_tokens',
  'time_to_first_chunk',
] as const;
export type GenAiMetricHistogram = (typeof GENAI_METRIC_HISTOGRAMS)[number];

/** The shares kept (by duration point attributes). */
const METRIC_SHARES = ['providers', 'operations', 'responseModels'] as const;
type MetricShare = (typeof METRIC_SHARES)[number];

/** Mutable metric part of a window's GenAI state. */
export interface GenAiMetricsAcc {
  /** Calls, from the duration points' counts. */
  calls: number;
  histograms: Partial<Record<GenAiMetricHistogram, ScoreHistogramAcc>>;
  providers: CategoricalAcc | undefined;
  operations: CategoricalAcc | undefined;
  responseModels: CategoricalAcc | undefined;
}

/** The metric part of a closed window. */
export interface GenAiMetricsWindow {
  readonly calls: number;
  readonly histograms: Readonly<Partial<Record<GenAiMetricHistogram, ScoreHistogramWindow>>>;
}

/** One delta point: the record's descriptive fields with its delta counts. */
export type GenAiMetricPoint = Pick<
  GenAiHistogramRecord,
  'measure' | 'explicitBounds' | 'provider' | 'operation' | 'responseModel'
> & {
  readonly bucketCounts: readonly number[];
  readonly count: number;
  readonly sum: number | undefined;
};

/** Checkpoint form. */
export interface GenAiMetricsJson {
  calls: number;
  histograms: [GenAiMetricHistogram, unknown][];
  shares: [MetricShare, unknown][];
}

/** Operations on the metric part (its shares configured by `caps`). */
export function genAiMetricsParts(caps: AccumulatorCaps) {
  const categorical = CATEGORICAL_KIND.forSetting(undefined, caps);
  const histogramOf = (layout: {
    explicitBounds: readonly number[];
    bucketCounts: readonly number[];
  }) => scoreHistogramAccumulator(layout);
  const addShare = (
    m: GenAiMetricsAcc,
    share: MetricShare,
    value: string | undefined,
    n: number,
  ) => {
    if (value === undefined || value === '') return;
    // Merging a one-category state applies the category cap as recording n values would.
    // n calls of unit weight: Σw² = n.
    const one: CategoricalAcc = {
      counts: new Map([[value, n]]),
      overflow: 0,
      missing: 0,
      weight2: n,
    };
    m[share] = categorical.merge(m[share] ?? categorical.create(), one);
  };
  const mergeHistogram = (a: ScoreHistogramAcc | undefined, b: ScoreHistogramAcc | undefined) => {
    if (b === undefined) return a;
    const h = histogramOf(b);
    return h.merge(a ?? h.create(), b);
  };
  return {
    create: (): GenAiMetricsAcc => ({
      calls: 0,
      histograms: {},
      providers: undefined,
      operations: undefined,
      responseModels: undefined,
    }),
    record(m: GenAiMetricsAcc, p: GenAiMetricPoint): void {
      if (p.measure === 'duration') {
        m.calls += p.count;
        // A point is a set of calls with the same attributes: each counts in the shares.
        addShare(m, 'providers', p.provider, p.count);
        addShare(m, 'operations', p.operation, p.count);
        addShare(m, 'responseModels', p.responseModel, p.count);
        return;
      }
      const h = histogramOf(p);
      h.record((m.histograms[p.measure] ??= h.create()), p);
    },
    merge(a: GenAiMetricsAcc, b: GenAiMetricsAcc): GenAiMetricsAcc {
      const out: GenAiMetricsAcc = {
        calls: a.calls + b.calls,
        histograms: {},
        providers: undefined,
        operations: undefined,
        responseModels: undefined,
      };
      for (const k of GENAI_METRIC_HISTOGRAMS) {
        const merged = mergeHistogram(mergeHistogram(undefined, a.histograms[k]), b.histograms[k]);
        if (merged !== undefined) out.histograms[k] = merged;
      }
      for (const share of METRIC_SHARES) {
        const x = a[share];
        const y = b[share];
        out[share] = x === undefined ? y : y === undefined ? x : categorical.merge(x, y);
      }
      return out;
    },
    snapshot(m: GenAiMetricsAcc): GenAiMetricsWindow {
      const histograms: Partial<Record<GenAiMetricHistogram, ScoreHistogramWindow>> = {};
      for (const k of GENAI_METRIC_HISTOGRAMS) {
        const h = m.histograms[k];
        if (h !== undefined) histograms[k] = histogramOf(h).snapshot(h);
      }
      return { calls: m.calls, histograms };
    },
    shares: (m: GenAiMetricsAcc, share: MetricShare) => m[share],
    toJSON: (m: GenAiMetricsAcc): GenAiMetricsJson => ({
      calls: m.calls,
      histograms: GENAI_METRIC_HISTOGRAMS.filter((k) => m.histograms[k] !== undefined).map(
        (k): [GenAiMetricHistogram, unknown] => [
          k,
          histogramOf(m.histograms[k]!).toJSON(m.histograms[k]!),
        ],
      ),
      shares: METRIC_SHARES.filter((x) => m[x] !== undefined).map((x): [MetricShare, unknown] => [
        x,
        categorical.toJSON(m[x]!),
      ]),
    }),
    fromJSON(j: GenAiMetricsJson): GenAiMetricsAcc {
      const m: GenAiMetricsAcc = {
        calls: j.calls,
        histograms: {},
        providers: undefined,
        operations: undefined,
        responseModels: undefined,
      };
      for (const [k, x] of j.histograms) {
        const layout = x as ScoreHistogramAcc;
        m.histograms[k] = histogramOf(layout).fromJSON(x);
      }
      for (const [share, x] of j.shares) m[share] = categorical.fromJSON(x);
      return m;
    },
  };
}
