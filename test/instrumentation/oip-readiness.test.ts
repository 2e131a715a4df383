/**
 * `mlmon proxy`'s readiness polling against a real local HTTP model server: `ml.model.ready`
 * follows the server's `/v2/health/ready` and `/v2/models/{name}/ready`, for configured models
 * and for models seen in proxied calls, flips to 0 when the server says not ready (or stops
 * answering) and back to 1; read through the real OTel metrics SDK.
 */
import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { ATTR_ML_MODEL_NAME, METRIC_ML_MODEL_READY } from '@mlmon/conventions';
import { startOipProxy } from '@mlmon/instrumentation';
import { afterAll, describe, expect, it } from 'vitest';

describe('OIP readiness polling', () => {
  let serverReady = true;
  const modelReady = new Map<string, boolean>([['fraud', true]]);
  const server = http.createServer((req, res) => {
    const path = req.url ?? '';
    const model = /^\/v2\/models\/([^/]+)\/ready$/.exec(path)?.[1];
    const ready =
      path === '/v2/health/ready' ? serverReady : model ? modelReady.get(model) : undefined;
    if (ready === undefined) return void res.writeHead(404).end();
    res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ready }));
  });
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const meterProvider = new MeterProvider({ readers: [reader] });

  afterAll(async () => {
    server.close();
    await meterProvider.shutdown();
  });

  const readiness = async (): Promise<Record<string, number>> => {
    exporter.reset();
    await reader.forceFlush();
    const out: Record<string, number> = {};
    for (const rm of exporter.getMetrics()) {
      for (const sm of rm.scopeMetrics) {
        for (const m of sm.metrics) {
          if (m.descriptor.name !== METRIC_ML_MODEL_READY) continue;
          for (const p of m.dataPoints) {
            out[String(p.attributes[ATTR_ML_MODEL_NAME] ?? '(server)')] = p.value as number;
          }
        }
      }
    }
    return out;
  };
  const until = async (want: Record<string, number>): Promise<void> => {
    for (let i = 0; i < 100; i++) {
      const got = await readiness();
      if (JSON.stringify(got) === JSON.stringify(want)) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await readiness()).toEqual(want);
  };

  it('reports the server and its models ready, not ready, and ready again', async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as AddressInfo).port;
    const proxy = await startOipProxy({
      listenPort: 0,
      upstream: `http://127.0.0.1:${port}`,
      models: { fraud: {} },
      meterProvider,
      readinessIntervalMillis: 25,
    });
    try {
      await until({ '(server)': 1, fraud: 1 });
      modelReady.set('fraud', false);
      await until({ '(server)': 1, fraud: 0 });
      serverReady = false;
      modelReady.set('fraud', true);
      await until({ '(server)': 0, fraud: 1 });
      serverReady = true;
      await until({ '(server)': 1, fraud: 1 });
      expect(proxy.readiness().get('fraud')).toBe(true);
    } finally {
      await proxy.close();
    }
  });
});
