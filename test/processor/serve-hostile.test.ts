/**
 * Integration: a running `mlmon serve` answers bad requests with the right status and a message
 * (malformed protobuf/JSON, wrong media type and method, oversized and gzip-bomb bodies), counts
 * records that arrive after their window closed as late, and keeps serving throughout.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logsRequestJson } from './support/otlp-json.js';
import { parsePrometheus, select } from './support/prometheus-parse.js';
import { closedAfter, predictions, T0 } from './support/scenario.js';
import type { TestService } from './support/start-service.js';
import { startTestService } from './support/start-service.js';

describe('mlmon serve under bad input', () => {
  let svc: TestService;
  let url: string;

  beforeAll(async () => {
    svc = await startTestService(T0 + 30_000);
    url = `http://127.0.0.1:${svc.addresses.otlpHttpPort}/v1/logs`;
  });
  afterAll(async () => {
    await svc?.stop();
  });

  const post = (body: Uint8Array | string, headers: Record<string, string>) =>
    fetch(url, { method: 'POST', body, headers });

  it.each([
    [
      'malformed protobuf',
      new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]),
      { 'content-type': 'application/x-protobuf' },
      400,
    ],
    ['malformed JSON', '{"resourceLogs": [', { 'content-type': 'application/json' }, 400],
    ['a wrong media type', 'hello', { 'content-type': 'text/plain' }, 415],
    [
      'an oversized body',
      new Uint8Array(21 * 1024 * 1024),
      { 'content-type': 'application/x-protobuf' },
      413,
    ],
    [
      'a gzip bomb',
      gzipSync(Buffer.alloc(64 * 1024 * 1024)),
      { 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip' },
      413,
    ],
  ] as const)('answers %s with %i and a message', async (_, body, headers, status) => {
    const response = await post(body, headers);
    expect(response.status).toBe(status);
    expect((await response.text()).length).toBeGreaterThan(0);
  });

  it('answers a GET with 405', async () => {
    expect((await fetch(url)).status).toBe(405);
  });

  it('keeps serving: a valid request is accepted, late records are counted as late', async () => {
    const { events } = predictions(T0, 5, 0);
    const ok = await post(logsRequestJson(events.slice(0, 10)), {
      'content-type': 'application/json',
    });
    expect(ok.status).toBe(200);
    svc.clock.set(closedAfter(T0));
    await svc.service.flush();
    const late = await post(logsRequestJson(events.slice(10, 13)), {
      'content-type': 'application/json',
    });
    expect(late.status).toBe(200);
    const samples = parsePrometheus(await svc.metrics());
    const count = (outcome: string) =>
      select(samples, 'mlmon_processor_records_total', {
        mlmon_signal: 'logs',
        mlmon_processor_outcome: outcome,
      }).map((s) => s.value);
    expect(count('accepted')).toEqual([10]);
    expect(count('late')).toEqual([3]);
  });
});
