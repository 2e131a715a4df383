/**
 * Hostile input against a running `mlmon serve`: random and truncated protobuf, deep and huge
 * JSON, gzip bombs, a flood of distinct slice values, 10k features, non-finite numbers and
 * strings where numbers belong. Each gets a 4xx or a partial success with a message — never a
 * 5xx — and the service stays healthy and keeps counting valid data.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  ATTR_ML_FEATURES,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_PREDICTION_SCORE,
  ATTR_ML_SLICE,
} from '@mlmon/conventions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAlertLogsProtobuf } from '../../processor/src/alerts/otlp-logs-encoder.js';
import { logsRequestJson } from '../processor/support/otlp-json.js';
import { parsePrometheus } from '../processor/support/prometheus-parse.js';
import { seeded } from '../processor/support/scenario.js';
import { prediction } from '../durability/support/events.js';
import type { ServeProcess } from '../durability/support/serve-process.js';
import { baseArgs, startServe, stopServe } from '../durability/support/serve-process.js';

const MAX_STREAMS = 50;
const MAX_FEATURES = 64;

describe('hostile input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlmon-hostile-'));
  let serve: ServeProcess;
  /**
   * One POST on a fresh connection. With fetch's keep-alive pool, a loaded machine failed these
   * tests with EPIPE: while this process was busy building a multi-megabyte body, the server's
   * keep-alive timeout closed the idle socket the pool then wrote the body on.
   */
  const post = (
    body: Uint8Array | string,
    headers: Record<string, string>,
  ): Promise<{ status: number; text: string }> =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: serve.httpPort,
          path: '/v1/logs',
          method: 'POST',
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const json = { 'content-type': 'application/json' };
  const proto = { 'content-type': 'application/x-protobuf' };

  beforeAll(async () => {
    serve = await startServe([
      ...baseArgs(dir),
      '--max-streams',
      String(MAX_STREAMS),
      '--max-features-per-stream',
      String(MAX_FEATURES),
    ]);
  }, 30_000);
  afterAll(async () => {
    await stopServe(serve);
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers random protobuf bytes with 400 and a message (or accepts what happens to be valid)', async () => {
    const u = seeded(7);
    for (let i = 0; i < 30; i++) {
      const bytes = Uint8Array.from({ length: 1 + Math.floor(u() * 2000) }, () =>
        Math.floor(u() * 256),
      );
      const { status, text } = await post(bytes, proto);
      expect([200, 400]).toContain(status);
      if (status === 400) expect(text.length).toBeGreaterThan(0);
    }
  });

  it('answers every truncation of a valid protobuf request with 400 or 200, never 5xx', async () => {
    const valid = encodeAlertLogsProtobuf(
      [
        {
          state: 'firing',
          rule: 'r',
          severity: 'warning',
          statistic: 'drift.status',
          model: 'm',
          version: '1',
          slice: { region: 'eu' },
          feature: 'x',
          threshold: 1,
          value: 1,
          timeUnixMillis: Date.now(),
          resource: { 'service.name': 'svc' },
          runbookUrl: 'https://runbooks.example/drift',
          impact: '500 predictions in region=eu; x: drift.status 1 (threshold == 1)',
          samples: 500,
        },
      ],
      'p',
      Date.now(),
    );
    const statuses = new Set<number>();
    for (let cut = 1; cut < valid.length; cut += 7) {
      statuses.add((await post(valid.subarray(0, cut), proto)).status);
    }
    expect([...statuses].every((s) => s === 200 || s === 400)).toBe(true);
    expect(statuses.has(400)).toBe(true);
  });

  it('answers deeply nested JSON with 400', async () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    expect((await post(deep, json)).status).toBe(400);
    let value = '{"stringValue":"leaf"}';
    for (let i = 0; i < 5000; i++)
      value = `{"kvlistValue":{"values":[{"key":"k","value":${value}}]}}`;
    const nested = `{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"eventName":"ml.prediction","attributes":[{"key":"ml.model.name","value":{"stringValue":"deep"}},{"key":"ml.features","value":${value}}]}]}]}]}`;
    const { status, text } = await post(nested, json);
    expect(status === 400 || status === 200).toBe(true);
    expect(text.length).toBeGreaterThan(0);
  });

  it('answers a huge JSON body below the size limit, and a gzip bomb with 413', async () => {
    // Compressed first: gzipSync blocks this process for seconds on a loaded machine, and doing
    // it between the requests let the server's keep-alive timeout close the socket the bomb then
    // went out on ("other side closed").
    const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024));
    const huge = `{"resourceLogs":[],"padding":"${'x'.repeat(15 * 1024 * 1024)}"}`;
    expect((await post(huge, json)).status).toBe(200);
    const { status, text } = await post(bomb, { ...json, 'content-encoding': 'gzip' });
    expect(status).toBe(413);
    expect(text).toMatch(/limit/);
  }, 30_000);

  it('caps a flood of 100k distinct slice values into an overflow stream', async () => {
    const now = Date.now();
    // 10 requests of 10k records (one request of 100k would pass the 20 MiB body limit).
    for (let r = 0; r < 10; r++) {
      const events = Array.from({ length: 10_000 }, (_, i) => {
        const p = prediction('flood', now, { x: i % 10 }, 0.5);
        return {
          ...p,
          attributes: { ...p.attributes, [ATTR_ML_SLICE('user')]: `u${r * 10_000 + i}` },
        };
      });
      const { status } = await post(logsRequestJson(events), json);
      expect(status).toBe(200);
    }
    const metrics = parsePrometheus(
      await (await fetch(`http://127.0.0.1:${serve.adminPort}/metrics`)).text(),
    );
    const streams = metrics.find((s) => s.name === 'mlmon_processor_streams');
    expect(streams!.value).toBeLessThanOrEqual(MAX_STREAMS + 2);
    const overflow = metrics.find((s) => s.name === 'mlmon_processor_overflow_total');
    expect(overflow!.value).toBeGreaterThan(90_000);
  }, 60_000);

  it('keeps at most the configured number of features of a prediction with 10k features', async () => {
    const overflow = async () =>
      parsePrometheus(
        await (await fetch(`http://127.0.0.1:${serve.adminPort}/metrics`)).text(),
      ).find((s) => s.name === 'mlmon_processor_overflow_total')!.value;
    const before = await overflow();
    const features: Record<string, number> = {};
    for (let i = 0; i < 10_000; i++) features[`f${i}`] = i;
    const { status } = await post(
      logsRequestJson([prediction('wide', Date.now(), features, 0.5)]),
      json,
    );
    expect(status).toBe(200);
    // Every feature value beyond the cap is counted as overflow, none kept.
    expect((await overflow()) - before).toBe(10_000 - MAX_FEATURES);
  });

  it('rejects non-finite numbers and strings where numbers belong with a partial-success message', async () => {
    const record = (score: unknown) => ({
      eventName: 'ml.prediction',
      timeUnixNano: String(BigInt(Date.now()) * 1_000_000n),
      attributes: [
        { key: ATTR_ML_MODEL_NAME, value: { stringValue: 'odd' } },
        { key: ATTR_ML_PREDICTION_SCORE, value: score },
        {
          key: ATTR_ML_FEATURES,
          value: { kvlistValue: { values: [{ key: 'x', value: { doubleValue: 'Infinity' } }] } },
        },
      ],
    });
    const body = JSON.stringify({
      resourceLogs: [
        {
          scopeLogs: [
            {
              logRecords: [
                record({ doubleValue: 'NaN' }),
                record({ doubleValue: 'Infinity' }),
                record({ stringValue: 'very likely' }),
                record({ doubleValue: 0.7 }),
              ],
            },
          ],
        },
      ],
    });
    const { status, text } = await post(body, json);
    expect(status).toBe(200);
    const response = JSON.parse(text) as {
      partialSuccess?: { rejectedLogRecords?: string | number; errorMessage?: string };
    };
    expect(Number(response.partialSuccess?.rejectedLogRecords)).toBe(3);
    expect(response.partialSuccess?.errorMessage).toMatch(/rejected 3/);
  });

  it('is healthy afterwards: /healthz, /readyz, a valid request and a clean scrape', async () => {
    expect((await fetch(`http://127.0.0.1:${serve.adminPort}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${serve.adminPort}/readyz`)).status).toBe(200);
    const { status, text } = await post(
      logsRequestJson([prediction('fine', Date.now(), { x: 1 }, 0.4)]),
      json,
    );
    expect(status).toBe(200);
    expect(text).not.toMatch(/rejected/);
    const scrape = await (await fetch(`http://127.0.0.1:${serve.adminPort}/metrics`)).text();
    expect(scrape).not.toMatch(/\bNaN\b/);
    expect(serve.child.exitCode).toBeNull();
  });
});
