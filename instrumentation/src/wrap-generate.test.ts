import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type HistogramMetricData,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_EVALUATION_NAME,
  ATTR_GEN_AI_EVALUATION_SCORE_LABEL,
  ATTR_GEN_AI_INPUT_MESSAGES,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_OUTPUT_MESSAGES,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_TOKEN_TYPE,
  DESCRIPTOR_GEN_AI_CLIENT_TOKEN_USAGE,
  EVENT_GEN_AI_EVALUATION_RESULT,
  METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
  METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
  METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
} from '@mlmon/conventions';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { recordEvaluation } from './gen-ai-evaluation.js';
import { CAPTURE_MESSAGE_CONTENT_ENV, wrapGenerate } from './wrap-generate.js';

/** A fake chat client with an OpenAI-like response (no network). */
interface ChatRequest {
  model: string;
  messages: { role: string; content: string }[];
}
interface ChatResponse {
  id: string;
  model: string;
  choices: { message: { role: string; content: string }; finish_reason: string }[];
  usage: { prompt_tokens: number; completion_tokens: number; cached_tokens?: number };
}
function fakeChat(req: ChatRequest): ChatResponse {
  if (req.messages.length === 0) throw new RangeError('no messages');
  return {
    id: `chatcmpl-${req.messages.length}`,
    model: `${req.model}-2026-01-01`,
    choices: [{ message: { role: 'assistant', content: 'Paris' }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 12, completion_tokens: 3, cached_tokens: 8 },
  };
}
const readResponse = (res: ChatResponse) => ({
  id: res.id,
  model: res.model,
  finishReasons: res.choices.map((c) => c.finish_reason),
  usage: {
    inputTokens: res.usage.prompt_tokens,
    outputTokens: res.usage.completion_tokens,
    cacheReadInputTokens: res.usage.cached_tokens,
  },
  outputMessages: res.choices.map((c) => c.message),
});
const REQUEST: ChatRequest = {
  model: 'gpt-x',
  messages: [{ role: 'user', content: 'Capital of France?' }],
};

describe('wrapGenerate (real SDK)', () => {
  const spans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(spans)],
  });
  const records = new InMemoryLogRecordExporter();
  const loggerProvider = new LoggerProvider({
    processors: [new SimpleLogRecordProcessor({ exporter: records })],
  });
  const contextManager = new AsyncLocalStorageContextManager();

  beforeAll(() => {
    context.setGlobalContextManager(contextManager.enable());
  });
  afterAll(() => {
    context.disable();
  });
  afterEach(() => {
    spans.reset();
    records.reset();
    vi.unstubAllEnvs();
  });

  const options = {
    providerName: 'openai',
    requestModel: (req: ChatRequest) => req.model,
    response: readResponse,
    inputMessages: (req: ChatRequest) => req.messages,
    tracerProvider,
  };

  it('records the GenAI client span with usage, and no content by default', () => {
    const chat = wrapGenerate(fakeChat, options);
    const res = chat(REQUEST);
    expect(res).toEqual(fakeChat(REQUEST));
    const [span] = spans.getFinishedSpans();
    expect(span!.name).toBe('chat gpt-x');
    expect(span!.kind).toBe(SpanKind.CLIENT);
    expect(span!.attributes).toEqual({
      [ATTR_GEN_AI_OPERATION_NAME]: 'chat',
      [ATTR_GEN_AI_PROVIDER_NAME]: 'openai',
      [ATTR_GEN_AI_REQUEST_MODEL]: 'gpt-x',
      [ATTR_GEN_AI_RESPONSE_ID]: 'chatcmpl-1',
      [ATTR_GEN_AI_RESPONSE_MODEL]: 'gpt-x-2026-01-01',
      [ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: ['stop'],
      [ATTR_GEN_AI_USAGE_INPUT_TOKENS]: 12,
      [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: 3,
      [ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: 8,
    });
  });

  it('captures content only when asked, and the environment variable wins', async () => {
    const chat = wrapGenerate(async (req: ChatRequest) => fakeChat(req), {
      ...options,
      captureContent: true,
    });
    const promise = chat(REQUEST);
    await promise;
    const [span] = spans.getFinishedSpans();
    expect(JSON.parse(span!.attributes[ATTR_GEN_AI_INPUT_MESSAGES] as string)).toEqual(
      REQUEST.messages,
    );
    expect(JSON.parse(span!.attributes[ATTR_GEN_AI_OUTPUT_MESSAGES] as string)).toEqual([
      { role: 'assistant', content: 'Paris' },
    ]);
    spans.reset();
    vi.stubEnv(CAPTURE_MESSAGE_CONTENT_ENV, 'false');
    wrapGenerate(fakeChat, { ...options, captureContent: true })(REQUEST);
    expect(spans.getFinishedSpans()[0]!.attributes[ATTR_GEN_AI_INPUT_MESSAGES]).toBeUndefined();
  });

  it('rethrows the client error unchanged and marks the span failed with its type', async () => {
    const chat = wrapGenerate(fakeChat, options);
    const bad = { ...REQUEST, messages: [] };
    expect(() => chat(bad)).toThrow(RangeError);
    const rejecting = wrapGenerate(async (req: ChatRequest) => fakeChat(req), options);
    await expect(rejecting(bad)).rejects.toThrow('no messages');
    const finished = spans.getFinishedSpans();
    expect(finished).toHaveLength(2);
    for (const span of finished) {
      expect(span.status.code).toBe(SpanStatusCode.ERROR);
      expect(span.attributes[ATTR_ERROR_TYPE]).toBe('RangeError');
    }
  });

  it('never lets a faulty response reader reach the caller', () => {
    const chat = wrapGenerate(fakeChat, {
      ...options,
      response: () => {
        throw new Error('reader bug');
      },
    });
    expect(chat(REQUEST).id).toBe('chatcmpl-1');
    expect(spans.getFinishedSpans()).toHaveLength(1);
  });

  it('parents an evaluation emitted inside the call to its span', () => {
    const chat = wrapGenerate((req: ChatRequest) => {
      const res = fakeChat(req);
      recordEvaluation({ name: 'format', scoreLabel: 'pass' }, { loggerProvider });
      return res;
    }, options);
    const res = chat(REQUEST);
    recordEvaluation(
      { name: 'relevance', scoreLabel: 'fail', responseId: res.id },
      { loggerProvider },
    );
    const [span] = spans.getFinishedSpans();
    const [inside, after] = records.getFinishedLogRecords();
    expect(inside!.eventName).toBe(EVENT_GEN_AI_EVALUATION_RESULT);
    expect(inside!.spanContext?.spanId).toBe(span!.spanContext().spanId);
    expect(inside!.attributes).toEqual({
      [ATTR_GEN_AI_EVALUATION_NAME]: 'format',
      [ATTR_GEN_AI_EVALUATION_SCORE_LABEL]: 'pass',
    });
    expect(after!.attributes[ATTR_GEN_AI_RESPONSE_ID]).toBe('chatcmpl-1');
    expect(trace.getSpan(context.active())).toBeUndefined();
  });
});

describe('wrapGenerate GenAI client metrics (real SDK)', () => {
  async function collect(run: (meterProvider: MeterProvider) => Promise<void>) {
    const exporter = new InMemoryMetricExporter(AggregationTemporality.DELTA);
    const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
    const meterProvider = new MeterProvider({ readers: [reader] });
    await run(meterProvider);
    await reader.forceFlush();
    const metrics = exporter.getMetrics().flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics));
    await meterProvider.shutdown();
    return (name: string) => metrics.find((m) => m.descriptor.name === name) as HistogramMetricData;
  }
  const tracerProvider = new BasicTracerProvider();

  it('records duration, tokens per type and time to first chunk with the advised buckets', async () => {
    const metric = await collect(async (meterProvider) => {
      const chat = wrapGenerate(async (req: ChatRequest) => fakeChat(req), {
        providerName: 'openai',
        requestModel: (req: ChatRequest) => req.model,
        response: (res: ChatResponse) => ({
          ...readResponse(res),
          timeToFirstChunkSeconds: 0.25,
        }),
        tracerProvider,
        meterProvider,
      });
      await chat(REQUEST);
      await chat(REQUEST);
    });
    const answered = {
      [ATTR_GEN_AI_OPERATION_NAME]: 'chat',
      [ATTR_GEN_AI_PROVIDER_NAME]: 'openai',
      [ATTR_GEN_AI_REQUEST_MODEL]: 'gpt-x',
      [ATTR_GEN_AI_RESPONSE_MODEL]: 'gpt-x-2026-01-01',
    };
    const duration = metric(METRIC_GEN_AI_CLIENT_OPERATION_DURATION);
    expect(duration.dataPoints).toHaveLength(1);
    expect(duration.dataPoints[0]!.attributes).toEqual(answered);
    expect(duration.dataPoints[0]!.value.count).toBe(2);
    const tokens = metric(METRIC_GEN_AI_CLIENT_TOKEN_USAGE);
    const byType = Object.fromEntries(
      tokens.dataPoints.map((p) => [p.attributes[ATTR_GEN_AI_TOKEN_TYPE], p]),
    );
    expect(byType.input!.attributes).toEqual({ ...answered, [ATTR_GEN_AI_TOKEN_TYPE]: 'input' });
    expect(byType.input!.value.sum).toBe(24);
    expect(byType.output!.value.sum).toBe(6);
    expect(byType.input!.value.buckets.boundaries).toEqual(
      DESCRIPTOR_GEN_AI_CLIENT_TOKEN_USAGE.advice!.explicitBucketBoundaries,
    );
    const ttft = metric(METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK);
    expect(ttft.dataPoints[0]!.value.sum).toBe(0.5);
  });

  it('records a failed call as a duration with error.type and no tokens', async () => {
    const metric = await collect(async (meterProvider) => {
      const chat = wrapGenerate(fakeChat, {
        providerName: 'openai',
        requestModel: 'gpt-x',
        response: readResponse,
        tracerProvider,
        meterProvider,
      });
      expect(() => chat({ model: 'gpt-x', messages: [] })).toThrow(RangeError);
    });
    const duration = metric(METRIC_GEN_AI_CLIENT_OPERATION_DURATION);
    expect(duration.dataPoints[0]!.attributes).toEqual({
      [ATTR_GEN_AI_OPERATION_NAME]: 'chat',
      [ATTR_GEN_AI_PROVIDER_NAME]: 'openai',
      [ATTR_GEN_AI_REQUEST_MODEL]: 'gpt-x',
      [ATTR_ERROR_TYPE]: 'RangeError',
    });
    expect(metric(METRIC_GEN_AI_CLIENT_TOKEN_USAGE)).toBeUndefined();
  });
});
