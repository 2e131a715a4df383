/**
 * When streams age out (no data for the idle TTL), their alert memory goes with them: an alert
 * still firing on such a stream is resolved once, with the reason, instead of firing forever
 * on a stream that no longer exists (and keeping its `ml.alert.status` series alive). SLO rings
 * and first quality values of those streams are dropped too. Pure apart from mutating `state`.
 */
import { ML_ALERT_STATE_VALUE_RESOLVED } from '@mlmon/conventions';
import type { AlertState } from './alert-state.js';
import type { AlertTransition } from './evaluate-alerts.js';
import { sliceText } from './alert-impact.js';
import { instanceTransition } from './instance-transition.js';

/**
 * Drops the alert memory of `streamKeys`; returns a resolved transition, stamped `nowMs`, for
 * each instance that was firing.
 */
export function forgetStreamAlerts(
  state: AlertState,
  streamKeys: readonly string[],
  nowMs: number,
): AlertTransition[] {
  const gone = new Set(streamKeys);
  const transitions: AlertTransition[] = [];
  for (const [key, instance] of state.instances) {
    if (!gone.has(instance.streamKey)) continue;
    state.instances.delete(key);
    if (!instance.firing) continue;
    transitions.push({
      // With the last value observed: the stream has produced none since.
      ...instanceTransition(instance, ML_ALERT_STATE_VALUE_RESOLVED, nowMs),
      impact: `${sliceText(instance.slice)}: no samples since the stream aged out`,
      reason: 'the stream sent no data for the idle-stream TTL and aged out',
    });
  }
  for (const key of streamKeys) {
    state.firstQuality.delete(key);
    state.accuracyReference.delete(key);
  }
  for (const [key, memory] of state.slos) {
    if (gone.has(memory.streamKey)) state.slos.delete(key);
  }
  return transitions;
}
