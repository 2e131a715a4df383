import { ATTR_ML_SLICE } from '@mlmon/conventions';
import { describe, expect, it } from 'vitest';
import { fairnessOfGroups } from '../evaluate/fairness.js';
import type { WindowResult } from '../evaluate/window-result.js';
import type { GroupTally } from '../state/fairness-acc.js';
import { DEFAULT_ALERT_RULES } from './alert-rule.js';
import { createAlertState } from './alert-state.js';
import { evaluateAlerts } from './evaluate-alerts.js';

const GENDER = ATTR_ML_SLICE('gender');

const tally = (predictions: number, selected: number): GroupTally => ({
  predictions,
  selected,
  positives: 0,
  truePositives: 0,
  negatives: 0,
  falsePositives: 0,
  bins: undefined,
});

/** Window `k` where group `f` is selected `f` of `n` times against `m` of `n` for group `m`. */
function window(k: number, n: number, f: number, m: number): WindowResult {
  const fairness = fairnessOfGroups(
    { name: GENDER },
    [
      ['f', tally(n, f)],
      ['m', tally(n, m)],
    ],
    { minGroupCount: 30, alpha: 0.01 },
    0,
    0,
  );
  return {
    stream: {
      key: 'k',
      modelName: 'loan',
      modelVersion: '1',
      slice: {},
      resource: { attributes: {}, key: '' },
    },
    startUnixMillis: k * 60_000,
    endUnixMillis: (k + 1) * 60_000,
    samples: { reference: 0, current: 2 * n, labeled: 0 },
    drift: [],
    dataQuality: [],
    quality: [],
    groundTruth: { labeled: 0, delays: {} },
    fairness: [fairness],
    notes: [],
  };
}

describe('fairness alert rules', () => {
  it('stay quiet on a low ratio that is noise at this group size', () => {
    const state = createAlertState();
    // Ratio 0.5 (3 of 40 against 6 of 40): far below 0.8, yet p ≈ 0.5.
    const transitions = evaluateAlerts(state, DEFAULT_ALERT_RULES, [
      window(0, 40, 3, 6),
      window(1, 40, 3, 6),
      window(2, 40, 3, 6),
    ]);
    expect(transitions).toEqual([]);
  });

  it('fire the four-fifths rule once after two windows of a real gap and resolve it once', () => {
    const state = createAlertState();
    const transitions = evaluateAlerts(state, DEFAULT_ALERT_RULES, [
      window(0, 1000, 300, 500),
      window(1, 1000, 300, 500),
      window(2, 1000, 300, 500),
      window(3, 1000, 480, 500),
    ]);
    expect(transitions.map((t) => [t.rule, t.state, t.feature, t.timeUnixMillis])).toEqual([
      ['fairness_parity_ratio_low', 'firing', GENDER, 120_000],
      ['fairness_parity_ratio_low', 'resolved', GENDER, 240_000],
    ]);
    const firing = transitions[0]!;
    expect(firing.value).toBeCloseTo(0.6, 12);
    expect(firing.samples).toBe(2000);
    expect(firing.pValue).toBeLessThan(1e-10);
    expect(firing.impact).toContain(`${GENDER}: fairness.demographic_parity_ratio 0.6`);
    expect(firing.runbookUrl).toBe('/runbooks#fairness');
  });
});
