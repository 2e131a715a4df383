/**
 * GenAI client calls through `mlmon serve` with the real OTel JS SDK as the client: `chat gpt-x`
 * spans (OTLP/HTTP protobuf, BatchSpanProcessor) with the GenAI conventions' usage, finish
 * reasons and time to first chunk, and `gen_ai.evaluation.result` events emitted inside the
 * spans (attached by the parent span, without a response id) or after them (by
 * `gen_ai.response.id`). `/metrics` and the status API show requests, errors, token sums and
 * quantiles, time to first chunk, output tokens per second, finish-reason shares and cost equal
 * to NumPy's on the same calls (`test/golden/scripts/genai_calls.py`), and every evaluation.
 */
import { readFileSync } from 'node:fs';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_EVALUATION_NAME,
  ATTR_GEN_AI_EVALUATION_SCORE_LABEL,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
  EVENT_GEN_AI_EVALUATION_RESULT,
} from '@mlmon/conventions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PriceTable } from '../../processor/src/evaluate/cost.js';
import type { CostResult } from '../../processor/src/evaluate/window-result.js';
import type { StatusGenAi } from '../../processor/src/status-api/types.js';
import { expectClose } from '../golden/tolerance.js';
import { parsePrometheus, select, type Sample } from './support/prometheus-parse.js';
import { closedAfter, T0 } from './support/scenario.js';
import { startTestService, type TestService } from './support/start-service.js';

interface Call {
  responseId: string;
  duration: number;
  error: string | null;
  input?: number;
  output?: number;
  cacheRead?: number;
  reasoning?: number;
  finishReasons?: string[];
  ttft?: number;
}
interface Quantiles {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
}
const golden = JSON.parse(
  readFileSync(new URL('../golden/genai_calls.json', import.meta.url), 'utf8'),
) as {
  prices: PriceTable;
  calls: Call[];
  expected: {
    requests: number;
    errors: number;
    tokens: Record<string, Quantiles & { sum: number }>;
    ttft: Quantiles;
    output_tokens_per_second: number;
    finish_reasons: Record<string, number>;
    cost: { total: number; per_request: number; per_thousand_requests: number };
  };
};
const expected = golden.expected;
const MODEL = 'gpt-x';

/** Sends every golden call as a span, with an evaluation per successful call. */
async function sendCalls(svc: TestService): Promise<void> {
  const resource = resourceFromAttributes({ 'service.name': 'support-chat' });
  const url = (signal: string) => `http://127.0.0.1:${svc.addresses.otlpHttpPort}/v1/${signal}`;
  const tracerProvider = new BasicTracerProvider({
    resource,
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: url('traces') }), {
        maxQueueSize: 10_000,
        maxExportBatchSize: 500,
        scheduledDelayMillis: 60_000,
      }),
    ],
  });
  const loggerProvider = new LoggerProvider({
    resource,
    processors: [
      new BatchLogRecordProcessor({
        exporter: new OTLPLogExporter({ url: url('logs') }),
        maxQueueSize: 10_000,
        maxExportBatchSize: 500,
        scheduledDelayMillis: 60_000,
      }),
    ],
  });
  const tracer = tracerProvider.getTracer('genai-client');
  const logger = loggerProvider.getLogger('genai-evaluator');
  golden.calls.forEach((c, i) => {
    const startMs = T0 + 1_000 + i * 50;
    const span = tracer.startSpan(`chat ${MODEL}`, {
      kind: SpanKind.CLIENT,
      startTime: startMs,
      attributes: {
        [ATTR_GEN_AI_OPERATION_NAME]: 'chat',
        [ATTR_GEN_AI_PROVIDER_NAME]: 'openai',
        [ATTR_GEN_AI_REQUEST_MODEL]: MODEL,
      },
    });
    if (c.error !== null) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      span.setAttribute(ATTR_ERROR_TYPE, c.error);
    } else {
      span.setAttributes({
        [ATTR_GEN_AI_RESPONSE_ID]: c.responseId,
        [ATTR_GEN_AI_RESPONSE_MODEL]: `${MODEL}-2026-01-01`,
        [ATTR_GEN_AI_USAGE_INPUT_TOKENS]: c.input!,
        [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: c.output!,
        [ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: c.finishReasons!,
      });
      if (c.cacheRead !== undefined)
        span.setAttribute(ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, c.cacheRead);
      if (c.reasoning !== undefined)
        span.setAttribute(ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, c.reasoning);
      if (c.ttft !== undefined) span.setAttribute(ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK, c.ttft);
      // Even calls are judged inside their span (no response id: the parent span joins them),
      // odd ones afterwards by response id.
      const verdict = {
        [ATTR_GEN_AI_EVALUATION_NAME]: 'format',
        [ATTR_GEN_AI_EVALUATION_SCORE_LABEL]: i % 7 === 0 ? 'fail' : 'pass',
      };
      if (i % 2 === 0) {
        logger.emit({
          eventName: EVENT_GEN_AI_EVALUATION_RESULT,
          timestamp: startMs + 10,
          attributes: verdict,
          context: trace.setSpan(context.active(), span),
        });
      } else {
        logger.emit({
          eventName: EVENT_GEN_AI_EVALUATION_RESULT,
          timestamp: startMs + 10,
          attributes: { ...verdict, [ATTR_GEN_AI_RESPONSE_ID]: c.responseId },
        });
      }
    }
    const endNs = BigInt(startMs) * 1_000_000n + BigInt(Math.round(c.duration * 1e6)) * 1000n;
    span.end([Number(endNs / 1_000_000_000n), Number(endNs % 1_000_000_000n)]);
  });
  // Verdicts first: those waiting for their call attach when the spans arrive.
  await loggerProvider.forceFlush();
  await tracerProvider.forceFlush();
  await loggerProvider.shutdown();
  await tracerProvider.shutdown();
}

describe('mlmon serve: GenAI calls from the OTel SDK', () => {
  let svc: TestService;
  let samples: Sample[];
  const match = { ml_model_name: MODEL, service_name: 'support-chat' };

  beforeAll(async () => {
    svc = await startTestService(T0, { prices: golden.prices });
    svc.clock.set(T0 + 45_000);
    await sendCalls(svc);
    svc.clock.set(closedAfter(T0));
    await svc.service.flush();
    samples = parsePrometheus(await svc.metrics());
  });

  afterAll(async () => {
    await svc?.stop();
  });

  const value = (name: string, labels: Record<string, string> = {}): number | undefined => {
    const found = select(samples, name, { ...match, ...labels });
    expect(found.length, `${name} ${JSON.stringify(labels)}`).toBe(1);
    return found[0]?.value;
  };

  it('counts the calls and failures as service SLIs', () => {
    expect(value('ml_service_requests')).toBe(expected.requests);
    expect(value('ml_service_errors', { error_type: 'timeout' })).toBe(expected.errors);
  });

  it('sums and quantiles the tokens per type equal to NumPy', () => {
    for (const [type, e] of Object.entries(expected.tokens)) {
      expect(value('ml_genai_tokens', { ml_genai_token_type: type })).toBe(e.sum);
      for (const [q, name] of [
        ['0.5', 'p50'],
        ['0.95', 'p95'],
        ['0.99', 'p99'],
      ] as const) {
        const v = value('ml_genai_tokens_per_call', {
          ml_genai_token_type: type,
          ml_genai_quantile: q,
        });
        expectClose(`${type} ${name}`, v, e[name]);
      }
    }
    expect(
      select(samples, 'ml_genai_tokens', { ...match, ml_genai_token_type: 'cache_creation' }),
    ).toEqual([]);
  });

  it('gives time to first chunk, output tokens per second and finish reasons equal to NumPy', () => {
    for (const [q, name] of [
      ['0.5', 'p50'],
      ['0.95', 'p95'],
      ['0.99', 'p99'],
    ] as const) {
      expectClose(
        `ttft ${name}`,
        value('ml_genai_time_to_first_chunk_seconds', { ml_genai_quantile: q }),
        expected.ttft[name],
      );
    }
    expectClose(
      'tokens per second',
      value('ml_genai_output_tokens_rate_per_second'),
      expected.output_tokens_per_second,
    );
    for (const [reason, ratio] of Object.entries(expected.finish_reasons)) {
      expectClose(
        reason,
        value('ml_genai_finish_reason_ratio', { ml_genai_finish_reason: reason }),
        ratio,
      );
    }
  });

  it('prices the window as NumPy does', () => {
    const usd = { ml_cost_currency: 'USD' };
    expectClose('total', value('ml_cost_window', usd), expected.cost.total);
    expectClose('per request', value('ml_cost_per_request', usd), expected.cost.per_request);
    expectClose(
      'per 1000',
      value('ml_cost_per_thousand_requests', usd),
      expected.cost.per_thousand_requests,
    );
  });

  it('attaches every evaluation, by parent span or by response id', () => {
    const successes = golden.calls.filter((c) => c.error === null);
    expect(value('ml_evaluation_count', { gen_ai_evaluation_name: 'format' })).toBe(
      successes.length,
    );
    const failed = golden.calls.filter((c, i) => c.error === null && i % 7 === 0).length;
    expectClose(
      'pass ratio',
      value('ml_evaluation_pass_ratio', { gen_ai_evaluation_name: 'format' }),
      (successes.length - failed) / successes.length,
    );
  });

  it('serves the GenAI calls and cost on the status API', async () => {
    const base = `http://127.0.0.1:${svc.addresses.prometheusPort}`;
    const models = (await (await fetch(`${base}/api/v1/models`)).json()) as {
      models: { name: string; versions: { version: string; href: string }[] }[];
    };
    const version = models.models.find((m) => m.name === MODEL)!.versions[0]!;
    expect(version.version).toBe('');
    const detail = (await (await fetch(`${base}${version.href}`)).json()) as {
      slices: { label: string; genai?: (StatusGenAi | null)[]; cost?: (CostResult | null)[] }[];
    };
    const all = detail.slices.find((s) => s.label === 'all')!;
    const genai = all.genai!.at(-1)!;
    expect(genai.calls).toBe(expected.requests);
    expect(genai.providers).toEqual([{ value: 'openai', count: expected.requests, ratio: 1 }]);
    expect(genai.responseModels.map((m) => m.value)).toEqual([`${MODEL}-2026-01-01`]);
    expectClose('cost', all.cost!.at(-1)!.total, expected.cost.total);
  });
});
