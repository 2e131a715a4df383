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
