/**
 * The OTel GenAI client metrics of `wrapGenerate`: per call, `gen_ai.client.operation.duration`
 * (with `error.type` when it failed), `gen_ai.client.token.usage` per `gen_ai.token.type` and,
 * for streaming calls, `gen_ai.client.operation.time_to_first_chunk` — with the conventions'
 * advised buckets, so `mlmon serve` (and any backend) reads calls, tokens and latency even when
 * the spans are sampled away.
 */
import type { Attributes, Histogram, MeterProvider } from '@opentelemetry/api';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_TOKEN_TYPE,
  DESCRIPTOR_GEN_AI_CLIENT_OPERATION_DURATION,
  DESCRIPTOR_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
  DESCRIPTOR_GEN_AI_CLIENT_TOKEN_USAGE,
  GEN_AI_TOKEN_TYPE_VALUE_INPUT,
  GEN_AI_TOKEN_TYPE_VALUE_OUTPUT,
} from '@mlmon/conventions';
import {
  INSTRUMENTATION_SCOPE_NAME,
  INSTRUMENTATION_SCOPE_VERSION,
  metricOptionsFrom,
} from './recorder.js';

/** What the metrics read of a response. */
export interface GenAiMetricResponse {
  readonly model?: string;
  readonly usage?: { readonly inputTokens?: number; readonly outputTokens?: number };
  readonly timeToFirstChunkSeconds?: number;
}

interface Instruments {
  readonly duration: Histogram;
  readonly tokens: Histogram;
  readonly timeToFirstChunk: Histogram;
}

/** Records the GenAI client metrics of calls through the provider `provider()` returns. */
export function genAiClientMetrics(provider: () => MeterProvider) {
  let cached: { provider: MeterProvider; instruments: Instruments } | undefined;
  // The global API hands out no-op meters until an SDK registers: rebuilt when it changes.
  const instruments = (): Instruments => {
    const current = provider();
    if (cached?.provider === current) return cached.instruments;
    const meter = current.getMeter(INSTRUMENTATION_SCOPE_NAME, INSTRUMENTATION_SCOPE_VERSION);
    const histogram = (d: typeof DESCRIPTOR_GEN_AI_CLIENT_OPERATION_DURATION) =>
      meter.createHistogram(d.name, metricOptionsFrom(d));
    cached = {
      provider: current,
      instruments: {
        duration: histogram(DESCRIPTOR_GEN_AI_CLIENT_OPERATION_DURATION),
        tokens: histogram(DESCRIPTOR_GEN_AI_CLIENT_TOKEN_USAGE),
        timeToFirstChunk: histogram(DESCRIPTOR_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK),
      },
    };
    return cached.instruments;
  };
  return {
    /** A call that answered: its duration, token counts and time to first chunk. */
    recordSuccess(call: Attributes, seconds: number, response: GenAiMetricResponse): void {
      const m = instruments();
      const attributes =
        response.model !== undefined
          ? { ...call, [ATTR_GEN_AI_RESPONSE_MODEL]: response.model }
          : call;
      m.duration.record(seconds, attributes);
      const { inputTokens, outputTokens } = response.usage ?? {};
      if (inputTokens !== undefined)
        m.tokens.record(inputTokens, {
          ...attributes,
          [ATTR_GEN_AI_TOKEN_TYPE]: GEN_AI_TOKEN_TYPE_VALUE_INPUT,
        });
      if (outputTokens !== undefined)
        m.tokens.record(outputTokens, {
          ...attributes,
          [ATTR_GEN_AI_TOKEN_TYPE]: GEN_AI_TOKEN_TYPE_VALUE_OUTPUT,
        });
      if (response.timeToFirstChunkSeconds !== undefined)
        m.timeToFirstChunk.record(response.timeToFirstChunkSeconds, attributes);
    },
    /** A call that threw or rejected: its duration with `error.type`. */
    recordFailure(call: Attributes, seconds: number, errorType: string): void {
      instruments().duration.record(seconds, { ...call, [ATTR_ERROR_TYPE]: errorType });
    },
  };
}
