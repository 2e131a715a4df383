/**
 * Pure mapping of mlmon alert transitions to Alertmanager API v2 alerts (`POST /api/v2/alerts`).
 * Labels identify an alert (Alertmanager fingerprints the label set), so they hold only what
 * names the alert instance: rule, severity, model, version, slice, feature, source service.
 * Everything that changes from one window to the next (value, summary, impact) is an annotation.
 */
import { ATTR_SERVICE_NAME, ML_ALERT_STATE_VALUE_FIRING } from '@mlmon/conventions';
import { sanitizeLabelName } from '../export/prometheus-text.js';
import { alertEventBody } from './alert-event-attributes.js';
import type { AlertTransition } from './evaluate-alerts.js';

/** One alert as Alertmanager's API v2 takes it (`postableAlert`). */
export interface AlertmanagerAlert {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** RFC 3339. */
  readonly startsAt: string;
  /** RFC 3339; in the past for a resolved alert. */
  readonly endsAt: string;
}

/**
 * The identifying labels of a transition's alert instance: `alertname` (the rule), `severity`,
 * `model`, `version` (unless empty), `slice_<key>` per slice key, `feature`, `service_name`.
 * Empty values are left out: Alertmanager treats an empty label as an absent one.
 */
export function alertmanagerLabels(t: AlertTransition): Record<string, string> {
  const labels: Record<string, string> = {
    alertname: t.rule,
    severity: t.severity,
    model: t.model,
  };
  if (t.version !== '') labels['version'] = t.version;
  for (const key of Object.keys(t.slice).sort()) {
    const name = sanitizeLabelName(`slice_${key}`);
    // Two keys that sanitise alike (`a.b`, `a_b`): the first in sorted order keeps the label.
    if (labels[name] === undefined && t.slice[key] !== '') labels[name] = t.slice[key]!;
  }
  if (t.feature !== undefined && t.feature !== '') labels['feature'] = t.feature;
  const service = t.resource[ATTR_SERVICE_NAME];
  if (service !== undefined && service !== '') labels['service_name'] = service;
  return labels;
}

/**
 * The annotations: the readable summary line, the observed value and threshold, the runbook
 * (`runbook_url`, the name Prometheus alerting rules use) and the impact line; the sample
 * count, reference value and p-value where the transition has them.
 */
export function alertmanagerAnnotations(t: AlertTransition): Record<string, string> {
  const annotations: Record<string, string> = {
    summary: alertEventBody(t),
    value: String(t.value),
    threshold: String(t.threshold),
  };
  if (t.runbookUrl !== '') annotations['runbook_url'] = t.runbookUrl;
  if (t.impact !== '') annotations['impact'] = t.impact;
  if (t.samples !== undefined) annotations['samples'] = String(t.samples);
  if (t.referenceValue !== undefined) annotations['reference_value'] = String(t.referenceValue);
  if (t.pValue !== undefined) annotations['p_value'] = String(t.pValue);
  return annotations;
}

/** When an alert instance began and until when Alertmanager should hold it. */
export interface AlertmanagerTimes {
  /** When the instance started firing, Unix epoch milliseconds. */
  readonly startsAtMs: number;
  /**
   * Firing: until when Alertmanager keeps it active without a re-send (a processor that died
   * lets its alerts expire). Resolved: the resolution time.
   */
  readonly endsAtMs: number;
}

/** One transition as an Alertmanager alert. */
export function toAlertmanagerAlert(
  t: AlertTransition,
  times: AlertmanagerTimes,
): AlertmanagerAlert {
  // Alertmanager rejects an alert that ends before it starts.
  const startsAtMs = Math.min(times.startsAtMs, times.endsAtMs);
  return {
    labels: alertmanagerLabels(t),
    annotations: alertmanagerAnnotations(t),
    startsAt: new Date(startsAtMs).toISOString(),
    endsAt: new Date(times.endsAtMs).toISOString(),
  };
}

/**
 * The identity of an alert instance as Alertmanager sees it (its label set), as a string key:
 * a resolution replaces the firing alert of the same key.
 */
export function alertmanagerKey(t: AlertTransition): string {
  const labels = alertmanagerLabels(t);
  return JSON.stringify(
    Object.keys(labels)
      .sort()
      .map((k) => [k, labels[k]]),
  );
}

/** True when the transition starts (rather than ends) firing. */
export function isFiring(t: AlertTransition): boolean {
  return t.state === ML_ALERT_STATE_VALUE_FIRING;
}
