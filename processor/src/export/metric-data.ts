/**
 * The neutral form of what mlmon exports, shared by the Prometheus renderer and the OTLP
 * encoder so both say exactly the same thing: resources (one per source service identity,
 * plus the processor's own) → scopes → metrics → points.
 */

import type { Exemplar } from '../evaluate/window-result.js';

/** The fields of a `DESCRIPTOR_*` constant from `@mlmon/conventions` that the exporters read. */
export interface MetricDescriptorLike {
  /** OTLP metric name, e.g. `ml.drift.score`. */
  readonly name: string;
  /** One-line description (OTLP `description`, Prometheus `# HELP`). */
  readonly brief: string;
  readonly instrument: 'counter' | 'updowncounter' | 'histogram' | 'gauge';
  /** UCUM unit. */
  readonly unit: string;
  readonly valueType: 'int' | 'double';
  /** Name of the series in Prometheus (`ml_drift_status`, `mlmon_processor_records_total`). */
  readonly prometheusName: string;
}

/** Attribute values as exported (OTLP AnyValue scalars). */
export type PointAttributes = Readonly<Record<string, string | number | boolean>>;

/** A gauge, counter or up-down counter point. */
export interface NumberPoint {
  readonly attributes: PointAttributes;
  readonly value: number;
  /** Start of the accumulation (counters, cumulative); defaults to the export's start time. */
  readonly startUnixMillis?: number;
  /** Requests behind the value (OTLP exemplars; OpenMetrics exemplars on counters). */
  readonly exemplars?: readonly Exemplar[];
}

/** An explicit-bucket histogram point. */
export interface HistogramPoint {
  readonly attributes: PointAttributes;
  readonly bounds: readonly number[];
  /** bounds.length + 1 counts (not cumulative). */
  readonly counts: readonly number[];
  readonly count: number;
  readonly sum: number;
  readonly min?: number;
  readonly max?: number;
  readonly startUnixMillis?: number;
}

/** One metric with its points. */
export type MetricData =
  | {
      readonly descriptor: MetricDescriptorLike;
      readonly kind: 'number';
      readonly points: readonly NumberPoint[];
      /** Overrides the snapshot's temporality (self-telemetry counters are always cumulative). */
      readonly temporality?: 'cumulative' | 'delta';
    }
  | {
      readonly descriptor: MetricDescriptorLike;
      readonly kind: 'histogram';
      readonly points: readonly HistogramPoint[];
      /** Overrides the snapshot's temporality. */
      readonly temporality?: 'cumulative' | 'delta';
    };

/** Metrics of one instrumentation scope. */
export interface ScopeMetricsData {
  /** Scope name (Prometheus `otel_scope_name`). */
  readonly scope: string;
  readonly version?: string;
  readonly metrics: readonly MetricData[];
}

/** Metrics of one resource. */
export interface ResourceMetricsData {
  /** Resource attributes (identifying ones only, plus `mlmon.processor.id`). */
  readonly resource: PointAttributes;
  readonly scopes: readonly ScopeMetricsData[];
}

/** Everything one export (or one scrape) carries. */
export interface MetricsSnapshot {
  /** When the values were taken, Unix epoch milliseconds. */
  readonly timeUnixMillis: number;
  /** Default start of cumulative series (the processor's start). */
  readonly startUnixMillis: number;
  /** Temporality of counters and histograms. */
  readonly temporality: 'cumulative' | 'delta';
  readonly resources: readonly ResourceMetricsData[];
}
