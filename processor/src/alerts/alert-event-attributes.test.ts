import { describe, expect, it } from 'vitest';
import { alertEventBody } from './alert-event-attributes.js';

describe('alertEventBody', () => {
  it('reads as a sentence with four significant digits and the severity', () => {
    expect(
      alertEventBody({
        state: 'firing',
        rule: 'availability-FR',
        severity: 'page',
        statistic: 'slo.burn_rate',
        model: 'loan-default',
        version: '1',
        slice: { country: 'FR' },
        threshold: 6,
        value: 6.666666666666661,
        timeUnixMillis: 0,
        resource: {},
        runbookUrl: '/runbooks#slo-burn-rate',
        impact: 'country=FR; burn rate 6.667 over 6h and 7 over 30m (alert at 6)',
      }),
    ).toBe(
      'availability-FR firing (page): slo.burn_rate = 6.667 (threshold 6) on loan-default 1, country=FR',
    );
  });
});
