/**
 * Integration: `wrapPredict` telemetry, exported by the real OTel SDK over OTLP/HTTP protobuf,
 * into a real in-process `mlmon serve`. A reference window, then a window where `amount` is
 * shifted: the processor reports drift for `amount` and no drift for `age`.
 */
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME, ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION } from '@mlmon/conventions';
import { ModelMonitor } from '@mlmon/instrumentation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePrometheus, select, type Sample } from '../processor/support/prometheus-parse.js';
import { closedAfter, seeded, T0, T1 } from '../processor/support/scenario.js';
import { startTestService, type TestService } from '../processor/support/start-service.js';
import { otlpLogsProvider } from '../support/otlp-logs-provider.js';

const ROWS = 400;

interface Tx {
  amount: number;
  age: number;
}
const transactions = (seed: number, amountShift: number): Tx[] => {
  const u = seeded(seed);
  return Array.from({ length: ROWS }, () => ({
    amount: 50 + 100 * u() + amountShift,
    age: 18 + Math.floor(60 * u()),
  }));
};

let svc: TestService;
let samples: Sample[];

beforeAll(async () => {
  svc = await startTestService(T0);
  const loggerProvider = otlpLogsProvider(
    svc.addresses.otlpHttpPort,
    resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'wrap-predict-app' }),
  );
  let now = T0 + 10_000;
  const monitor = new ModelMonitor({
    modelName: 'fraud-wrapped',
    modelVersion: '1',
    task: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
    classes: ['legit', 'fraud'],
    captureFeatures: true,
    loggerProvider,
    now: () => now,
  });
  const predict = monitor.wrapPredict(
    (rows: Tx[]) => rows.map((r) => 1 / (1 + Math.exp(-(r.amount - 120) / 30))),
    {
      batch: true,
    },
  );

  predict(transactions(1, 0));
  await loggerProvider.forceFlush();
  svc.clock.set(closedAfter(T0));
  await svc.service.flush();

  now = T1 + 10_000;
  predict(transactions(2, 80));
  await loggerProvider.forceFlush();
  svc.clock.set(closedAfter(T1));
  await svc.service.flush();
  await loggerProvider.shutdown();
  samples = parsePrometheus(await svc.metrics());
});

afterAll(async () => {
  await svc?.stop();
});

describe('wrapPredict → mlmon serve', () => {
  it('shows drift for the shifted feature only', () => {
    const status = select(samples, 'ml_drift_status', {
      ml_model_name: 'fraud-wrapped',
      ml_drift_kind: 'feature',
      ml_drift_state: 'drift',
    });
    const drifted = new Set(
      status.filter((s) => s.value === 1).map((s) => s.labels['ml_feature_name']),
    );
    expect([...drifted]).toEqual(['amount']);
    const ageNoDrift = select(samples, 'ml_drift_status', {
      ml_model_name: 'fraud-wrapped',
      ml_drift_kind: 'feature',
      ml_feature_name: 'age',
      ml_drift_state: 'no_drift',
    });
    expect(ageNoDrift.length).toBeGreaterThan(0);
    expect(ageNoDrift.every((s) => s.value === 1)).toBe(true);
  });
});
