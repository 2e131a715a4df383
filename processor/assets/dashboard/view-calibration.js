// The calibration section: reliability diagram, summary numbers, calibration error over time.
import { lineChart, reliabilityDiagram } from './charts.js';
import { h } from './dom.js';
import { count, num } from './format.js';
import { describeSeries } from './series.js';
import { card, exemplarLinks } from './view-common.js';

export function renderCalibration(ctx) {
  const { t, base, reg, slice } = ctx;
  const latest = slice.calibration.latest;
  if (!latest) return null;
  const method = latest.method;
  const binSeries = (bin) => {
    const edge = bin.upperEdge.toFixed(1);
    return describeSeries(
      t,
      `Predictions in bin ≤ ${edge}`,
      t.metrics.calibrationBinPredictions,
      base,
      [[t.attributes.calibrationBin.otlp, edge]],
    );
  };
  const diagram =
    latest.bins.length > 0 && latest.bins.some((b) => b.count > 0)
      ? reliabilityDiagram(
          latest.bins,
          (bin) =>
            `bin ≤ ${bin.upperEdge.toFixed(1)}: ${count(bin.count)} predictions\n${binSeries(bin).promql}`,
        )
      : h('p', { class: 'empty' }, latest.reason ?? 'No labeled predictions yet.');
  const legend = h(
    'div',
    { class: 'legend' },
    h('span', { class: 'key observed' }, 'observed'),
    h('span', { class: 'key diagonal' }, 'perfectly calibrated'),
    h('span', { class: 'key hist' }, 'predictions per bin'),
  );
  const binsLink = reg.wrap(
    'bin series',
    describeSeries(
      t,
      'Reliability bins: observed positive share per bin',
      t.metrics.calibrationBinPositiveRatio,
      base,
    ),
    { class: 'small' },
  );
  const history = slice.calibration.history;
  const chart = lineChart(
    slice.windows,
    [
      { name: 'ECE', className: 'c-ece', values: history.map((p) => p?.ece ?? null) },
      { name: 'MCE', className: 'c-mce', values: history.map((p) => p?.mce ?? null) },
    ],
    {
      height: 150,
      yMin: 0,
      reference: { value: 0.1, label: 'ECE 0.1' },
      label: 'calibration error over time',
    },
  );
  return card(
    'Calibration',
    `${method} · latest window`,
    h(
      'div',
      { class: 'calibration' },
      h(
        'div',
        { class: 'diagram' },
        diagram,
        legend,
        h('div', { class: 'card-foot' }, binsLink),
        exemplarLinks(
          ctx.detail.traceUrlTemplate,
          latest.bins.filter((b) => b.exemplar).map((b) => b.exemplar),
          'labeled examples (score): ',
          (e) => num(e.value),
        ),
      ),
      h(
        'div',
        { class: 'cal-side' },
        h(
          'dl',
          { class: 'stats' },
          h('dt', null, 'ECE'),
          h(
            'dd',
            null,
            reg.wrap(
              num(latest.ece),
              describeSeries(t, 'Expected calibration error', t.metrics.calibrationError, base, [
                [t.attributes.calibrationMethod.otlp, method],
              ]),
            ),
          ),
          h('dt', null, 'MCE'),
          h('dd', null, num(latest.mce)),
          h('dt', null, 'Brier score'),
          h(
            'dd',
            null,
            reg.wrap(
              num(latest.brier),
              describeSeries(t, 'Brier score', t.metrics.qualityScore, base, [
                [t.attributes.qualityMetric.otlp, t.values.qualityBrierScore],
              ]),
            ),
          ),
          h('dt', null, 'Log loss'),
          h(
            'dd',
            null,
            reg.wrap(
              num(latest.logLoss),
              describeSeries(t, 'Log loss', t.metrics.qualityScore, base, [
                [t.attributes.qualityMetric.otlp, t.values.qualityLogLoss],
              ]),
            ),
          ),
          h('dt', null, 'Labeled'),
          h('dd', null, count(latest.bins.reduce((sum, b) => sum + b.count, 0))),
        ),
        h(
          'p',
          { class: 'explain' },
          'Points below the diagonal: the model is overconfident (its scores are higher than the observed positive share). Points above it: underconfident (more positives than the scores say). On the diagonal: calibrated. Shaded bars show the gap per bin; bins are of the window’s labeled predictions.',
        ),
      ),
      h(
        'div',
        { class: 'cal-history' },
        h('div', { class: 'mini-title' }, 'Calibration error over time'),
        chart,
        h(
          'div',
          { class: 'legend' },
          h('span', { class: 'key c-ece' }, 'ECE'),
          h('span', { class: 'key c-mce' }, 'MCE'),
        ),
      ),
    ),
  );
}
