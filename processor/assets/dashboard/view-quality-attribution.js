// The "where quality fell" card: the latest labeled window's feature bins and slice values ranked
// by how much of the rise of the error (against the stream's quality baseline) each caused, with
// the error before and after, the bin's share, the part due to more pairs landing in the bin, and
// the one-sided test's p-value; significant bins (Bonferroni over the bins tested) are marked.
import { h } from './dom.js';
import { count, has, num, pct } from './format.js';
import { card } from './view-common.js';

/** An error as text: a rate in percent, a mean absolute error as a number. */
function errorText(result, value) {
  if (!has(value)) return '—';
  return result.metric === 'error_rate' ? pct(value, 1) : num(value, 4);
}

/** A signed contribution: percentage points for rates, the target's units otherwise. */
function contributionText(result, value) {
  if (!has(value)) return '—';
  const sign = value > 0 ? '+' : '';
  return result.metric === 'error_rate'
    ? `${sign}${num(value * 100, 3)} pt`
    : `${sign}${num(value, 4)}`;
}

/** The card, or null when no window of this slice has an attribution. */
export function renderQualityAttribution(ctx) {
  const result = ctx.slice.qualityAttribution?.findLast((w) => w !== null);
  if (!result) return null;
  const flagged = result.rows.filter((r) => r.significant);
  const measure = result.metric === 'error_rate' ? 'error rate' : 'mean absolute error';
  const subtitle =
    flagged.length > 0
      ? `${flagged.length} bin${flagged.length > 1 ? 's' : ''} significantly worse`
      : `no bin significantly worse (${count(result.binsTested)} tested)`;
  const rows = result.rows.map((r) =>
    h(
      'tr',
      {
        'data-attribute': r.attribute,
        'data-bin': r.bin,
        class: r.significant ? 'flagged' : null,
      },
      h('td', null, r.attribute),
      h('td', null, r.bin),
      h('td', { class: 'num' }, `${count(Math.round(r.pairs))} (${pct(r.share, 0)})`),
      h(
        'td',
        { class: 'num' },
        `${errorText(result, r.baselineError)} → ${errorText(result, r.error)}`,
      ),
      h('td', { class: 'num contribution' }, contributionText(result, r.contribution)),
      h('td', { class: 'num' }, contributionText(result, r.mixContribution)),
      h(
        'td',
        { class: 'num' },
        has(r.pValue) ? `${num(r.pValue, 2)}${r.significant ? ' ✱' : ''}` : 'too few',
      ),
    ),
  );
  return card(
    'Where quality fell',
    subtitle,
    h(
      'div',
      { class: 'mini-title' },
      `Bins ranked by their share of the ${measure}'s rise against the baseline (✱: significant, family-wise α = ${result.alpha})`,
    ),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'fairness-table attribution-table' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', null, 'attribute'),
            h('th', null, 'bin'),
            h('th', { class: 'num' }, 'pairs'),
            h('th', { class: 'num' }, `${measure} (baseline → now)`),
            h('th', { class: 'num' }, 'caused'),
            h('th', { class: 'num' }, 'from mix'),
            h('th', { class: 'num' }, 'p'),
          ),
        ),
        h('tbody', null, ...rows),
      ),
    ),
  );
}
