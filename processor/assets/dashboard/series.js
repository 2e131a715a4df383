// The OTLP metric and Prometheus series behind a number, built from the names the status API
// sends in `telemetry` (taken from @mlmon/conventions on the server, never spelled here).

/** Prometheus label name of an attribute key (same rule as the server's toPrometheusLabel). */
function promLabel(telemetry, key) {
  for (const attr of Object.values(telemetry.attributes)) {
    if (attr.otlp === key) return attr.prometheus;
  }
  if (key.startsWith(telemetry.slicePrefix.otlp)) {
    return (
      telemetry.slicePrefix.prometheus +
      key.slice(telemetry.slicePrefix.otlp.length).replace(/[^a-zA-Z0-9_]/g, '_')
    );
  }
  const replaced = key.replace(/[^a-zA-Z0-9_]/g, '_');
  return /^[0-9]/.test(replaced) ? `key_${replaced}` : replaced;
}

function promValue(value) {
  return `"${String(value).replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`;
}

/**
 * The attributes that identify a stream: model name and version plus the slice. For the
 * all-slices stream, every slice key used by the version is matched as absent (`=""`), so the
 * PromQL selects that stream and not the per-slice ones.
 */
export function streamAttributes(telemetry, model, slice, sliceKeys) {
  const attrs = [
    [telemetry.attributes.modelName.otlp, model.name],
    [telemetry.attributes.modelVersion.otlp, model.version],
  ];
  const keys = Object.keys(slice).length > 0 ? Object.keys(slice).sort() : sliceKeys;
  for (const key of keys) attrs.push([telemetry.slicePrefix.otlp + key, slice[key] ?? '']);
  return attrs;
}

/**
 * A series description for the popover: { title, otlp, instrument, unit, attributes, promql }.
 * `metric` is an entry of telemetry.metrics; `extra` more [attributeKey, value] pairs; `suffix`
 * a PromQL suffix such as " == 1"; `wrap` an aggregation such as "count"; `nameSuffix` a
 * histogram's "_bucket".
 */
export function describeSeries(telemetry, title, metric, base, extra = [], options = {}) {
  const attributes = [...base, ...extra];
  const matchers = attributes.map(
    ([key, value]) => `${promLabel(telemetry, key)}=${promValue(value)}`,
  );
  const name = metric.prometheus + (options.nameSuffix ?? '');
  return {
    title,
    otlp: metric.otlp,
    instrument: metric.instrument,
    unit: metric.unit,
    attributes,
    promql: options.wrap
      ? `${options.wrap}(${name}{${matchers.join(',')}}${options.suffix ?? ''})`
      : `${name}{${matchers.join(',')}}${options.suffix ?? ''}`,
  };
}
