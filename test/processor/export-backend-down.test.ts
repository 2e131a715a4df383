/**
 * The OTLP backend is down while a drift alert fires: a local backend answers 503 to everything
 * for a while, then 200. The processor keeps ingesting (requests acknowledged while the backend
 * holds or refuses exports), retries with backoff, drops the oldest metric snapshots beyond the
 * metrics queue's bound (counted), keeps the `ml.alert` event (its queue is longer), and on
 * recovery delivers the backlog in order: the alert event and the surviving snapshots.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loopbackConfig } from '../support/loopback-config.js';
import { ManualClock } from '../../processor/src/service/clock.js';
import { silentLogger } from '../../processor/src/service/logger.js';
import { MlmonService } from '../../processor/src/service/mlmon-service.js';
import { prediction } from '../durability/support/events.js';
import { postLogs } from '../durability/support/serve-process.js';
import { logsRequestJson } from './support/otlp-json.js';
import { parsePrometheus, select } from './support/prometheus-parse.js';
import { seeded } from './support/scenario.js';

const WINDOW_MS = 60_000;
const T0 = 1_800_000_000_000;

interface Backend {
  readonly server: Server;
  readonly url: string;
  /** 'down': 503 to everything; 'up': 200. */
  mode: 'down' | 'up';
  readonly refused: string[];
  /** Delivered requests in arrival order: path and parsed JSON body. */
  readonly delivered: { path: string; body: unknown }[];
}

async function startBackend(): Promise<Backend> {
  const backend = {
    mode: 'down' as 'down' | 'up',
    refused: [] as string[],
    delivered: [] as { path: string; body: unknown }[],
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (backend.mode === 'down') {
        backend.refused.push(req.url!);
        res.writeHead(503, { 'retry-after': '0' });
        res.end('backend restarting');
        return;
      }
      backend.delivered.push({
        path: req.url!,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/metrics`;
  return Object.assign(backend, { server, url });
}

/** The largest `timeUnixNano` of any data point in an OTLP/JSON metrics request (its export time). */
function exportTime(body: unknown): number {
  let max = 0;
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'timeUnixNano') max = Math.max(max, Number(BigInt(x as string) / 1_000_000n));
        else walk(x);
      }
    }
  };
  walk(body);
  return max;
}

describe('OTLP backend down while an alert fires', () => {
  let backend: Backend;
  let service: MlmonService;
  let port: number;
  const clock = new ManualClock(T0 + 500);
  beforeAll(async () => {
    backend = await startBackend();
    service = new MlmonService({
      config: loopbackConfig({
        windowSeconds: WINDOW_MS / 1000,
        allowedLatenessSeconds: 0,
        export: {
          metricsUrl: backend.url,
          protocol: 'http/json',
          headers: {},
          temporality: 'cumulative',
          intervalSeconds: 60,
          timeoutSeconds: 2,
        },
      }),
      clock,
      logger: silentLogger,
      flushIntervalMillis: 0,
      exportRetry: {
        backoff: { initialMillis: 20, maxMillis: 100, jitter: 0.5 },
        metricsBounds: { maxRequests: 3, maxBytes: 64 * 1024 * 1024 },
      },
    });
    port = (await service.start()).otlpHttpPort;
  });
  afterAll(async () => {
    await service.stop();
    await new Promise((resolve) => backend.server.close(resolve));
  });

  it('keeps ingesting, keeps the alert event, drops the oldest snapshots counted, drains in order', async () => {
    const u = seeded(11);
    let acknowledged = 0;
    const shifts = [0, 3, 3, 3, 3];
    for (const [k, shift] of shifts.entries()) {
      const events = Array.from({ length: 300 }, () => {
        const z = Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
        return prediction('exported', T0 + k * WINDOW_MS + 1000, { x: z + shift }, 0.5);
      });
      // Ingest is answered while the backend refuses every export.
      const { status } = await postLogs(port, logsRequestJson(events));
      expect(status).toBe(200);
      acknowledged++;
      clock.set(T0 + (k + 1) * WINDOW_MS + 1);
      await service.flush();
    }
    expect(acknowledged).toBe(5);
    expect(backend.refused.filter((p) => p === '/v1/logs').length).toBeGreaterThanOrEqual(1);
    expect(backend.delivered).toEqual([]);
    const during = parsePrometheus(service.renderMetrics());
    // 5 snapshots, 3 kept: the 2 oldest dropped and counted.
    expect(
      select(during, 'mlmon_processor_export_queue_dropped_total', {
        mlmon_signal: 'metrics',
        error_type: 'queue_full',
      }).map((s) => s.value),
    ).toEqual([2]);
    expect(
      select(during, 'mlmon_processor_export_queue_size', { mlmon_signal: 'logs' }).map(
        (s) => s.value,
      ),
    ).toEqual([1]);
    const failures = select(during, 'mlmon_processor_export_failures_total', {
      error_type: '503',
    });
    expect(failures.reduce((a, s) => a + s.value, 0)).toBeGreaterThanOrEqual(2);

    backend.mode = 'up';
    await vi.waitFor(
      () => {
        const now = parsePrometheus(service.renderMetrics());
        const queued = select(now, 'mlmon_processor_export_queue_size', {});
        expect(queued.map((s) => s.value)).toEqual([0, 0]);
      },
      { timeout: 10_000, interval: 20 },
    );
    const logs = backend.delivered.filter((d) => d.path === '/v1/logs');
    expect(logs).toHaveLength(1);
    expect(JSON.stringify(logs[0]!.body)).toMatch(/feature_drift/);
    expect(JSON.stringify(logs[0]!.body)).toMatch(/firing/);
    // The surviving snapshots, oldest first: the newest two and the oldest not dropped (the
    // queue never drops the one whose retry is in flight at that moment, so which is timing).
    const metrics = backend.delivered.filter((d) => d.path === '/v1/metrics');
    const times = metrics.map((d) => exportTime(d.body));
    const exported = [1, 2, 3, 4, 5].map((k) => T0 + k * WINDOW_MS + 1);
    expect(times).toHaveLength(3);
    expect(times.slice(1)).toEqual(exported.slice(3));
    expect(exported.slice(0, 3)).toContain(times[0]);
  });
});
