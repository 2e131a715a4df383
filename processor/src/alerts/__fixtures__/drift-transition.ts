/** A `feature_drift` transition of model `m` on one feature, for the Alertmanager unit tests. */
import type { AlertTransition } from '../evaluate-alerts.js';

/** The transition of feature `feature` to `state` at `timeUnixMillis`. */
export function driftTransition(
  state: 'firing' | 'resolved',
  feature: string,
  timeUnixMillis: number,
): AlertTransition {
  return {
    state,
    rule: 'feature_drift',
    severity: 'warning',
    statistic: 'drift.status',
    model: 'm',
    version: '',
    slice: {},
    feature,
    threshold: 1,
    value: state === 'firing' ? 1 : 0,
    timeUnixMillis,
    resource: {},
    runbookUrl: '/runbooks#feature-drift',
    impact: `300 predictions in all slices; ${feature}: drift.status ${state === 'firing' ? 1 : 0} (threshold == 1)`,
  };
}
