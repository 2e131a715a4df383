import { describe, expect, it } from 'vitest';
import type { QualityEstimateResult, WindowResult } from '../evaluate/window-result.js';
import { DEFAULT_ALERT_RULES, isAlertStatistic } from './alert-rule.js';
import { createAlertState } from './alert-state.js';
import { evaluateAlerts } from './evaluate-alerts.js';
import { observeEstimate } from './estimation-evidence.js';
import { runbookAnchor } from './runbooks.js';

const WINDOW = 60_000;

/** A window whose estimated accuracy is `value` against a reference accuracy 0.8 with σ 0.02. */
function aWindow(i: number, value: number | undefined): WindowResult {
  const accuracy: QualityEstimateResult = {
    metric: 'accuracy',
    ...(value !== undefined ? { value, sigma: 0.02, referenceValue: 0.8 } : {}),
  };
  return {
    stream: {
      key: 'churn\u0000v1\u0000{}',
      modelName: 'churn',
      modelVersion: 'v1',
      slice: {},
      resource: { attributes: {}, key: '' },
    },
    startUnixMillis: i * WINDOW,
    endUnixMillis: (i + 1) * WINDOW,
    samples: { reference: 2000, current: 100, labeled: 0 },
    drift: [],
    dataQuality: [],
    quality: [],
    groundTruth: { labeled: 0, delays: {} },
    estimation: { calibrated: true, referenceRows: 2000, predictions: 100, metrics: [accuracy] },
    notes: [],
  };
}

describe('estimation alerts', () => {
  it('reads the estimate and whether it is more than 3σ from the reference value', () => {
    expect(isAlertStatistic('estimate.roc_auc')).toBe(true);
    expect(isAlertStatistic('estimate.accuracy.outside_band')).toBe(true);
    expect(isAlertStatistic('estimate.accuracy.drop')).toBe(false);
    const inside = aWindow(0, 0.741); // 2.95σ below
    const outside = aWindow(0, 0.739); // 3.05σ below
    expect(observeEstimate('estimate.accuracy', inside)).toMatchObject([{ value: 0.741 }]);
    expect(observeEstimate('estimate.accuracy.outside_band', inside)).toMatchObject([
      { value: 0, referenceValue: 0.8, samples: 100 },
    ]);
    expect(observeEstimate('estimate.accuracy.outside_band', outside)[0]!.value).toBe(1);
    expect(observeEstimate('estimate.accuracy.outside_band', aWindow(0, 0.87))[0]!.value).toBe(1);
    expect(observeEstimate('estimate.f1.outside_band', outside)).toEqual([]);
    expect(observeEstimate('estimate.accuracy.outside_band', aWindow(0, undefined))).toEqual([]);
    expect(runbookAnchor('estimate.accuracy.outside_band')).toBe('quality-estimate');
  });

  it('the default rule fires on the second window outside the band and resolves inside it', () => {
    const state = createAlertState();
    const values = [0.8, 0.7, 0.79, 0.7, 0.7, 0.7, 0.78];
    const transitions = values.flatMap((v, i) =>
      evaluateAlerts(state, DEFAULT_ALERT_RULES, [aWindow(i, v)]),
    );
    expect(transitions.map((t) => `${t.rule}:${t.state}@${t.timeUnixMillis / WINDOW}`)).toEqual([
      'quality_estimate_band:firing@5',
      'quality_estimate_band:resolved@7',
    ]);
  });
});
