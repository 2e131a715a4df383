import { describe, expect, it } from 'vitest';
import type { AlertInstance } from './alert-state.js';
import { createAlertState } from './alert-state.js';
import { firingTransitions } from './instance-transition.js';

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
  impact: '300 predictions in country=FR; x: drift.status 1 (threshold == 1)',
  runbookUrl: 'https://mlmon.example/runbooks#feature-drift',
});

describe('firingTransitions', () => {
  it('falls back to the built-in runbook and no impact line for an older checkpoint', () => {
    const state = createAlertState();
    const { impact: _impact, runbookUrl: _runbook, ...old } = instance('x', true, 1000);
    state.instances.set('a', old);
    expect(firingTransitions(state)).toMatchObject([
      { runbookUrl: '/runbooks#feature-drift', impact: '' },
    ]);
  });

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
        runbookUrl: 'https://mlmon.example/runbooks#feature-drift',
        impact: '300 predictions in country=FR; x: drift.status 1 (threshold == 1)',
      },
      expect.objectContaining({ feature: 'z', timeUnixMillis: 3000 }),
    ]);
  });
});
