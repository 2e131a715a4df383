import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';
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
  EVENT_GEN_AI_EVALUATION_RESULT,
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
