/**
 * SLOs over window results: each (SLO, stream) keeps its good/total events in two bounded rings
 * — one bucket per processor window over the last 6 hours (the workbook's short and 1 h / 6 h
 * windows, exact), one bucket per hour over the compliance period (3-day windows and the budget)
 * — so the memory is O(periods), not O(events). At each closed window the burn rate of every
 * alert window is (bad / total) / (1 − target); a multiwindow alert fires when both its long and
 * its short window burn at or above its rate — and the long window's bad events are significantly
 * more than the objective allows (see {@link SLO_ALERT_SIGNIFICANCE}) — and resolves when no
 * alert of its severity does,
 * each change once, as an `ml.alert` transition (rule = the SLO's name, severity `page` or
 * `ticket`). The instances live in the alert memory, so the status API, the `ml.alert.status`
 * series and checkpoints carry them like every other alert.
 */
import { ML_ALERT_STATE_VALUE_FIRING, ML_ALERT_STATE_VALUE_RESOLVED } from '@mlmon/conventions';
import type { BurnRateAlert, SloDefinition } from '../evaluate/slo/slo-definition.js';
import {
  addToRing,
  createBucketRing,
  sumRing,
  type BucketRing,
} from '../evaluate/slo/bucket-ring.js';
import { sloEvents } from '../evaluate/slo/slo-events.js';
import type { WindowResult } from '../evaluate/window-result.js';
import { seriesKey } from '../keys/series-key.js';
import { binomialSf } from '../stats/binomial-tail.js';
import type { AlertState } from './alert-state.js';
import type { AlertEvaluationOptions, AlertTransition } from './evaluate-alerts.js';
import { sloImpactLine } from './alert-impact.js';
import { runbookUrl } from './runbooks.js';

/** The statistic SLO alerts report (the long window's burn rate). */
export const SLO_ALERT_STATISTIC = 'slo.burn_rate';

/** Windows up to this long are read from the fine ring. */
const FINE_SPAN_MS = 6 * 3600 * 1000;
const HOUR_MS = 3600 * 1000;

/** The memory of one SLO on one stream (JSON-compatible). */
export interface SloMemory {
  readonly slo: string;
  readonly streamKey: string;
  readonly fine: BucketRing;
  readonly coarse: BucketRing;
  /** End of the last window counted, Unix epoch milliseconds. */
  lastEndMs: number;
}

/** The burn of one alert window pair at the last closed window. */
export interface BurnRateStatus extends BurnRateAlert {
  readonly longBurn?: number;
  readonly shortBurn?: number;
  readonly firing: boolean;
}

/** An SLO on one stream as of its last closed window. */
export interface SloStatus {
  readonly slo: SloDefinition;
  readonly stream: WindowResult['stream'];
  /** Good share over the compliance period so far; absent without events. */
  readonly sli?: number;
  /** 1 − (bad share over the period) / (1 − target); negative once overspent. */
  readonly budgetRemaining?: number;
  readonly burnRates: readonly BurnRateStatus[];
  readonly endUnixMillis: number;
}

/** Whether SLO `slo` watches the stream of `result`. */
export function sloMatches(slo: SloDefinition, result: WindowResult): boolean {
  const { stream } = result;
  if (stream.overflow || stream.modelName !== slo.match.model) return false;
  if (slo.match.version !== undefined && stream.modelVersion !== slo.match.version) return false;
  const wanted = Object.entries(slo.match.slice ?? {});
  if (Object.keys(stream.slice).length !== wanted.length) return false;
  return wanted.every(([k, v]) => stream.slice[k] === v);
}

function memoryOf(state: AlertState, slo: SloDefinition, result: WindowResult): SloMemory {
  const key = seriesKey(slo.name, result.stream.key);
  let memory = state.slos.get(key);
  if (memory === undefined) {
    const windowMs = result.endUnixMillis - result.startUnixMillis;
    const periodMs = slo.periodSeconds * 1000;
    memory = {
      slo: slo.name,
      streamKey: result.stream.key,
      fine: createBucketRing(windowMs, Math.min(FINE_SPAN_MS, periodMs)),
      coarse: createBucketRing(Math.max(HOUR_MS, windowMs), periodMs),
      lastEndMs: 0,
    };
    state.slos.set(key, memory);
  }
  return memory;
}

/**
 * Significance a pair's long window must reach before it fires: the chance that a stream
 * meeting its objective exactly (bad share = 1 − target) shows at least this many bad events.
 * The workbook's rule alone fires on noise when a window holds few events — two failures among
 * a hundred calls "burn" 20× a 0.1 % budget — and on a new stream whose long window holds only
 * its first minutes; the bench row `detection.slo.false_alarm.*` measures the result.
 */
export const SLO_ALERT_SIGNIFICANCE = 1e-4;

/** Events of the `seconds` before `endMs`. */
function eventsOver(
  memory: SloMemory,
  endMs: number,
  seconds: number,
): { good: number; total: number } {
  const ms = seconds * 1000;
  return sumRing(ms <= FINE_SPAN_MS ? memory.fine : memory.coarse, endMs - ms, endMs);
}

const burnOf = (e: { good: number; total: number }, slo: SloDefinition): number | undefined =>
  e.total > 0 ? (e.total - e.good) / e.total / (1 - slo.target) : undefined;

/** Whether `e` holds significantly more bad events than the objective allows. */
function beyondObjective(e: { good: number; total: number }, slo: SloDefinition): boolean {
  const total = Math.round(e.total);
  const bad = Math.round(e.total - e.good);
  return total > 0 && binomialSf(bad, total, 1 - slo.target) <= SLO_ALERT_SIGNIFICANCE;
}

/** The SLO's status on the memory's stream as of `endMs`. */
function statusOf(
  memory: SloMemory,
  slo: SloDefinition,
  stream: WindowResult['stream'],
  endMs: number,
): SloStatus {
  const period = sumRing(memory.coarse, endMs - slo.periodSeconds * 1000, endMs);
  const burnRates = slo.alerts.map((alert): BurnRateStatus => {
    const long = eventsOver(memory, endMs, alert.longSeconds);
    const longBurn = burnOf(long, slo);
    const shortBurn = burnOf(eventsOver(memory, endMs, alert.shortSeconds), slo);
    const firing =
      longBurn !== undefined &&
      shortBurn !== undefined &&
      longBurn >= alert.burnRate &&
      shortBurn >= alert.burnRate &&
      beyondObjective(long, slo);
    return {
      ...alert,
      ...(longBurn !== undefined ? { longBurn } : {}),
      ...(shortBurn !== undefined ? { shortBurn } : {}),
      firing,
    };
  });
  const sli = period.total > 0 ? period.good / period.total : undefined;
  return {
    slo,
    stream,
    ...(sli !== undefined ? { sli, budgetRemaining: 1 - (1 - sli) / (1 - slo.target) } : {}),
    burnRates,
    endUnixMillis: endMs,
  };
}

/**
 * Counts `results` (closed windows, in order) into the SLOs' memories and returns the alert
 * transitions and the statuses of the streams they touched.
 */
export function evaluateSlos(
  state: AlertState,
  slos: readonly SloDefinition[],
  results: readonly WindowResult[],
  options: AlertEvaluationOptions = {},
): { transitions: AlertTransition[]; statuses: SloStatus[] } {
  const transitions: AlertTransition[] = [];
  const statuses: SloStatus[] = [];
  for (const result of results) {
    for (const slo of slos) {
      if (!sloMatches(slo, result)) continue;
      const memory = memoryOf(state, slo, result);
      // A window replayed after a restart was counted before the checkpoint: never twice.
      if (result.endUnixMillis <= memory.lastEndMs) continue;
      memory.lastEndMs = result.endUnixMillis;
      const events = sloEvents(slo.indicator, result);
      if (events !== undefined) {
        addToRing(memory.fine, result.startUnixMillis, events.good, events.total);
        addToRing(memory.coarse, result.startUnixMillis, events.good, events.total);
      }
      const status = statusOf(memory, slo, result.stream, result.endUnixMillis);
      statuses.push(status);
      for (const severity of new Set(slo.alerts.map((a) => a.severity))) {
        const transition = step(state, slo, severity, status, result, options);
        if (transition) transitions.push(transition);
      }
    }
  }
  return { transitions, statuses };
}

function step(
  state: AlertState,
  slo: SloDefinition,
  severity: string,
  status: SloStatus,
  result: WindowResult,
  options: AlertEvaluationOptions,
): AlertTransition | undefined {
  const pairs = status.burnRates.filter((b) => b.severity === severity);
  const hot = pairs.find((b) => b.firing);
  const key = seriesKey('slo', slo.name, result.stream.key, severity);
  let instance = state.instances.get(key);
  if (!instance) {
    if (!hot) return undefined;
    const { stream } = result;
    instance = {
      rule: slo.name,
      severity,
      statistic: SLO_ALERT_STATISTIC,
      threshold: hot.burnRate,
      streamKey: stream.key,
      model: stream.modelName,
      version: stream.modelVersion,
      slice: stream.slice,
      resource: stream.resource.attributes,
      consecutive: 0,
      firing: false,
      everFired: false,
      sinceUnixMillis: result.endUnixMillis,
    };
    state.instances.set(key, instance);
  }
  if ((hot !== undefined) === instance.firing) return undefined;
  const reported = hot ?? pairs[0]!;
  instance.firing = hot !== undefined;
  instance.everFired ||= instance.firing;
  instance.sinceUnixMillis = result.endUnixMillis;
  instance.value = reported.longBurn ?? 0;
  instance.impact = sloImpactLine(status, reported);
  instance.runbookUrl = runbookUrl(
    options.runbookBaseUrl ?? '',
    SLO_ALERT_STATISTIC,
    slo.runbookUrl,
  );
  return {
    state: instance.firing ? ML_ALERT_STATE_VALUE_FIRING : ML_ALERT_STATE_VALUE_RESOLVED,
    rule: slo.name,
    severity,
    statistic: SLO_ALERT_STATISTIC,
    model: instance.model,
    version: instance.version,
    slice: instance.slice,
    threshold: reported.burnRate,
    value: instance.value,
    timeUnixMillis: result.endUnixMillis,
    resource: instance.resource,
    runbookUrl: instance.runbookUrl,
    impact: instance.impact,
  };
}
