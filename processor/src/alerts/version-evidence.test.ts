import { describe, expect, it } from 'vitest';
import type { VersionComparisonResult } from '../evaluate/version-comparison-result.js';
import type { VersionVerdict } from '../evaluate/version-comparison-result.js';
import type { WindowResult } from '../evaluate/window-result.js';
import { DEFAULT_ALERT_RULES, isAlertStatistic } from './alert-rule.js';
import { createAlertState } from './alert-state.js';
import { evaluateAlerts } from './evaluate-alerts.js';
import { runbookAnchor } from './runbooks.js';

const WINDOW = 60_000;

/** Version 2's window `i`, judged `verdict` against baseline 1 (accuracy 400/500 vs 450/500). */
function aWindow(i: number, verdict: VersionVerdict | undefined): WindowResult {
  const comparison: VersionComparisonResult | undefined =
    verdict === undefined
      ? undefined
      : {
          baselineVersion: '1',
          baselineSource: 'configured',
          verdict,
          ...(verdict === 'worse' ? { reason: 'accuracy: p = 1.2e-5 ≤ 0.01' } : {}),
          alpha: 0.01,
          tests:
            verdict === 'insufficient_data'
              ? []
              : [
                  {
                    comparison: 'accuracy',
                    baseline: { successes: 450, trials: 500 },
                    candidate: { successes: 400, trials: 480 },
                    pWorse: verdict === 'worse' ? 1.2e-5 : 0.4,
                    pBetter: 0.6,
                  },
                ],
          deltas: [],
          latency: [],
          predictionDrift: [],
        };
  return {
    stream: {
      key: 'churn\u00002\u0000{}',
      modelName: 'churn',
      modelVersion: '2',
      slice: {},
      resource: { attributes: {}, key: '' },
    },
    startUnixMillis: i * WINDOW,
    endUnixMillis: (i + 1) * WINDOW,
    samples: { reference: 500, current: 500, labeled: 480 },
    drift: [],
    dataQuality: [],
    quality: [],
    groundTruth: { labeled: 480, delays: {} },
    ...(comparison !== undefined ? { versionComparison: comparison } : {}),
    notes: [],
  };
}

describe('version alerts', () => {
  it('fire by default after two worse verdicts, hold through undecided windows, resolve on same', () => {
    expect(isAlertStatistic('version.worse')).toBe(true);
    expect(runbookAnchor('version.worse')).toBe('version-worse');
    const state = createAlertState();
    const verdicts: (VersionVerdict | undefined)[] = [
      'same',
      'worse',
      'same', // one worse window alone is not enough
      'worse',
      'worse',
      'insufficient_data', // no evidence: stays firing
      undefined,
      'better',
    ];
    const transitions = verdicts.flatMap((v, i) =>
      evaluateAlerts(state, DEFAULT_ALERT_RULES, [aWindow(i, v)]).filter(
        (t) => t.rule === 'version_worse',
      ),
    );
    expect(transitions.map((t) => [t.state, t.timeUnixMillis / WINDOW])).toEqual([
      ['firing', 5],
      ['resolved', 8],
    ]);
    expect(transitions[0]).toMatchObject({ model: 'churn', version: '2', value: 1, samples: 480 });
    expect(transitions[0]!.impact).toBe(
      '480 labeled predictions in all slices; version.worse 1 (threshold == 1): worse than baseline version 1 (accuracy: p = 1.2e-5 ≤ 0.01)',
    );
    expect(transitions[0]!.runbookUrl).toBe('/runbooks#version-worse');
  });

  it("count a regression version's labeled pairs (its MAE test's smaller side) as the samples", () => {
    const worse = (i: number): WindowResult => {
      const w = aWindow(i, 'worse');
      return {
        ...w,
        versionComparison: {
          ...w.versionComparison!,
          reason: 'mae: p = 3e-6 ≤ 0.005',
          tests: [
            {
              comparison: 'mae',
              baseline: { mean: 2.1, samples: 431.6 },
              candidate: { mean: 2.6, samples: 402.3 },
              pWorse: 3e-6,
              pBetter: 1,
            },
          ],
        },
      };
    };
    const state = createAlertState();
    const fired = [0, 1].flatMap((i) =>
      evaluateAlerts(state, DEFAULT_ALERT_RULES, [worse(i)]).filter(
        (t) => t.rule === 'version_worse',
      ),
    );
    expect(fired.map((t) => t.state)).toEqual(['firing']);
    expect(fired[0]!.samples).toBeCloseTo(402.3, 12);
    expect(fired[0]!.impact).toMatch(/labeled predictions .*\(mae: p = 3e-6 ≤ 0\.005\)$/);
  });
});
