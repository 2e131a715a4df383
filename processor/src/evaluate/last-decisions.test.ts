import { describe, expect, it } from 'vitest';
import { lastDecisionEndMillis, withLastDecisions } from './last-decisions.js';
import type { DriftResult, WindowResult } from './window-result.js';

const drift = (feature: string, state: DriftResult['state'], score?: number): DriftResult => ({
  kind: 'feature',
  feature,
  method: 'ks',
  primary: true,
  state,
  ...(score !== undefined ? { score } : {}),
  nReference: 1000,
  nCurrent: state === 'insufficient_data' ? 3 : 500,
});

function windowAt(k: number, rows: DriftResult[], ece?: number, accuracy?: number): WindowResult {
  return {
    stream: {
      key: 's',
      modelName: 'm',
      modelVersion: '1',
      slice: {},
      resource: { attributes: {}, key: '' },
    },
    startUnixMillis: k * 60_000,
    endUnixMillis: (k + 1) * 60_000,
    samples: { reference: 1000, current: 500, labeled: 0 },
    drift: rows,
    dataQuality: [],
    ...(ece !== undefined
      ? { calibration: { method: 'ece', mceMethod: 'mce', ece, bins: [] } }
      : {}),
    quality: [
      {
        metric: 'accuracy',
        instrument: 'score',
        ...(accuracy !== undefined ? { value: accuracy } : {}),
      },
    ],
    groundTruth: { labeled: 0, delays: {} },
    notes: [],
  };
}

describe('withLastDecisions', () => {
  it('keeps the last real decision when a partial window cannot decide, and the last calibration', () => {
    const history = [
      windowAt(0, [drift('income', 'no_drift', 0.01), drift('age', 'no_drift', 0.02)], 0.03, 0.9),
      windowAt(1, [drift('income', 'drift', 0.4), drift('age', 'no_drift', 0.03)], 0.12, 0.8),
      // Traffic stopped: the last window holds three predictions and no labels.
      windowAt(2, [drift('income', 'insufficient_data'), drift('age', 'insufficient_data')]),
    ];
    const shown = withLastDecisions(history)!;
    expect(shown.endUnixMillis).toBe(3 * 60_000);
    expect(shown.drift.map((d) => [d.feature, d.state, d.score])).toEqual([
      ['income', 'drift', 0.4],
      ['age', 'no_drift', 0.03],
    ]);
    expect(shown.calibration?.ece).toBe(0.12);
    expect(shown.quality[0]!.value).toBe(0.8);
    expect(lastDecisionEndMillis(history)).toBe(2 * 60_000);
  });

  it('lets a new decision replace an old one, and carries features the latest window lacks', () => {
    const history = [
      windowAt(0, [drift('income', 'drift', 0.4), drift('debt', 'no_drift', 0.05)]),
      windowAt(1, [drift('income', 'no_drift', 0.02)]),
    ];
    expect(withLastDecisions(history)!.drift.map((d) => [d.feature, d.state])).toEqual([
      ['income', 'no_drift'],
      ['debt', 'no_drift'],
    ]);
    expect(lastDecisionEndMillis(history)).toBe(2 * 60_000);
    expect(lastDecisionEndMillis([windowAt(0, [drift('x', 'insufficient_data')])])).toBeUndefined();
  });
});
