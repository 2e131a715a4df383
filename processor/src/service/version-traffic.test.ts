import { describe, expect, it } from 'vitest';
import { aWindowResult } from '../export/__fixtures__/window-results.js';
import type { WindowResult } from '../evaluate/window-result.js';
import { VersionComparer } from './version-comparer.js';
import { TRAFFIC_HORIZON_MILLIS, VersionTraffic } from './version-traffic.js';

const H = 3_600_000;

function window(version: string, endMs: number, predictions: number, slice = {}): WindowResult {
  const r = aWindowResult({
    startUnixMillis: endMs - 60_000,
    endUnixMillis: endMs,
    samples: { reference: 0, current: predictions, labeled: 0 },
  });
  return {
    ...r,
    stream: { ...r.stream, key: `fraud\u0000${version}`, modelVersion: version, slice },
  };
}

describe('the busiest version over the last day', () => {
  it('sums the all-slices windows of the horizon, ties to the smaller version', () => {
    const traffic = new VersionTraffic();
    traffic.observe([
      window('7', 1 * H, 500),
      window('8', 2 * H, 300),
      window('8', 3 * H, 300),
      // Slice windows are part of the all-slices count already.
      window('7', 3 * H, 10_000, { region: 'eu' }),
    ]);
    expect(traffic.busiest('fraud', 3 * H)).toBe('8');
    // A day after version 7's window it is gone: only version 8 counts.
    expect(traffic.busiest('fraud', 1 * H + TRAFFIC_HORIZON_MILLIS)).toBe('8');
    traffic.observe([window('9', 4 * H, 600)]);
    expect(traffic.busiest('fraud', 4 * H)).toBe('8'); // 600 vs 600: '8' < '9'
    expect(traffic.busiest('churn', 4 * H)).toBeUndefined();
  });

  it('is rebuilt from the restored history, so the baseline survives a restart', () => {
    const comparer = new VersionComparer([], {});
    comparer.restore([
      ['fraud\u00007', [window('7', 1 * H, 900)]],
      ['fraud\u00008', [window('8', 1 * H, 100)]],
    ]);
    const [, compared] = comparer.attach([window('7', 2 * H, 10), window('8', 2 * H, 10)], 2 * H);
    expect(compared!.versionComparison!.baselineVersion).toBe('7');
    expect(compared!.versionComparison!.baselineSource).toBe('traffic');
  });
});
