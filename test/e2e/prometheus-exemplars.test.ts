/**
 * End to end, from a drifted feature to the requests behind it: an app instrumented with
 * `wrapPredict` and the real OTel SDK (its spans kept by an in-memory exporter, its prediction
 * events sent over OTLP to a real `mlmon serve`) drifts `amount`; a real Prometheus (Debian 2.42,
 * `--enable-feature=exemplar-storage`) scrapes the processor in OpenMetrics, and
 * `/api/v1/query_exemplars` returns exemplars on the drifted feature's `ml_drift_detections_total`
 * whose trace and span ids are spans the app really exported, with `amount` values in the
 * shifted region. Skipped only when Prometheus is absent AND MLMON_REQUIRE_E2E is unset.
 */
import { existsSync } from 'node:fs';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION } from '@mlmon/conventions';
import { ModelMonitor } from '@mlmon/instrumentation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedAfter, seeded, T0, T1 } from '../processor/support/scenario.js';
import { startTestService, type TestService } from '../processor/support/start-service.js';
import { otlpLogsProvider } from '../support/otlp-logs-provider.js';
import {
  PROMETHEUS,
  startPrometheus,
  type PrometheusServer,
} from '../support/prometheus-server.js';
import { needsBinary } from '../support/skip-reason.js';

const ROWS = 300;
/** The reference's `amount` is uniform on [50, 150]: its 90th percentile is 140. */
const REFERENCE_P90 = 140;

interface ExemplarSeries {
  seriesLabels: Record<string, string>;
  exemplars: { labels: Record<string, string>; value: string; timestamp: number }[];
}

describe('Prometheus stores mlmon exemplars', needsBinary(PROMETHEUS, 'prometheus'), () => {
  let svc: TestService | undefined;
  let prometheus: PrometheusServer | undefined;
  let api = '';
  const spans = new InMemorySpanExporter();
  /** `traceId:spanId` of every span the app exported (read before the SDK shuts down). */
  let exported = new Set<string>();

  beforeAll(async () => {
    if (!existsSync(PROMETHEUS))
      throw new Error(`MLMON_REQUIRE_E2E is set but ${PROMETHEUS} does not exist`);
    svc = await startTestService(T0);
    const resource = resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'exemplar-app' });
    const tracerProvider = new BasicTracerProvider({
      resource,
      spanProcessors: [new SimpleSpanProcessor(spans)],
    });
    const loggerProvider = otlpLogsProvider(svc.addresses.otlpHttpPort, resource);
    let now = T0 + 10_000;
    const monitor = new ModelMonitor({
      modelName: 'fraud-exemplars',
      modelVersion: '1',
      task: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
      classes: ['legit', 'fraud'],
      captureFeatures: true,
      tracerProvider,
      loggerProvider,
      now: () => now,
    });
    // One call per request: each prediction has its own span.
    const predict = monitor.wrapPredict(
      (row: { amount: number; age: number }) => 1 / (1 + Math.exp(-(row.amount - 120) / 30)),
    );
    const send = (seed: number, shift: number): void => {
      const u = seeded(seed);
      for (let i = 0; i < ROWS; i++) {
        predict({ amount: 50 + 100 * u() + shift, age: 18 + Math.floor(60 * u()) });
      }
    };
    send(1, 0);
    await loggerProvider.forceFlush();
    svc.clock.set(closedAfter(T0));
    await svc.service.flush();
    now = T1 + 10_000;
    send(2, 80);
    await loggerProvider.forceFlush();
    svc.clock.set(closedAfter(T1));
    await svc.service.flush();
    await loggerProvider.shutdown();
    await tracerProvider.forceFlush();
    // Shutting down clears the in-memory exporter: read what it holds first.
    exported = new Set(
      spans.getFinishedSpans().map((s) => `${s.spanContext().traceId}:${s.spanContext().spanId}`),
    );
    await tracerProvider.shutdown();

    prometheus = await startPrometheus(svc.addresses.prometheusPort, [
      '--enable-feature=exemplar-storage',
    ]);
    api = prometheus.api;
  }, 60_000);

  afterAll(async () => {
    await prometheus?.stop();
    await svc?.stop();
  });

  /** Waits (bounded) for exemplars of `promql`; Prometheus scrapes every second. */
  async function exemplarsOf(promql: string): Promise<ExemplarSeries[]> {
    const start = Math.floor(T0 / 1000) - 3600;
    const end = Math.floor(T1 / 1000) + 3600;
    const url = `${api}/api/v1/query_exemplars?query=${encodeURIComponent(promql)}&start=${start}&end=${end}`;
    const deadline = Date.now() + 45_000;
    for (;;) {
      const body = await fetch(url)
        .then((r) => r.json() as Promise<{ status: string; data: ExemplarSeries[] }>)
        .catch(() => undefined);
      if (body?.status === 'success' && body.data.length > 0) return body.data;
      if (Date.now() > deadline) {
        const targets = await fetch(`${api}/api/v1/targets`)
          .then((r) => r.text())
          .catch(() => '');
        throw new Error(
          `no exemplars for ${promql}; targets: ${targets.slice(0, 1500)}\nlog:\n${(prometheus?.log() ?? '').slice(-2000)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  it('finds exemplars on the drifted feature that point at spans the app exported, in the shifted region', async () => {
    const series = await exemplarsOf(
      'ml_drift_detections_total{ml_model_name="fraud-exemplars",ml_feature_name="amount"}',
    );
    expect(exported.size).toBe(2 * ROWS);
    const all = series.flatMap((s) => s.exemplars);
    expect(all.length).toBeGreaterThan(0);
    for (const e of all) {
      expect(exported.has(`${e.labels['trace_id']}:${e.labels['span_id']}`)).toBe(true);
      expect(Number(e.value)).toBeGreaterThan(REFERENCE_P90);
    }
    expect(series.every((s) => s.seriesLabels['ml_feature_name'] === 'amount')).toBe(true);
  });

  it('has no drift detections (so no exemplars) for the feature that did not move', async () => {
    const url = `${api}/api/v1/query?query=${encodeURIComponent('ml_drift_detections_total{ml_model_name="fraud-exemplars",ml_feature_name="age"}')}`;
    const body = (await (await fetch(url)).json()) as { data: { result: unknown[] } };
    expect(body.data.result).toEqual([]);
  });
});
