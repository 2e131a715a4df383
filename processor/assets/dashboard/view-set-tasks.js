// The set-valued tasks' cards: a multilabel model's per-label table (weighted pair counts, support
// and F1 of its latest labeled window) and a ranking model's queries per window. Their quality
// values (micro/macro F1, NDCG@k, precision@k, MRR) chart in the quality card.
import { lineChart } from './charts.js';
import { h } from './dom.js';
import { count, has, num } from './format.js';
import { card } from './view-common.js';

function labelTable(multilabel) {
  const head = h(
    'thead',
    null,
    h(
      'tr',
      null,
      ['label', 'support', 'TP', 'FP', 'FN', 'F1'].map((c) => h('th', null, c)),
    ),
  );
  const rows = multilabel.labels.map((l) =>
    h(
      'tr',
      { dataset: { label: l.label } },
      h('td', null, l.label),
      h('td', { class: 'num' }, count(l.support)),
      h('td', { class: 'num' }, count(l.truePositives)),
      h('td', { class: 'num' }, count(l.falsePositives)),
      h('td', { class: 'num' }, count(l.falseNegatives)),
      h('td', { class: 'num' }, num(l.f1, 3)),
    ),
  );
  const o = multilabel.overflow;
  if (o)
    rows.push(
      h(
        'tr',
        { class: 'pooled' },
        h('td', null, `${count(o.labels)} more labels (pooled)`),
        h('td', { class: 'num' }, count(o.truePositives + o.falseNegatives)),
        h('td', { class: 'num' }, count(o.truePositives)),
        h('td', { class: 'num' }, count(o.falsePositives)),
        h('td', { class: 'num' }, count(o.falseNegatives)),
        h('td', { class: 'num' }, '—'),
      ),
    );
  return h(
    'div',
    { class: 'table-wrap' },
    h('table', { class: 'multilabel-table' }, head, h('tbody', null, rows)),
  );
}

function rankingCard(slice) {
  const latest = slice.ranking.findLast((r) => r !== null);
  const k =
    latest && has(latest.minK)
      ? latest.minK === latest.maxK
        ? `k = ${latest.minK}`
        : `k = ${latest.minK}…${latest.maxK}`
      : null;
  return card(
    'Ranking queries',
    k,
    lineChart(
      slice.windows,
      [
        {
          name: 'scored',
          className: 'c-current',
          values: slice.ranking.map((r) => (r === null ? null : r.queries)),
        },
        {
          name: 'no relevant item',
          className: 'c-labeled',
          values: slice.ranking.map((r) => (r === null ? null : r.queriesWithoutRelevant)),
        },
      ],
      { yMin: 0, height: 130, format: count, integer: true, label: 'ranking queries per window' },
    ),
    h(
      'p',
      { class: 'note' },
      'Queries whose ground truth names no relevant item are counted, not averaged.',
    ),
  );
}

/** The cards of a multilabel or ranking model's slice (none for other tasks). */
export function renderSetTasks(ctx) {
  const { slice } = ctx;
  const cards = [];
  if (slice.multilabel)
    cards.push(
      card(
        'Labels',
        `${count(slice.multilabel.pairs)} labeled predictions, latest window`,
        labelTable(slice.multilabel),
      ),
    );
  if (slice.ranking) cards.push(rankingCard(slice));
  return cards;
}
