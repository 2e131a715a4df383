/**
 * Integration: `--reference PROFILE.json` — a training profile written by `mlmon baseline`
 * from the reference data is the reference of the live window (no first-window warm-up):
 * the first window already shows drift for the shifted feature only, with
 * `ml.reference.kind=training`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBaseline } from '../../processor/src/cli/commands/baseline.js';
import { writeProfileFile } from '../../processor/src/profile/profile-json.js';
import { parsePrometheus, select } from './support/prometheus-parse.js';
import type { Sample } from './support/prometheus-parse.js';
import { closedAfter, driftScenario, T1 } from './support/scenario.js';
import type { TestService } from './support/start-service.js';
import { sdkLogs, startTestService } from './support/start-service.js';

describe('mlmon serve --reference PROFILE.json', () => {
  const scenario = driftScenario();
  const dir = mkdtempSync(join(tmpdir(), 'mlmon-profile-'));
  let svc: TestService;
  let samples: Sample[];

  beforeAll(async () => {
    // The training data: the scenario's reference window as a CSV.
    const rows = scenario.reference.map((e) => {
      const f = e.attributes['ml.features'] as Record<string, string | number>;
      return [f['amount'], f['age'], f['channel'], e.attributes['ml.prediction.score']].join(',');
    });
    const csv = join(dir, 'train.csv');
    writeFileSync(csv, ['amount,age,channel,score', ...rows, ''].join('\n'));
    const profile = await buildBaseline({
      input: csv,
      model: 'fraud',
      version: '1',
      categorical: ['channel'],
      scoreColumn: 'score',
      now: new Date(T1),
    });
    const profilePath = join(dir, 'fraud.json');
    await writeProfileFile(profilePath, profile);

    svc = await startTestService(T1, { reference: 'profile', referenceProfile: profilePath });
    const sdk = sdkLogs(svc.addresses, 'http/protobuf');
    svc.clock.set(T1 + 55_000);
    await sdk.send(scenario.current);
    svc.clock.set(closedAfter(T1));
    await svc.service.flush();
    await sdk.shutdown();
    samples = parsePrometheus(await svc.metrics());
  });

  afterAll(async () => {
    await svc?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('flags only amount against the training reference in the first window', () => {
    const status = select(samples, 'ml_drift_status', {
      ml_drift_kind: 'feature',
      ml_drift_state: 'drift',
      ml_slice_region: undefined,
    });
    expect(status.length).toBeGreaterThan(0);
    expect(status.every((s) => s.labels['ml_reference_kind'] === 'training')).toBe(true);
    const drifted = status.filter((s) => s.value === 1).map((s) => s.labels['ml_feature_name']);
    expect([...new Set(drifted)]).toEqual(['amount']);
    const samplesRef = select(samples, 'ml_monitor_samples', {
      ml_monitor_population: 'reference',
      ml_slice_region: undefined,
    });
    expect(samplesRef.map((s) => s.value)).toEqual([scenario.reference.length]);
  });

  it('compares the score distribution with the profiled output', () => {
    const score = select(samples, 'ml_drift_status', {
      ml_drift_kind: 'prediction',
      ml_feature_name: 'ml.prediction.score',
      ml_drift_state: 'no_drift',
      ml_slice_region: undefined,
    });
    expect(score.map((s) => s.value)).toEqual([1, 1]);
  });
});
