import { describe, expect, it } from 'vitest';
import { parseSlos } from '../../config/parse-slos.js';
import type { CostResult, WindowResult } from '../window-result.js';
import { sloEvents } from './slo-events.js';

const cost = (perThousandRequests: number): CostResult => ({
  currency: 'USD',
  requests: 1000,
  total: perThousandRequests,
  perRequest: perThousandRequests / 1000,
  perThousandRequests,
  components: { input: 0, cacheRead: 0, cacheCreation: 0, output: 0, requests: 0 },
});

const window = (c: CostResult | undefined) => ({ ...(c ? { cost: c } : {}) }) as WindowResult;

describe('cost SLO events', () => {
  const { slos, problems } = parseSlos(
    [
      { name: 'budget', model: 'gpt-x', indicator: 'cost', threshold: 5, target: 0.95 },
      {
        name: 'per-call',
        model: 'gpt-x',
        indicator: 'cost',
        metric: 'per_request',
        threshold: 0.004,
        target: 0.9,
      },
      {
        name: 'bad',
        model: 'gpt-x',
        indicator: 'cost',
        metric: 'tokens',
        threshold: 1,
        target: 0.9,
      },
      { name: 'neg', model: 'gpt-x', indicator: 'cost', threshold: -1, target: 0.9 },
    ],
    60,
  );

  it('reads the statistic (per 1000 requests by default) and names bad keys', () => {
    expect(slos.map((s) => s.indicator)).toEqual([
      { kind: 'cost', statistic: 'per_thousand_requests', max: 5 },
      { kind: 'cost', statistic: 'per_request', max: 0.004 },
    ]);
    expect(problems).toEqual([
      'slos[2].metric: the cost statistic to bound, one of total, per_request, per_thousand_requests, got "tokens"',
      "slos[3].threshold: the cost bound, a number >= 0 (in the prices' currency)",
    ]);
  });

  it('counts a window within the bound as good, one over it as bad, one without a cost as none', () => {
    const [perThousand, perRequest] = slos.map((s) => s.indicator);
    expect(sloEvents(perThousand!, window(cost(5)))).toEqual({ good: 1, total: 1 });
    expect(sloEvents(perThousand!, window(cost(5.01)))).toEqual({ good: 0, total: 1 });
    expect(sloEvents(perRequest!, window(cost(4.5)))).toEqual({ good: 0, total: 1 });
    expect(sloEvents(perThousand!, window(undefined))).toBeUndefined();
  });
});
