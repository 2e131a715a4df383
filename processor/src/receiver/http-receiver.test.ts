import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { createGzip, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import { OTLPLogExporter as ProtoLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPLogExporter as JsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPMetricExporter as ProtoMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPMetricExporter as JsonMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import {
  buildLogRecords,
  buildResourceMetrics,
  buildSpans,
  features,
} from '../../../test/decode/sdk-requests.js';
import { ProtoReader } from '../decode/proto-reader.js';
import { startOtlpHttpReceiver } from './http-receiver.js';
import { ReceiverCounters } from './receiver-counters.js';
import { exportWith, RecordingSink } from './__fixtures__/recording-sink.js';
import type { RunningReceiver } from './types.js';

const TOKEN = 's3cret-token';
const LIMIT = 256 * 1024;

const sink = new RecordingSink();
const counters = new ReceiverCounters();
const logged: string[] = [];
let receiver: RunningReceiver;
let authReceiver: RunningReceiver;
let url: string;
let records: ReadableLogRecord[];
let spans: ReadableSpan[];
let metrics: ResourceMetrics;
let logsProto: Uint8Array;
let bomb: Buffer;

/** Gzips 1 GiB of zeros as a stream (never holding the plain data in memory). */
async function gzipBomb(): Promise<Buffer> {
  const zeros = Buffer.alloc(1 << 20);
  let left = 1024;
  const source = new Readable({
    read() {
      this.push(left-- > 0 ? zeros : null);
    },
  });
  const out: Buffer[] = [];
  for await (const chunk of source.pipe(createGzip({ level: 9 }))) out.push(chunk as Buffer);
  return Buffer.concat(out);
}

beforeAll(async () => {
  [records, spans, metrics, bomb] = await Promise.all([
    buildLogRecords(20),
    buildSpans(5),
    buildResourceMetrics(),
    gzipBomb(),
  ]);
  logsProto = ProtobufLogsSerializer.serializeRequest(records)!;
  const logger = { warn: (m: string) => logged.push(m), error: (m: string) => logged.push(m) };
  receiver = await startOtlpHttpReceiver({
    sink,
    port: 0,
    maxBodyBytes: LIMIT,
    onRequestHandled: counters.onRequestHandled,
    logger,
  });
  authReceiver = await startOtlpHttpReceiver({ sink, port: 0, authToken: TOKEN, logger });
  url = `http://127.0.0.1:${receiver.port}`;
}, 60_000);

afterAll(async () => {
  await receiver?.close();
  await authReceiver?.close();
});

beforeEach(() => sink.reset());

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One raw HTTP request (node:http so that any header and any body stream can be sent). */
function send(
  path: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: Uint8Array | Readable;
    port?: number;
  } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: options.port ?? receiver.port,
        path,
        method: options.method ?? 'POST',
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on('error', reject);
    const body = options.body;
    if (body instanceof Readable) body.pipe(req);
    else req.end(body);
  });
}

const protobuf = { 'Content-Type': 'application/x-protobuf' };
const json = { 'Content-Type': 'application/json' };

/** Decodes a `google.rpc.Status` body (code 1, message 2). */
function rpcStatus(body: Buffer): { code: number; message: string } {
  const r = new ProtoReader(body);
  let code = 0;
  let message = '';
  while (r.pos < r.len) {
    const tag = r.uint32();
    if (tag === 8) code = r.int32();
    else if (tag === 18) message = r.string();
    else r.skip(tag);
  }
  return { code, message };
}

/** The receiver still answers a valid request after whatever the test did. */
async function expectStillServing(): Promise<void> {
  const res = await send('/v1/logs', { headers: protobuf, body: logsProto });
  expect(res.status).toBe(200);
  expect(res.body.length).toBe(0);
}

describe('OTLP/HTTP receiver with the real OTel JS exporters', () => {
  it('receives logs from the protobuf exporter', async () => {
    const result = await exportWith(new ProtoLogExporter({ url: `${url}/v1/logs` }), records);
    expect(result.code).toBe(ExportResultCode.SUCCESS);
    expect(sink.requests).toHaveLength(1);
    const { req, contentType } = sink.requests[0]!;
    expect(contentType).toBe('protobuf');
    if (req.signal !== 'logs') throw new Error('logs expected');
    const logRecords = req.request.resourceLogs[0]!.scopeLogs[0]!.logRecords;
    expect(logRecords).toHaveLength(22);
    expect(logRecords[7]!.eventName).toBe('ml.prediction');
    expect(logRecords[7]!.attributes['ml.features']).toEqual(features(7));
    expect(logRecords[7]!.timeUnixNano).toBe(1763887007123456789n);
    // the exporter streams its body (chunked), so admission sees no declared length
    expect(sink.admitted[0]).toEqual({ signal: 'logs', contentLength: undefined });
  });

  it('receives logs from the JSON exporter, decoded to the same value as protobuf', async () => {
    await exportWith(new ProtoLogExporter({ url: `${url}/v1/logs` }), records);
    const result = await exportWith(new JsonLogExporter({ url: `${url}/v1/logs` }), records);
    expect(result.code).toBe(ExportResultCode.SUCCESS);
    expect(sink.requests.map((r) => r.contentType)).toEqual(['protobuf', 'json']);
    expect(sink.requests[1]!.req).toStrictEqual(sink.requests[0]!.req);
  });

  it('receives gzip-compressed traces and metrics (protobuf and JSON exporters)', async () => {
    const results = [
      await exportWith(
        new ProtoTraceExporter({ url: `${url}/v1/traces`, compression: 'gzip' as never }),
        spans,
      ),
      await exportWith(
        new JsonTraceExporter({ url: `${url}/v1/traces`, compression: 'gzip' as never }),
        spans,
      ),
      await exportWith(
        new ProtoMetricExporter({ url: `${url}/v1/metrics`, compression: 'gzip' as never }),
        metrics,
      ),
      await exportWith(new JsonMetricExporter({ url: `${url}/v1/metrics` }), metrics),
    ];
    expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    expect(sink.requests.map((r) => [r.req.signal, r.contentType])).toEqual([
      ['traces', 'protobuf'],
      ['traces', 'json'],
      ['metrics', 'protobuf'],
      ['metrics', 'json'],
    ]);
    expect(sink.requests[1]!.req).toStrictEqual(sink.requests[0]!.req);
    expect(sink.requests[3]!.req).toStrictEqual(sink.requests[2]!.req);
    const traces = sink.requests[0]!.req;
    if (traces.signal !== 'traces') throw new Error('traces expected');
    expect(
      traces.request.resourceSpans[0]!.scopeSpans[0]!.spans.filter(
        (s) => s.name === 'predict fraud',
      ),
    ).toHaveLength(5);
  });

  it('accepts the opentelemetry-proto example payloads as OTLP/JSON', async () => {
    const examples: [string, string][] = [
      ['/v1/traces', 'trace.json'],
      ['/v1/metrics', 'metrics.json'],
      ['/v1/logs', 'logs.json'],
      ['/v1/logs', 'events.json'],
    ];
    for (const [path, file] of examples) {
      const body = readFileSync(
        new URL(`../../../test/fixtures/otlp-examples/${file}`, import.meta.url),
      );
      const res = await send(path, { headers: json, body });
      expect([file, res.status, res.body.toString()]).toEqual([file, 200, '{}']);
    }
    expect(sink.requests.map((r) => r.req.signal)).toEqual(['traces', 'metrics', 'logs', 'logs']);
    const events = sink.requests[3]!.req;
    if (events.signal !== 'logs') throw new Error('logs expected');
    expect(events.request.resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!.eventName).toBe(
      'browser.page_view',
    );
  });

  it('reports partial success that the exporter accepts (and logs)', async () => {
    const warnings: string[] = [];
    const capture = (m: string, ...args: unknown[]): void =>
      void warnings.push([m, ...args].map(String).join(' '));
    diag.setLogger(
      { warn: capture, error: capture, info: () => {}, debug: () => {}, verbose: () => {} },
      DiagLogLevel.WARN,
    );
    try {
      sink.result = { rejected: 3, message: '3 records lack ml.model.name' };
      const proto = await exportWith(new ProtoLogExporter({ url: `${url}/v1/logs` }), records);
      const viaJson = await exportWith(new JsonLogExporter({ url: `${url}/v1/logs` }), records);
      expect([proto.code, viaJson.code]).toEqual([
        ExportResultCode.SUCCESS,
        ExportResultCode.SUCCESS,
      ]);
      expect(warnings.filter((w) => w.includes('3 records lack ml.model.name'))).toHaveLength(2);
    } finally {
      diag.disable();
    }
    const raw = await send('/v1/logs', { headers: json, body: new TextEncoder().encode('{}') });
    expect(raw.status).toBe(200);
    expect(JSON.parse(raw.body.toString())).toEqual({
      partialSuccess: { rejectedLogRecords: '3', errorMessage: '3 records lack ml.model.name' },
    });
    expect(counters.requests('partial_success', 'logs')).toBeGreaterThanOrEqual(3);
  });

  it('honours a refusal with 429 + Retry-After: the exporter retries and then succeeds', async () => {
    sink.refuse = {
      times: 1,
      admission: { ok: false, status: 429, retryAfterSeconds: 1, message: 'ingest queue full' },
    };
    const raw = await send('/v1/logs', { headers: protobuf, body: logsProto });
    expect(raw.status).toBe(429);
    expect(raw.headers['retry-after']).toBe('1');
    expect(rpcStatus(raw.body)).toEqual({ code: 8, message: 'ingest queue full' });
    expect(sink.admitted[0]).toEqual({ signal: 'logs', contentLength: logsProto.length });
    expect(sink.requests).toHaveLength(0);

    sink.refuse = {
      times: 1,
      admission: { ok: false, status: 503, retryAfterSeconds: 1, message: 'overloaded' },
    };
    const result = await exportWith(new ProtoLogExporter({ url: `${url}/v1/logs` }), records);
    expect(result.code).toBe(ExportResultCode.SUCCESS);
    expect(sink.admitted).toHaveLength(3);
    expect(sink.requests).toHaveLength(1);
  });

  it('answers 503 + Retry-After when the sink fails, logs it, and keeps serving', async () => {
    sink.failTimes = 1;
    const raw = await send('/v1/logs', {
      headers: json,
      body: new TextEncoder().encode('{"resourceLogs":[]}'),
    });
    expect(raw.status).toBe(503);
    expect(raw.headers['retry-after']).toBe('5');
    expect(JSON.parse(raw.body.toString())).toEqual({
      code: 14,
      message: 'the processor could not store the request; retry later',
    });
    expect(logged.some((m) => m.includes('disk full'))).toBe(true);
    await expectStillServing();
  });
});

describe('OTLP/HTTP receiver rejects client mistakes with 4xx and a message', () => {
  it('400 for malformed protobuf, with a google.rpc.Status body', async () => {
    const res = await send('/v1/logs', {
      headers: protobuf,
      body: logsProto.subarray(0, logsProto.length - 7),
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/x-protobuf');
    const status = rpcStatus(res.body);
    expect(status.code).toBe(3);
    expect(status.message).toMatch(/^invalid OTLP protobuf logs request: .*resourceLogs\[0\]/);
    expect(sink.requests).toHaveLength(0);
    await expectStillServing();
  });

  it('400 for malformed JSON, with a JSON {code, message} body', async () => {
    const res = await send('/v1/traces', {
      headers: json,
      body: new TextEncoder().encode('{"resourceSpans": [{"scopeSpans": 5}]}'),
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/json');
    expect(JSON.parse(res.body.toString())).toEqual({
      code: 3,
      message:
        'invalid OTLP json traces request: expected an array, got number 5 (at resourceSpans[0].scopeSpans)',
    });
    const garbage = await send('/v1/metrics', {
      headers: json,
      body: new TextEncoder().encode('not json'),
    });
    expect(garbage.status).toBe(400);
    expect((JSON.parse(garbage.body.toString()) as { message: string }).message).toMatch(
      /invalid JSON/,
    );
    await expectStillServing();
  });

  it('400 for a corrupt gzip body', async () => {
    const res = await send('/v1/logs', {
      headers: { ...protobuf, 'Content-Encoding': 'gzip' },
      body: new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8]),
    });
    expect(res.status).toBe(400);
    expect(rpcStatus(res.body).message).toMatch(/invalid gzip body/);
    await expectStillServing();
  });

  it('accepts deflate bodies', async () => {
    const { deflateSync } = await import('node:zlib');
    const res = await send('/v1/logs', {
      headers: { ...protobuf, 'Content-Encoding': 'deflate' },
      body: deflateSync(logsProto),
    });
    expect(res.status).toBe(200);
    expect(sink.requests).toHaveLength(1);
  });

  it('415 for an unsupported media type or content encoding', async () => {
    const res = await send('/v1/logs', {
      headers: { 'Content-Type': 'text/plain' },
      body: logsProto,
    });
    expect(res.status).toBe(415);
    expect(JSON.parse(res.body.toString())).toEqual({
      code: 3,
      message:
        "unsupported Content-Type 'text/plain'; use application/x-protobuf or application/json",
    });
    const br = await send('/v1/logs', {
      headers: { ...protobuf, 'Content-Encoding': 'br' },
      body: logsProto,
    });
    expect(br.status).toBe(415);
    expect(rpcStatus(br.body).message).toMatch(/unsupported Content-Encoding 'br'/);
    await expectStillServing();
  });

  it('405 with Allow for a wrong method, 404 for an unknown path', async () => {
    const get = await send('/v1/logs', { method: 'GET' });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    const missing = await send('/v1/profiles', { headers: protobuf, body: logsProto });
    expect(missing.status).toBe(404);
    expect(rpcStatus(missing.body).message).toBe(
      'no OTLP endpoint at /v1/profiles; use /v1/traces, /v1/metrics or /v1/logs',
    );
    await expectStillServing();
  });

  it('413 for a body over the limit, declared or streamed without Content-Length', async () => {
    const big = new Uint8Array(LIMIT + 1);
    const declared = await send('/v1/logs', { headers: protobuf, body: big });
    expect(declared.status).toBe(413);
    expect(rpcStatus(declared.body).message).toBe(
      `request body of ${LIMIT + 1} bytes exceeds the limit of ${LIMIT} bytes`,
    );
    const chunked = await send('/v1/logs', {
      headers: protobuf,
      body: Readable.from([big.subarray(0, LIMIT), big.subarray(LIMIT)]),
    });
    expect(chunked.status).toBe(413);
    expect(rpcStatus(chunked.body).message).toBe(
      `request body exceeds the limit of ${LIMIT} bytes`,
    );
    expect(sink.admitted).toHaveLength(1); // the declared one was refused before admission
    await expectStillServing();
  });

  it('413 for a gzip bomb (1 GiB of zeros), stopped while inflating', async () => {
    expect(bomb.length).toBeLessThan(LIMIT * 8);
    const big = await startOtlpHttpReceiver({ sink, port: 0 }); // default 20 MiB limit
    try {
      const before = process.memoryUsage().rss;
      const res = await send('/v1/logs', {
        port: big.port,
        headers: { ...protobuf, 'Content-Encoding': 'gzip' },
        body: bomb,
      });
      expect(res.status).toBe(413);
      expect(rpcStatus(res.body).message).toBe(
        'decompressed body exceeds the limit of 20971520 bytes',
      );
      expect(process.memoryUsage().rss - before).toBeLessThan(512 * 1024 * 1024);
      const ok = await send('/v1/logs', {
        port: big.port,
        headers: { ...protobuf, 'Content-Encoding': 'gzip' },
        body: gzipSync(logsProto),
      });
      expect(ok.status).toBe(200);
    } finally {
      await big.close();
    }
  });

  it('401 with WWW-Authenticate without the right bearer token; the exporter with the token succeeds', async () => {
    const authUrl = `http://127.0.0.1:${authReceiver.port}/v1/logs`;
    const missing = await send('/v1/logs', {
      port: authReceiver.port,
      headers: protobuf,
      body: logsProto,
    });
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="mlmon"');
    expect(rpcStatus(missing.body)).toEqual({ code: 16, message: 'missing bearer token' });
    const wrong = await exportWith(
      new ProtoLogExporter({ url: authUrl, headers: { Authorization: 'Bearer nope' } }),
      records,
    );
    expect(wrong.code).toBe(ExportResultCode.FAILED);
    expect(sink.requests).toHaveLength(0);
    const right = await exportWith(
      new ProtoLogExporter({ url: authUrl, headers: { Authorization: `Bearer ${TOKEN}` } }),
      records,
    );
    expect(right.code).toBe(ExportResultCode.SUCCESS);
    expect(sink.requests).toHaveLength(1);
  });

  it('counts requests by signal, outcome and reason', () => {
    const rows = counters.snapshot();
    const reasons = new Set(rows.map((r) => r.reason));
    for (const reason of [
      'ok',
      'decode_error',
      'unsupported_media_type',
      'method_not_allowed',
      'not_found',
      'too_large',
      'overloaded',
      'sink_error',
    ]) {
      expect(reasons, reason).toContain(reason);
    }
    const ok = rows.find(
      (r) => r.transport === 'http' && r.signal === 'logs' && r.reason === 'ok',
    )!;
    // every logs request here carries 22 records, except the two one-record example payloads
    expect(ok.items).toBe((ok.requests - 2) * 22 + 2);
  });
});
