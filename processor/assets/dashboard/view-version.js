// The page of one model version: slice tabs, headline numbers and alerts here; the drift,
// calibration and quality sections in their own modules.
import { h } from './dom.js';
import { ago, count, DASH, duration, has, num, pct, stateLabel, windowRange } from './format.js';
import { describeSeries, streamAttributes } from './series.js';
import { renderCalibration } from './view-calibration.js';
import { context, card, pill } from './view-common.js';
import { renderDriftTable, renderSliceMatrix } from './view-drift.js';
import { renderCoverage, renderDataQuality, renderQuality } from './view-quality.js';
import { renderService } from './view-service.js';
import { renderGenAi } from './view-genai.js';
import { renderFairness } from './view-fairness.js';
import { renderQualityAttribution } from './view-quality-attribution.js';
import { renderSetTasks } from './view-set-tasks.js';
import { renderEstimation } from './view-estimation.js';
import { renderVersions } from './view-versions.js';
import { renderSlos } from './view-slo.js';
import { versionRoute } from './view-sidebar.js';

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

/**
 * The quality metric a version's tiles lead with: the first of accuracy, micro F1 (multilabel),
 * NDCG (ranking) and RMSE (regression, forecasting) that has a value, else the first metric.
 */
function headlineQuality(t, quality) {
  for (const metric of t.values.headlineQuality) {
    const q = quality.find((m) => m.metric === metric && m.latest !== undefined);
    if (q) return q;
  }
  return quality[0];
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

/**
 * "on 196 of 200 predictions": quality is measured on the window's predictions whose label was
 * joined by the window's close; the rest had no label yet (late or never), so the two differ.
 */
function labeledNote(samples) {
  const unlabeled = samples.current - samples.labeled;
  return h(
    'span',
    {
      dataset: { testid: 'labeled-note' },
      title:
        unlabeled > 0
          ? `${count(unlabeled)} predictions of this window had no label joined when it closed (labels arrive later or never); quality counts only labeled ones`
          : 'every prediction of this window has its label',
    },
    `on ${count(samples.labeled)} of ${count(samples.current)} labeled`,
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
  const headline = headlineQuality(t, slice.quality);
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
        labeledNote(latest.samples),
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

/** Only http(s) and same-origin links are rendered: a rule's URL never becomes script. */
function safeLink(url) {
  return typeof url === 'string' && /^(https?:\/\/|\/(?!\/))/.test(url);
}

/**
 * The captured samples around an alert (the window before it fired and the one after, from the
 * capture store's status API route; it answers 404 with the reason when capture is off).
 */
function samplesLink(ctx, alert) {
  const w = ctx.slice.windows.at(-1);
  if (!w || !has(alert.sinceUnixMillis)) return null;
  const length = w.endUnixMillis - w.startUnixMillis;
  const params = new URLSearchParams({
    model: ctx.detail.model.name,
    version: ctx.detail.model.version,
    from: String(alert.sinceUnixMillis - length),
    to: String(alert.sinceUnixMillis + length),
  });
  return h(
    'a',
    { class: 'alert-samples', href: `/api/v1/capture?${params}`, dataset: { testid: 'samples' } },
    'samples',
  );
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
    const samples = samplesLink(ctx, alert);
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
      alert.impact || alert.runbookUrl || samples
        ? h(
            'span',
            { class: 'alert-impact' },
            alert.impact ?? '',
            samples,
            safeLink(alert.runbookUrl)
              ? h(
                  'a',
                  { class: 'alert-runbook', href: alert.runbookUrl, rel: 'noreferrer' },
                  'runbook',
                )
              : null,
          )
        : null,
    );
  });
  const firing = detail.alerts.filter((a) => a.state === ctx.t.values.alertStateFiring).length;
  return card('Alerts', `${firing} firing`, h('ul', { class: 'alerts' }, rows));
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
        renderQualityAttribution(ctx),
        renderEstimation(ctx),
        renderCoverage(ctx),
        renderService(ctx),
        renderGenAi(ctx),
        renderSlos(ctx),
        ...renderFairness(ctx),
        ...renderSetTasks(ctx),
        renderVersions(ctx),
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
