import { ML_ALERT_STATE_VALUE_RESOLVED } from '@mlmon/conventions';
import { describe, expect, it } from 'vitest';
import { alertEventBody } from './alert-event-attributes.js';
import { createAlertState, type AlertInstance } from './alert-state.js';
import type { SloMemory } from './evaluate-slos.js';
import { forgetStreamAlerts } from './forget-streams.js';

function instance(streamKey: string, rule: string, firing: boolean): AlertInstance {
  return {
    rule,
    severity: 'warning',
    statistic: 'drift.score',
    threshold: 0.2,
    streamKey,
    model: 'fraud',
    version: '7',
    slice: { country: streamKey },
    feature: 'income',
    resource: { 'service.name': 'scoring' },
    consecutive: firing ? 2 : 0,
    firing,
    everFired: true,
    sinceUnixMillis: 1_000,
    value: 0.31,
  };
}

describe('forgetStreamAlerts', () => {
  it('resolves what still fires on the aged-out streams, once, and forgets their memory', () => {
    const state = createAlertState();
    state.instances.set('a1', instance('DE', 'drift_high', true));
    state.instances.set('a2', instance('DE', 'psi_high', false));
    state.instances.set('b1', instance('FR', 'drift_high', true));
    state.firstQuality.set('DE', { accuracy: 0.9 });
    state.firstQuality.set('FR', { accuracy: 0.8 });
    state.slos.set('avail|DE', { slo: 'avail', streamKey: 'DE' } as unknown as SloMemory);
    state.slos.set('avail|FR', { slo: 'avail', streamKey: 'FR' } as unknown as SloMemory);

    const transitions = forgetStreamAlerts(state, ['DE'], 9_000);

    expect(transitions).toHaveLength(1);
    expect(transitions[0]).toMatchObject({
      state: ML_ALERT_STATE_VALUE_RESOLVED,
      rule: 'drift_high',
      slice: { country: 'DE' },
      feature: 'income',
      value: 0.31,
      timeUnixMillis: 9_000,
    });
    expect(alertEventBody(transitions[0]!)).toBe(
      'drift_high resolved (warning): drift.score = 0.31 (threshold 0.2) on fraud 7, country=DE, feature income: the stream sent no data for the idle-stream TTL and aged out',
    );
    expect([...state.instances.keys()]).toEqual(['b1']);
    expect([...state.firstQuality.keys()]).toEqual(['FR']);
    expect([...state.slos.keys()]).toEqual(['avail|FR']);
    // Forgetting again resolves nothing: the alert was resolved exactly once.
    expect(forgetStreamAlerts(state, ['DE'], 10_000)).toEqual([]);
  });
});
