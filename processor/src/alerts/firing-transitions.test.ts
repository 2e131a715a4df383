import { describe, expect, it } from 'vitest';
import type { AlertInstance } from './alert-state.js';
import { createAlertState } from './alert-state.js';
import { firingTransitions } from './firing-transitions.js';

const instance = (feature: string, firing: boolean, since: number): AlertInstance => ({
  rule: 'feature_drift',
  severity: 'warning',
  statistic: 'drift.status',
  threshold: 1,
  streamKey: 's',
  model: 'm',
  version: '2',
  slice: { country: 'FR' },
  feature,
  resource: { 'service.name': 'api' },
  consecutive: firing ? 3 : 0,
  firing,
  everFired: true,
  sinceUnixMillis: since,
  value: firing ? 1 : 0,
});

describe('firingTransitions', () => {
  it('re-announces exactly the firing instances, from when they began firing', () => {
    const state = createAlertState();
    state.instances.set('a', instance('x', true, 1000));
    state.instances.set('b', instance('y', false, 2000));
    state.instances.set('c', instance('z', true, 3000));
    expect(firingTransitions(state)).toEqual([
      {
        state: 'firing',
        rule: 'feature_drift',
        severity: 'warning',
        statistic: 'drift.status',
        model: 'm',
        version: '2',
        slice: { country: 'FR' },
        feature: 'x',
        threshold: 1,
        value: 1,
        timeUnixMillis: 1000,
        resource: { 'service.name': 'api' },
      },
      expect.objectContaining({ feature: 'z', timeUnixMillis: 3000 }),
    ]);
  });
});
