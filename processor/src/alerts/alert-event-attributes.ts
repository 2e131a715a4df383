/**
 * The attributes and severity of an `ml.alert` event, named only through `@mlmon/conventions`.
 * Severity follows the OTel log data model: WARN (13) when firing, INFO (9) when resolved.
 */
import {
  ATTR_ML_ALERT_IMPACT,
  ATTR_ML_ALERT_P_VALUE,
  ATTR_ML_ALERT_REFERENCE_VALUE,
  ATTR_ML_ALERT_RULE,
  ATTR_ML_ALERT_RUNBOOK_URL,
  ATTR_ML_ALERT_SAMPLES,
  ATTR_ML_ALERT_SEVERITY,
  ATTR_ML_ALERT_STATE,
  ATTR_ML_ALERT_THRESHOLD,
  ATTR_ML_ALERT_VALUE,
  ATTR_ML_FEATURE_NAME,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_SLICE,
  ML_ALERT_STATE_VALUE_FIRING,
} from '@mlmon/conventions';
import type { AlertTransition } from './evaluate-alerts.js';
import { readable } from './alert-impact.js';
import { subjectAttributes } from './alert-subject.js';

/** OTel `SeverityNumber` WARN. */
export const SEVERITY_NUMBER_WARN = 13;
/** OTel `SeverityNumber` INFO. */
export const SEVERITY_NUMBER_INFO = 9;

/** Severity number and text of a transition's event. */
export function alertSeverity(t: AlertTransition): { number: number; text: string } {
  return t.state === ML_ALERT_STATE_VALUE_FIRING
    ? { number: SEVERITY_NUMBER_WARN, text: 'WARN' }
    : { number: SEVERITY_NUMBER_INFO, text: 'INFO' };
}

/**
 * The event's attributes (numbers stay numbers: threshold and value are doubles, the sample
 * count an int, as a bigint).
 */
export function alertEventAttributes(t: AlertTransition): Record<string, string | number | bigint> {
  const attributes: Record<string, string | number | bigint> = {
    [ATTR_ML_ALERT_STATE]: t.state,
    [ATTR_ML_ALERT_RULE]: t.rule,
    [ATTR_ML_ALERT_SEVERITY]: t.severity,
    [ATTR_ML_MODEL_NAME]: t.model,
  };
  if (t.version !== '') attributes[ATTR_ML_MODEL_VERSION] = t.version;
  for (const key of Object.keys(t.slice).sort()) attributes[ATTR_ML_SLICE(key)] = t.slice[key]!;
  if (t.feature !== undefined) attributes[ATTR_ML_FEATURE_NAME] = t.feature;
  Object.assign(attributes, subjectAttributes(t.subject));
  attributes[ATTR_ML_ALERT_THRESHOLD] = t.threshold;
  attributes[ATTR_ML_ALERT_VALUE] = t.value;
  attributes[ATTR_ML_ALERT_RUNBOOK_URL] = t.runbookUrl;
  attributes[ATTR_ML_ALERT_IMPACT] = t.impact;
  if (t.samples !== undefined) attributes[ATTR_ML_ALERT_SAMPLES] = BigInt(t.samples);
  if (t.referenceValue !== undefined) attributes[ATTR_ML_ALERT_REFERENCE_VALUE] = t.referenceValue;
  if (t.pValue !== undefined) attributes[ATTR_ML_ALERT_P_VALUE] = t.pValue;
  return attributes;
}

/** The event body: one line a person can read (statistics only, never feature values). */
export function alertEventBody(t: AlertTransition): string {
  const where = [
    `${t.model}${t.version !== '' ? ` ${t.version}` : ''}`,
    ...Object.entries(t.slice).map(([k, v]) => `${k}=${v}`),
    ...(t.feature !== undefined ? [`feature ${t.feature}`] : []),
  ].join(', ');
  const line = `${t.rule} ${t.state} (${t.severity}): ${t.statistic} = ${readable(t.value)} (threshold ${readable(t.threshold)}) on ${where}`;
  return t.reason !== undefined ? `${line}: ${t.reason}` : line;
}
