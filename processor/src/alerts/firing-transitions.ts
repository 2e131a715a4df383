/**
 * The firing instances of the alert memory as firing transitions, each stamped with when it
 * began firing. After a restart the memory comes back from the checkpoint, but a destination
 * that must be re-told what fires (Alertmanager resolves an alert that is not re-sent) knows
 * nothing yet: these transitions tell it. Pure.
 */
import { ML_ALERT_STATE_VALUE_FIRING } from '@mlmon/conventions';
import type { AlertState } from './alert-state.js';
import type { AlertTransition } from './evaluate-alerts.js';

/** Every firing instance of `state` as the transition that made it fire. */
export function firingTransitions(state: AlertState): AlertTransition[] {
  const transitions: AlertTransition[] = [];
  for (const instance of state.instances.values()) {
    if (!instance.firing) continue;
    transitions.push({
      state: ML_ALERT_STATE_VALUE_FIRING,
      rule: instance.rule,
      severity: instance.severity,
      statistic: instance.statistic,
      model: instance.model,
      version: instance.version,
      slice: instance.slice,
      ...(instance.feature !== undefined ? { feature: instance.feature } : {}),
      threshold: instance.threshold,
      value: instance.value ?? Number.NaN,
      timeUnixMillis: instance.sinceUnixMillis,
      resource: instance.resource,
    });
  }
  return transitions;
}
