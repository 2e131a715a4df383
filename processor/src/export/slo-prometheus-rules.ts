/**
 * Prometheus recording and alerting rules for the serve config's SLOs (Sloth / Pyrra style), for
 * teams that alert in Prometheus: the same objectives and the same multiwindow, multi-burn-rate
 * alerts that `mlmon serve` evaluates, over the series Prometheus already has — the
 * instrumentation's `ml.inference.duration` histogram for the service SLOs, mlmon's own series
 * for the model SLOs.
 *
 * - `slo:sli_error:ratio_rate<w>{slo}`: the bad share over each alert window `w`. Service SLOs
 *   count calls (`rate` of the histogram's `_count` and `_bucket{le=T}` series, so a latency
 *   threshold must be one of the histogram's bucket bounds); model SLOs count time (the share of
 *   the window during which the statistic missed its bound, a subquery at the rule interval).
 *   Without a slice, a model SLO watches the worst of the model's streams (Prometheus cannot single
 *   out the all-slices stream), so it is at least as strict as the processor's.
 * - `slo:objective:ratio{slo}` and `slo:error_budget_remaining:ratio{slo}` over the period.
 * - `SloBurnRate` alerts: both windows of a pair at or above its burn rate × (1 − target).
 */
import {
  ATTR_ERROR_TYPE,
  ATTR_ML_CALIBRATION_METHOD,
  ATTR_ML_DRIFT_KIND,
  ATTR_ML_DRIFT_STATE,
  ATTR_ML_FEATURE_NAME,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_QUALITY_METRIC,
  ATTR_ML_SLICE,
  DESCRIPTOR_ML_CALIBRATION_ERROR,
  DESCRIPTOR_ML_COST_PER_REQUEST,
  DESCRIPTOR_ML_COST_PER_THOUSAND_REQUESTS,
  DESCRIPTOR_ML_COST_WINDOW,
  DESCRIPTOR_ML_DRIFT_STATUS,
  DESCRIPTOR_ML_GROUND_TRUTH_COVERAGE,
  DESCRIPTOR_ML_INFERENCE_DURATION,
  DESCRIPTOR_ML_QUALITY_SCORE,
  ML_CALIBRATION_METHOD_VALUE_ECE,
  ML_DRIFT_KIND_VALUE_FEATURE,
  ML_DRIFT_STATE_VALUE_DRIFT,
} from '@mlmon/conventions';
import type { SloDefinition } from '../evaluate/slo/slo-definition.js';
import { formatDuration } from '../alerts/slo-metrics.js';
import { escapeLabelValue, sanitizeLabelName } from './prometheus-text.js';

/** One Prometheus rule. */
export type PrometheusRule =
  | { record: string; expr: string; labels: Record<string, string> }
  | {
      alert: string;
      expr: string;
      for?: string;
      labels: Record<string, string>;
      annotations: Record<string, string>;
    };

/** A rule file's content: `{ groups: [{ name, interval, rules }] }`. */
export interface PrometheusRuleFile {
  groups: { name: string; interval: string; rules: PrometheusRule[] }[];
}

/** A problem that keeps an SLO out of Prometheus rules, naming the SLO. */
export class SloRulesError extends Error {
  override readonly name = 'SloRulesError';
}

const label = (key: string): string => sanitizeLabelName(key);
const DURATION = DESCRIPTOR_ML_INFERENCE_DURATION.prometheusName;

function matchers(slo: SloDefinition, extra: [string, string][] = []): string {
  const pairs: [string, string][] = [[label(ATTR_ML_MODEL_NAME), slo.match.model]];
  if (slo.match.version !== undefined)
    pairs.push([label(ATTR_ML_MODEL_VERSION), slo.match.version]);
  for (const [k, v] of Object.entries(slo.match.slice ?? {}).sort()) {
    pairs.push([label(ATTR_ML_SLICE(k)), v]);
  }
  const all = pairs.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
  for (const [k, v] of extra) all.push(`${k}${v}`);
  return `{${all.join(',')}}`;
}

/** The bad share of `slo` over window `w` (a PromQL duration such as `5m`). */
function errorRatio(slo: SloDefinition, w: string, interval: string): string {
  const i = slo.indicator;
  const calls = `sum(rate(${DURATION}_count${matchers(slo)}[${w}]))`;
  /** Share of the window during which `condition` (a 0/1 vector) was 0. */
  const timeShare = (condition: string): string =>
    `1 - avg_over_time((${condition})[${w}:${interval}])`;
  switch (i.kind) {
    case 'errors':
      return `(sum(rate(${DURATION}_count${matchers(slo, [[label(ATTR_ERROR_TYPE), '!=""']])}[${w}])) or vector(0)) / ${calls}`;
    case 'latency': {
      const bounds = DESCRIPTOR_ML_INFERENCE_DURATION.advice?.explicitBucketBoundaries ?? [];
      if (!bounds.includes(i.thresholdSeconds)) {
        throw new SloRulesError(
          `SLO "${slo.name}": threshold ${i.thresholdSeconds} s is not a bucket bound of ${DESCRIPTOR_ML_INFERENCE_DURATION.name} (${bounds.join(', ')}), so Prometheus cannot count the calls at or below it; use one of them (mlmon serve counts any threshold exactly)`,
        );
      }
      const good = `sum(rate(${DURATION}_bucket${matchers(slo, [['le', `="${i.thresholdSeconds}"`]])}[${w}]))`;
      return `1 - (${good} / ${calls})`;
    }
    case 'calibration':
      return timeShare(
        `max(${DESCRIPTOR_ML_CALIBRATION_ERROR.prometheusName}${matchers(slo, [[label(ATTR_ML_CALIBRATION_METHOD), `="${ML_CALIBRATION_METHOD_VALUE_ECE}"`]])}) <= bool ${i.max}`,
      );
    case 'quality':
      return timeShare(
        `min(${DESCRIPTOR_ML_QUALITY_SCORE.prometheusName}${matchers(slo, [[label(ATTR_ML_QUALITY_METRIC), `="${escapeLabelValue(i.metric)}"`]])}) >= bool ${i.min}`,
      );
    case 'cost': {
      const metric = {
        total: DESCRIPTOR_ML_COST_WINDOW,
        per_request: DESCRIPTOR_ML_COST_PER_REQUEST,
        per_thousand_requests: DESCRIPTOR_ML_COST_PER_THOUSAND_REQUESTS,
      }[i.statistic].prometheusName;
      return timeShare(`max(${metric}${matchers(slo)}) <= bool ${i.max}`);
    }
    case 'label_coverage':
      return timeShare(
        `min(${DESCRIPTOR_ML_GROUND_TRUTH_COVERAGE.prometheusName}${matchers(slo)}) >= bool ${i.min}`,
      );
    case 'drift_free': {
      // A feature counts as drifted when any of its methods says so (the series do not mark the
      // primary method): stricter than the processor, never laxer.
      const status = DESCRIPTOR_ML_DRIFT_STATUS.prometheusName;
      const kind: [string, string] = [
        label(ATTR_ML_DRIFT_KIND),
        `="${ML_DRIFT_KIND_VALUE_FEATURE}"`,
      ];
      const byFeature = `max by (${label(ATTR_ML_FEATURE_NAME)})`;
      const drifted = `(count(${byFeature} (${status}${matchers(slo, [kind, [label(ATTR_ML_DRIFT_STATE), `="${ML_DRIFT_STATE_VALUE_DRIFT}"`]])}) == 1) or vector(0))`;
      const all = `count(${byFeature} (${status}${matchers(slo, [kind])}))`;
      return timeShare(`1 - ${drifted} / ${all} >= bool ${i.min}`);
    }
  }
}

/** Rules for `slos`, evaluated every `interval` (a PromQL duration, e.g. `1m`). */
export function sloPrometheusRules(
  slos: readonly SloDefinition[],
  interval = '1m',
): PrometheusRuleFile {
  const groups = slos.map((slo) => {
    const windows = [...new Set(slo.alerts.flatMap((a) => [a.shortSeconds, a.longSeconds]))].sort(
      (a, b) => a - b,
    );
    const base = { slo: slo.name };
    const budget = 1 - slo.target;
    const rules: PrometheusRule[] = windows.map((seconds) => ({
      record: `slo:sli_error:ratio_rate${formatDuration(seconds)}`,
      expr: errorRatio(slo, formatDuration(seconds), interval),
      labels: base,
    }));
    rules.push({ record: 'slo:objective:ratio', expr: `vector(${slo.target})`, labels: base });
    const shortest = formatDuration(windows[0] ?? 300);
    rules.push({
      record: 'slo:error_budget_remaining:ratio',
      expr: `1 - avg_over_time(slo:sli_error:ratio_rate${shortest}{slo="${escapeLabelValue(slo.name)}"}[${formatDuration(slo.periodSeconds)}]) / ${round(budget)}`,
      labels: base,
    });
    for (const a of slo.alerts) {
      const long = formatDuration(a.longSeconds);
      const short = formatDuration(a.shortSeconds);
      const limit = round(a.burnRate * budget);
      const sel = `{slo="${escapeLabelValue(slo.name)}"}`;
      rules.push({
        alert: 'SloBurnRate',
        expr: `slo:sli_error:ratio_rate${long}${sel} >= ${limit} and slo:sli_error:ratio_rate${short}${sel} >= ${limit}`,
        labels: { ...base, severity: a.severity, long_window: long, short_window: short },
        annotations: {
          summary: `SLO ${slo.name} burns its error budget at ≥ ${a.burnRate}× over ${long} and ${short}`,
          description: `${slo.description ?? `${slo.indicator.kind} SLO of model ${slo.match.model}`}: target ${slo.target} over ${formatDuration(slo.periodSeconds)}.`,
        },
      });
    }
    return { name: `mlmon-slo-${slo.name}`, interval, rules };
  });
  return { groups };
}

function round(x: number): number {
  return Math.round(x * 1e12) / 1e12;
}
