import { describe, expect, it } from 'vitest';
import { aClosedWindow } from './__fixtures__/closed-windows.js';
import { windowCost, type PriceTable } from './cost.js';
import { evaluateWindow } from './evaluate-window.js';
import { parseAlertRules } from '../alerts/alert-rule.js';
import { createAlertState } from '../alerts/alert-state.js';
import { evaluateAlerts } from '../alerts/evaluate-alerts.js';

const PRICES: PriceTable = {
  currency: 'EUR',
  models: [{ model: 'fraud', perRequest: 0.002 }],
};
const counts = (weightedPredictions: number) => ({
  ...aClosedWindow().counts,
  predictions: weightedPredictions,
  weightedPredictions,
});

describe('window cost', () => {
  it('prices a classic model per (weighted) prediction when it has no inference calls', () => {
    const closed = aClosedWindow({ counts: counts(500) });
    expect(windowCost(closed, PRICES)).toEqual({
      currency: 'EUR',
      requests: 500,
      total: 1,
      perRequest: 0.002,
      perThousandRequests: 2,
      components: { input: 0, cacheRead: 0, cacheCreation: 0, output: 0, requests: 1 },
    });
    expect(
      windowCost(closed, { ...PRICES, models: [{ model: 'other', perRequest: 1 }] }),
    ).toBeUndefined();
    expect(windowCost(closed, undefined)).toBeUndefined();
  });

  it('leaves the per-request values out of a window without requests', () => {
    expect(windowCost(aClosedWindow(), PRICES)).toMatchObject({ requests: 0, total: 0 });
    expect(windowCost(aClosedWindow(), PRICES)!.perRequest).toBeUndefined();
  });

  it('fires a cost alert on the first window over budget (no sampling behind cost)', () => {
    const { rules, problems } = parseAlertRules([
      {
        name: 'cost_budget',
        statistic: 'cost.per_thousand_requests',
        operator: '>',
        threshold: 1.5,
      },
    ]);
    expect(problems).toEqual([]);
    expect(rules[0]!.minSamples).toBe(0);
    const state = createAlertState();
    const cheap = evaluateWindow(aClosedWindow({ counts: counts(100) }), {
      prices: { ...PRICES, models: [{ model: 'fraud', perRequest: 0.001 }] },
    });
    expect(evaluateAlerts(state, rules, [cheap])).toEqual([]);
    const dear = evaluateWindow(
      aClosedWindow({ counts: counts(100), startMs: 1_700_000_700_000, endMs: 1_700_001_000_000 }),
      { prices: PRICES },
    );
    const [t] = evaluateAlerts(state, rules, [dear]);
    expect(t).toMatchObject({ rule: 'cost_budget', state: 'firing', value: 2, samples: 100 });
  });
});
