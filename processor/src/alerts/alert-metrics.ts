/**
 * The `ml.alert.status` state-set gauge (an up-down counter per the conventions): one series per
 * alert instance and `ml.alert.state` value, 1 for the current state and 0 for the other; plus
 * the status API's view of the alerts.
 */
import {
  ATTR_ML_ALERT_RULE,
  ATTR_ML_ALERT_SEVERITY,
  ATTR_ML_ALERT_STATE,
  ATTR_ML_FEATURE_NAME,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_SLICE,
  DESCRIPTOR_ML_ALERT_STATUS,
  ML_ALERT_STATE_VALUE_FIRING,
  ML_ALERT_STATE_VALUE_RESOLVED,
  ML_ALERT_STATE_VALUES,
} from '@mlmon/conventions';
import type { MetricData, NumberPoint, ResourceMetricsData } from '../export/metric-data.js';
import type { AlertInstance, AlertState } from './alert-state.js';
import type { StatusAlert } from './alert-view.js';
import { visibleInstances } from './evaluate-alerts.js';
import { MLMON_ALERT_SCOPE } from './otlp-logs-encoder.js';

function instanceAttributes(i: AlertInstance): Record<string, string> {
  const a: Record<string, string> = {
    [ATTR_ML_ALERT_RULE]: i.rule,
    [ATTR_ML_ALERT_SEVERITY]: i.severity,
    [ATTR_ML_MODEL_NAME]: i.model,
  };
  if (i.version !== '') a[ATTR_ML_MODEL_VERSION] = i.version;
  for (const key of Object.keys(i.slice).sort()) a[ATTR_ML_SLICE(key)] = i.slice[key]!;
  if (i.feature !== undefined) a[ATTR_ML_FEATURE_NAME] = i.feature;
  return a;
}

/** `ml.alert.status` series, one resource per source service identity. */
export function alertStatusMetrics(state: AlertState): ResourceMetricsData[] {
  const byResource = new Map<string, { resource: Record<string, string>; points: NumberPoint[] }>();
  for (const i of visibleInstances(state)) {
    const key = JSON.stringify(Object.entries(i.resource).sort());
    let group = byResource.get(key);
    if (!group) byResource.set(key, (group = { resource: { ...i.resource }, points: [] }));
    const current = i.firing ? ML_ALERT_STATE_VALUE_FIRING : ML_ALERT_STATE_VALUE_RESOLVED;
    for (const s of ML_ALERT_STATE_VALUES) {
      group.points.push({
        attributes: { ...instanceAttributes(i), [ATTR_ML_ALERT_STATE]: s },
        value: s === current ? 1 : 0,
      });
    }
  }
  return [...byResource.values()].map(({ resource, points }) => {
    const metric: MetricData = { descriptor: DESCRIPTOR_ML_ALERT_STATUS, kind: 'number', points };
    return { resource, scopes: [{ scope: MLMON_ALERT_SCOPE, metrics: [metric] }] };
  });
}

/** The alerts as the status API shows them. */
export function statusAlerts(state: AlertState): StatusAlert[] {
  return visibleInstances(state).map((i) => ({
    rule: i.rule,
    state: i.firing ? ML_ALERT_STATE_VALUE_FIRING : ML_ALERT_STATE_VALUE_RESOLVED,
    severity: i.severity,
    modelName: i.model,
    modelVersion: i.version,
    slice: i.slice,
    ...(i.feature !== undefined ? { feature: i.feature } : {}),
    statistic: i.statistic,
    threshold: i.threshold,
    ...(i.value !== undefined ? { value: i.value } : {}),
    ...(i.impact !== undefined ? { impact: i.impact } : {}),
    ...(i.runbookUrl !== undefined ? { runbookUrl: i.runbookUrl } : {}),
    sinceUnixMillis: i.sinceUnixMillis,
  }));
}
