/**
 * `startOipProxy` in front of an Open Inference Protocol V2 server written here (node:http):
 * byte-identical pass-through, telemetry per the conventions, traceparent upstream, and
 * upstream errors and timeouts passed through.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { Histogram } from '@opentelemetry/sdk-metrics';
import {
  ATTR_ERROR_TYPE,
  ATTR_ML_FEATURES,
  ATTR_ML_MODEL_CLASSES,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_TASK,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_OPERATION_NAME,
  ATTR_ML_PREDICTION_COUNT,
  ATTR_ML_PREDICTION_ID,
  ATTR_ML_PREDICTION_LABEL,
  ATTR_ML_PREDICTION_PROBABILITIES,
  ATTR_ML_PREDICTION_SCORE,
  ATTR_ML_PREDICTION_THRESHOLD,
  ATTR_ML_PREDICTION_VALUE,
  ATTR_ML_PROVIDER_NAME,
  ATTR_ML_SLICE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  EVENT_ML_PREDICTION,
  METRIC_ML_INFERENCE_DURATION,
  METRIC_ML_INFERENCE_PREDICTIONS,
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_REGRESSION,
  ML_OPERATION_NAME_VALUE_PREDICT,
} from '@mlmon/conventions';
import { startOipProxy, type OipProxy } from '@mlmon/instrumentation';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createInMemoryTelemetry,
  histogramCount,
  pointsWith,
  counterSum,
} from '../../instrumentation/src/testing/in-memory-telemetry.js';
import { inferBody, send, startModelServer, type Reply } from './support/oip-model-server.js';

const otel = createInMemoryTelemetry();
let upstream: Awaited<ReturnType<typeof startModelServer>>;
let proxy: OipProxy;
let direct: string;

beforeAll(async () => {
  upstream = await startModelServer();
  direct = `http://127.0.0.1:${upstream.port}`;
  proxy = await startOipProxy({
    listenPort: 0,
    upstream: direct,
    timeoutMillis: 300,
    providerName: 'kserve',
    captureFeatures: true,
    models: {
      fraud: {
        classes: ['legit', 'fraud'],
        featureNames: { features: ['amount', 'age'] },
        sliceKeys: ['age'],
      },
    },
    tracerProvider: otel.tracerProvider,
    meterProvider: otel.meterProvider,
    loggerProvider: otel.loggerProvider,
  });
});
afterAll(async () => {
  await proxy.close();
  upstream.server.closeAllConnections();
  await new Promise((r) => upstream.server.close(r));
  await otel.shutdown();
});
beforeEach(() => {
  otel.spanExporter.reset();
  otel.logExporter.reset();
  upstream.received.length = 0;
});

/** Sends the same request directly and through the proxy; asserts identical replies. */
async function sameThroughProxy(
  method: string,
  path: string,
  body?: string,
  headers?: Record<string, string>,
): Promise<Reply> {
  const viaDirect = await send(direct, method, path, body, headers);
  const viaProxy = await send(proxy.url, method, path, body, headers);
  expect(viaProxy.status).toBe(viaDirect.status);
  expect(viaProxy.body.equals(viaDirect.body)).toBe(true);
  for (const h of ['content-type', 'content-encoding', 'x-model-server', 'content-length']) {
    expect(viaProxy.headers[h]).toBe(viaDirect.headers[h]);
  }
  return viaProxy;
}

const spanOf = (name: string) =>
  otel.spans().filter((s) => s.name === `${ML_OPERATION_NAME_VALUE_PREDICT} ${name}`);

describe('OIP proxy: pass-through', () => {
  it('forwards non-OIP paths untouched and emits nothing for them', async () => {
    const ready = await sameThroughProxy('GET', '/v2/health/ready');
    expect(JSON.parse(ready.body.toString())).toEqual({ ready: true });
    const streamed = await sameThroughProxy('GET', '/stream');
    expect(streamed.body.toString()).toBe('chunk-0\nchunk-1\nchunk-2\nend\n');
    expect(streamed.headers['transfer-encoding']).toBe('chunked');
    expect(otel.spans()).toHaveLength(0);
    expect(upstream.received.every((r) => r.traceparent === undefined)).toBe(true);
    expect(upstream.received.at(-1)?.host).toBe(`127.0.0.1:${upstream.port}`);
  });

  it('streams a chunked request body through unchanged', async () => {
    const parts = ['{"inputs":', '[{"name":"x","datatype":"FP32",', '"shape":[1],"data":[1]}]}'];
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        new URL('/v2/models/labeler/infer', proxy.url),
        { method: 'POST', agent: false },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      for (const part of parts) req.write(part);
      req.end();
    });
    expect(status).toBe(200);
    expect(upstream.received.at(-1)?.body.toString()).toBe(parts.join(''));
    expect(otel.events(EVENT_ML_PREDICTION)).toHaveLength(1);
  });

  it('a caller that disconnects aborts the upstream request and the call is recorded', async () => {
    await new Promise<void>((resolve) => {
      const req = http.request(new URL('/v2/models/slow/infer', proxy.url), {
        method: 'POST',
        agent: false,
      });
      req.on('error', () => resolve());
      req.end(inferBody('gone', [[1, 2]]));
      // Give the proxy time to open the upstream request, then hang up.
      const poll = setInterval(() => {
        if (upstream.received.some((r) => r.path === '/v2/models/slow/infer')) {
          clearInterval(poll);
          req.destroy();
        }
      }, 5);
    });
    await expect.poll(() => spanOf('slow').length).toBe(1);
    expect(spanOf('slow')[0]?.attributes[ATTR_ERROR_TYPE]).toBe('ECONNRESET');
  });

  it('passes upstream 4xx and 5xx through and records error.type', async () => {
    const missing = await sameThroughProxy(
      'POST',
      '/v2/models/missing/infer',
      inferBody('r', [[1, 2]]),
    );
    expect(missing.status).toBe(404);
    const broken = await sameThroughProxy(
      'POST',
      '/v2/models/broken/infer',
      inferBody('r', [[1, 2]]),
    );
    expect(broken.status).toBe(500);
    const [missingSpan] = spanOf('missing');
    expect(missingSpan?.attributes[ATTR_ERROR_TYPE]).toBe('404');
    expect(missingSpan?.status.code).toBe(SpanStatusCode.ERROR);
    expect(spanOf('broken')[0]?.attributes[ATTR_ERROR_TYPE]).toBe('500');
    expect(otel.events(EVENT_ML_PREDICTION)).toHaveLength(0);
    const metrics = await otel.collectMetrics();
    expect(
      histogramCount(metrics.get(METRIC_ML_INFERENCE_DURATION), { [ATTR_ERROR_TYPE]: '500' }),
    ).toBe(1);
  });

  it('answers 504 when the upstream times out, and records it', async () => {
    const reply = await send(proxy.url, 'POST', '/v2/models/slow/infer', inferBody('t', [[1, 2]]));
    expect(reply.status).toBe(504);
    expect(reply.body.toString()).toMatch(
      /^mlmon proxy: upstream http:\/\/127\.0\.0\.1:\d+ did not respond within 300 ms/,
    );
    const [span] = spanOf('slow');
    expect(span?.attributes[ATTR_ERROR_TYPE]).toBe('ETIMEDOUT');
    expect(span?.attributes[ATTR_ML_PREDICTION_COUNT]).toBe(1);
  });

  it('answers 502 when the upstream is unreachable', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const deadProxy = await startOipProxy({
      listenPort: 0,
      upstream: `http://127.0.0.1:${deadPort}`,
      tracerProvider: otel.tracerProvider,
      meterProvider: otel.meterProvider,
      loggerProvider: otel.loggerProvider,
    });
    try {
      const reply = await send(
        deadProxy.url,
        'POST',
        '/v2/models/fraud/infer',
        inferBody('x', [[1, 2]]),
      );
      expect(reply.status).toBe(502);
      expect(reply.body.toString()).toContain('ECONNREFUSED');
      expect(spanOf('fraud')[0]?.attributes[ATTR_ERROR_TYPE]).toBe('ECONNREFUSED');
    } finally {
      await deadProxy.close();
    }
  });

  it('rejects bad options with a message naming the option', async () => {
    await expect(startOipProxy({ listenPort: 0, upstream: 'ftp://x' })).rejects.toThrow(
      /upstream must be an http/,
    );
    await expect(startOipProxy({ listenPort: -1, upstream: direct })).rejects.toThrow(/listenPort/);
  });
});

describe('OIP proxy: telemetry', () => {
  it('decodes a binary classifier batch: CLIENT span, events per row, metrics, traceparent upstream', async () => {
    const callerTraceId = '0af7651916cd43dd8448eb211c80319c';
    const callerSpanId = 'b7ad6b7169203331';
    const reply = await sameThroughProxy(
      'POST',
      '/v2/models/fraud/infer',
      inferBody('req-1', [
        [120, 30],
        [5, 61],
      ]),
      {
        'content-type': 'application/json',
        traceparent: `00-${callerTraceId}-${callerSpanId}-01`,
      },
    );
    const response = JSON.parse(reply.body.toString()) as { outputs: { data: number[] }[] };
    const probs = response.outputs[0]!.data;

    const [span] = spanOf('fraud');
    expect(otel.spans()).toHaveLength(1);
    expect(span?.kind).toBe(SpanKind.CLIENT);
    expect(span?.spanContext().traceId).toBe(callerTraceId);
    expect(span?.parentSpanContext?.spanId).toBe(callerSpanId);
    expect(span?.attributes).toEqual({
      [ATTR_ML_OPERATION_NAME]: ML_OPERATION_NAME_VALUE_PREDICT,
      [ATTR_ML_MODEL_NAME]: 'fraud',
      [ATTR_ML_MODEL_VERSION]: '3',
      [ATTR_ML_MODEL_TASK]: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
      [ATTR_ML_PROVIDER_NAME]: 'kserve',
      [ATTR_SERVER_ADDRESS]: '127.0.0.1',
      [ATTR_SERVER_PORT]: upstream.port,
      [ATTR_ML_PREDICTION_COUNT]: 2,
    });

    // The proxied call (the second one upstream) carried the CLIENT span as its parent.
    const proxied = upstream.received.at(-1);
    expect(proxied?.traceparent).toBe(`00-${callerTraceId}-${span?.spanContext().spanId}-01`);
    expect(upstream.received.at(0)?.traceparent).toBe(`00-${callerTraceId}-${callerSpanId}-01`);
    expect(proxied?.body.equals(upstream.received.at(0)!.body)).toBe(true);

    const events = otel.events(EVENT_ML_PREDICTION);
    expect(events.map((e) => e.attributes[ATTR_ML_PREDICTION_ID])).toEqual(['req-1-0', 'req-1-1']);
    expect(events[0]?.attributes).toEqual({
      [ATTR_ML_PREDICTION_ID]: 'req-1-0',
      [ATTR_ML_MODEL_NAME]: 'fraud',
      [ATTR_ML_MODEL_VERSION]: '3',
      [ATTR_ML_MODEL_TASK]: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
      [ATTR_ML_PREDICTION_SCORE]: probs[1],
      [ATTR_ML_PREDICTION_LABEL]: probs[1]! >= 0.5 ? 'fraud' : 'legit',
      [ATTR_ML_PREDICTION_THRESHOLD]: 0.5,
      [ATTR_ML_PREDICTION_PROBABILITIES]: [probs[0], probs[1]],
      [ATTR_ML_MODEL_CLASSES]: ['legit', 'fraud'],
      [ATTR_ML_SLICE('age')]: '30',
      [ATTR_ML_FEATURES]: { amount: 120, age: 30 },
    });
    expect(events[1]?.attributes[ATTR_ML_PREDICTION_SCORE]).toBe(probs[3]);
    for (const e of events) expect(e.spanContext?.spanId).toBe(span?.spanContext().spanId);

    const metrics = await otel.collectMetrics();
    const [duration] = pointsWith<Histogram>(metrics.get(METRIC_ML_INFERENCE_DURATION), {
      [ATTR_ML_MODEL_NAME]: 'fraud',
      [ATTR_ML_MODEL_VERSION]: '3',
    });
    expect(duration?.attributes).toEqual({
      [ATTR_ML_MODEL_NAME]: 'fraud',
      [ATTR_ML_MODEL_VERSION]: '3',
      [ATTR_ML_MODEL_TASK]: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
      [ATTR_ML_OPERATION_NAME]: ML_OPERATION_NAME_VALUE_PREDICT,
      [ATTR_SERVER_ADDRESS]: '127.0.0.1',
      [ATTR_SERVER_PORT]: upstream.port,
    });
    expect(
      counterSum(metrics.get(METRIC_ML_INFERENCE_PREDICTIONS), {
        [ATTR_ML_MODEL_NAME]: 'fraud',
        [ATTR_ML_MODEL_VERSION]: '3',
      }),
    ).toBe(2);
  });

  it('uses the request id as is for one row and generates one when absent', async () => {
    await sameThroughProxy('POST', '/v2/models/fraud/infer', inferBody('single', [[1, 2]]));
    await send(
      proxy.url,
      'POST',
      '/v2/models/fraud/infer',
      inferBody(undefined, [
        [1, 2],
        [3, 4],
      ]),
    );
    const ids = otel.events(EVENT_ML_PREDICTION).map((e) => e.attributes[ATTR_ML_PREDICTION_ID]);
    expect(ids[0]).toBe('single');
    expect(ids[1]).toMatch(/^[0-9a-f-]{36}-0$/);
    expect(ids[2]).toBe(`${String(ids[1]).slice(0, 36)}-1`);
  });

  it('reads the version from the URL and decodes a regression output as values', async () => {
    await sameThroughProxy(
      'POST',
      '/v2/models/price/versions/2/infer',
      inferBody('p', [[4], [10]], 'sqft'),
    );
    const [span] = spanOf('price');
    expect(span?.attributes[ATTR_ML_MODEL_VERSION]).toBe('2');
    expect(span?.attributes[ATTR_ML_MODEL_TASK]).toBe(ML_MODEL_TASK_VALUE_REGRESSION);
    const events = otel.events(EVENT_ML_PREDICTION);
    expect(events.map((e) => e.attributes[ATTR_ML_PREDICTION_VALUE])).toEqual([10, 25]);
    // Capture is on, so the one-wide tensor is the feature of its name.
    expect(events[0]?.attributes[ATTR_ML_FEATURES]).toEqual({ sqft: 4 });
  });

  it('reads BYTES outputs as labels and the float beside them as the score', async () => {
    await sameThroughProxy('POST', '/v2/models/labeler/infer', inferBody('l', [[1], [-1]], 'x'));
    const events = otel.events(EVENT_ML_PREDICTION);
    expect(
      events.map((e) => [
        e.attributes[ATTR_ML_PREDICTION_LABEL],
        e.attributes[ATTR_ML_PREDICTION_SCORE],
      ]),
    ).toEqual([
      ['spam', 0.75],
      ['ham', 0.75],
    ]);
  });

  it('forwards a gzip response byte for byte and still decodes it', async () => {
    const reply = await sameThroughProxy('POST', '/v2/models/gz/infer', inferBody('g', [[1, 2]]));
    expect(reply.headers['content-encoding']).toBe('gzip');
    expect(otel.events(EVENT_ML_PREDICTION)).toHaveLength(1);
    expect(otel.events(EVENT_ML_PREDICTION)[0]?.attributes[ATTR_ML_MODEL_TASK]).toBe(
      ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
    );
  });

  it('forwards an undecodable infer body unchanged and records the call without predictions', async () => {
    const reply = await sameThroughProxy('POST', '/v2/models/fraud/infer', 'not json', {
      'content-type': 'application/json',
    });
    expect(reply.status).toBe(400);
    expect(otel.events(EVENT_ML_PREDICTION)).toHaveLength(0);
  });
});
