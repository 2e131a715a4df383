/**
 * Pure alert evaluation: window results in, state transitions out. A rule's instance fires once
 * its condition has held for `forWindows` consecutive evaluated windows and resolves at the first
 * window where it no longer holds; each change yields exactly one transition, and nothing is
 * emitted while the state stays the same. A window without a value for the statistic (too few
 * samples, no labels) is no evidence either way and leaves the instance as it is.
 */
import type { MlAlertStateValue } from '@mlmon/conventions';
import { ML_ALERT_STATE_VALUE_FIRING, ML_ALERT_STATE_VALUE_RESOLVED } from '@mlmon/conventions';
import type { WindowResult } from '../evaluate/window-result.js';
import { seriesKey } from '../keys/series-key.js';
import type { AlertRule } from './alert-rule.js';
import { holds } from './alert-rule.js';
import type { AlertInstance, AlertState } from './alert-state.js';

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
  /** Why it changed when no window result caused it (a stream that aged out). */
  readonly reason?: string;
}

interface Observation {
  readonly feature?: string;
  readonly value: number;
}

/** Applies `results` (closed windows, in order) to `state`; returns the transitions. */
export function evaluateAlerts(
  state: AlertState,
  rules: readonly AlertRule[],
  results: readonly WindowResult[],
): AlertTransition[] {
  const transitions: AlertTransition[] = [];
  for (const result of results) {
    // The overflow stream has no model identity to alert on.
    if (result.stream.overflow) continue;
    rememberFirstQuality(state, result);
    for (const rule of rules) {
      if (!streamMatches(rule, result)) continue;
      for (const observation of observe(rule, result, state)) {
        if (rule.match?.feature !== undefined && observation.feature !== rule.match.feature)
          continue;
        const transition = step(state, rule, result, observation);
        if (transition) transitions.push(transition);
      }
    }
  }
  return transitions;
}

function step(
  state: AlertState,
  rule: AlertRule,
  result: WindowResult,
  observation: Observation,
): AlertTransition | undefined {
  const { stream } = result;
  const key = seriesKey(rule.name, stream.key, observation.feature ?? '');
  let instance = state.instances.get(key);
  const condition = holds(observation.value, rule.operator, rule.threshold);
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
  instance.sinceUnixMillis = result.endUnixMillis;
  instance.value = observation.value;
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

function observe(rule: AlertRule, result: WindowResult, state: AlertState): Observation[] {
  const s = rule.statistic;
  if (s === 'drift.status' || s === 'drift.score') {
    const out: Observation[] = [];
    for (const d of result.drift) {
      if (d.kind !== 'feature' || !d.primary) continue;
      if (s === 'drift.score') {
        if (d.score !== undefined) out.push({ feature: d.feature, value: d.score });
      } else if (d.state === 'drift' || d.state === 'no_drift') {
        out.push({ feature: d.feature, value: d.state === 'drift' ? 1 : 0 });
      }
    }
    return out;
  }
  if (s.startsWith('calibration.')) {
    const c = result.calibration;
    const value =
      s === 'calibration.ece'
        ? c?.ece
        : s === 'calibration.mce'
          ? c?.mce
          : s === 'calibration.brier'
            ? c?.brier
            : c?.logLoss;
    return value === undefined ? [] : [{ value }];
  }
  if (s === 'ground_truth.coverage') {
    const value = result.groundTruth.coverage;
    return value === undefined ? [] : [{ value }];
  }
  const drop = s.endsWith('.drop');
  const metric = s.slice('quality.'.length, drop ? -'.drop'.length : undefined);
  const current = result.quality.find((q) => q.metric === metric)?.value;
  if (current === undefined) return [];
  if (!drop) return [{ value: current }];
  const first = state.firstQuality.get(result.stream.key)?.[metric];
  return first === undefined ? [] : [{ value: first - current }];
}

function rememberFirstQuality(state: AlertState, result: WindowResult): void {
  const known = state.firstQuality.get(result.stream.key) ?? {};
  let changed = false;
  for (const q of result.quality) {
    if (q.value !== undefined && known[q.metric] === undefined) {
      known[q.metric] = q.value;
      changed = true;
    }
  }
  if (changed) state.firstQuality.set(result.stream.key, known);
}

/** Instances to show (firing, and resolved ones that once fired), for the status API and gauge. */
export function visibleInstances(state: AlertState): AlertInstance[] {
  return [...state.instances.values()].filter((i) => i.everFired);
}
