/**
 * The default `version_worse` alert through a real in-process `mlmon serve` fed by the OTel SDK:
 * the version golden case (test/golden/scripts/versions.py: version 2 as good as the configured
 * baseline in region eu, degraded in region us) sent in two consecutive windows. SciPy judges
 * version 2 worse in us and in the all-slices stream, the same in eu; so after the first window
 * nothing fires (two windows in a row are needed), and after the second the rule fires exactly
 * where SciPy's verdict is `worse`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERSIONS_CASE } from '../golden/versions-golden-data.js';
import { parsePrometheus, select, type Sample } from './support/prometheus-parse.js';
import { closedAfter, T0, T1 } from './support/scenario.js';
import { sdkLogs, startTestService, type TestService } from './support/start-service.js';
import { versionEvents } from './support/versions-scenario.js';

const MODEL = 'loans';
const { expected } = VERSIONS_CASE;

describe('the default version_worse alert through mlmon serve', () => {
  let svc: TestService;
  const firing: Sample[][] = [];

  /** The `ml_alert_status` series of version_worse in state firing. */
  const firingNow = async (): Promise<Sample[]> =>
    select(parsePrometheus(await svc.metrics()), 'ml_alert_status', {
      ml_alert_rule: 'version_worse',
      ml_alert_state: 'firing',
    }).filter((s) => s.value === 1);

  beforeAll(async () => {
    svc = await startTestService(T0, { modelVersions: [{ model: MODEL, baseline: '1' }] });
    const sdk = sdkLogs(svc.addresses, 'http/protobuf');
    for (const [start, prefix] of [
      [T0, 'w1-'],
      [T1, 'w2-'],
    ] as const) {
      svc.clock.set(start + 56_000);
      await sdk.send(versionEvents(MODEL, start, false, prefix));
      svc.clock.set(closedAfter(start));
      await svc.service.flush();
      firing.push(await firingNow());
    }
    await sdk.shutdown();
  }, 60_000);

  afterAll(async () => {
    await svc?.stop();
  });

  it('does not fire on one worse window', () => {
    expect(firing[0]).toEqual([]);
  });

  it('fires after the second on version 2 exactly where SciPy judges it worse', () => {
    const worse = Object.entries(expected)
      .filter(([, e]) => e.verdict === 'worse')
      .map(([region]) => region)
      .sort();
    expect(worse).toEqual(['', 'us']); // the case as the script draws it
    const where = firing[1]!.map((s) => {
      expect(s.labels['ml_model_version']).toBe('2');
      return s.labels['ml_slice_region'] ?? '';
    });
    expect(where.sort()).toEqual(worse);
  });
});
