// The page of one model version: slice tabs, headline numbers, alerts, the drift table with
// sparklines, drift by slice, the reliability diagram, quality, coverage and data quality.
import { driftSparkline, lineChart, reliabilityDiagram } from './charts.js';
import { h, s } from './dom.js';
import { ago, count, DASH, duration, has, num, pct, stateLabel, windowRange } from './format.js';
import { describeSeries, streamAttributes } from './series.js';
import { versionRoute } from './view-sidebar.js';

const QUALITY_CLASSES = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8'];

function card(title, subtitle, ...body) {
  return h(
    'section',
    { class: 'card' },
    h(
      'header',
      { class: 'card-head' },
      h('h2', null, title),
      subtitle ? h('span', { class: 'card-sub' }, subtitle) : null,
    ),
    ...body,
  );
}

function pill(state, attrs = {}) {
  return h('span', { class: `pill status-${state}`, ...attrs }, stateLabel(state));
}

/** Everything a section renderer needs. */
function context(detail, slice, reg) {
  const t = detail.telemetry;
  const sliceKeys = [...new Set(detail.slices.flatMap((s) => Object.keys(s.slice)))].sort();
  const base = streamAttributes(t, detail.model, slice.slice, sliceKeys);
  return { t, base, reg, detail, slice, sliceKeys };
}

function driftSeries(ctx, row, metric, title, extra = [], options = {}) {
  const { t, base } = ctx;
  const attrs = [
    [t.attributes.driftKind.otlp, row.kind],
    ...(row.kind === t.values.driftKindFeature
      ? [[t.attributes.featureName.otlp, row.feature]]
      : []),
    [t.attributes.driftMethod.otlp, row.method],
    ...extra,
  ];
  return describeSeries(t, title, metric, base, attrs, options);
}

function renderHeader(detail, slice) {
  const latest = slice.latest;
  return h(
    'div',
    { class: 'page-head' },
    h(
      'div',
      null,
      h(
        'h1',
        null,
        detail.model.name,
        h('span', { class: 'chip' }, `v${detail.model.version}`),
        detail.model.task
          ? h('span', { class: 'chip muted' }, stateLabel(detail.model.task))
          : null,
      ),
      h(
        'p',
        { class: 'sub' },
        latest
          ? `Latest window ${windowRange(latest)} (${ago(latest.endUnixMillis)}), ${slice.windows.length} window${slice.windows.length === 1 ? '' : 's'} of history`
          : 'No closed window yet: statistics appear when the first window closes.',
      ),
    ),
    latest
      ? h('div', { class: 'head-status' }, pill(latest.status, { 'data-testid': 'version-status' }))
      : null,
  );
}

function renderSliceTabs(detail, slice) {
  if (detail.slices.length <= 1) return null;
  return h(
    'nav',
    { class: 'tabs', 'aria-label': 'Slices' },
    detail.slices.map((s) =>
      h(
        'a',
        {
          href: versionRoute(
            detail.model.name,
            detail.model.version,
            s.label === 'all' ? '' : s.label,
          ),
          class: s === slice ? 'tab selected' : 'tab',
          'aria-current': s === slice ? 'page' : null,
          dataset: { slice: s.label },
        },
        h('span', { class: `dot status-${s.latest?.status ?? 'insufficient_data'}` }),
        s.label === 'all' ? 'All slices' : s.label,
        s.latest && s.latest.decisions.drift > 0
          ? h('span', { class: 'tab-count' }, String(s.latest.decisions.drift))
          : null,
      ),
    ),
  );
}

function tile(label, value, sub, extraClass) {
  return h(
    'div',
    { class: `tile ${extraClass ?? ''}`.trim() },
    h('div', { class: 'tile-label' }, label),
    h('div', { class: 'tile-value' }, value),
    h('div', { class: 'tile-sub' }, sub ?? ''),
  );
}

function renderTiles(ctx) {
  const { t, base, reg, slice } = ctx;
  const latest = slice.latest;
  if (!latest) return null;
  const pop = (value) => [[t.attributes.monitorPopulation.otlp, value]];
  const tiles = [];
  tiles.push(
    tile(
      'Predictions in window',
      reg.wrap(
        count(latest.samples.current),
        describeSeries(
          t,
          'Predictions in the current window',
          t.metrics.monitorSamples,
          base,
          pop(t.values.populationCurrent),
        ),
      ),
      h(
        'span',
        null,
        'reference ',
        reg.wrap(
          count(latest.samples.reference),
          describeSeries(
            t,
            'Rows in the reference',
            t.metrics.monitorSamples,
            base,
            pop(t.values.populationReference),
          ),
        ),
      ),
    ),
  );
  tiles.push(
    tile(
      'Drifted',
      reg.wrap(
        `${latest.decisions.drift} / ${latest.decisions.total}`,
        describeSeries(
          t,
          'Decisions in state drift',
          t.metrics.driftStatus,
          base,
          [[t.attributes.driftState.otlp, t.values.driftStateDrift]],
          { suffix: ' == 1', wrap: 'count' },
        ),
      ),
      latest.driftedFeatures.length > 0
        ? latest.driftedFeatures.join(', ')
        : latest.decisions.insufficientData > 0
          ? `${latest.decisions.insufficientData} with insufficient data`
          : 'no drift',
      latest.decisions.drift > 0 ? 'tile-bad' : 'tile-good',
    ),
  );
  const calibration = slice.calibration.latest;
  if (calibration) {
    tiles.push(
      tile(
        'Calibration error (ECE)',
        reg.wrap(
          num(calibration.ece),
          describeSeries(
            t,
            `Expected calibration error (${calibration.method})`,
            t.metrics.calibrationError,
            base,
            [[t.attributes.calibrationMethod.otlp, calibration.method]],
          ),
        ),
        `MCE ${num(calibration.mce)} · Brier ${num(calibration.brier)}`,
        has(calibration.ece) && calibration.ece > 0.1 ? 'tile-bad' : null,
      ),
    );
  }
  const headline =
    slice.quality.find((q) => q.metric === t.values.qualityAccuracy) ?? slice.quality[0];
  if (headline) {
    const metric =
      headline.instrument === 'error' ? t.metrics.qualityError : t.metrics.qualityScore;
    tiles.push(
      tile(
        stateLabel(headline.metric),
        reg.wrap(
          headline.instrument === 'error' ? num(headline.latest) : pct(headline.latest),
          describeSeries(t, `Quality: ${headline.metric}`, metric, base, [
            [t.attributes.qualityMetric.otlp, headline.metric],
          ]),
        ),
        `on ${count(latest.samples.labeled)} labeled predictions`,
      ),
    );
  }
  const gt = slice.groundTruth.at(-1);
  tiles.push(
    tile(
      'Label coverage',
      reg.wrap(
        pct(latest.coverage),
        describeSeries(
          t,
          'Share of predictions with a joined label',
          t.metrics.groundTruthCoverage,
          base,
        ),
      ),
      gt && has(gt.meanDelaySeconds)
        ? `mean label delay ${duration(gt.meanDelaySeconds)}`
        : gt && gt.labeled > 0
          ? `${count(gt.labeled)} labels joined`
          : 'no labels joined yet',
    ),
  );
  return h('div', { class: 'tiles' }, tiles);
}

function renderAlerts(ctx) {
  const { t, reg, detail } = ctx;
  if (detail.alerts.length === 0) return null;
  const rows = detail.alerts.map((alert) => {
    const sliceText = Object.keys(alert.slice).length
      ? Object.entries(alert.slice)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')
      : 'all slices';
    const base = streamAttributes(t, detail.model, alert.slice, ctx.sliceKeys);
    const series = describeSeries(
      t,
      `Alert ${alert.rule}`,
      t.metrics.alertStatus,
      base,
      [
        [t.attributes.alertRule.otlp, alert.rule],
        [t.attributes.alertState.otlp, alert.state],
      ],
      { suffix: ' == 1' },
    );
    return h(
      'li',
      { class: `alert alert-${alert.state}`, dataset: { rule: alert.rule, state: alert.state } },
      reg.wrap(pill(alert.state), series, { class: 'plain' }),
      h('span', { class: 'alert-rule' }, alert.rule),
      alert.severity
        ? h('span', { class: `severity severity-${alert.severity}` }, alert.severity)
        : null,
      h(
        'span',
        { class: 'alert-what' },
        [alert.feature, alert.statistic].filter(Boolean).join(' · ') || DASH,
      ),
      h('span', { class: 'alert-slice' }, sliceText),
      h(
        'span',
        { class: 'alert-value' },
        has(alert.value)
          ? `${num(alert.value)}${has(alert.threshold) ? ` vs ${num(alert.threshold)}` : ''}`
          : '',
      ),
      h('span', { class: 'alert-since' }, `since ${ago(alert.sinceUnixMillis)}`),
    );
  });
  const firing = detail.alerts.filter((a) => a.state === ctx.t.values.alertStateFiring).length;
  return card('Alerts', `${firing} firing`, h('ul', { class: 'alerts' }, rows));
}

function describePoint(point, when) {
  const parts = [`${when}: ${stateLabel(point.status)}`];
  if (has(point.score)) parts.push(`score ${num(point.score)}`);
  if (has(point.pValue)) parts.push(`p ${num(point.pValue)}`);
  if (has(point.thresholdEffective)) parts.push(`threshold ${num(point.thresholdEffective)}`);
  parts.push(`n ${count(point.nCurrent)}`);
  return parts.join(' · ');
}

function renderDriftTable(ctx) {
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

function renderSliceMatrix(ctx) {
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

function renderCalibration(ctx) {
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
      h('div', { class: 'diagram' }, diagram, legend, h('div', { class: 'card-foot' }, binsLink)),
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
          'Points below the diagonal: the model is overconfident (scores higher than the observed positive share). Shaded bars show the gap per bin.',
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

function renderQuality(ctx) {
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
  return card('Quality over time', 'on labeled predictions', ...blocks);
}

function renderCoverage(ctx) {
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
  const samples = lineChart(
    slice.windows,
    [
      { name: 'predictions', className: 'c-current', values: slice.samples.map((s) => s.current) },
      { name: 'labeled', className: 'c-labeled', values: slice.samples.map((s) => s.labeled) },
    ],
    { yMin: 0, height: 130, format: count, integer: true, label: 'samples per window' },
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

function renderDataQuality(ctx) {
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

/** Renders the version page into an array of nodes. */
export function renderVersion(detail, route, reg) {
  const slice = detail.slices.find((s) => s.label === (route.slice || 'all')) ?? detail.slices[0];
  if (!slice) return [h('p', { class: 'empty' }, 'This version has no streams.')];
  const ctx = context(detail, slice, reg);
  if (slice.windows.length === 0) {
    // Nothing closed yet: one clear message instead of empty charts.
    return [
      renderHeader(detail, slice),
      renderSliceTabs(detail, slice),
      renderAlerts(ctx),
      h(
        'div',
        { class: 'welcome' },
        h('h1', null, 'Collecting the first window'),
        h(
          'p',
          null,
          'Predictions for this stream are being counted. Drift, calibration and quality appear here when the first window closes (the window length is set by the processor).',
        ),
      ),
    ].filter(Boolean);
  }
  return [
    renderHeader(detail, slice),
    renderSliceTabs(detail, slice),
    renderTiles(ctx),
    renderAlerts(ctx),
    renderDriftTable(ctx),
    // Cards flow two per row; a missing one (no calibration, a single slice) leaves no hole.
    h(
      'div',
      { class: 'grid-2' },
      [
        renderCalibration(ctx),
        renderSliceMatrix(ctx),
        renderQuality(ctx),
        renderCoverage(ctx),
      ].filter(Boolean),
    ),
    renderDataQuality(ctx),
    h(
      'footer',
      { class: 'page-foot' },
      'JSON: ',
      h(
        'a',
        {
          href: `/api/v1/models/${encodeURIComponent(detail.model.name)}/versions/${encodeURIComponent(detail.model.version)}`,
        },
        'status API',
      ),
      ' · Prometheus: ',
      h('a', { href: '/metrics' }, '/metrics'),
      ' · click any number to see its OTLP metric and Prometheus series',
    ),
  ].filter(Boolean);
}
