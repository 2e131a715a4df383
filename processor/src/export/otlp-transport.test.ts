import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OtlpExportConfig } from '../config/serve-config.js';
import type { Admission } from '../receiver/types.js';
import { startOtlpGrpcReceiver } from '../receiver/grpc-receiver.js';
import { encodeRpcStatusProto } from '../receiver/otlp-response.js';
import { createOtlpTransport, parseRetryAfter } from './otlp-transport.js';
import { retryDelayMillis } from './rpc-retry-info.js';

const config = (url: string, protocol: OtlpExportConfig['protocol']): OtlpExportConfig => ({
  metricsUrl: url,
  protocol,
  headers: {},
  temporality: 'cumulative',
  intervalSeconds: 60,
  timeoutSeconds: 2,
});

describe('parseRetryAfter', () => {
  it('reads delay seconds and HTTP dates, capped at five minutes', () => {
    const now = Date.parse('2026-12-04T08:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Fri, 04 Dec 2026 08:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Fri, 04 Dec 2026 07:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('86400', now)).toBe(300_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('retryDelayMillis', () => {
  it("reads the RetryInfo delay of a google.rpc.Status, as mlmon's own receiver writes it", () => {
    expect(retryDelayMillis(encodeRpcStatusProto(14, 'busy', 3))).toBe(3000);
    expect(retryDelayMillis(encodeRpcStatusProto(14, 'busy'))).toBeUndefined();
    expect(retryDelayMillis(new Uint8Array([26, 200]))).toBeUndefined();
  });
});

describe('OTLP/HTTP transport against a backend answering each status', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const status = Number(req.url!.split('/')[1]);
      req.resume();
      req.on('end', () => {
        res.writeHead(status, status === 429 ? { 'retry-after': '4' } : {});
        res.end(status === 200 ? '' : 'no');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('retries 429, 502, 503, 504 and no answer, honours Retry-After, not other failures', async () => {
    const outcome = async (status: number) =>
      createOtlpTransport(
        config(`${base}/${status}/v1/metrics`, 'http/protobuf'),
        `${base}/${status}`,
        '',
      ).send(new Uint8Array([1]));
    expect(await outcome(200)).toEqual({ ok: true });
    expect(await outcome(429)).toMatchObject({
      ok: false,
      retryable: true,
      retryAfterMillis: 4000,
    });
    for (const status of [502, 503, 504]) {
      expect(await outcome(status)).toMatchObject({ ok: false, retryable: true });
    }
    for (const status of [400, 401, 403, 404, 413, 500]) {
      expect(await outcome(status)).toMatchObject({
        ok: false,
        retryable: false,
        error: expect.stringMatching(new RegExp(`^HTTP ${status} from `)),
      });
    }
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const url = `http://127.0.0.1:${port}/v1/metrics`;
    expect(
      await createOtlpTransport(config(url, 'http/json'), url, '').send(new Uint8Array()),
    ).toMatchObject({ ok: false, retryable: true });
  });
});

describe('OTLP/gRPC transport against an OTLP/gRPC receiver that refuses', () => {
  it('retries UNAVAILABLE and RESOURCE_EXHAUSTED with RetryInfo, honouring its delay', async () => {
    let admission: Admission = { ok: true };
    const receiver = await startOtlpGrpcReceiver({
      port: 0,
      host: '127.0.0.1',
      logger: { warn: () => {}, error: () => {} },
      sink: {
        admit: () => admission,
        accept: async () => ({ rejected: 0 }),
      },
    });
    const url = `http://127.0.0.1:${receiver.port}`;
    const transport = createOtlpTransport(
      config(url, 'grpc'),
      url,
      '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export',
    );
    try {
      expect(await transport.send(new Uint8Array())).toEqual({ ok: true });
      // INVALID_ARGUMENT (a body the receiver cannot decode) would fail again.
      expect(await transport.send(new Uint8Array([0x0a, 0xff]))).toMatchObject({
        ok: false,
        retryable: false,
      });
      admission = { ok: false, status: 503, retryAfterSeconds: 6, message: 'overloaded' };
      expect(await transport.send(new Uint8Array())).toMatchObject({
        ok: false,
        retryable: true,
        retryAfterMillis: 6000,
      });
      admission = { ok: false, status: 429, retryAfterSeconds: 2, message: 'slow down' };
      expect(await transport.send(new Uint8Array())).toMatchObject({
        ok: false,
        retryable: true,
        retryAfterMillis: 2000,
      });
    } finally {
      await transport.close();
      await receiver.close();
    }
  });
});
