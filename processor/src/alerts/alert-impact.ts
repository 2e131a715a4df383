/**
 * The impact line of an alert: how many samples stand behind it, which slice, and how far the
 * statistic is from its reference or threshold — what a responder reads first to judge scale.
 * Statistics only, never feature values.
 */
import { formatSlice } from '../keys/slice-label.js';
import type { AlertRule } from './alert-rule.js';
import type { AlertObservation } from './alert-evidence.js';
import type { BurnRateStatus, SloStatus } from './evaluate-slos.js';

/** `country=FR, channel=web`, or `all slices` for the all-slices stream. */
export function sliceText(slice: Readonly<Record<string, string>>): string {
  return formatSlice(slice, 'all slices');
}

/** One line, e.g. `1000 labeled predictions in country=FR; accuracy 0.79 vs reference 0.85 (drop 0.06, p = 0.0003)`. */
export function impactLine(
  rule: AlertRule,
  slice: Readonly<Record<string, string>>,
  observation: AlertObservation,
): string {
  const where = sliceText(slice);
  const subject = observation.feature !== undefined ? `${observation.feature}: ` : '';
  const statistic = rule.statistic;
  let change: string;
  if (observation.referenceValue !== undefined && statistic.endsWith('.drop')) {
    const metric = statistic.slice('quality.'.length, -'.drop'.length);
    const current = observation.referenceValue - observation.value;
    change = `${metric} ${readable(current)} vs reference ${readable(observation.referenceValue)} (drop ${readable(observation.value)}`;
  } else {
    change = `${statistic} ${readable(observation.value)} (threshold ${rule.operator} ${readable(rule.threshold)}`;
  }
  const p = observation.pValue !== undefined ? `, p = ${readable(observation.pValue)}` : '';
  const detail = observation.detail !== undefined ? `: ${observation.detail}` : '';
  return `${observation.samples} ${observation.samplesUnit} in ${where}; ${subject}${change}${p})${detail}`;
}

/** Four significant digits: a line for people (the event's attributes keep exact values). */
export function readable(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(4))) : String(x);
}

/** The impact line of an SLO burn-rate alert: burn over both windows, budget left, slice. */
export function sloImpactLine(status: SloStatus, reported: BurnRateStatus): string {
  const hours = (seconds: number): string =>
    seconds % 3600 === 0 ? `${seconds / 3600}h` : `${Math.round(seconds / 60)}m`;
  const burn = (x: number | undefined): string => (x === undefined ? 'n/a' : readable(x));
  const budget =
    status.budgetRemaining !== undefined
      ? `; budget remaining ${readable(status.budgetRemaining * 100)} %`
      : '';
  return `${sliceText(status.stream.slice)}; burn rate ${burn(reported.longBurn)} over ${hours(reported.longSeconds)} and ${burn(reported.shortBurn)} over ${hours(reported.shortSeconds)} (alert at ${readable(reported.burnRate)})${budget}`;
}
