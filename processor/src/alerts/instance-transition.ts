/**
 * An alert instance of the memory as a transition: what forgets a stream (its firing instances
 * resolve) and what re-announces the firing instances after a restart (a destination that must
 * be re-told what fires, like Alertmanager, knows nothing yet) both build their transitions
 * here. Pure.
 */
import type { MlAlertStateValue } from '@mlmon/conventions';
import { ML_ALERT_STATE_VALUE_FIRING } from '@mlmon/conventions';
import type { AlertInstance, AlertState } from './alert-state.js';
import type { AlertTransition } from './evaluate-alerts.js';
import { runbookUrl } from './runbooks.js';

/**
 * The transition of `instance` to `state` at `timeUnixMillis`, with the value, impact and
 * runbook of its last state change (a checkpoint older than those fields: the built-in runbook
 * and no impact line).
 */
export function instanceTransition(
  instance: AlertInstance,
  state: MlAlertStateValue,
  timeUnixMillis: number,
): AlertTransition {
  return {
    state,
    rule: instance.rule,
    severity: instance.severity,
    statistic: instance.statistic,
    model: instance.model,
    version: instance.version,
    slice: instance.slice,
    ...(instance.feature !== undefined ? { feature: instance.feature } : {}),
    threshold: instance.threshold,
    value: instance.value ?? Number.NaN,
    timeUnixMillis,
    resource: instance.resource,
    runbookUrl: instance.runbookUrl ?? runbookUrl('', instance.statistic),
    impact: instance.impact ?? '',
    ...(instance.subject !== undefined ? { subject: instance.subject } : {}),
  };
}

/** Every firing instance of `state` as its firing transition, stamped with when it began firing. */
export function firingTransitions(state: AlertState): AlertTransition[] {
  return [...state.instances.values()]
    .filter((instance) => instance.firing)
    .map((instance) =>
      instanceTransition(instance, ML_ALERT_STATE_VALUE_FIRING, instance.sinceUnixMillis),
    );
}
