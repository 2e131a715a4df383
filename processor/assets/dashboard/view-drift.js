// Drift sections: the per-feature table with sparklines, and drift by slice.
import { driftSparkline } from './charts.js';
import { h } from './dom.js';
import { count, DASH, has, num, stateLabel } from './format.js';
import { card, driftSeries, exemplarLinks, pill } from './view-common.js';
import { versionRoute } from './view-sidebar.js';

function describePoint(point, when) {
  const parts = [`${when}: ${stateLabel(point.status)}`];
  if (has(point.score)) parts.push(`score ${num(point.score)}`);
  if (has(point.pValue)) parts.push(`p ${num(point.pValue)}`);
  if (has(point.thresholdEffective)) parts.push(`threshold ${num(point.thresholdEffective)}`);
  parts.push(`n ${count(point.nCurrent)}`);
  return parts.join(' · ');
}

export function renderDriftTable(ctx) {
  const { t, reg, slice } = ctx;
  if (slice.features.length === 0) {
    return card(
      'Feature drift',
      slice.label === 'all' ? 'all slices' : slice.label,
      h('p', { class: 'empty' }, 'No drift decisions yet for this stream.'),
    );
  }
  const head = h(
    'thead',
    null,
    h(
      'tr',
      null,
      [
        'Feature',
        'Method',
        'Status',
        'Score',
        'p-value',
        'Threshold',
        'n current / ref.',
        `Last ${slice.windows.length} windows`,
      ].map((c, i) => h('th', { class: i >= 3 && i <= 6 ? 'num' : null }, c)),
    ),
  );
  const body = h(
    'tbody',
    null,
    slice.features.map((row) => {
      const latest = row.latest;
      const feature =
        row.kind === t.values.driftKindFeature
          ? row.feature
          : `${row.feature} (${stateLabel(row.kind)})`;
      const thresholdKind = [t.attributes.driftThresholdKind.otlp, t.values.thresholdEffective];
      return h(
        'tr',
        {
          class: `drift-row status-${latest.status}${latest.primary === false ? ' companion' : ''}`,
          dataset: {
            feature: row.feature,
            kind: row.kind,
            method: row.method,
            status: latest.status,
          },
        },
        h('td', { class: 'feature' }, feature),
        h('td', { class: 'method' }, row.method),
        h(
          'td',
          { class: 'status', 'data-testid': 'drift-status' },
          reg.wrap(
            pill(latest.status),
            driftSeries(
              ctx,
              row,
              t.metrics.driftStatus,
              `Drift status of ${row.feature}`,
              [[t.attributes.driftState.otlp, latest.status]],
              { suffix: ' == 1' },
            ),
            { class: 'plain' },
          ),
          latest.reason ? h('div', { class: 'reason' }, latest.reason) : null,
          exemplarLinks(ctx.detail.traceUrlTemplate, latest.exemplars, 'examples: ', (e) =>
            e.category !== undefined ? e.category : num(e.value),
          ),
        ),
        h(
          'td',
          { class: 'num' },
          has(latest.score)
            ? reg.wrap(
                num(latest.score),
                driftSeries(
                  ctx,
                  row,
                  t.metrics.driftScore,
                  `Drift score of ${row.feature} (${row.method})`,
                ),
              )
            : DASH,
        ),
        h(
          'td',
          { class: 'num' },
          has(latest.pValue)
            ? reg.wrap(
                num(latest.pValue),
                driftSeries(
                  ctx,
                  row,
                  t.metrics.driftPValue,
                  `p-value of ${row.feature} (${row.method})`,
                ),
              )
            : DASH,
        ),
        h(
          'td',
          { class: 'num' },
          has(latest.thresholdEffective)
            ? reg.wrap(
                num(latest.thresholdEffective),
                driftSeries(
                  ctx,
                  row,
                  t.metrics.driftThreshold,
                  `Effective threshold for ${row.feature} at n=${latest.nCurrent}`,
                  [thresholdKind],
                ),
                {
                  class: 'threshold-value',
                },
              )
            : DASH,
          has(latest.thresholdNominal) && latest.thresholdNominal !== latest.thresholdEffective
            ? h('div', { class: 'nominal' }, `nominal ${num(latest.thresholdNominal)}`)
            : null,
        ),
        h('td', { class: 'num n' }, `${count(latest.nCurrent)} / ${count(latest.nReference)}`),
        h('td', { class: 'spark' }, driftSparkline(row.history, slice.windows, describePoint)),
      );
    }),
  );
  return card(
    'Feature drift',
    `${slice.label === 'all' ? 'all slices' : slice.label} · bars: evidence vs. threshold (dashed), coloured by decision`,
    h('div', { class: 'table-wrap' }, h('table', { class: 'drift-table' }, head, body)),
  );
}

export function renderSliceMatrix(ctx) {
  const { detail, t } = ctx;
  if (detail.slices.length <= 1) return null;
  const rows = new Map();
  for (const s of detail.slices) {
    // One row per feature: its primary method decides (companions are in the drift table).
    for (const f of s.features) {
      if (f.latest.primary === false) continue;
      const key = `${f.kind}\u0000${f.feature}\u0000${f.method}`;
      if (!rows.has(key)) rows.set(key, f);
    }
  }
  const ordered = [...rows.entries()].sort(([, a], [, b]) =>
    a.kind === b.kind
      ? a.feature < b.feature
        ? -1
        : 1
      : a.kind === t.values.driftKindFeature
        ? -1
        : 1,
  );
  return card(
    'Drift by slice',
    'latest decision per feature and slice',
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'matrix' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', null, 'Feature'),
            detail.slices.map((s) => h('th', null, s.label === 'all' ? 'all' : s.label)),
          ),
        ),
        h(
          'tbody',
          null,
          ordered.map(([key, f]) =>
            h(
              'tr',
              null,
              h(
                'td',
                { class: 'feature' },
                f.kind === t.values.driftKindFeature
                  ? f.feature
                  : `${f.feature} (${stateLabel(f.kind)})`,
              ),
              detail.slices.map((s) => {
                const cell = s.features.find(
                  (x) => `${x.kind}\u0000${x.feature}\u0000${x.method}` === key,
                );
                const state = cell?.latest.status;
                return h(
                  'td',
                  {
                    class: 'cell',
                    dataset: { slice: s.label, feature: f.feature, status: state ?? 'none' },
                  },
                  state
                    ? h(
                        'a',
                        {
                          class: `cell-pill status-${state}`,
                          href: versionRoute(
                            detail.model.name,
                            detail.model.version,
                            s.label === 'all' ? '' : s.label,
                          ),
                          title: `${f.feature} in ${s.label}: ${stateLabel(state)}${has(cell.latest.score) ? `, score ${num(cell.latest.score)}` : ''}`,
                        },
                        stateLabel(state),
                      )
                    : DASH,
                );
              }),
            ),
          ),
        ),
      ),
    ),
  );
}
