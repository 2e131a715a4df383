// Quality, ground-truth and data-quality sections.
import { lineChart } from './charts.js';
import { h, s } from './dom.js';
import { count, duration, has, num, pct, stateLabel } from './format.js';
import { describeSeries } from './series.js';
import { card, exemplarLinks } from './view-common.js';

const QUALITY_CLASSES = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8'];

/**
 * The y range of the quality-score chart: [0.5, 1] when every value is a share above 0.5
 * (accuracy, AUC), [0, 1] for other shares, automatic when a metric leaves [0, 1] (log loss, r2).
 */
function qualityScale(scores) {
  const values = scores.flatMap((q) => q.history.filter(has));
  const min = Math.min(1, ...values);
  const max = Math.max(0, ...values);
  if (min < 0 || max > 1) return { label: 'quality over time' };
  return { yMin: min < 0.5 ? 0 : 0.5, yMax: 1, label: 'quality over time' };
}

export function renderQuality(ctx) {
  const { t, base, reg, slice } = ctx;
  const scores = slice.quality.filter((q) => q.instrument === 'score');
  const errors = slice.quality.filter((q) => q.instrument === 'error');
  const blocks = [];
  const legendFor = (list, metric, offset) =>
    h(
      'div',
      { class: 'legend' },
      list.map((q, i) =>
        reg.wrap(
          h(
            'span',
            { class: `key ${QUALITY_CLASSES[(i + offset) % QUALITY_CLASSES.length]}` },
            `${q.metric} ${num(q.latest)}`,
          ),
          describeSeries(t, `Quality: ${q.metric}`, metric, base, [
            [t.attributes.qualityMetric.otlp, q.metric],
          ]),
          { class: 'plain' },
        ),
      ),
    );
  if (scores.length > 0) {
    blocks.push(
      lineChart(
        slice.windows,
        scores.map((q, i) => ({
          name: q.metric,
          className: QUALITY_CLASSES[i % QUALITY_CLASSES.length],
          values: q.history,
        })),
        qualityScale(scores),
      ),
      legendFor(scores, t.metrics.qualityScore, 0),
    );
  }
  if (errors.length > 0) {
    blocks.push(
      lineChart(
        slice.windows,
        errors.map((q, i) => ({
          name: q.metric,
          className: QUALITY_CLASSES[(i + 3) % QUALITY_CLASSES.length],
          values: q.history,
        })),
        { yMin: 0, label: 'errors over time' },
      ),
      legendFor(errors, t.metrics.qualityError, 3),
    );
  }
  if (blocks.length === 0)
    blocks.push(h('p', { class: 'empty' }, 'Quality appears once ground truth is joined.'));
  for (const q of slice.quality) {
    const links = exemplarLinks(
      ctx.detail.traceUrlTemplate,
      q.exemplars,
      `largest ${q.metric}: `,
      (e) => num(e.value),
    );
    if (links) blocks.push(links);
  }
  return card('Quality over time', 'on labeled predictions', ...blocks);
}

export function renderCoverage(ctx) {
  const { t, base, reg, slice } = ctx;
  const coverage = slice.groundTruth.map((g) => g.coverage ?? null);
  const chart = lineChart(
    slice.windows,
    [{ name: 'coverage', className: 'c-coverage', values: coverage, format: (v) => pct(v, 0) }],
    {
      yMin: 0,
      yMax: 1,
      height: 150,
      area: true,
      format: (v) => pct(v, 0),
      label: 'label coverage over time',
    },
  );
  // Sampled records (ml.sampling.probability < 1) also show the traffic they stand for (Σ 1/p).
  const weightedCurrent = slice.samples.map((s) => s.weighted?.current ?? s.current);
  const sampled = weightedCurrent.some((v, i) => v !== slice.samples[i].current);
  const samples = lineChart(
    slice.windows,
    [
      { name: 'predictions', className: 'c-current', values: slice.samples.map((s) => s.current) },
      { name: 'labeled', className: 'c-labeled', values: slice.samples.map((s) => s.labeled) },
      ...(sampled
        ? [
            {
              name: 'predictions weighted by 1/p',
              className: 'c-weighted',
              values: weightedCurrent,
            },
          ]
        : []),
    ],
    { yMin: 0, height: 130, format: count, integer: !sampled, label: 'samples per window' },
  );
  const gt = slice.groundTruth.at(-1);
  return card(
    'Ground truth',
    gt && has(gt.meanDelaySeconds)
      ? `mean delay ${duration(gt.meanDelaySeconds)}${has(gt.maxDelaySeconds) ? `, max ${duration(gt.maxDelaySeconds)}` : ''}`
      : null,
    h(
      'div',
      { class: 'mini-title' },
      'Coverage ',
      reg.wrap(
        'series',
        describeSeries(t, 'Ground-truth coverage', t.metrics.groundTruthCoverage, base),
        { class: 'small' },
      ),
    ),
    chart,
    h(
      'div',
      { class: 'mini-title' },
      'Samples per window ',
      reg.wrap(
        'series',
        describeSeries(t, 'Samples per window by population', t.metrics.monitorSamples, base),
        { class: 'small' },
      ),
    ),
    samples,
    h(
      'div',
      { class: 'legend' },
      h('span', { class: 'key c-current' }, 'predictions'),
      h('span', { class: 'key c-labeled' }, 'labeled'),
    ),
  );
}

export function renderDataQuality(ctx) {
  const { t, base, reg, slice } = ctx;
  if (slice.dataQuality.length === 0) return null;
  return card(
    'Data quality',
    'share of values per check, latest window',
    h(
      'table',
      { class: 'dq-table' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', null, 'Feature'),
          h('th', null, 'Check'),
          h('th', { class: 'num' }, 'Share'),
          h('th', null, 'Trend'),
        ),
      ),
      h(
        'tbody',
        null,
        slice.dataQuality.map((row) => {
          const values = row.history;
          return h(
            'tr',
            null,
            h('td', { class: 'feature' }, row.feature),
            h('td', null, stateLabel(row.check)),
            h(
              'td',
              { class: 'num' },
              reg.wrap(
                pct(row.latest, 2),
                describeSeries(
                  t,
                  `${row.check} share of ${row.feature}`,
                  t.metrics.dataQualityRatio,
                  base,
                  [
                    [t.attributes.featureName.otlp, row.feature],
                    [t.attributes.dataQualityCheck.otlp, row.check],
                  ],
                ),
              ),
            ),
            h('td', { class: 'spark' }, lineChartMini(values)),
          );
        }),
      ),
    ),
  );
}

function lineChartMini(values) {
  const w = 120;
  const hgt = 24;
  const finite = values.filter(has);
  const max = Math.max(1e-9, ...finite);
  const n = Math.max(values.length - 1, 1);
  const x = (i) => (i / n) * (w - 4) + 2;
  const y = (v) => hgt - 2 - (v / max) * (hgt - 4);
  let d = '';
  values.forEach((v, i) => {
    if (!has(v)) return;
    d += `${d ? 'L' : 'M'}${x(i)},${y(v)}`;
  });
  const svg = s('svg', { class: 'mini', width: w, height: hgt }, s('path', { d }));
  // A lone value draws no line: mark it.
  if (finite.length === 1) {
    const i = values.findIndex(has);
    svg.append(s('circle', { cx: x(i), cy: y(values[i]), r: 2 }));
  }
  return svg;
}
