/**
 * The SLOs' series: `ml.slo.budget.remaining` per (SLO, stream) and `ml.slo.burn_rate` per
 * window of its burn-rate alerts, on the stream's identity and source resource, so a dashboard
 * puts them beside the model's and the service's other series.
 */
import {
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_SLICE,
  ATTR_ML_SLO_NAME,
  ATTR_ML_SLO_WINDOW,
  DESCRIPTOR_ML_SLO_BUDGET_REMAINING,
  DESCRIPTOR_ML_SLO_BURN_RATE,
} from '@mlmon/conventions';
import type { MetricData, NumberPoint, ResourceMetricsData } from '../export/metric-data.js';
import type { SloStatus } from './evaluate-slos.js';
import { MLMON_ALERT_SCOPE } from './otlp-logs-encoder.js';

/** `30d`, `6h`, `5m` or `90s`: the largest unit that divides the duration. */
export function formatDuration(seconds: number): string {
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

/** The series of `statuses`, one resource per source service identity. */
export function sloMetrics(statuses: readonly SloStatus[]): ResourceMetricsData[] {
  const byResource = new Map<
    string,
    { resource: Record<string, string>; budget: NumberPoint[]; burn: NumberPoint[] }
  >();
  for (const s of statuses) {
    const resource = s.stream.resource.attributes;
    const key = s.stream.resource.key;
    let group = byResource.get(key);
    if (!group) byResource.set(key, (group = { resource: { ...resource }, budget: [], burn: [] }));
    const base: Record<string, string> = {
      [ATTR_ML_MODEL_NAME]: s.stream.modelName,
      [ATTR_ML_SLO_NAME]: s.slo.name,
    };
    if (s.stream.modelVersion !== '') base[ATTR_ML_MODEL_VERSION] = s.stream.modelVersion;
    for (const k of Object.keys(s.stream.slice).sort()) base[ATTR_ML_SLICE(k)] = s.stream.slice[k]!;
    if (s.budgetRemaining !== undefined)
      group.budget.push({ attributes: base, value: s.budgetRemaining });
    const seen = new Set<number>();
    for (const b of s.burnRates) {
      for (const [seconds, value] of [
        [b.longSeconds, b.longBurn],
        [b.shortSeconds, b.shortBurn],
      ] as const) {
        if (value === undefined || seen.has(seconds)) continue;
        seen.add(seconds);
        group.burn.push({
          attributes: { ...base, [ATTR_ML_SLO_WINDOW]: formatDuration(seconds) },
          value,
        });
      }
    }
  }
  return [...byResource.values()].map(({ resource, budget, burn }) => {
    const metrics: MetricData[] = [
      { descriptor: DESCRIPTOR_ML_SLO_BUDGET_REMAINING, kind: 'number', points: budget },
      { descriptor: DESCRIPTOR_ML_SLO_BURN_RATE, kind: 'number', points: burn },
    ].filter((m) => m.points.length > 0) as MetricData[];
    return { resource, scopes: [{ scope: MLMON_ALERT_SCOPE, metrics }] };
  });
}
