/**
 * The deploy/ configs stay consistent with the conventions: every Prometheus metric and label
 * the Grafana dashboard queries exists in @mlmon/conventions, and the Collector configs are
 * well-formed pipelines, the scale-out one routing by `ml.model.name`.
 */
import { readFileSync } from 'node:fs';
import * as conventions from '@mlmon/conventions';
import {
  ATTR_ML_MODEL_NAME,
  ATTR_ML_SLICE_PREFIX,
  DESCRIPTOR_ML_GROUND_TRUTH_RECEIVED,
  DESCRIPTOR_ML_INFERENCE_ACTIVE_REQUESTS,
  DESCRIPTOR_ML_MODEL_READY,
  DESCRIPTOR_GEN_AI_CLIENT_OPERATION_DURATION,
  DESCRIPTOR_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
  DESCRIPTOR_GEN_AI_CLIENT_TOKEN_USAGE,
  DESCRIPTOR_ML_INFERENCE_SCORE,
  DESCRIPTOR_ML_INFERENCE_VALUE,
  METRIC_DESCRIPTORS,
} from '@mlmon/conventions';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { toPrometheusLabel } from '../../processor/src/status-api/telemetry-names.js';

const repoFile = (path: string): string =>
  readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

const HISTOGRAM_SUFFIXES = ['_bucket', '_sum', '_count'];
const PROMETHEUS_NAMES = new Set(METRIC_DESCRIPTORS.map((d) => d.prometheusName));
const HISTOGRAM_NAMES = new Set(
  METRIC_DESCRIPTORS.filter((d) => d.instrument === 'histogram').map((d) => d.prometheusName),
);
const ATTRIBUTE_LABELS = new Set(
  Object.entries(conventions)
    .filter(([name, value]) => name.startsWith('ATTR_') && typeof value === 'string')
    .map(([, value]) => toPrometheusLabel(value as string)),
);
const SLICE_LABEL_PREFIX = toPrometheusLabel(ATTR_ML_SLICE_PREFIX);

/** Metric and label names used by one PromQL expression (ml_* / mlmon_* only). */
function namesIn(expr: string): { metrics: string[]; labels: string[] } {
  const labels: string[] = [];
  let rest = expr.replace(/\{([^}]*)\}/g, (_, inner: string) => {
    for (const m of inner.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)/g)) labels.push(m[1]!);
    return ' ';
  });
  rest = rest.replace(
    /\b(by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g,
    (_, _kw, inner: string) => {
      labels.push(
        ...inner
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      );
      return ' ';
    },
  );
  rest = rest.replace(
    /label_values\(([^,]*),\s*([a-zA-Z0-9_]+)\s*\)/g,
    (_, query: string, label: string) => {
      labels.push(label);
      return query;
    },
  );
  rest = rest.replace(/\[[^\]]*\]/g, ' ');
  const metrics = [...rest.matchAll(/\b(mlmon|ml)_[a-zA-Z0-9_]+\b/g)].map((m) => m[0]);
  return {
    metrics,
    labels: labels.filter((l) => l.startsWith('ml_') || l.startsWith('mlmon_')),
  };
}

/** Problems with the names used by some expressions; empty when all are known. */
function unknownNames(exprs: readonly string[]): string[] {
  const problems: string[] = [];
  for (const expr of exprs) {
    const { metrics, labels } = namesIn(expr);
    for (const metric of metrics) {
      const suffix = HISTOGRAM_SUFFIXES.find((s) => metric.endsWith(s));
      const base = suffix === undefined ? metric : metric.slice(0, -suffix.length);
      const known =
        PROMETHEUS_NAMES.has(metric) || (suffix !== undefined && HISTOGRAM_NAMES.has(base));
      if (!known) problems.push(`unknown metric ${metric} in: ${expr}`);
    }
    for (const label of labels) {
      if (!ATTRIBUTE_LABELS.has(label) && !label.startsWith(SLICE_LABEL_PREFIX)) {
        problems.push(`unknown label ${label} in: ${expr}`);
      }
    }
  }
  return problems;
}

interface GrafanaTarget {
  expr?: string;
}
interface GrafanaPanel {
  type: string;
  title: string;
  targets?: GrafanaTarget[];
  datasource?: { uid?: string };
}
interface GrafanaVariable {
  name: string;
  type: string;
  query?: string | { query?: string };
}
interface GrafanaDashboard {
  uid: string;
  panels: GrafanaPanel[];
  templating: { list: GrafanaVariable[] };
}

describe('deploy/grafana/mlmon-dashboard.json', () => {
  const dashboard = JSON.parse(repoFile('deploy/grafana/mlmon-dashboard.json')) as GrafanaDashboard;
  const panelExprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr ?? ''));
  const variableExprs = dashboard.templating.list.flatMap((v) =>
    typeof v.query === 'object' && v.query.query ? [v.query.query] : [],
  );

  it('uses only Prometheus metric and label names from @mlmon/conventions', () => {
    expect(panelExprs.length).toBeGreaterThan(20);
    expect(unknownNames([...panelExprs, ...variableExprs])).toEqual([]);
  });

  it('the name check itself catches a misspelt metric or label', () => {
    expect(unknownNames(['ml_drift_scores{ml_model_name="x"}'])).toHaveLength(1);
    expect(unknownNames(['ml_drift_score{ml_model_nam="x"}'])).toHaveLength(1);
    expect(unknownNames(['rate(ml_inference_duration_seconds_bucket[5m])'])).toEqual([]);
    expect(unknownNames(['rate(ml_drift_score_bucket[5m])'])).toHaveLength(1);
  });

  it('charts every processor output and self-telemetry metric', () => {
    const used = new Set(panelExprs.flatMap((e) => namesIn(e).metrics));
    const instrumentationOnly = new Set([
      DESCRIPTOR_ML_INFERENCE_SCORE.prometheusName,
      DESCRIPTOR_ML_INFERENCE_VALUE.prometheusName,
      DESCRIPTOR_ML_GROUND_TRUTH_RECEIVED.prometheusName,
      DESCRIPTOR_ML_INFERENCE_ACTIVE_REQUESTS.prometheusName,
      DESCRIPTOR_ML_MODEL_READY.prometheusName,
      // The OTel GenAI client metrics are the processor's input; it charts what it makes of them.
      DESCRIPTOR_GEN_AI_CLIENT_OPERATION_DURATION.prometheusName,
      DESCRIPTOR_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK.prometheusName,
      DESCRIPTOR_GEN_AI_CLIENT_TOKEN_USAGE.prometheusName,
    ]);
    const missing = METRIC_DESCRIPTORS.filter((d) => !instrumentationOnly.has(d.prometheusName))
      .map((d) => d.prometheusName)
      .filter(
        (name) =>
          !used.has(name) && !HISTOGRAM_SUFFIXES.some((suffix) => used.has(`${name}${suffix}`)),
      );
    expect(missing).toEqual([]);
  });

  it('is templated on model, version, feature and slice, over a selectable Prometheus', () => {
    const variables = new Map(dashboard.templating.list.map((v) => [v.name, v.type]));
    expect(Object.fromEntries(variables)).toMatchObject({
      datasource: 'datasource',
      model: 'query',
      version: 'query',
      feature: 'query',
      slice: 'adhoc',
    });
    const modelLabel = toPrometheusLabel(ATTR_ML_MODEL_NAME);
    const queryPanels = dashboard.panels.filter((p) => p.type !== 'row');
    for (const panel of queryPanels) {
      expect(panel.datasource?.uid, panel.title).toBe('${datasource}');
      for (const target of panel.targets ?? []) {
        // Model panels select the chosen model; self-telemetry (mlmon_*) is per processor.
        const metrics = namesIn(target.expr ?? '').metrics;
        if (metrics.some((m) => !m.startsWith('mlmon_'))) {
          expect(target.expr, panel.title).toContain(`${modelLabel}="$model"`);
        }
      }
    }
  });
});

type Pipelines = Record<
  string,
  { receivers: string[]; processors?: string[]; exporters: string[] }
>;
interface CollectorConfig {
  receivers: Record<string, unknown>;
  processors?: Record<string, unknown>;
  exporters: Record<string, Record<string, unknown>>;
  service: { pipelines: Pipelines };
}

const SIGNALS = ['traces', 'metrics', 'logs'] as const;

/** Every component a pipeline names is defined, and pipelines only carry their own signal. */
function structuralProblems(config: CollectorConfig): string[] {
  const problems: string[] = [];
  for (const [name, pipeline] of Object.entries(config.service.pipelines)) {
    const signal = name.split('/')[0];
    if (!SIGNALS.includes(signal as (typeof SIGNALS)[number]))
      problems.push(`${name}: unknown signal`);
    for (const r of pipeline.receivers)
      if (!(r in config.receivers)) problems.push(`${name}: receiver ${r}`);
    for (const p of pipeline.processors ?? []) {
      if (!(p in (config.processors ?? {}))) problems.push(`${name}: processor ${p}`);
    }
    for (const e of pipeline.exporters)
      if (!(e in config.exporters)) problems.push(`${name}: exporter ${e}`);
  }
  return problems;
}

describe('deploy/collector/scale-out.yaml', () => {
  const config = parse(repoFile('deploy/collector/scale-out.yaml')) as CollectorConfig;
  const [lbName, lb] = Object.entries(config.exporters).find(([name]) =>
    ['loadbalancing', 'load_balancing'].includes(name.split('/')[0]!),
  ) ?? ['', {}];

  it('routes by the ml.model.name attribute to several processors over OTLP/gRPC', () => {
    expect(lbName).not.toBe('');
    expect(lb.routing_key).toBe('attributes');
    expect(lb.routing_attributes).toEqual([ATTR_ML_MODEL_NAME]);
    const protocol = lb.protocol as { otlp?: Record<string, unknown> };
    expect(protocol.otlp).toBeDefined();
    // The resolver provides the endpoints; a fixed endpoint in the template would be ignored.
    expect(protocol.otlp?.endpoint).toBeUndefined();
    const hostnames = (lb.resolver as { static: { hostnames: string[] } }).static.hostnames;
    expect(hostnames.length).toBeGreaterThanOrEqual(2);
    for (const host of hostnames) expect(host).toMatch(/^[a-z0-9.-]+:4317$/);
  });

  it("keeps the processors' results out of the load balancer", () => {
    for (const [name, pipeline] of Object.entries(config.service.pipelines)) {
      if (pipeline.exporters.includes(lbName)) {
        expect(pipeline.receivers, name).not.toContain('otlp/mlmon_results');
      }
    }
  });

  it('has one pipeline per signal into the load balancer, and is structurally valid', () => {
    expect(structuralProblems(config)).toEqual([]);
    for (const signal of SIGNALS) {
      const into = Object.entries(config.service.pipelines).filter(
        ([name, p]) => name.split('/')[0] === signal && p.exporters.includes(lbName),
      );
      expect(into, signal).toHaveLength(1);
    }
  });
});

describe('deploy/collector/fanout.yaml', () => {
  const config = parse(repoFile('deploy/collector/fanout.yaml')) as CollectorConfig;
  const pipelines = Object.entries(config.service.pipelines);

  it('sends every signal both to mlmon and to the existing backend', () => {
    expect(structuralProblems(config)).toEqual([]);
    const mlmon = (config.exporters['otlp/mlmon'] ?? {}) as { endpoint?: string };
    expect(mlmon.endpoint).toMatch(/:4317$/);
    for (const signal of SIGNALS) {
      const ofSignal = pipelines.filter(([name]) => name.split('/')[0] === signal);
      expect(
        ofSignal.some(([, p]) => p.exporters.includes('otlp/mlmon')),
        signal,
      ).toBe(true);
      expect(
        ofSignal.some(([, p]) => p.exporters.includes('otlphttp/backend')),
        signal,
      ).toBe(true);
    }
  });

  it("never feeds mlmon's own results back into mlmon", () => {
    for (const [name, pipeline] of pipelines) {
      if (pipeline.exporters.includes('otlp/mlmon')) {
        expect(pipeline.receivers, name).not.toContain('otlp/mlmon_results');
      }
    }
  });
});
