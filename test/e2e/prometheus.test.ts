/**
 * End to end: a real Prometheus (Debian package, 2.42) scrapes a running `mlmon serve`
 * processor, and its HTTP API answers `ml_drift_status` and `ml_quality_score` queries with the
 * values the processor computed. Skipped only when Prometheus is absent AND MLMON_REQUIRE_E2E
 * is unset (CI sets it, so there a missing Prometheus fails the run).
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedBinary } from '../processor/support/expected.js';
import {
  PROMETHEUS,
  startPrometheus,
  type PrometheusServer,
} from '../support/prometheus-server.js';
import { needsBinary } from '../support/skip-reason.js';
import { closedAfter, driftScenario, T0, T1 } from '../processor/support/scenario.js';
import type { TestService } from '../processor/support/start-service.js';
import { sdkLogs, startTestService } from '../processor/support/start-service.js';

interface PromVector {
  metric: Record<string, string>;
  value: [number, string];
}

describe('Prometheus scrapes mlmon serve', needsBinary(PROMETHEUS, 'prometheus'), () => {
  const scenario = driftScenario();
  let svc: TestService | undefined;
  let prometheus: PrometheusServer | undefined;
  let api = '';

  async function query(promql: string): Promise<PromVector[]> {
    const url = `${api}/api/v1/query?query=${encodeURIComponent(promql)}`;
    const response = await fetch(url);
    const body = (await response.json()) as { status: string; data: { result: PromVector[] } };
    if (body.status !== 'success') throw new Error(`query ${promql}: ${JSON.stringify(body)}`);
    return body.data.result;
  }

  /** Waits (bounded) until a query returns series; Prometheus scrapes every second. */
  async function eventually(promql: string): Promise<PromVector[]> {
    const deadline = Date.now() + 45_000;
    for (;;) {
      const result = await query(promql).catch(() => []);
      if (result.length > 0) return result;
      if (Date.now() > deadline) {
        throw new Error(
          `Prometheus returned nothing for ${promql}; its log:\n${(prometheus?.log() ?? '').slice(-3000)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  beforeAll(async () => {
    if (!existsSync(PROMETHEUS))
      throw new Error(`MLMON_REQUIRE_E2E is set but ${PROMETHEUS} does not exist`);
    svc = await startTestService(T0);
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

    prometheus = await startPrometheus(svc.addresses.prometheusPort);
    api = prometheus.api;
  });

  afterAll(async () => {
    await prometheus?.stop();
    await svc?.stop();
  });

  it('answers ml_drift_status: drift for amount only, overall and per slice', async () => {
    const drifted = await eventually(
      'ml_drift_status{ml_drift_kind="feature",ml_drift_state="drift"} == 1',
    );
    const names = drifted.map(
      (v) =>
        `${v.metric['ml_feature_name']}/${v.metric['ml_slice_region'] ?? 'all'}/${v.metric['ml_drift_method']}`,
    );
    expect(names.sort()).toEqual(
      [
        'amount/all/ks',
        'amount/all/psi',
        'amount/eu/ks',
        'amount/eu/psi',
        'amount/us/ks',
        'amount/us/psi',
      ].sort(),
    );
    for (const v of drifted) {
      expect(v.metric).toMatchObject({
        job: 'mlmon',
        service_name: 'checkout',
        ml_model_name: 'fraud',
      });
    }
  });

  it('answers ml_quality_score with the accuracy computed from the sent labels', async () => {
    const result = await eventually(
      'ml_quality_score{ml_quality_metric="accuracy",ml_slice_region=""}',
    );
    expect(result).toHaveLength(1);
    expect(Number(result[0]!.value[1])).toBeCloseTo(expectedBinary(scenario.pairs).accuracy, 12);
  });
});
