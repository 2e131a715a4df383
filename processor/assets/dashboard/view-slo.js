// The SLO card: each objective of the slice with its good share, the error budget left and the
// burn of every alert window pair (a pair fires when both windows reach its rate).
import { h } from './dom.js';
import { num, pct } from './format.js';
import { describeSeries } from './series.js';
import { card, pill } from './view-common.js';

function sameSlice(a, b) {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

function burnCell(ctx, slo, b) {
  const { t, base, reg } = ctx;
  const series = (window) =>
    describeSeries(t, `Burn rate of ${slo.name} over ${window}`, t.metrics.sloBurnRate, base, [
      [t.attributes.sloName.otlp, slo.name],
      [t.attributes.sloWindow.otlp, window],
    ]);
  return h(
    'td',
    { class: `burn${b.firing ? ' burn-firing' : ''}`, dataset: { firing: String(b.firing) } },
    h('span', { class: 'burn-windows' }, `${b.longWindow} / ${b.shortWindow}`),
    ' ',
    reg.wrap(`${num(b.longBurn, 2)}×`, series(b.longWindow), { class: 'small' }),
    ' / ',
    reg.wrap(`${num(b.shortBurn, 2)}×`, series(b.shortWindow), { class: 'small' }),
    h('span', { class: 'burn-limit' }, ` of ${num(b.burnRate, 3)}× ${b.severity}`),
  );
}

/** The SLO card of the slice, or null when no SLO watches it. */
export function renderSlos(ctx) {
  const { t, base, reg, detail, slice } = ctx;
  const slos = (detail.slos ?? []).filter((s) => sameSlice(s.slice, slice.slice));
  if (slos.length === 0) return null;
  const firing = slos.filter((s) => s.burnRates.some((b) => b.firing)).length;
  return card(
    'SLOs',
    firing > 0 ? `${firing} burning too fast` : 'within their budgets',
    h(
      'table',
      { class: 'slo-table' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', null, 'Objective'),
          h('th', { class: 'num' }, 'Good'),
          h('th', { class: 'num' }, 'Budget left'),
          h('th', null, 'Burn rates (long / short window)'),
        ),
      ),
      h(
        'tbody',
        null,
        slos.map((slo) => {
          const burning = slo.burnRates.some((b) => b.firing);
          return h(
            'tr',
            { class: 'slo-row', dataset: { slo: slo.name, burning: String(burning) } },
            h(
              'td',
              { class: 'feature' },
              burning ? pill(t.values.alertStateFiring) : null,
              ' ',
              h('strong', null, slo.name),
              h(
                'div',
                { class: 'sub' },
                `${slo.description ?? slo.indicator}: ${pct(slo.target, 2)} over ${slo.period}`,
              ),
            ),
            h('td', { class: 'num' }, pct(slo.sli, 2)),
            h(
              'td',
              { class: 'num' },
              reg.wrap(
                pct(slo.budgetRemaining, 0),
                describeSeries(
                  t,
                  `Error budget left of ${slo.name}`,
                  t.metrics.sloBudgetRemaining,
                  base,
                  [[t.attributes.sloName.otlp, slo.name]],
                ),
              ),
            ),
            h(
              'td',
              null,
              h(
                'table',
                { class: 'burns' },
                h(
                  'tbody',
                  null,
                  slo.burnRates.map((b) => h('tr', null, burnCell(ctx, slo, b))),
                ),
              ),
            ),
          );
        }),
      ),
    ),
  );
}
