// The version comparison card (a model version compared with the model's baseline version):
// the verdict of every slice side by side, then for the slice shown its tests, the deltas, the
// latency deltas, the prediction drift against the baseline and the shadow agreement, and the
// accuracy delta (regression: the MAE delta) over the last windows.
import { lineChart } from './charts.js';
import { h } from './dom.js';
import { count, duration, has, num, pct } from './format.js';
import { card } from './view-common.js';

/** A verdict pill (worse reads like drift, better and same like no drift). */
function verdictPill(verdict) {
  const style =
    verdict === 'worse' ? 'drift' : verdict === 'insufficient_data' ? 'none' : 'no_drift';
  return h(
    'span',
    { class: `pill status-${style}`, dataset: { verdict } },
    verdict.replaceAll('_', ' '),
  );
}

const signed = (v, digits) => (v > 0 ? '+' : '') + num(v, digits);

/**
 * The labeled statistic the slice table compares: accuracy, or MAE for a regression model (whose
 * comparisons carry an MAE delta and no accuracy).
 */
function headlineOf(detail) {
  const regression = detail.slices.some((s) =>
    s.versions?.latest.deltas.some((d) => d.comparison === 'mae'),
  );
  return regression
    ? { comparison: 'mae', title: 'MAE', value: (v) => num(v, 4) }
    : { comparison: 'accuracy', title: 'acc.', value: (v) => pct(v, 1) };
}

/** Labeled pairs of a test's two sides (effective size of weighted pairs, rounded). */
const pairsOf = (side) => count(Math.round(side.trials ?? side.samples));

/** One row per slice with a comparison: A vs B at a glance. */
function sliceTable(detail) {
  const headline = headlineOf(detail);
  const rows = detail.slices
    .filter((s) => s.versions)
    .map((s) => {
      const c = s.versions.latest;
      const delta = c.deltas.find((d) => d.comparison === headline.comparison);
      const test = c.tests.find((t) => t.comparison === headline.comparison);
      return h(
        'tr',
        { dataset: { slice: s.label } },
        h('td', null, s.label),
        h('td', null, verdictPill(c.verdict)),
        h('td', { class: 'num' }, delta ? headline.value(delta.baseline) : '—'),
        h('td', { class: 'num' }, delta ? headline.value(delta.candidate) : '—'),
        h('td', { class: 'num' }, delta ? signed(delta.delta, 3) : '—'),
        h('td', { class: 'num' }, test ? num(test.pWorse, 2) : '—'),
        h(
          'td',
          { class: 'num' },
          test ? `${pairsOf(test.candidate)} / ${pairsOf(test.baseline)}` : '—',
        ),
      );
    });
  const head = h(
    'thead',
    null,
    h(
      'tr',
      null,
      [
        'slice',
        'verdict',
        `baseline ${headline.title}`,
        `this ${headline.title}`,
        'Δ',
        'p (worse)',
        'labeled',
      ].map((c) => h('th', null, c)),
    ),
  );
  return h(
    'div',
    { class: 'table-wrap' },
    h('table', { class: 'versions-table' }, head, h('tbody', null, rows)),
  );
}

function deltaList(c) {
  const parts = c.deltas.map((d) => `${d.comparison} ${signed(d.delta, 4)}`);
  for (const l of c.latency)
    parts.push(
      `p${Math.round(l.quantile * 100)} ${l.delta >= 0 ? '+' : '−'}${duration(Math.abs(l.delta))}`,
    );
  return parts.length > 0 ? parts.join(' · ') : 'no statistic on both sides yet';
}

function driftLine(c) {
  const primary = c.predictionDrift.filter((d) => d.primary);
  if (primary.length === 0) return null;
  return h(
    'div',
    { class: 'note', dataset: { testid: 'version-drift' } },
    'Predictions against the baseline: ',
    primary
      .map(
        (d) =>
          `${d.feature} ${d.method} ${has(d.score) ? num(d.score, 3) : '—'} (${d.state.replaceAll('_', ' ')})`,
      )
      .join(', '),
  );
}

function shadowLine(c) {
  const s = c.shadow;
  if (!s) return null;
  return h(
    'div',
    { class: 'note', dataset: { testid: 'version-shadow' } },
    `Shadow: ${count(s.pairs)} shared requests, agreement ${has(s.agreement) ? pct(s.agreement, 1) : '—'}, ` +
      `score difference ${has(s.scoreDifferenceMean) ? signed(s.scoreDifferenceMean, 4) : '—'} ` +
      `(mean |Δ| ${has(s.scoreDifferenceAbsMean) ? num(s.scoreDifferenceAbsMean, 4) : '—'})`,
  );
}

/** The version comparison card, or null when this version is nobody's candidate. */
export function renderVersions(ctx) {
  const { detail, slice } = ctx;
  const current = slice.versions ?? detail.slices.find((s) => s.versions)?.versions;
  if (!current) return null;
  const c = current.latest;
  const mae = headlineOf(detail).comparison === 'mae';
  const chart = slice.versions
    ? lineChart(
        slice.windows,
        [
          {
            name: mae ? 'MAE delta' : 'accuracy delta',
            className: 'c-current',
            values: slice.versions.history.map(
              (w) => (mae ? w?.maeDelta : w?.accuracyDelta) ?? null,
            ),
          },
        ],
        {
          height: 120,
          reference: { value: 0, label: 'baseline' },
          label: `${mae ? 'MAE' : 'accuracy'} minus the baseline over time`,
        },
      )
    : null;
  return card(
    `Versus baseline version ${c.baselineVersion}`,
    `${c.baselineSource === 'configured' ? 'configured baseline' : 'most traffic over the last day'} · α = ${c.alpha}`,
    h('div', { class: 'mini-title' }, 'Verdict per slice (one-sided tests)'),
    sliceTable(detail),
    slice.versions
      ? h(
          'div',
          { class: 'mini-title', dataset: { testid: 'version-verdict' } },
          `${slice.label}: `,
          verdictPill(c.verdict),
          c.reason ? ` ${c.reason}` : '',
        )
      : null,
    slice.versions
      ? h('div', { class: 'note', dataset: { testid: 'version-deltas' } }, deltaList(c))
      : null,
    slice.versions ? driftLine(c) : null,
    slice.versions ? shadowLine(c) : null,
    chart,
  );
}
