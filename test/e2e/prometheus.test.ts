/**
 * End to end: a real Prometheus (Debian package, 2.42) scrapes a running `mlmon serve`
 * processor, and its HTTP API answers `ml_drift_status` and `ml_quality_score` queries with the
 * values the processor computed. Skipped only when Prometheus is absent AND MLMON_REQUIRE_E2E
 * is unset (CI sets it, so there a missing Prometheus fails the run).
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { expectedBinary } from '../processor/support/expected.js';
import { needsBinary } from '../support/skip-reason.js';
import { closedAfter, driftScenario, T0, T1 } from '../processor/support/scenario.js';
import type { TestService } from '../processor/support/start-service.js';
import { sdkLogs, startTestService } from '../processor/support/start-service.js';

const PROMETHEUS = process.env['MLMON_PROMETHEUS_BIN'] ?? '/usr/bin/prometheus';

interface PromVector {
  metric: Record<string, string>;
  value: [number, string];
}

describe('Prometheus scrapes mlmon serve', needsBinary(PROMETHEUS, 'prometheus'), () => {
  const scenario = driftScenario();
  let svc: TestService | undefined;
  let prometheus: ChildProcess | undefined;
  let prometheusLog = '';
  let dir: string | undefined;
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
          `Prometheus returned nothing for ${promql}; its log:\n${prometheusLog.slice(-3000)}`,
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

    dir = mkdtempSync(join(tmpdir(), 'mlmon-e2e-prometheus-'));
    const config = join(dir, 'prometheus.yml');
    writeFileSync(
      config,
      [
        'global:',
        '  scrape_interval: 1s',
        '  evaluation_interval: 1s',
        'scrape_configs:',
        '  - job_name: mlmon',
        '    static_configs:',
        `      - targets: ['127.0.0.1:${svc.addresses.prometheusPort}']`,
        '',
      ].join('\n'),
    );
    const port = await freePort();
    api = `http://127.0.0.1:${port}`;
    prometheus = spawn(
      PROMETHEUS,
      [
        `--config.file=${config}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    prometheus.stdout?.on('data', (d: Buffer) => (prometheusLog += d.toString()));
    prometheus.stderr?.on('data', (d: Buffer) => (prometheusLog += d.toString()));
  });

  afterAll(async () => {
    if (prometheus && prometheus.exitCode === null) {
      const exited = new Promise((resolve) => prometheus!.once('exit', resolve));
      prometheus.kill('SIGTERM');
      await exited;
    }
    await svc?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
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
