// Building blocks shared by the sections of the version page.
import { h } from './dom.js';
import { stateLabel } from './format.js';
import { describeSeries, streamAttributes } from './series.js';

/** A titled card. */
export function card(title, subtitle, ...body) {
  return h(
    'section',
    { class: 'card' },
    h(
      'header',
      { class: 'card-head' },
      h('h2', null, title),
      subtitle ? h('span', { class: 'card-sub' }, subtitle) : null,
    ),
    ...body,
  );
}

/** A status pill. */
export function pill(state, attrs = {}) {
  return h('span', { class: `pill status-${state}`, ...attrs }, stateLabel(state));
}

/** Everything a section renderer needs. */
export function context(detail, slice, reg) {
  const t = detail.telemetry;
  const sliceKeys = [...new Set(detail.slices.flatMap((s) => Object.keys(s.slice)))].sort();
  const base = streamAttributes(t, detail.model, slice.slice, sliceKeys);
  return { t, base, reg, detail, slice, sliceKeys };
}

/** The series behind a number of a drift row. */
export function driftSeries(ctx, row, metric, title, extra = [], options = {}) {
  const { t, base } = ctx;
  const attrs = [
    [t.attributes.driftKind.otlp, row.kind],
    ...(row.kind === t.values.driftKindFeature
      ? [[t.attributes.featureName.otlp, row.feature]]
      : []),
    [t.attributes.driftMethod.otlp, row.method],
    ...extra,
  ];
  return describeSeries(t, title, metric, base, attrs, options);
}

/**
 * The trace URL of an example: the template with its ids filled in, only when that makes an
 * http(s) URL (a template is configuration, but the ids come from telemetry).
 */
function traceUrl(template, exemplar) {
  if (!template || !/^[0-9a-f]{32}$/.test(exemplar.traceId)) return null;
  const url = template
    .replaceAll('{traceId}', exemplar.traceId)
    .replaceAll('{spanId}', /^[0-9a-f]{16}$/.test(exemplar.spanId) ? exemplar.spanId : '');
  return /^https?:\/\//.test(url) ? url : null;
}

/**
 * Example requests behind a figure: each value (as `format` writes it) and its trace, linked
 * when a trace URL template is set.
 */
export function exemplarLinks(template, exemplars, title, format) {
  if (!exemplars || exemplars.length === 0) return null;
  return h(
    'div',
    { class: 'exemplars', 'data-testid': 'exemplars' },
    title,
    exemplars.map((e, i) => {
      const label = `${format(e)} (trace ${e.traceId.slice(0, 8)}…)`;
      const title = `trace ${e.traceId}, span ${e.spanId}`;
      const href = traceUrl(template, e);
      return [
        i > 0 ? ', ' : null,
        href
          ? h('a', { class: 'exemplar', href, target: '_blank', rel: 'noreferrer', title }, label)
          : h(
              'span',
              { class: 'exemplar', title: `${title} (mlmon serve --trace-url-template links it)` },
              label,
            ),
      ];
    }),
  );
}
