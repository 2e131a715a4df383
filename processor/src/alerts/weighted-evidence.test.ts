/**
 * Label alerts on weighted pairs (1/`ml.sampling.probability`): the significance checks count
 * Kish's effective size, never the raw or the weighted count, so weights make no check bolder.
 */
import { describe, expect, it } from 'vitest';
import { aWindowResult } from '../export/__fixtures__/window-results.js';
import { calibrationPValue } from '../stats/calibration-significance.js';
import { binomialCdf } from '../stats/proportion-tests.js';
import { observe } from './alert-evidence.js';
import { DEFAULT_ALERT_RULES, type AlertRule } from './alert-rule.js';
import { createAlertState } from './alert-state.js';

const rule = (name: string): AlertRule => DEFAULT_ALERT_RULES.find((r) => r.name === name)!;

describe('label alert evidence on weighted pairs', () => {
  const bins = Array.from({ length: 10 }, (_, i) => ({
    upperEdge: (i + 1) / 10,
    count: 40,
    meanScore: i / 10 + 0.05,
    positiveRatio: Math.min(1, i / 10 + 0.2),
  }));
  const calibration = { method: 'ece', mceMethod: 'mce', ece: 0.15, bins };

  it('tests calibration at the effective size: bin counts (Σw = 400) rescaled to n_eff = 100', () => {
    const weighted = aWindowResult({
      samples: { reference: 0, current: 400, labeled: 400, effectiveLabeled: 100 },
      calibration,
    });
    const [o] = observe(rule('calibration_ece_high'), weighted, createAlertState());
    expect(o!.samples).toBe(100);
    const atNeff = bins.map((b) => ({
      count: 10,
      meanScore: b.meanScore,
      positives: Math.round(b.positiveRatio * 10),
    }));
    expect(o!.pValue).toBe(calibrationPValue(atNeff));
    const unweighted = aWindowResult({
      samples: { reference: 0, current: 400, labeled: 400 },
      calibration,
    });
    const [u] = observe(rule('calibration_ece_high'), unweighted, createAlertState());
    expect(u!.samples).toBe(400);
    expect(o!.pValue).toBeGreaterThan(u!.pValue!);
  });

  it('tests accuracy against a threshold with n_eff pairs', () => {
    const threshold: AlertRule = {
      ...rule('accuracy_drop'),
      name: 'accuracy_low',
      statistic: 'quality.accuracy',
      operator: '<',
      threshold: 0.9,
    };
    const result = aWindowResult({
      samples: { reference: 0, current: 300, labeled: 300, effectiveLabeled: 120.4 },
      quality: [{ metric: 'accuracy', instrument: 'score', value: 0.85 }],
    });
    const [o] = observe(threshold, result, createAlertState());
    expect(o!.samples).toBe(120);
    expect(o!.pValue).toBe(binomialCdf(Math.round(0.85 * 120), 120, 0.9));
  });
});
