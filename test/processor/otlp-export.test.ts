/**
 * Integration: the processor exports its metrics over OTLP/HTTP (protobuf and JSON) to an
 * in-test collector, keeping the source service's identifying resource attributes plus its
 * own `mlmon.processor.id`; failed exports are counted in self-telemetry, never thrown.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OtlpRequest } from '../../processor/src/decode/otlp-types.js';
import { startOtlpGrpcReceiver } from '../../processor/src/receiver/grpc-receiver.js';
import type { OtlpExportConfig } from '../../processor/src/config/serve-config.js';
import { decodeOtlpRequest } from '../../processor/src/decode/decode-otlp-request.js';
import type { MetricsRequest, NumberDataPoint } from '../../processor/src/decode/otlp-types.js';
import { parsePrometheus, select } from './support/prometheus-parse.js';
import { closedAfter, driftScenario, T0, T1 } from './support/scenario.js';
import { sdkLogs, startTestService } from './support/start-service.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: Buffer;
}

async function startCollector(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(200, {
        'content-type': req.headers['content-type'] ?? 'application/x-protobuf',
      });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/metrics`;
  return { server, url, received };
}

async function runScenario(exportConfig: OtlpExportConfig) {
  const scenario = driftScenario();
  const svc = await startTestService(T0, { export: exportConfig });
  const sdk = sdkLogs(svc.addresses, 'http/protobuf');
  svc.clock.set(T0 + 55_000);
  await sdk.send(scenario.reference);
  svc.clock.set(closedAfter(T0));
  await svc.service.flush();
  svc.clock.set(T1 + 55_000);
  await sdk.send(scenario.current);
  await sdk.send(scenario.labels);
  svc.clock.set(closedAfter(T1));
  await svc.service.flush();
  await sdk.shutdown();
  return svc;
}

const stringAttrs = (attrs: Record<string, unknown>) => attrs as Record<string, string>;

describe.each(['http/protobuf', 'http/json'] as const)(
  'OTLP metrics export over %s',
  (protocol) => {
    let collector: Awaited<ReturnType<typeof startCollector>>;
    let svc: Awaited<ReturnType<typeof runScenario>>;
    let last: MetricsRequest;

    beforeAll(async () => {
      collector = await startCollector();
      svc = await runScenario({
        metricsUrl: collector.url,
        protocol,
        headers: { authorization: 'Bearer t0k3n' },
        temporality: 'delta',
        intervalSeconds: 60,
        timeoutSeconds: 5,
      });
      const body = collector.received.at(-1)!.body;
      const decoded = decodeOtlpRequest(
        'metrics',
        body,
        protocol === 'http/json' ? 'json' : 'protobuf',
      );
      if (decoded.signal !== 'metrics') throw new Error('not metrics');
      last = decoded.request;
    });

    afterAll(async () => {
      await svc?.stop();
      await new Promise((resolve) => collector.server.close(resolve));
    });

    it('sends one export per flush that closed windows, with the configured headers and media type', () => {
      expect(collector.received).toHaveLength(2);
      const headers = collector.received[0]!.headers;
      expect(headers['authorization']).toBe('Bearer t0k3n');
      expect(headers['content-type']).toBe(
        protocol === 'http/json' ? 'application/json' : 'application/x-protobuf',
      );
    });

    it('keeps the identifying source resource attributes plus mlmon.processor.id, not per-pod ones', () => {
      const resources = last.resourceMetrics.map((r) => stringAttrs(r.resource.attributes));
      expect(resources).toContainEqual({
        'service.name': 'checkout',
        'mlmon.processor.id': 'test-processor',
      });
      expect(resources).toContainEqual({
        'service.name': 'mlmon',
        'mlmon.processor.id': 'test-processor',
      });
    });

    it('exports the drift state set for the drifted feature as 1 on drift', () => {
      const checkout = last.resourceMetrics.find(
        (r) => r.resource.attributes['service.name'] === 'checkout',
      )!;
      const metrics = checkout.scopeMetrics.flatMap((s) => s.metrics);
      const status = metrics.find((m) => m.name === 'ml.drift.status')!;
      expect(status.data.type).toBe('sum');
      if (status.data.type !== 'sum') return;
      expect(status.data.aggregationTemporality).toBe(2); // state sets stay cumulative
      const points = status.data.dataPoints as NumberDataPoint[];
      const drifted = points.filter(
        (p) =>
          p.attributes['ml.drift.state'] === 'drift' &&
          p.attributes['ml.drift.kind'] === 'feature' &&
          p.attributes['ml.slice.region'] === undefined,
      );
      expect(
        drifted.map((p) => [
          p.attributes['ml.feature.name'],
          p.attributes['ml.drift.method'],
          p.value,
        ]),
      ).toEqual(
        expect.arrayContaining([
          ['amount', 'ks', 1],
          ['amount', 'psi', 1],
          ['age', 'ks', 0],
          ['channel', 'chi2', 0],
        ]),
      );
    });

    it('exports the label delay histogram with delta temporality once', () => {
      const metrics = last.resourceMetrics.flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics));
      const delay = metrics.find((m) => m.name === 'ml.ground_truth.delay')!;
      expect(delay.unit).toBe('s');
      if (delay.data.type !== 'histogram') throw new Error('not a histogram');
      expect(delay.data.aggregationTemporality).toBe(1);
      const [point] = delay.data.dataPoints;
      expect(point!.count).toBe(400);
      expect(point!.attributes['ml.ground_truth.source']).toBe('human');
    });
  },
);

describe('OTLP export failures', () => {
  it('counts a failed export by error type and keeps serving', async () => {
    // A port that was just released: nothing listens there.
    const closed = await startCollector();
    await new Promise((resolve) => closed.server.close(resolve));
    const svc = await startTestService(T0, {
      export: {
        metricsUrl: closed.url,
        protocol: 'http/protobuf',
        headers: {},
        temporality: 'cumulative',
        intervalSeconds: 60,
        timeoutSeconds: 2,
      },
    });
    try {
      const first = await svc.service.exportNow();
      const second = await svc.service.exportNow();
      expect(first?.ok).toBe(false);
      // Queued behind the first, which waits for its retry: not sent meanwhile.
      expect(second).toEqual({ ok: false, error: expect.stringMatching(/queued for retry/) });
      const samples = parsePrometheus(await svc.metrics());
      const failures = select(samples, 'mlmon_processor_export_failures_total', {
        mlmon_signal: 'metrics',
      });
      expect(failures.map((s) => [s.labels['error_type'], s.value])).toEqual([
        ['network_error', 1],
      ]);
      const queued = select(samples, 'mlmon_processor_export_queue_size', {
        mlmon_signal: 'metrics',
      });
      expect(queued.map((s) => s.value)).toEqual([2]);
    } finally {
      await svc.stop();
    }
  });
});

describe('OTLP metrics export over gRPC', () => {
  it('delivers the metrics to an OTLP/gRPC receiver with the headers as metadata', async () => {
    const requests: OtlpRequest[] = [];
    const receiver = await startOtlpGrpcReceiver({
      host: '127.0.0.1',
      port: 0,
      authToken: 's3cret',
      sink: {
        admit: () => ({ ok: true }),
        accept: async (req) => {
          requests.push(req);
          return { rejected: 0 };
        },
      },
    });
    const svc = await runScenario({
      metricsUrl: `http://127.0.0.1:${receiver.port}`,
      protocol: 'grpc',
      headers: { authorization: 'Bearer s3cret' },
      temporality: 'cumulative',
      intervalSeconds: 60,
      timeoutSeconds: 5,
    });
    try {
      expect(requests.map((r) => r.signal)).toEqual(['metrics', 'metrics']);
      const last = requests.at(-1)!;
      if (last.signal !== 'metrics') throw new Error('not metrics');
      const names = last.request.resourceMetrics.flatMap((r) =>
        r.scopeMetrics.flatMap((sm) => sm.metrics.map((m) => m.name)),
      );
      expect(names).toEqual(
        expect.arrayContaining(['ml.drift.status', 'ml.quality.score', 'mlmon.processor.records']),
      );
    } finally {
      await svc.stop();
      await receiver.close();
    }
  });
});
