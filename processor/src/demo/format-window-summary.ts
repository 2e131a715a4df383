/**
 * The demo's terminal summary: one line per slice for each newly closed window, read from the
 * status API's models list (`GET /api/v1/models`). Pure: it keeps which windows it has printed.
 */
import {
  ML_ALERT_STATE_VALUE_FIRING,
  ML_DRIFT_STATE_VALUE_INSUFFICIENT_DATA,
} from '@mlmon/conventions';
import { SLO_ALERT_STATISTIC } from '../alerts/evaluate-slos.js';
import { seriesKey } from '../keys/series-key.js';
import type { ModelsResponse, StatusAlert, WindowSummary } from '../status-api/types.js';

/** Remembers the last printed window end per slice and formats the new ones. */
export class WindowSummaryPrinter {
  private readonly printed = new Map<string, number>();

  /** Lines for every slice whose latest window is newer than the last one printed. */
  linesFor(response: ModelsResponse): string[] {
    const lines: string[] = [];
    const firing = response.alerts.filter((a) => a.state === ML_ALERT_STATE_VALUE_FIRING);
    for (const model of response.models) {
      for (const version of model.versions) {
        for (const slice of version.slices) {
          const latest = slice.latest;
          if (latest === null) continue;
          const key = seriesKey(model.name, version.version, slice.label);
          if ((this.printed.get(key) ?? -Infinity) >= latest.endUnixMillis) continue;
          this.printed.set(key, latest.endUnixMillis);
          const alerts = firing.filter(
            (a) =>
              a.modelName === model.name &&
              a.modelVersion === version.version &&
              sameSlice(a, slice.slice),
          );
          lines.push(
            [
              `${clock(latest.startUnixMillis)}–${clock(latest.endUnixMillis)}`,
              `${model.name} v${version.version}`,
              pad(slice.label, 10),
              `predictions ${pad(String(latest.samples.current), 4)}`,
              `drift: ${driftText(latest)}`,
              `ECE ${fixed(latest.ece)}`,
              `accuracy ${fixed(latest.accuracy)}`,
              `p99 ${milliseconds(latest.service?.latency?.p99Seconds)}`,
              `errors ${percent(latest.service?.errorRatio)}`,
              `alerts ${alerts.length > 0 ? alerts.map(describeAlert).join('; ') : 'none'}`,
            ].join('  '),
          );
        }
      }
    }
    return lines;
  }
}

function driftText(latest: WindowSummary): string {
  if (latest.driftedFeatures.length > 0) return latest.driftedFeatures.join(', ');
  if (latest.status !== ML_DRIFT_STATE_VALUE_INSUFFICIENT_DATA) return 'none';
  // The first window of a stream becomes its reference: nothing to compare it with yet.
  return latest.samples.reference === 0 ? '(reference window)' : '(insufficient data)';
}

function sameSlice(alert: StatusAlert, slice: Readonly<Record<string, string>>): boolean {
  const a = Object.entries(alert.slice);
  const b = Object.entries(slice);
  return a.length === b.length && a.every(([k, v]) => slice[k] === v);
}

function describeAlert(alert: StatusAlert): string {
  if (alert.feature !== undefined) return `${alert.rule} (${alert.feature})`;
  // An SLO fires a page and a ticket under one name: the severity tells them apart.
  return alert.statistic === SLO_ALERT_STATISTIC ? `${alert.rule} (${alert.severity})` : alert.rule;
}

function clock(unixMillis: number): string {
  return new Date(unixMillis).toISOString().slice(11, 19);
}

function fixed(value: number | undefined): string {
  return value === undefined ? '  -  ' : value.toFixed(3);
}

function milliseconds(seconds: number | undefined): string {
  return seconds === undefined ? '   -  ' : `${(seconds * 1000).toFixed(0).padStart(3)} ms`;
}

function percent(ratio: number | undefined): string {
  return ratio === undefined ? '  -  ' : `${(ratio * 100).toFixed(1).padStart(4)}%`;
}

function pad(text: string, width: number): string {
  return text.padEnd(width);
}
