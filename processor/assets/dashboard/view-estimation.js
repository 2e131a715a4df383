// The estimated-vs-realized quality card (binary models with a labeled training profile): the
// metric estimated before labels (CBPE) with its ±3σ band, and the realized value of the same
// metric once labels joined, on one chart; the latest estimates in a table beside it.
import { lineChart } from './charts.js';
import { h } from './dom.js';
import { has, num, pct } from './format.js';
import { describeSeries } from './series.js';
import { card } from './view-common.js';

/** The metric charted: accuracy when estimated, else the first one with a value. */
function chartedMetric(latest) {
  const withValue = latest.metrics.filter((m) => has(m.value));
  return (withValue.find((m) => m.metric === 'accuracy') ?? withValue[0])?.metric;
}

function estimatesTable(latest) {
  const head = h(
    'thead',
    {},
    h(
      'tr',
      {},
      ['metric', 'estimate', 'band (±3σ)', 'realized', 'error'].map((c) => h('th', {}, c)),
    ),
  );
  const body = h(
    'tbody',
    {},
    latest.metrics.map((m) =>
      h(
        'tr',
        {},
        h('td', {}, m.metric),
        h('td', { class: 'num' }, num(m.value)),
        h('td', { class: 'num' }, has(m.lower) ? `${num(m.lower)} – ${num(m.upper)}` : '—'),
        h('td', { class: 'num' }, num(m.realized)),
        h('td', { class: 'num' }, num(m.error)),
      ),
    ),
  );
  return h('div', { class: 'table-wrap' }, h('table', { class: 'estimation-table' }, head, body));
}

/** The card, or null when no window of the slice had an estimation. */
export function renderEstimation(ctx) {
  const { t, base, reg, slice } = ctx;
  const estimation = slice.estimation;
  if (!estimation?.latest) return null;
  const metric = chartedMetric(estimation.latest);
  if (metric === undefined) return null;
  const of = (key) =>
    estimation.history.map((metrics) => metrics?.find((m) => m.metric === metric)?.[key] ?? null);
  const realized = slice.quality.find((q) => q.metric === metric)?.history ?? of('realized');
  const chart = lineChart(
    slice.windows,
    [
      { name: `estimated ${metric}`, className: 'q1 est-value', values: of('value') },
      { name: 'band lower', className: 'q1 est-band', values: of('lower') },
      { name: 'band upper', className: 'q1 est-band', values: of('upper') },
      { name: `realized ${metric}`, className: 'q4 est-realized', values: realized },
    ],
    { yMin: 0, yMax: 1, format: (v) => pct(v, 1), label: `estimated vs realized ${metric}` },
  );
  const name = metric;
  const { latest } = estimation;
  const legend = h(
    'div',
    { class: 'legend' },
    reg.wrap(
      h('span', { class: 'key q1' }, `estimated ${name}`),
      describeSeries(t, `Estimated ${name}`, t.metrics.qualityEstimate, base, [
        [t.attributes.qualityMetric.otlp, name],
      ]),
      { class: 'plain' },
    ),
    reg.wrap(
      h('span', { class: 'key q1 dashed' }, 'band ±3σ'),
      describeSeries(t, `Band of ${name}`, t.metrics.qualityEstimateBound, base, [
        [t.attributes.qualityMetric.otlp, name],
      ]),
      { class: 'plain' },
    ),
    reg.wrap(
      h('span', { class: 'key q4' }, `realized ${name}`),
      describeSeries(t, `Estimation error of ${name}`, t.metrics.qualityEstimationError, base, [
        [t.attributes.qualityMetric.otlp, name],
      ]),
      { class: 'plain' },
    ),
  );
  return card(
    'Estimated vs realized quality',
    `CBPE from ${latest.referenceRows} labeled reference rows${latest.calibrated ? ', isotonic-calibrated' : ''}`,
    chart,
    legend,
    estimatesTable(latest),
  );
}
