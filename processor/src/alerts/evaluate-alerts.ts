/**
 * Pure alert evaluation: window results in, state transitions out. A rule's instance fires once
 * its condition has held for `forWindows` consecutive evaluated windows and resolves at the first
 * window where it no longer holds; each change yields exactly one transition, and nothing is
 * emitted while the state stays the same. A window without a value for the statistic (no labels)
 * or with fewer samples than the rule's `minSamples` is no evidence either way and leaves the
 * instance as it is.
 */
import type { MlAlertStateValue } from '@mlmon/conventions';
import { ML_ALERT_STATE_VALUE_FIRING, ML_ALERT_STATE_VALUE_RESOLVED } from '@mlmon/conventions';
import type { WindowResult } from '../evaluate/window-result.js';
import type { AlertSubject } from './alert-subject.js';
import { seriesKey } from '../keys/series-key.js';
import type { AlertRule } from './alert-rule.js';
import { holds } from './alert-rule.js';
import type { AlertInstance, AlertState } from './alert-state.js';
import { observe, rememberQualityReference, type AlertObservation } from './alert-evidence.js';
import { impactLine } from './alert-impact.js';
import { runbookUrl } from './runbooks.js';

/** One firing or resolution: becomes one `ml.alert` event. */
export interface AlertTransition {
  readonly state: MlAlertStateValue;
  readonly rule: string;
  readonly severity: string;
  readonly statistic: string;
  readonly model: string;
  readonly version: string;
  readonly slice: Readonly<Record<string, string>>;
  readonly feature?: string;
  readonly threshold: number;
  readonly value: number;
  /** End of the window that caused it, Unix epoch milliseconds. */
  readonly timeUnixMillis: number;
  readonly resource: Readonly<Record<string, string>>;
  /** `ml.alert.runbook.url`: the rule's runbook, or the built-in one for its statistic. */
  readonly runbookUrl: string;
  /** `ml.alert.impact`: samples, slice and change against the reference or threshold. */
  readonly impact: string;
  /** `ml.alert.samples`: the samples behind the value, where counted. */
  readonly samples?: number;
  /** `ml.alert.reference_value`: the metric's reference, for `.drop` statistics. */
  readonly referenceValue?: number;
  /** `ml.alert.p_value`: the significance check's p-value, where the statistic has one. */
  readonly pValue?: number;
  /** Why it changed when no window result caused it (a stream that aged out). */
  readonly reason?: string;
  /** Which method or metric the statistic is (`ml.drift.method`, `ml.quality.metric`, …). */
  readonly subject?: AlertSubject;
}

/** Options of {@link evaluateAlerts}. */
export interface AlertEvaluationOptions {
  /** Base URL of the built-in runbooks (the processor's external URL). @default '' (a path) */
  readonly runbookBaseUrl?: string;
}

/**
 * Applies `results` (closed windows, in order) to `state`; returns the transitions. A window
 * is evidence for a rule only with at least `minSamples` samples behind its value; to fire, the
 * statistic must also pass its significance check (when it has one); once firing, the alert
 * resolves at the first window with enough samples whose value no longer crosses the threshold
 * (so an alert on a real change does not flap with the test's power).
 */
export function evaluateAlerts(
  state: AlertState,
  rules: readonly AlertRule[],
  results: readonly WindowResult[],
  options: AlertEvaluationOptions = {},
): AlertTransition[] {
  const transitions: AlertTransition[] = [];
  const base = options.runbookBaseUrl ?? '';
  for (const result of results) {
    // The overflow stream has no model identity to alert on.
    if (result.stream.overflow) continue;
    for (const rule of rules) {
      if (!streamMatches(rule, result)) continue;
      for (const observation of observe(rule, result, state)) {
        if (rule.match?.feature !== undefined && observation.feature !== rule.match.feature)
          continue;
        if (observation.samples < rule.minSamples) continue; // too few samples: no evidence
        const transition = step(state, rule, result, observation, base);
        if (transition) transitions.push(transition);
      }
    }
    rememberQualityReference(state, result);
  }
  return transitions;
}

function step(
  state: AlertState,
  rule: AlertRule,
  result: WindowResult,
  observation: AlertObservation,
  runbookBase: string,
): AlertTransition | undefined {
  const { stream } = result;
  const key = seriesKey(rule.name, stream.key, observation.feature ?? '');
  let instance = state.instances.get(key);
  const crosses = holds(observation.value, rule.operator, rule.threshold);
  const significant = observation.pValue === undefined || observation.pValue <= rule.significance;
  const condition = crosses && (significant || instance?.firing === true);
  if (!instance) {
    if (!condition) return undefined; // nothing to remember until the condition first holds
    instance = {
      rule: rule.name,
      severity: rule.severity,
      statistic: rule.statistic,
      threshold: rule.threshold,
      streamKey: stream.key,
      model: stream.modelName,
      version: stream.modelVersion,
      slice: stream.slice,
      ...(observation.feature !== undefined ? { feature: observation.feature } : {}),
      resource: stream.resource.attributes,
      consecutive: 0,
      firing: false,
      everFired: false,
      sinceUnixMillis: result.endUnixMillis,
    };
    state.instances.set(key, instance);
  }
  if (condition) {
    instance.consecutive++;
    if (instance.firing || instance.consecutive < rule.forWindows) return undefined;
    instance.firing = true;
    instance.everFired = true;
  } else {
    instance.consecutive = 0;
    if (!instance.firing) return undefined;
    instance.firing = false;
  }
  const impact = impactLine(rule, stream.slice, observation);
  const runbook = runbookUrl(runbookBase, rule.statistic, rule.runbookUrl);
  instance.sinceUnixMillis = result.endUnixMillis;
  instance.value = observation.value;
  instance.impact = impact;
  instance.runbookUrl = runbook;
  if (observation.subject !== undefined) instance.subject = observation.subject;
  return {
    state: instance.firing ? ML_ALERT_STATE_VALUE_FIRING : ML_ALERT_STATE_VALUE_RESOLVED,
    rule: rule.name,
    severity: rule.severity,
    statistic: rule.statistic,
    model: instance.model,
    version: instance.version,
    slice: instance.slice,
    ...(instance.feature !== undefined ? { feature: instance.feature } : {}),
    threshold: rule.threshold,
    value: observation.value,
    timeUnixMillis: result.endUnixMillis,
    resource: instance.resource,
    runbookUrl: runbook,
    impact,
    samples: observation.samples,
    ...(observation.referenceValue !== undefined
      ? { referenceValue: observation.referenceValue }
      : {}),
    ...(observation.pValue !== undefined ? { pValue: observation.pValue } : {}),
    ...(observation.subject !== undefined ? { subject: observation.subject } : {}),
  };
}

function streamMatches(rule: AlertRule, result: WindowResult): boolean {
  const match = rule.match;
  if (!match) return true;
  const { stream } = result;
  if (match.model !== undefined && match.model !== stream.modelName) return false;
  if (match.version !== undefined && match.version !== stream.modelVersion) return false;
  if (match.slice !== undefined) {
    // A slice matcher selects exactly that slice stream (not the all-slices stream).
    const wanted = Object.entries(match.slice);
    if (Object.keys(stream.slice).length !== wanted.length) return false;
    for (const [k, v] of wanted) if (stream.slice[k] !== v) return false;
  }
  return true;
}

/** Instances to show (firing, and resolved ones that once fired), for the status API and gauge. */
export function visibleInstances(state: AlertState): AlertInstance[] {
  return [...state.instances.values()].filter((i) => i.everFired);
}
