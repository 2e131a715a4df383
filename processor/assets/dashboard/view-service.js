// The service card: latency quantiles, error ratio and throughput of the slice's inference
// calls, on the same window axis as drift and quality, so "the model broke" and "the service
// broke" read side by side.
import { lineChart } from './charts.js';
import { h } from './dom.js';
import { count, duration, has, num, pct } from './format.js';
import { describeSeries } from './series.js';
import { card, exemplarLinks } from './view-common.js';

const QUANTILES = [
  ['p50', 'p50Seconds', 0.5],
  ['p95', 'p95Seconds', 0.95],
  ['p99', 'p99Seconds', 0.99],
];

/** The service card, or null when no window of this slice saw an inference call. */
export function renderService(ctx) {
  const { t, base, reg, slice } = ctx;
  if (!slice.service || slice.service.every((s) => s === null)) return null;
  const latencySeries = QUANTILES.map(([name, field]) => ({
    name,
    className: `c-${name}`,
    values: slice.service.map((s) => s?.latency?.[field] ?? null),
    format: duration,
  }));
  const latency = lineChart(slice.windows, latencySeries, {
    yMin: 0,
    height: 150,
    format: duration,
    label: 'inference latency p50, p95 and p99 over time',
  });
  const errors = lineChart(
    slice.windows,
    [
      {
        name: 'error ratio',
        className: 'c-errors',
        values: slice.service.map((s) => s?.errorRatio ?? null),
        format: (v) => pct(v, 1),
      },
    ],
    { yMin: 0, height: 120, area: true, format: (v) => pct(v, 0), label: 'error ratio over time' },
  );
  const last = slice.service.findLast((s) => s !== null);
  const byType = Object.entries(last.errorsByType)
    .sort((a, b) => b[1] - a[1])
    .map(([type, n]) => `${type} ${count(n)}`)
    .join(', ');
  const source =
    last.latency?.source === 'histogram'
      ? 'interpolated from the duration histogram'
      : 'from spans, within 1 %';
  return card(
    'Service',
    `${count(last.requests)} calls, ${num(last.throughputPerSecond, 2)}/s in the last window`,
    h(
      'div',
      { class: 'mini-title' },
      `Latency (${source}) `,
      ...QUANTILES.flatMap(([name, field, q], i) => [
        i > 0 ? ' · ' : '',
        reg.wrap(
          `${name} ${duration(last.latency?.[field])}`,
          describeSeries(t, `Inference latency ${name}`, t.metrics.serviceLatency, base, [
            [t.attributes.serviceLatencyQuantile.otlp, q],
          ]),
          { class: 'small' },
        ),
      ]),
    ),
    latency,
    h(
      'div',
      { class: 'legend' },
      ...QUANTILES.map(([name]) => h('span', { class: `key c-${name}` }, name)),
    ),
    exemplarLinks(ctx.detail.traceUrlTemplate, last.latency?.exemplars, 'slowest calls: ', (e) =>
      duration(e.value),
    ),
    h(
      'div',
      { class: 'mini-title' },
      'Error ratio ',
      reg.wrap(
        has(last.errorRatio) ? pct(last.errorRatio, 1) : 'no calls',
        describeSeries(t, 'Error ratio of inference calls', t.metrics.serviceErrorRatio, base),
        { class: 'small' },
      ),
      byType ? ` (${byType})` : '',
    ),
    errors,
    exemplarLinks(ctx.detail.traceUrlTemplate, last.errorExemplars, 'failed calls: ', (e) =>
      duration(e.value),
    ),
  );
}
