/** Instrument kinds of the registry (semantic-conventions `instrument`). */
export type MetricInstrument = 'counter' | 'updowncounter' | 'histogram' | 'gauge';

/** Value type of a metric's points (`annotations.code_generation.metric_value_type`). */
export type MetricValueType = 'int' | 'double';

/**
 * Everything needed to create an OpenTelemetry instrument for a registry metric, and the name
 * under which it appears in Prometheus. Generated as `DESCRIPTOR_<METRIC>` constants.
 */
export interface MetricDescriptor {
  /** The OTel metric name, e.g. `ml.inference.duration`. */
  readonly name: string;
  /** One-sentence description; use it as the instrument's `description`. */
  readonly brief: string;
  /** Which instrument to create. */
  readonly instrument: MetricInstrument;
  /** UCUM unit (`s`, `1`, or an annotation such as `{prediction}`). */
  readonly unit: string;
  /** Whether points are integers or doubles (OTel `ValueType.INT` / `ValueType.DOUBLE`). */
  readonly valueType: MetricValueType;
  /** Histogram bucket advice; copy the array when handing it to the OTel API (`number[]`). */
  readonly advice?: { readonly explicitBucketBoundaries: readonly number[] };
  /**
   * Name of the series in Prometheus: dots become underscores, unit `s` adds `_seconds`, unit `1`
   * adds nothing, `{…}` units are dropped, counters end in `_total`. Histograms add the usual
   * `_bucket`, `_sum` and `_count` to it.
   */
  readonly prometheusName: string;
}
