/**
 * The capture store around an alert, through a real in-process `mlmon serve` fed by the OTel
 * SDK: nothing is sampled (rate 0), yet when a drift rule fires on the drifted window, that
 * window's predictions (held, not sampled) and the next window's are kept, and
 * `GET /api/v1/capture` lists them — and none of the quiet window before.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CAPTURE } from '../../processor/src/capture/capture-settings.js';
import type { CapturedExample } from '../../processor/src/capture/read-captured.js';
import {
  closedAfter,
  driftScenario,
  groundTruth,
  MODEL,
  PER_REGION,
  predictions,
  REGIONS,
  T0,
  T1,
  WINDOW_SECONDS,
} from './support/scenario.js';
import { parsePrometheus } from './support/prometheus-parse.js';
import { sdkLogs, startTestService, type TestService } from './support/start-service.js';

const W = WINDOW_SECONDS * 1000;
const T2 = T1 + W;
/** Predictions of the window after the alert whose labels are sent. */
const LABELED_AFTER = 25;

describe('captured samples around an alert', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mlmon-serve-capture-'));
  let svc: TestService;

  beforeAll(async () => {
    const scenario = driftScenario();
    svc = await startTestService(T0, {
      dataDir,
      capture: { ...DEFAULT_CAPTURE, sampleRate: 0 },
      alerts: [
        {
          name: 'drift_now',
          statistic: 'drift.status',
          operator: '==',
          threshold: 1,
          forWindows: 1,
          severity: 'warning',
          minSamples: 0,
          significance: 1,
        },
      ],
    });
    const sdk = sdkLogs(svc.addresses, 'http/protobuf');
    svc.clock.set(T0 + 55_000);
    await sdk.send(scenario.reference);
    svc.clock.set(closedAfter(T0));
    await svc.service.flush();
    svc.clock.set(T1 + 55_000);
    await sdk.send(scenario.current);
    svc.clock.set(closedAfter(T1));
    await svc.service.flush();
    // The window after the alert: kept whatever the rate.
    svc.clock.set(T2 + 55_000);
    const after = predictions(T2, 44, 30);
    await sdk.send(after.events);
    // Captured on this flush; then labels of some of them, kept because their predictions were.
    await svc.service.flush();
    await sdk.send(groundTruth(after.ids.slice(0, LABELED_AFTER), T2 + 56_000, 5).events);
    await sdk.shutdown();
    svc.clock.set(closedAfter(T2));
    await svc.service.flush();
  }, 60_000);

  afterAll(async () => {
    await svc?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const captured = async (from: number, to: number) => {
    const url = `http://127.0.0.1:${svc.addresses.prometheusPort}/api/v1/capture?model=${MODEL}&from=${from}&to=${to}&limit=1000`;
    const response = await fetch(url);
    expect(response.status).toBe(200);
    return (await response.json()) as { total: number; samples: CapturedExample[] };
  };

  it('keeps the window before the alert and the window after it, not the quiet one', async () => {
    const n = REGIONS.length * PER_REGION;
    expect((await captured(T1, T2)).total).toBe(n);
    expect((await captured(T2, T2 + W)).total).toBe(n);
    expect((await captured(T0, T1)).total).toBe(0);
    const sample = (await captured(T1, T2)).samples[0]!.prediction;
    expect(Object.keys(sample.features).sort()).toEqual(['age', 'amount', 'channel']);
    expect(sample.slice).toHaveProperty('region');
  });

  it('counts what it copied in self-telemetry, by record type and outcome', async () => {
    const samples = parsePrometheus(await svc.metrics()).filter(
      (s) => s.name === 'mlmon_processor_capture_records_total',
    );
    const count = (type: string, outcome: string) =>
      samples.find(
        (s) =>
          s.labels['mlmon_capture_record_type'] === type &&
          s.labels['mlmon_processor_outcome'] === outcome,
      )?.value;
    // The drifted window's held predictions and the whole window after the alert.
    expect(count('prediction', 'accepted')).toBe(2 * REGIONS.length * PER_REGION);
    expect(count('ground_truth', 'accepted')).toBe(LABELED_AFTER);
    expect(count('prediction', 'dropped')).toBe(0);
    expect(count('ground_truth', 'dropped')).toBe(0);
  });

  it('answers 400 without a model', async () => {
    const response = await fetch(
      `http://127.0.0.1:${svc.addresses.prometheusPort}/api/v1/capture?from=1`,
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('model is required');
  });
});
