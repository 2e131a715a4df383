/**
 * The GenAI calls of a closed window: token sums and per-call quantiles per token type, time to
 * first chunk quantiles, output tokens per second, the shares of finish reasons, providers,
 * operations and response models, and the drift of the finish reasons against the reference
 * window's (a categorical drift like any predicted label's).
 */
import {
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ML_DRIFT_KIND_VALUE_PREDICTION,
  ML_GENAI_TOKEN_TYPE_VALUES,
} from '@mlmon/conventions';
import type { CategoricalSnapshot, NumericSnapshot } from '../state/accumulator-types.js';
import type { ClosedWindow, ScoreHistogramWindow } from '../state/types.js';
import { interpolatedQuantile } from '../stats/explicit-histogram.js';
import { seriesKey } from '../keys/series-key.js';
import type { BuildReferenceOptions } from './drift/build-reference.js';
import {
  categoricalCurrent,
  categoricalReferenceFromCounts,
  decideFeatureDrift,
  type FeatureDriftOptions,
} from './feature-drift.js';
import { lowerQuantile } from './lower-quantile.js';
import type { ReferenceCache } from './reference-cache.js';
import { readCategorical, readNumeric } from './snapshot-readers.js';
import type {
  DriftResult,
  GenAiQuantiles,
  GenAiResult,
  GenAiShare,
  GenAiTokenResult,
} from './window-result.js';

/** The quantiles reported of per-call token counts and times to first chunk. */
export const GENAI_QUANTILES = { p50: 0.5, p95: 0.95, p99: 0.99 } as const;

/** The GenAI result of `closed`, when the window saw GenAI calls. */
export function genAiResult(
  closed: ClosedWindow,
  cache: ReferenceCache,
  build: BuildReferenceOptions,
  driftOptions: FeatureDriftOptions,
): GenAiResult | undefined {
  const g = closed.genai;
  if (g === undefined) return undefined;
  const tokens: GenAiTokenResult[] = [];
  const buckets = g.fromMetrics?.histograms;
  if (buckets !== undefined) {
    for (const [type, h] of [
      ['input', buckets.input_tokens],
      ['output', buckets.output_tokens],
    ] as const) {
      // Without a sum the window's tokens are unknown (not zero): no token result.
      if (h === undefined || h.sum === undefined || h.count === 0) continue;
      tokens.push({ type, sum: h.sum, calls: h.count, perCall: bucketQuantiles(h) });
    }
  }
  for (const type of ML_GENAI_TOKEN_TYPE_VALUES) {
    const snapshot = g.tokens[type];
    if (snapshot === undefined) continue;
    const perCall = quantilesOf(snapshot);
    tokens.push({
      type,
      sum: g.tokenSums[type],
      calls: snapshot.count,
      ...(perCall !== undefined ? { perCall } : {}),
    });
  }
  const ttftBuckets = buckets?.time_to_first_chunk;
  const ttft =
    g.timeToFirstChunk !== undefined
      ? quantilesOf(g.timeToFirstChunk)
      : ttftBuckets !== undefined && ttftBuckets.count > 0
        ? bucketQuantiles(ttftBuckets)
        : undefined;
  const reference = closed.reference;
  const stored = reference !== undefined && reference.kind !== 'training' ? reference : undefined;
  const refReasons = stored?.genai?.finishReasons;
  const reasons = g.finishReasons === undefined ? undefined : readCategorical(g.finishReasons);
  const finishReasonDrift: DriftResult[] = [];
  if (reasons !== undefined && refReasons !== undefined && stored !== undefined) {
    const name = ATTR_GEN_AI_RESPONSE_FINISH_REASONS;
    const counts = readCategorical(refReasons);
    const built = cache.getOrBuildForStream(
      closed.stream.key,
      seriesKey(stored.kind, stored.id),
      'genai',
      name,
      () =>
        counts === undefined ? undefined : categoricalReferenceFromCounts(name, counts, 0, build),
    );
    if (built !== undefined) {
      finishReasonDrift.push(
        ...decideFeatureDrift(
          ML_DRIFT_KIND_VALUE_PREDICTION,
          built,
          categoricalCurrent(reasons, 0),
          driftOptions,
        ),
      );
    }
  }
  return {
    source: g.source,
    calls: g.calls,
    tokens,
    ...(ttft !== undefined ? { timeToFirstChunk: ttft } : {}),
    ...(g.timedSeconds > 0 ? { outputTokensPerSecond: g.timedOutputTokens / g.timedSeconds } : {}),
    finishReasons: sharesOf(g.finishReasons),
    providers: sharesOf(g.providers),
    operations: sharesOf(g.operations),
    responseModels: sharesOf(g.responseModels),
    finishReasonDrift,
  };
}

function quantilesOf(snapshot: NumericSnapshot): GenAiQuantiles | undefined {
  const values = readNumeric(snapshot);
  if (values === undefined || values.count === 0) return undefined;
  return {
    count: values.count,
    ...(snapshot.mean.ok ? { mean: snapshot.mean.value } : {}),
    p50: lowerQuantile(values, GENAI_QUANTILES.p50),
    p95: lowerQuantile(values, GENAI_QUANTILES.p95),
    p99: lowerQuantile(values, GENAI_QUANTILES.p99),
    exact: values.exact,
  };
}

/**
 * Quantiles of a metric histogram, interpolated inside the bucket as Prometheus'
 * `histogram_quantile` does (so Grafana panels on the same series agree); never exact.
 */
function bucketQuantiles(h: ScoreHistogramWindow): GenAiQuantiles {
  const layout = { bounds: h.explicitBounds, counts: h.bucketCounts };
  return {
    count: h.count,
    ...(h.sum !== undefined ? { mean: h.sum / h.count } : {}),
    p50: interpolatedQuantile(layout, GENAI_QUANTILES.p50)!,
    p95: interpolatedQuantile(layout, GENAI_QUANTILES.p95)!,
    p99: interpolatedQuantile(layout, GENAI_QUANTILES.p99)!,
    exact: false,
  };
}

function sharesOf(snapshot: CategoricalSnapshot | undefined): GenAiShare[] {
  const counts = snapshot === undefined ? undefined : readCategorical(snapshot);
  if (counts === undefined) return [];
  let total = counts.overflow;
  for (const n of counts.counts.values()) total += n;
  return [...counts.counts]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([value, count]) => ({ value, count, ratio: count / total }));
}

/** The `genai` member of a result: present only when the window saw GenAI calls. */
export function withGenAi(result: GenAiResult | undefined): { genai?: GenAiResult } {
  return result !== undefined ? { genai: result } : {};
}
