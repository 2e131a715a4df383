/**
 * `wrapGenerate`: instruments an LLM client call with the OTel GenAI conventions — a CLIENT span
 * `{gen_ai.operation.name} {gen_ai.request.model}` with the provider, the requested and the
 * answering model, the response id, finish reasons, token usage and (streaming) time to first
 * chunk, and the GenAI client metrics (`gen_ai.client.operation.duration`,
 * `gen_ai.client.token.usage`, `gen_ai.client.operation.time_to_first_chunk`) — which
 * `mlmon serve` turns into the model's tokens, cost and latency (from the spans, or from the
 * metrics alone where spans are sampled away or not exported). Message content
 * is opt-in (`captureContent`, or the GenAI instrumentations' environment variable), as the
 * conventions require. The client's function is called exactly once with its own `this` and
 * arguments; its result (value or the very same promise) and errors reach the caller untouched.
 */
import { context, metrics, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { Attributes, MeterProvider, TracerProvider } from '@opentelemetry/api';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_INPUT_MESSAGES,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_OUTPUT_MESSAGES,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
  ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
} from '@mlmon/conventions';
import { genAiClientMetrics } from './gen-ai-client-metrics.js';
import { INSTRUMENTATION_SCOPE_NAME, INSTRUMENTATION_SCOPE_VERSION } from './recorder.js';
import { guard } from './wrap-predict.js';

/**
 * Environment variable of the OTel GenAI instrumentations that turns message content capture on
 * (`true`) or off (`false`); it wins over `captureContent`.
 */
export const CAPTURE_MESSAGE_CONTENT_ENV = 'OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT';

/** Token usage of one response (`gen_ai.usage.*`). */
export interface GenAiUsage {
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  /** Input tokens served from the provider's cache (part of `inputTokens`). */
  readonly cacheReadInputTokens?: number;
  /** Input tokens written to the provider's cache (part of `inputTokens`). */
  readonly cacheCreationInputTokens?: number;
  /** Output tokens spent on reasoning (part of `outputTokens`). */
  readonly reasoningOutputTokens?: number;
}

/** What the instrumentation records of a response, read by {@link WrapGenerateOptions.response}. */
export interface GenAiResponseInfo {
  /** `gen_ai.response.id`: evaluations (`gen_ai.evaluation.result`) attach by it. */
  readonly id?: string;
  /** `gen_ai.response.model`: the model that answered. */
  readonly model?: string;
  /** `gen_ai.response.finish_reasons`, one per choice. */
  readonly finishReasons?: readonly string[];
  readonly usage?: GenAiUsage;
  /** Seconds from the request to the first chunk of a streaming response. */
  readonly timeToFirstChunkSeconds?: number;
  /** The output messages; recorded only with content capture on. */
  readonly outputMessages?: unknown;
}

/** Options of {@link wrapGenerate}. */
export interface WrapGenerateOptions<TArgs extends unknown[], TResult> {
  /** `gen_ai.provider.name`, e.g. `openai`, `anthropic`, `aws.bedrock`. */
  readonly providerName: string;
  /** `gen_ai.request.model`: a name, or read from the call's arguments. */
  readonly requestModel: string | ((...args: TArgs) => string);
  /** `gen_ai.operation.name`. @default 'chat' */
  readonly operationName?: string;
  /** Reads the response (the resolved value for async clients). */
  readonly response: (result: Awaited<TResult>) => GenAiResponseInfo;
  /** The input messages of a call; recorded only with content capture on. */
  readonly inputMessages?: (...args: TArgs) => unknown;
  /**
   * Record `gen_ai.input.messages` and `gen_ai.output.messages` (they may hold personal data).
   * {@link CAPTURE_MESSAGE_CONTENT_ENV} wins when set. @default false
   */
  readonly captureContent?: boolean;
  /** The tracer provider; the global one by default. */
  readonly tracerProvider?: TracerProvider;
  /** The meter provider of the GenAI client metrics; the global one by default. */
  readonly meterProvider?: MeterProvider;
}

/** Whether content is captured: the environment variable when set, else the option. */
export function captureContentEnabled(
  option: boolean | undefined,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  const raw = env[CAPTURE_MESSAGE_CONTENT_ENV]?.trim().toLowerCase();
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  return option ?? false;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** `error.type` of a thrown value: its class name, `_OTHER` when it has none. */
function errorType(error: unknown): string {
  if (error instanceof Error) return error.name || error.constructor.name || '_OTHER';
  return '_OTHER';
}

/** JSON of message content; unserialisable content is left out rather than failing the call. */
function json(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

/**
 * Instruments an LLM client call. The returned function returns exactly what `fn` returns (the
 * same promise for async clients) and re-throws `fn`'s errors unchanged; instrumentation
 * problems go to `diag` and never reach the caller.
 *
 * @example
 * const chat = wrapGenerate((req: ChatRequest) => client.chat(req), {
 *   providerName: 'openai',
 *   requestModel: (req) => req.model,
 *   response: (res) => ({ id: res.id, model: res.model, finishReasons: res.choices.map((c) => c.finish_reason),
 *     usage: { inputTokens: res.usage.prompt_tokens, outputTokens: res.usage.completion_tokens } }),
 * });
 */
export function wrapGenerate<TArgs extends unknown[], TResult>(
  fn: (...args: TArgs) => TResult,
  options: WrapGenerateOptions<TArgs, TResult>,
): (...args: TArgs) => TResult {
  if (typeof fn !== 'function')
    throw new TypeError('@mlmon/instrumentation: wrapGenerate needs a function');
  if (typeof options.providerName !== 'string' || options.providerName === '')
    throw new TypeError('@mlmon/instrumentation: wrapGenerate needs providerName');
  if (typeof options.response !== 'function')
    throw new TypeError('@mlmon/instrumentation: wrapGenerate needs a response reader');
  const operation = options.operationName ?? 'chat';
  const capture = captureContentEnabled(options.captureContent);
  const tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer(
    INSTRUMENTATION_SCOPE_NAME,
    INSTRUMENTATION_SCOPE_VERSION,
  );
  const clientMetrics = genAiClientMetrics(
    () => options.meterProvider ?? metrics.getMeterProvider(),
  );

  /** What the call's metric points carry: the span's identity attributes. */
  interface Call {
    readonly span: Span;
    readonly startMs: number;
    readonly attributes: Attributes;
  }

  const start = (args: TArgs): Call | undefined =>
    guard(
      'starting the GenAI span',
      () => {
        const model =
          typeof options.requestModel === 'function'
            ? options.requestModel(...args)
            : options.requestModel;
        const attributes = {
          [ATTR_GEN_AI_OPERATION_NAME]: operation,
          [ATTR_GEN_AI_PROVIDER_NAME]: options.providerName,
          [ATTR_GEN_AI_REQUEST_MODEL]: model,
        };
        const span = tracer.startSpan(`${operation} ${model}`, {
          kind: SpanKind.CLIENT,
          attributes,
        });
        if (capture && options.inputMessages !== undefined) {
          const input = json(options.inputMessages(...args));
          if (input !== undefined) span.setAttribute(ATTR_GEN_AI_INPUT_MESSAGES, input);
        }
        return { span, startMs: performance.now(), attributes };
      },
      undefined,
    );

  const succeed = ({ span, startMs, attributes }: Call, result: Awaited<TResult>): void => {
    const seconds = (performance.now() - startMs) / 1000;
    guard(
      'recording the GenAI response',
      () => {
        const r = options.response(result);
        clientMetrics.recordSuccess(attributes, seconds, r);
        const set = (key: string, v: string | number | readonly string[] | undefined): void => {
          if (v !== undefined) span.setAttribute(key, v as string | number | string[]);
        };
        set(ATTR_GEN_AI_RESPONSE_ID, r.id);
        set(ATTR_GEN_AI_RESPONSE_MODEL, r.model);
        set(ATTR_GEN_AI_RESPONSE_FINISH_REASONS, r.finishReasons);
        set(ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK, r.timeToFirstChunkSeconds);
        set(ATTR_GEN_AI_USAGE_INPUT_TOKENS, r.usage?.inputTokens);
        set(ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, r.usage?.outputTokens);
        set(ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, r.usage?.cacheReadInputTokens);
        set(ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS, r.usage?.cacheCreationInputTokens);
        set(ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, r.usage?.reasoningOutputTokens);
        if (capture && r.outputMessages !== undefined)
          set(ATTR_GEN_AI_OUTPUT_MESSAGES, json(r.outputMessages));
      },
      undefined,
    );
    span.end();
  };

  const fail = ({ span, startMs, attributes }: Call, error: unknown): void => {
    const seconds = (performance.now() - startMs) / 1000;
    guard(
      'recording the GenAI error',
      () => {
        const type = errorType(error);
        span.setStatus({ code: SpanStatusCode.ERROR });
        span.setAttribute(ATTR_ERROR_TYPE, type);
        clientMetrics.recordFailure(attributes, seconds, type);
      },
      undefined,
    );
    span.end();
  };

  return function generate(this: unknown, ...args: TArgs): TResult {
    const call = start(args);
    if (call === undefined) return fn.apply(this, args);
    let result: TResult;
    try {
      // The call runs in the span's context, so evaluations and logs inside it are parented.
      result = context.with(trace.setSpan(context.active(), call.span), () => fn.apply(this, args));
    } catch (error) {
      fail(call, error);
      throw error;
    }
    if (isThenable(result)) {
      result.then(
        (value) => succeed(call, value as Awaited<TResult>),
        (error: unknown) => fail(call, error),
      );
      return result;
    }
    succeed(call, result as Awaited<TResult>);
    return result;
  };
}
