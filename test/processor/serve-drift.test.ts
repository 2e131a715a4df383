/**
 * Integration: a real `mlmon serve` service in process, fed by the real OTel JS SDK over
 * OTLP/HTTP protobuf, OTLP/HTTP JSON and OTLP/gRPC. A reference window, then a window where
 * `amount` drifts and ground truth arrives: /metrics shows `drift` for that feature only, per
 * slice and overall, and quality/calibration equal to values computed here from what was sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedBinary } from './support/expected.js';
import { parsePrometheus, select } from './support/prometheus-parse.js';
import type { Sample } from './support/prometheus-parse.js';
import { closedAfter, driftScenario, REGIONS, T0, T1 } from './support/scenario.js';
import type { TestService, Transport } from './support/start-service.js';
import { sdkLogs, startTestService } from './support/start-service.js';

const transports: Transport[] = ['http/protobuf', 'http/json', 'grpc'];

describe.each(transports)('mlmon serve over %s', (transport) => {
  const scenario = driftScenario();
  let svc: TestService;
  let samples: Sample[];

  beforeAll(async () => {
    svc = await startTestService(T0);
    const sdk = sdkLogs(svc.addresses, transport);
    svc.clock.set(T0 + 55_000);
    await sdk.send(scenario.reference);
    svc.clock.set(closedAfter(T0));
    const first = await svc.service.flush();
    expect(first.length).toBe(3); // all-slices + eu + us
    svc.clock.set(T1 + 55_000);
    await sdk.send(scenario.current);
    svc.clock.set(T1 + 56_000);
    await sdk.send(scenario.labels);
    svc.clock.set(closedAfter(T1));
    await svc.service.flush();
    await sdk.shutdown();
    samples = parsePrometheus(await svc.metrics());
  });

  afterAll(async () => {
    await svc?.stop();
  });

  const regions: (string | undefined)[] = [undefined, ...REGIONS];

  it.each(regions)('shows drift for amount only (slice %s)', (region) => {
    const status = select(samples, 'ml_drift_status', {
      ml_drift_kind: 'feature',
      ml_drift_state: 'drift',
      ml_slice_region: region,
      service_name: 'checkout',
      ml_model_name: 'fraud',
      ml_model_version: '1',
    });
    const drifted = status
      .filter((s) => s.value === 1)
      .map((s) => `${s.labels['ml_feature_name']}/${s.labels['ml_drift_method']}`);
    expect(drifted.sort()).toEqual(['amount/ks', 'amount/psi']);
    const features = new Set(status.map((s) => s.labels['ml_feature_name']));
    expect([...features].sort()).toEqual(['age', 'amount', 'channel']);
    for (const s of status.filter((x) => x.labels['ml_feature_name'] !== 'amount')) {
      const noDrift = select(samples, 'ml_drift_status', {
        ...s.labels,
        ml_drift_state: 'no_drift',
        ml_slice_region: region,
      });
      expect(noDrift.map((x) => x.value)).toEqual([1]);
    }
  });

  it.each(regions)(
    'reports quality and calibration equal to the direct computation (slice %s)',
    (region) => {
      const pairs =
        region === undefined ? scenario.pairs : scenario.pairs.filter((p) => p.region === region);
      const expected = expectedBinary(pairs);
      const base = { ml_slice_region: region, ml_model_name: 'fraud', service_name: 'checkout' };
      for (const metric of [
        'accuracy',
        'precision',
        'recall',
        'f1',
        'brier_score',
        'log_loss',
      ] as const) {
        const found = select(samples, 'ml_quality_score', { ...base, ml_quality_metric: metric });
        expect(found, metric).toHaveLength(1);
        expect(found[0]!.value, metric).toBeCloseTo(expected[metric], 12);
      }
      const ece = select(samples, 'ml_calibration_error', {
        ...base,
        ml_calibration_method: 'ece',
      });
      expect(ece[0]!.value).toBeCloseTo(expected.ece, 12);
      const mce = select(samples, 'ml_calibration_error', {
        ...base,
        ml_calibration_method: 'mce',
      });
      expect(mce[0]!.value).toBeCloseTo(expected.mce, 12);
      const coverage = select(samples, 'ml_ground_truth_coverage', base);
      expect(coverage.map((s) => s.value)).toEqual([1]);
      const labeled = select(samples, 'ml_monitor_samples', {
        ...base,
        ml_monitor_population: 'labeled',
      });
      expect(labeled.map((s) => s.value)).toEqual([pairs.length]);
    },
  );

  it('reports the label delay once per ground-truth source, on the all-slices stream', () => {
    const counts = select(samples, 'ml_ground_truth_delay_seconds_count', {
      ml_model_name: 'fraud',
    });
    // The all-slices stream's key prefixes its slice streams' keys: their delay series must not
    // leak into it under a source label such as "region=eu\0human". Slices carry no delay
    // histogram (the conventions give it name, version and source only).
    expect(counts.map((s) => [s.labels['ml_ground_truth_source'], s.value])).toEqual([
      ['human', scenario.pairs.length],
    ]);
  });

  it('serves the same results on the status API', async () => {
    const base = `http://127.0.0.1:${svc.addresses.prometheusPort}`;
    const models = (await (await fetch(`${base}/api/v1/models`)).json()) as {
      models: {
        name: string;
        versions: {
          version: string;
          slices: { label: string; latest: { driftedFeatures: string[] } }[];
        }[];
      }[];
    };
    expect(models.models.map((m) => m.name)).toEqual(['fraud']);
    const slices = models.models[0]!.versions[0]!.slices;
    expect(slices.map((s) => s.label)).toEqual(['all', 'region=eu', 'region=us']);
    for (const slice of slices) {
      expect(slice.latest.driftedFeatures).toContain('amount');
      expect(slice.latest.driftedFeatures).not.toContain('age');
      expect(slice.latest.driftedFeatures).not.toContain('channel');
    }
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it('counts the records it accepted in its self-telemetry', () => {
    const accepted = select(samples, 'mlmon_processor_records_total', {
      mlmon_signal: 'logs',
      mlmon_processor_outcome: 'accepted',
    });
    expect(accepted.map((s) => s.value)).toEqual([
      scenario.reference.length + scenario.current.length + scenario.labels.length,
    ]);
    expect(select(samples, 'mlmon_processor_streams', {}).map((s) => s.value)).toEqual([3]);
    expect(select(samples, 'target_info', { service_name: 'checkout' })).toHaveLength(1);
  });
});
