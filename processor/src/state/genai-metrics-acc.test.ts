import {
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_TOKEN_TYPE,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
  METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
} from '@mlmon/conventions';
import { describe, expect, it } from 'vitest';
import {
  anInferenceSpan,
  nanos,
  scoreHistogramRequest,
  tracesRequest,
} from '../../../test/fixtures/builders.js';
import type { Attributes, HistogramDataPoint, Metric } from '../decode/otlp-types.js';
import { ingest } from '../core.js';
import { closeWindows } from './close-windows.js';
import { restoreState, serializeState } from './serialize-state.js';
import { createState } from './streams.js';

const W = 60_000;
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % W);
const OPTIONS = { windowSeconds: 60, allowedLatenessSeconds: 0 };
const TOKEN_BOUNDS = [1, 4, 16, 64, 256, 1024];
const DURATION_BOUNDS = [0.5, 1, 2];

const BASE: Attributes = {
  [ATTR_GEN_AI_OPERATION_NAME]: 'chat',
  [ATTR_GEN_AI_PROVIDER_NAME]: 'openai',
  [ATTR_GEN_AI_REQUEST_MODEL]: 'gpt-x',
};

function point(
  attributes: Attributes,
  bounds: number[],
  bucketCounts: number[],
  sum: number,
  timeMs: number,
): HistogramDataPoint {
  return {
    attributes,
    startTimeUnixNano: nanos(T0),
    timeUnixNano: nanos(timeMs),
    flags: 0,
    count: bucketCounts.reduce((a, b) => a + b, 0),
    sum,
    bucketCounts,
    explicitBounds: bounds,
    min: undefined,
    max: undefined,
  };
}

function metric(name: string, points: HistogramDataPoint[]): Metric {
  return {
    name,
    description: '',
    unit: '',
    data: { type: 'histogram', dataPoints: points, aggregationTemporality: 2 },
    metadata: {},
  };
}

/** Cumulative GenAI client metrics at `timeMs`: `scale` times the base counts so far. */
function genAiMetrics(scale: number, timeMs: number) {
  const tokens = (type: string, counts: number[], sum: number) =>
    point(
      { ...BASE, [ATTR_GEN_AI_TOKEN_TYPE]: type },
      TOKEN_BOUNDS,
      counts.map((c) => c * scale),
      sum * scale,
      timeMs,
    );
  const request = scoreHistogramRequest([], 'cumulative', [
    metric(METRIC_GEN_AI_CLIENT_OPERATION_DURATION, [
      point(
        BASE,
        DURATION_BOUNDS,
        [2, 5, 2, 1].map((c) => c * scale),
        9.5 * scale,
        timeMs,
      ),
    ]),
    metric(METRIC_GEN_AI_CLIENT_TOKEN_USAGE, [
      tokens('input', [0, 0, 0, 1, 6, 3, 0], 2500),
      tokens('output', [0, 0, 2, 8, 0, 0, 0], 400),
    ]),
  ]);
  // The helper's own (empty) score metric carries no point.
  return request;
}

describe('GenAI client metrics in a window', () => {
  it('differences cumulative points, sums tokens and survives a checkpoint', () => {
    const direct = createState(OPTIONS);
    ingest(direct, genAiMetrics(1, T0 + 10_000), T0 + 10_000);
    const restored = restoreState(JSON.parse(JSON.stringify(serializeState(direct))), OPTIONS);
    for (const state of [direct, restored])
      ingest(state, genAiMetrics(3, T0 + 20_000), T0 + 20_000);
    const [a, b] = [direct, restored].map(
      (s) => closeWindows(s, T0 + W + 1).find((w) => w.stream.allSlices)!.genai!,
    );
    expect(b).toEqual(a);
    expect(a.source).toBe('metrics');
    // Three times the base counts in all: the second point is the first's continuation.
    expect(a.calls).toBe(30);
    expect(a.tokenSums.input).toBe(7500);
    expect(a.tokenSums.output).toBe(1200);
    expect(a.fromMetrics!.histograms.output_tokens!.bucketCounts).toEqual([0, 0, 6, 24, 0, 0, 0]);
    expect(a.providers!.counts.get('openai')).toBe(30);
  });

  it('reports the spans when a window has both', () => {
    const state = createState(OPTIONS);
    ingest(state, genAiMetrics(1, T0 + 10_000), T0 + 10_000);
    const span = anInferenceSpan({ timeMs: T0 + 5_000, spanId: 's1' });
    ingest(
      state,
      tracesRequest([{ ...span, attributes: { ...BASE, [ATTR_GEN_AI_USAGE_INPUT_TOKENS]: 42 } }]),
      T0 + 10_000,
    );
    const all = closeWindows(state, T0 + W + 1).find((w) => w.stream.allSlices)!;
    expect(all.genai).toMatchObject({ source: 'spans', calls: 1 });
    expect(all.genai!.tokenSums.input).toBe(42);
    expect(all.service!.requests).toBe(1);
  });

  it('rejects a token point of an unknown token type', () => {
    const state = createState(OPTIONS);
    const request = scoreHistogramRequest([], 'delta', [
      metric(METRIC_GEN_AI_CLIENT_TOKEN_USAGE, [
        point(
          { ...BASE, [ATTR_GEN_AI_TOKEN_TYPE]: 'cached' },
          TOKEN_BOUNDS,
          [0, 1, 0, 0, 0, 0, 0],
          3,
          T0 + 1,
        ),
      ]),
    ]);
    const result = ingest(state, request, T0 + 10);
    expect(result.rejected).toEqual({ invalid_token_type: 1 });
  });
});
