/** Ordering of alerts in answers: firing before resolved, then the most recent change first. */
import { ML_ALERT_STATE_VALUE_FIRING } from '@mlmon/conventions';
import type { StatusAlert } from './types.js';

/** Returns a sorted copy: firing first, then by `sinceUnixMillis` descending, then by rule. */
export function sortAlerts(alerts: readonly StatusAlert[]): StatusAlert[] {
  return [...alerts].sort((a, b) => {
    const aFiring = a.state === ML_ALERT_STATE_VALUE_FIRING ? 0 : 1;
    const bFiring = b.state === ML_ALERT_STATE_VALUE_FIRING ? 0 : 1;
    if (aFiring !== bFiring) return aFiring - bFiring;
    if (a.sinceUnixMillis !== b.sinceUnixMillis) return b.sinceUnixMillis - a.sinceUnixMillis;
    return a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0;
  });
}

/** Counts alerts by state. */
export function countAlerts(alerts: readonly StatusAlert[]): { firing: number; resolved: number } {
  let firing = 0;
  for (const alert of alerts) if (alert.state === ML_ALERT_STATE_VALUE_FIRING) firing += 1;
  return { firing, resolved: alerts.length - firing };
}
