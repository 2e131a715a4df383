/**
 * A GenAI app that sends only the OTel GenAI client metrics (no spans) through `mlmon serve`,
 * with the real OTel JS SDK as the client: `gen_ai.client.operation.duration`,
 * `gen_ai.client.token.usage` and `gen_ai.client.operation.time_to_first_chunk` histograms with
 * the conventions' advised buckets, cumulative, exported over OTLP/HTTP protobuf twice (so the
 * second export is a continuation the processor must difference). Requests, errors, token sums,
 * bucket-interpolated per-call quantiles, time to first chunk and cost equal NumPy's on the same
 * calls (`test/golden/scripts/genai_metrics.py`).
 */
import { readFileSync } from 'node:fs';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_TOKEN_TYPE,
  DESCRIPTOR_GEN_AI_CLIENT_OPERATION_DURATION,
  DESCRIPTOR_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
  DESCRIPTOR_GEN_AI_CLIENT_TOKEN_USAGE,
} from '@mlmon/conventions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PriceTable } from '../../processor/src/evaluate/cost.js';
import type { StatusGenAi } from '../../processor/src/status-api/types.js';
import { expectClose } from '../golden/tolerance.js';
import { parsePrometheus, select, type Sample } from './support/prometheus-parse.js';
import { closedAfter, WINDOW_SECONDS } from './support/scenario.js';
import { startTestService, type TestService } from './support/start-service.js';

interface Call {
  duration: number;
  error: string | null;
  input?: number;
  output?: number;
  ttft?: number;
}
interface Histogram {
  count: number;
  sum: number;
  mean: number;
  bucketCounts: number[];
  p50: number;
  p95: number;
  p99: number;
}
const calls = JSON.parse(
  readFileSync(new URL('../golden/genai_calls.json', import.meta.url), 'utf8'),
) as { prices: PriceTable; calls: Call[] };
const golden = JSON.parse(
  readFileSync(new URL('../golden/genai_metrics.json', import.meta.url), 'utf8'),
) as {
  bounds: { tokens: number[]; duration: number[]; time_to_first_chunk: number[] };
  expected: {
    requests: number;
    errors: Record<string, number>;
    tokens: Record<'input' | 'output', Histogram>;
    ttft: Histogram;
    cost: { total: number; per_request: number; per_thousand_requests: number };
  };
};
const expected = golden.expected;
const MODEL = 'gpt-x';

/** Records every golden call in the SDK's GenAI client histograms; exports twice (cumulative). */
async function sendMetrics(svc: TestService): Promise<void> {
  const reader = new PeriodicExportingMetricReader({
    exporter: new OTLPMetricExporter({
      url: `http://127.0.0.1:${svc.addresses.otlpHttpPort}/v1/metrics`,
    }),
    exportIntervalMillis: 3_600_000,
  });
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': 'support-chat' }),
    readers: [reader],
  });
  const meter = provider.getMeter('genai-client');
  const histogram = (d: {
    name: string;
    unit?: string;
    advice?: { explicitBucketBoundaries?: readonly number[] };
  }) =>
    meter.createHistogram(d.name, {
      ...(d.unit !== undefined ? { unit: d.unit } : {}),
      advice: { explicitBucketBoundaries: [...(d.advice?.explicitBucketBoundaries ?? [])] },
    });
  const duration = histogram(DESCRIPTOR_GEN_AI_CLIENT_OPERATION_DURATION);
  const tokens = histogram(DESCRIPTOR_GEN_AI_CLIENT_TOKEN_USAGE);
  const ttft = histogram(DESCRIPTOR_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK);
  const half = Math.floor(calls.calls.length / 2);
  for (const [i, c] of calls.calls.entries()) {
    const base = {
      [ATTR_GEN_AI_OPERATION_NAME]: 'chat',
      [ATTR_GEN_AI_PROVIDER_NAME]: 'openai',
      [ATTR_GEN_AI_REQUEST_MODEL]: MODEL,
    };
    if (c.error !== null) {
      duration.record(c.duration, { ...base, [ATTR_ERROR_TYPE]: c.error });
    } else {
      const answered = { ...base, [ATTR_GEN_AI_RESPONSE_MODEL]: `${MODEL}-2026-01-01` };
      duration.record(c.duration, answered);
      tokens.record(c.input!, { ...answered, [ATTR_GEN_AI_TOKEN_TYPE]: 'input' });
      tokens.record(c.output!, { ...answered, [ATTR_GEN_AI_TOKEN_TYPE]: 'output' });
      if (c.ttft !== undefined) ttft.record(c.ttft, answered);
    }
    if (i === half) await reader.forceFlush();
  }
  await reader.forceFlush();
  await provider.shutdown();
}

describe('mlmon serve: GenAI calls from the OTel GenAI client metrics only', () => {
  let svc: TestService;
  let samples: Sample[];
  const match = { ml_model_name: MODEL, service_name: 'support-chat' };

  beforeAll(async () => {
    // The SDK stamps points with the real time: the service's clock follows it, and both
    // exports land in one window when they do not start in a window's last seconds.
    const windowMs = WINDOW_SECONDS * 1000;
    const left = windowMs - (Date.now() % windowMs);
    if (left < 10_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
    const now = Date.now();
    svc = await startTestService(now - 1_000, { prices: calls.prices });
    svc.clock.set(now);
    await sendMetrics(svc);
    svc.clock.set(closedAfter(Date.now()) + 60_000);
    await svc.service.flush();
    samples = parsePrometheus(await svc.metrics());
  });

  afterAll(async () => {
    await svc?.stop();
  });

  /** The one series of `name` with `labels`, summed over windows if the calls straddled two. */
  const total = (name: string, labels: Record<string, string> = {}): number => {
    const found = select(samples, name, { ...match, ...labels });
    expect(found.length, `${name} ${JSON.stringify(labels)}`).toBeGreaterThan(0);
    return found.reduce((a, s) => a + s.value, 0);
  };

  it('counts calls and failures from the duration histogram', () => {
    expect(total('ml_service_requests')).toBe(expected.requests);
    for (const [type, n] of Object.entries(expected.errors))
      expect(total('ml_service_errors', { error_type: type })).toBe(n);
  });

  it('sums the tokens per type exactly and interpolates per-call quantiles as NumPy does', () => {
    for (const type of ['input', 'output'] as const) {
      const e = expected.tokens[type];
      expect(total('ml_genai_tokens', { ml_genai_token_type: type })).toBe(e.sum);
      for (const [q, name] of [
        ['0.5', 'p50'],
        ['0.95', 'p95'],
        ['0.99', 'p99'],
      ] as const) {
        expectClose(
          `${type} ${name}`,
          total('ml_genai_tokens_per_call', { ml_genai_token_type: type, ml_genai_quantile: q }),
          e[name],
        );
      }
    }
    expect(
      select(samples, 'ml_genai_tokens', { ...match, ml_genai_token_type: 'cache_read' }),
    ).toEqual([]);
  });

  it('interpolates the time to first chunk and prices the window as NumPy does', () => {
    expectClose(
      'ttft p95',
      total('ml_genai_time_to_first_chunk_seconds', { ml_genai_quantile: '0.95' }),
      expected.ttft.p95,
    );
    const usd = { ml_cost_currency: 'USD' };
    expectClose('total', total('ml_cost_window', usd), expected.cost.total);
  });

  it('serves the calls on the status API, marked as coming from metrics', async () => {
    const base = `http://127.0.0.1:${svc.addresses.prometheusPort}`;
    const models = (await (await fetch(`${base}/api/v1/models`)).json()) as {
      models: { name: string; versions: { version: string; href: string }[] }[];
    };
    const version = models.models.find((m) => m.name === MODEL)!.versions[0]!;
    const detail = (await (await fetch(`${base}${version.href}`)).json()) as {
      slices: { label: string; genai?: (StatusGenAi | null)[] }[];
    };
    const genai = detail.slices.find((s) => s.label === 'all')!.genai!.at(-1)!;
    expect(genai.source).toBe('metrics');
    expect(genai.calls).toBe(expected.requests);
    expect(genai.providers).toEqual([{ value: 'openai', count: expected.requests, ratio: 1 }]);
    expect(genai.tokens.find((t) => t.type === 'output')!.perCall!.exact).toBe(false);
  });
});
