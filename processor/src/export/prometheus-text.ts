/**
 * Renders a {@link MetricsSnapshot} in the Prometheus text exposition format 0.0.4, the way the
 * OpenTelemetry Prometheus exporter does: metric names from `DESCRIPTOR_*.prometheusName`,
 * attribute keys with dots → underscores, an `otel_scope_name` label, and one `target_info`
 * series per resource. Each series also carries its resource's identifying attributes as labels
 * (`service_name`, …) because one processor serves many source services at once, so the
 * scrape target's own `job`/`instance` cannot identify them.
 *
 * The same families render as OpenMetrics 1.0 text when the scraper asks for it
 * ({@link renderOpenMetricsText}): counter families named without `_total`, `target_info` an
 * `info` family, `# EOF` at the end, and exemplars (trace and span id, value, time) on counter
 * samples — OpenMetrics 1.0 allows them on counters and histogram buckets only (Prometheus
 * rejects the whole scrape otherwise).
 */
import type { Exemplar } from '../evaluate/window-result.js';
import type {
  HistogramPoint,
  MetricData,
  MetricsSnapshot,
  PointAttributes,
} from './metric-data.js';

/** The content type of the rendering. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
/** The content type of the OpenMetrics rendering. */
export const OPENMETRICS_CONTENT_TYPE =
  'application/openmetrics-text; version=1.0.0; charset=utf-8';

/** Which exposition format to write: Prometheus text 0.0.4 or OpenMetrics 1.0. */
export type ExpositionFormat = 'prometheus' | 'openmetrics';

interface Family {
  readonly name: string;
  readonly help: string;
  readonly type: 'gauge' | 'counter' | 'histogram';
  readonly lines: string[];
}

/** True when an `Accept` header asks for OpenMetrics (as Prometheus's scrapes do). */
export function acceptsOpenMetrics(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  return accept.split(',').some((part) => {
    const [type, ...params] = part.trim().split(';');
    if (type?.trim().toLowerCase() !== 'application/openmetrics-text') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** Renders the snapshot; families are emitted once each even when several resources report them. */
export function renderPrometheusText(snapshot: MetricsSnapshot): string {
  return render(snapshot, 'prometheus');
}

/** Renders the snapshot as OpenMetrics 1.0 text, with exemplars on counter samples. */
export function renderOpenMetricsText(snapshot: MetricsSnapshot): string {
  return render(snapshot, 'openmetrics');
}

function render(snapshot: MetricsSnapshot, format: ExpositionFormat): string {
  const families = new Map<string, Family>();
  const targetInfo: string[] = [];

  for (const resource of snapshot.resources) {
    const resourceLabels = toLabels(resource.resource);
    if (resourceLabels.length > 0) targetInfo.push(`target_info${renderLabels(resourceLabels)} 1`);
    for (const scope of resource.scopes) {
      for (const metric of scope.metrics) {
        const family = familyOf(families, metric, format);
        for (const point of metric.points) {
          const labels = mergeLabels(toLabels(point.attributes), resourceLabels, scope.scope);
          if ('value' in point) {
            const sample =
              format === 'openmetrics' && family.type === 'counter'
                ? `${family.name}_total`
                : family.name;
            const exemplar =
              format === 'openmetrics' && family.type === 'counter'
                ? renderExemplar(point.exemplars?.[0])
                : '';
            family.lines.push(
              `${sample}${renderLabels(labels)} ${formatSampleValue(point.value)}${exemplar}`,
            );
          } else {
            renderHistogram(family, labels, point);
          }
        }
      }
    }
  }

  const out: string[] = [];
  if (targetInfo.length > 0) {
    out.push(
      ...(format === 'openmetrics'
        ? ['# HELP target Target metadata', '# TYPE target info']
        : ['# HELP target_info Target metadata', '# TYPE target_info gauge']),
      ...targetInfo,
    );
  }
  for (const family of families.values()) {
    if (family.lines.length === 0) continue;
    out.push(
      `# HELP ${family.name} ${escapeHelp(family.help, format)}`,
      `# TYPE ${family.name} ${family.type}`,
    );
    out.push(...family.lines);
  }
  if (format === 'openmetrics') out.push('# EOF');
  return out.length === 0 ? '' : out.join('\n') + '\n';
}

/**
 * ` # {trace_id="…",span_id="…"} value timestamp` (seconds), or nothing. The label set stays
 * within OpenMetrics' 128-character limit: two hex ids.
 */
function renderExemplar(e: Exemplar | undefined): string {
  if (e === undefined || !/^[0-9a-f]{32}$/.test(e.traceId)) return '';
  const span = /^[0-9a-f]{16}$/.test(e.spanId) ? `,span_id="${e.spanId}"` : '';
  return ` # {trace_id="${e.traceId}"${span}} ${formatSampleValue(e.value)} ${e.timeUnixMillis / 1000}`;
}

function familyOf(
  families: Map<string, Family>,
  metric: MetricData,
  format: ExpositionFormat,
): Family {
  const full = metric.descriptor.prometheusName;
  // OpenMetrics names a counter family without its `_total` (the sample keeps it).
  const name =
    format === 'openmetrics' && metric.descriptor.instrument === 'counter'
      ? full.replace(/_total$/, '')
      : full;
  let family = families.get(name);
  if (!family) {
    const instrument = metric.descriptor.instrument;
    // An up-down counter is not monotonic, so Prometheus sees it as a gauge (as the OTel
    // exporter renders non-monotonic sums).
    const type =
      instrument === 'counter' ? 'counter' : instrument === 'histogram' ? 'histogram' : 'gauge';
    family = { name, help: metric.descriptor.brief, type, lines: [] };
    families.set(name, family);
  }
  return family;
}

function renderHistogram(family: Family, labels: [string, string][], point: HistogramPoint): void {
  let cumulative = 0;
  for (let i = 0; i < point.bounds.length; i++) {
    cumulative += point.counts[i] ?? 0;
    const le: [string, string] = ['le', formatSampleValue(point.bounds[i]!)];
    family.lines.push(`${family.name}_bucket${renderLabels([...labels, le])} ${cumulative}`);
  }
  family.lines.push(
    `${family.name}_bucket${renderLabels([...labels, ['le', '+Inf']])} ${point.count}`,
  );
  family.lines.push(`${family.name}_sum${renderLabels(labels)} ${formatSampleValue(point.sum)}`);
  family.lines.push(`${family.name}_count${renderLabels(labels)} ${point.count}`);
}

/** Attribute map → sanitized label pairs in the given order. */
function toLabels(attributes: PointAttributes): [string, string][] {
  return Object.entries(attributes).map(([key, value]) => [sanitizeLabelName(key), String(value)]);
}

/** Point labels first; resource labels and the scope only where they do not collide. */
function mergeLabels(
  point: [string, string][],
  resource: [string, string][],
  scope: string,
): [string, string][] {
  const seen = new Set(point.map(([name]) => name));
  const out = [...point];
  for (const pair of resource) {
    if (!seen.has(pair[0])) {
      out.push(pair);
      seen.add(pair[0]);
    }
  }
  if (!seen.has('otel_scope_name')) out.push(['otel_scope_name', scope]);
  return out;
}

function renderLabels(labels: readonly [string, string][]): string {
  if (labels.length === 0) return '';
  return `{${labels.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(',')}}`;
}

/** Prometheus label names allow `[a-zA-Z_][a-zA-Z0-9_]*`; everything else becomes `_`. */
export function sanitizeLabelName(key: string): string {
  const name = key.replace(/[^a-zA-Z0-9_]/g, '_');
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** Escapes a label value: backslash, double quote and line feed (exposition format spec). */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function escapeHelp(text: string, format: ExpositionFormat): string {
  const escaped = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
  // OpenMetrics escapes double quotes in HELP too.
  return format === 'openmetrics' ? escaped.replace(/"/g, '\\"') : escaped;
}

/** Go-style float rendering: `NaN`, `+Inf`, `-Inf`, else the shortest round-trip decimal. */
export function formatSampleValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}
