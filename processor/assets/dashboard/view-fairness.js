// The fairness cards (models with a `fairness` configuration, all-slices stream): per sensitive
// attribute, each group's selection rate with its 95 % interval, the groups' TPR, FPR and ECE,
// and the gaps over the last windows with the four-fifths line.
import { lineChart } from './charts.js';
import { h, s, tip } from './dom.js';
import { count, has, num, pct } from './format.js';
import { card } from './view-common.js';

const NOT_COMPARED = 'pooled: not compared';

/** A rate with its interval as text. */
function rateText(rate) {
  return rate ? `${pct(rate.value, 1)} [${pct(rate.low, 1)}, ${pct(rate.high, 1)}]` : '—';
}

/** Horizontal bars of the groups' selection rates with their interval whiskers. */
function rateBars(groups) {
  const rowH = 20;
  const labelW = 120;
  const width = 560;
  const innerW = width - labelW - 60;
  const height = groups.length * rowH + 18;
  const x = (v) => labelW + v * innerW;
  const svg = s('svg', {
    class: 'chart fairness-bars',
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': 'selection rate per group with 95 % intervals',
  });
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    svg.append(
      s('line', { class: 'grid', x1: x(v), x2: x(v), y1: 0, y2: height - 14 }),
      s('text', { class: 'axis', x: x(v), y: height - 3, 'text-anchor': 'middle' }, pct(v, 0)),
    );
  }
  groups.forEach((g, i) => {
    const y = i * rowH + 3;
    const r = g.selectionRate;
    const pooled = g.pooled !== undefined;
    const small = !pooled && g.insufficient?.some((why) => why.startsWith('selection_rate'));
    svg.append(
      s('text', { class: 'axis', x: labelW - 6, y: y + 11, 'text-anchor': 'end' }, g.group),
    );
    if (!r) return;
    const cls = `bar ${pooled ? 'pooled' : small ? 'small' : 'compared'}`;
    svg.append(
      s(
        'rect',
        { class: cls, x: x(0), y, width: Math.max(1, x(r.value) - x(0)), height: rowH - 8 },
        tip(
          `${g.group}: ${rateText(r)} of ${count(g.predictions)} predictions${pooled ? ` (${NOT_COMPARED})` : small ? ' (too few to compare)' : ''}`,
        ),
      ),
      s('line', { class: 'whisker', x1: x(r.low), x2: x(r.high), y1: y + 6, y2: y + 6 }),
      s('text', { class: 'axis', x: x(1) + 6, y: y + 11 }, pct(r.value, 1)),
    );
  });
  return svg;
}

function disparity(result, metric) {
  return result.disparities.find((d) => d.metric === metric);
}

function gapHistory(slice, attribute, metric) {
  return slice.fairness.history.map(
    (w) => w?.find((d) => d.attribute === attribute && d.metric === metric)?.value ?? null,
  );
}

/** A rate cell: the value, its interval and counts on hover. */
function rateCell(rate) {
  if (!rate) return h('td', { class: 'num' }, '—');
  return h(
    'td',
    { class: 'num', title: `${rateText(rate)}: ${count(rate.successes)} of ${count(rate.trials)}` },
    pct(rate.value, 1),
  );
}

/** Why a group is not (fully) compared: short, with the full reasons on hover. */
function groupNote(g) {
  if (g.pooled !== undefined) return h('td', { class: 'note' }, NOT_COMPARED);
  const reasons = g.insufficient ?? [];
  if (reasons.length === 0) return h('td', { class: 'note' });
  const what = reasons.map((why) => why.split(':')[0]).join(', ');
  return h('td', { class: 'note', title: reasons.join('; ') }, `too few: ${what}`);
}

function groupTable(result) {
  const head = h(
    'thead',
    null,
    h(
      'tr',
      null,
      ['group', 'n', 'selected', 'labels', 'TPR', 'FPR', 'ECE', ''].map((c) => h('th', null, c)),
    ),
  );
  const body = h(
    'tbody',
    null,
    result.groups.map((g) =>
      h(
        'tr',
        { dataset: { group: g.group } },
        h('td', null, g.group),
        h('td', { class: 'num' }, count(g.predictions)),
        rateCell(g.selectionRate),
        h('td', { class: 'num' }, count(g.labeled)),
        rateCell(g.truePositiveRate),
        rateCell(g.falsePositiveRate),
        h('td', { class: 'num' }, has(g.calibrationError) ? num(g.calibrationError, 3) : '—'),
        groupNote(g),
      ),
    ),
  );
  return h('div', { class: 'table-wrap' }, h('table', { class: 'fairness-table' }, head, body));
}

function renderAttribute(ctx, result) {
  const { slice } = ctx;
  const ratio = disparity(result, 'demographic_parity_ratio');
  const odds = disparity(result, 'equalized_odds_difference');
  const verdict = (d, label, digits) =>
    has(d?.value)
      ? `${label} ${num(d.value, digits)}${has(d.pValue) ? ` (p = ${num(d.pValue, 2)}${d.significant ? ', significant' : ''})` : ''}`
      : `${label}: ${d?.reason ?? 'not computed'}`;
  const ratioChart = lineChart(
    slice.windows,
    [
      {
        name: 'parity ratio',
        className: 'c-current',
        values: gapHistory(slice, result.attribute, 'demographic_parity_ratio'),
      },
    ],
    {
      yMin: 0,
      yMax: 1,
      height: 120,
      reference: { value: 0.8, label: 'four-fifths' },
      label: `demographic parity ratio of ${result.attribute} over time`,
    },
  );
  const gapChart = lineChart(
    slice.windows,
    [
      {
        name: 'parity difference',
        className: 'c-current',
        values: gapHistory(slice, result.attribute, 'demographic_parity_difference'),
      },
      {
        name: 'equalized odds difference',
        className: 'c-labeled',
        values: gapHistory(slice, result.attribute, 'equalized_odds_difference'),
      },
    ],
    { yMin: 0, height: 120, label: `gaps across ${result.attribute} over time` },
  );
  return card(
    `Fairness: ${result.attribute}`,
    `${verdict(ratio, 'parity ratio', 3)} · ${verdict(odds, 'equalized odds diff.', 3)}`,
    h(
      'div',
      { class: 'mini-title' },
      `Selection rate per group (95 % intervals; groups under ${result.minGroupCount} predictions are not compared)`,
    ),
    rateBars(result.groups),
    groupTable(result),
    h('div', { class: 'mini-title' }, 'Parity ratio over time'),
    ratioChart,
    h('div', { class: 'mini-title' }, 'Gaps over time'),
    gapChart,
    h(
      'div',
      { class: 'legend' },
      h('span', { class: 'key c-current' }, 'parity difference'),
      h('span', { class: 'key c-labeled' }, 'equalized odds difference'),
    ),
    result.rejectedLabels > 0 || result.undecided > 0
      ? h(
          'div',
          { class: 'note' },
          `${count(result.rejectedLabels)} labels not 0/1 (rejected), ${count(result.undecided)} predictions without a binary decision`,
        )
      : null,
  );
}

/** The fairness cards of the slice, or an empty list when it has no fairness. */
export function renderFairness(ctx) {
  const latest = ctx.slice.fairness?.latest;
  if (!latest) return [];
  return latest.map((result) => renderAttribute(ctx, result));
}
