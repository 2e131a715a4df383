// mlmon dashboard entry point: routes on the URL hash, polls the status API, renders, and
// explains any clicked number with its OTLP metric and Prometheus series.
import { h } from './dom.js';
import { clock } from './format.js';
import { createRegistry } from './series-registry.js';
import { renderSidebar, versionRoute } from './view-sidebar.js';
import { renderVersion } from './view-version.js';

const params = new URLSearchParams(location.search);
/** Poll period; `?refresh=2` for faster updates in demos. */
const REFRESH_MS = Math.max(1, Number(params.get('refresh')) || 5) * 1000;
const HISTORY_WINDOWS = Math.min(500, Math.max(1, Number(params.get('windows')) || 30));

const els = {
  sidebar: document.getElementById('sidebar'),
  main: document.getElementById('main'),
  updated: document.getElementById('updated'),
  badge: document.getElementById('alert-badge'),
  popover: document.getElementById('popover'),
};

let registry = createRegistry();
let timer = null;
let generation = 0;

/** Parses `#/models/{name}/versions/{version}?slice=…`. */
function parseRoute() {
  const hash = location.hash.replace(/^#/, '');
  const [path, query = ''] = hash.split('?');
  const match = /^\/models\/([^/]+)\/versions\/([^/]+)$/.exec(path);
  const slice = new URLSearchParams(query).get('slice') ?? '';
  if (!match) return { model: null, version: null, slice };
  try {
    return { model: decodeURIComponent(match[1]), version: decodeURIComponent(match[2]), slice };
  } catch {
    return { model: null, version: null, slice };
  }
}

async function getJson(path) {
  const res = await fetch(path, { headers: { accept: 'application/json' }, cache: 'no-store' });
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const message = body?.error?.message ?? `${res.status} ${res.statusText}`;
    const error = new Error(message);
    error.status = res.status;
    throw error;
  }
  return body;
}

/** The version to show when the URL names none: the one with most firing alerts and drift. */
function defaultVersion(models) {
  let best = null;
  for (const model of models.models) {
    for (const version of model.versions) {
      const drifted = version.slices.reduce((sum, s) => sum + (s.latest?.decisions.drift ?? 0), 0);
      const windows = version.slices.some((s) => s.latest !== null) ? 1 : 0;
      const score = version.alerts.firing * 1e6 + drifted * 10 + windows;
      if (!best || score > best.score) best = { score, name: model.name, version: version.version };
    }
  }
  return best;
}

function setStatus(text, isError) {
  els.updated.textContent = text;
  els.updated.classList.toggle('error', Boolean(isError));
}

function renderBadge(models) {
  const firing = models.models
    .flatMap((m) => m.versions)
    .reduce((sum, v) => sum + v.alerts.firing, 0);
  els.badge.hidden = firing === 0;
  els.badge.textContent = `${firing} alert${firing === 1 ? '' : 's'} firing`;
}

function emptyState() {
  return [
    h(
      'div',
      { class: 'welcome' },
      h('h1', null, 'Waiting for predictions'),
      h(
        'p',
        null,
        'No model has reported data yet. Send OTLP with ml.prediction events (or the ml.inference span) to this processor, for example:',
      ),
      h('pre', null, 'OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4318 node your-model-server.js'),
      h('p', null, 'Each model version appears here once its first window closes.'),
    ),
  ];
}

async function refresh() {
  const mine = ++generation;
  clearTimeout(timer);
  const route = parseRoute();
  try {
    const models = await getJson('/api/v1/models');
    if (mine !== generation) return;
    if (!route.model) {
      const target = defaultVersion(models);
      if (target) {
        history.replaceState(null, '', versionRoute(target.name, target.version));
        return refresh();
      }
    }
    renderBadge(models);
    els.sidebar.replaceChildren(...renderSidebar(models, route));
    registry = createRegistry();
    if (!route.model) {
      els.main.replaceChildren(...emptyState());
    } else {
      const path = `/api/v1/models/${encodeURIComponent(route.model)}/versions/${encodeURIComponent(route.version)}?windows=${HISTORY_WINDOWS}`;
      try {
        const detail = await getJson(path);
        if (mine !== generation) return;
        els.main.replaceChildren(...renderVersion(detail, route, registry));
        document.title = `${detail.model.name} v${detail.model.version} — mlmon`;
      } catch (error) {
        if (mine !== generation) return;
        els.main.replaceChildren(
          h(
            'div',
            { class: 'welcome' },
            h('h1', null, 'Not found'),
            h('p', { class: 'error-text' }, error.message),
          ),
        );
      }
    }
    setStatus(`updated ${clock(Date.now())} · every ${REFRESH_MS / 1000} s`);
    document.body.dataset.loaded = 'true';
  } catch (error) {
    if (mine !== generation) return;
    setStatus(`cannot reach the status API (${error.message}); retrying`, true);
  } finally {
    if (mine === generation) timer = setTimeout(refresh, REFRESH_MS);
  }
}

function closePopover() {
  els.popover.hidden = true;
  els.popover.replaceChildren();
}

function openPopover(target, series) {
  const copy = h('button', { type: 'button', class: 'copy' }, 'Copy PromQL');
  copy.addEventListener('click', async (event) => {
    event.stopPropagation();
    try {
      await navigator.clipboard.writeText(series.promql);
      copy.textContent = 'Copied';
    } catch {
      copy.textContent = 'Select and copy';
    }
  });
  els.popover.replaceChildren(
    h('div', { class: 'pop-title' }, series.title),
    h('div', { class: 'pop-label' }, 'Prometheus'),
    h('code', { class: 'pop-code', 'data-testid': 'promql' }, series.promql),
    h('div', { class: 'pop-label' }, `OTLP metric (${series.instrument}, unit ${series.unit})`),
    h('code', { class: 'pop-code' }, series.otlp),
    h(
      'ul',
      { class: 'pop-attrs' },
      series.attributes.map(([key, value]) =>
        h(
          'li',
          null,
          h('span', { class: 'k' }, key),
          ' = ',
          h('span', { class: 'v' }, value === '' ? '(absent)' : value),
        ),
      ),
    ),
    h(
      'div',
      { class: 'pop-actions' },
      copy,
      h('a', { href: '/metrics', target: '_blank', rel: 'noreferrer' }, 'Open /metrics'),
    ),
  );
  els.popover.hidden = false;
  const rect = target.getBoundingClientRect();
  const width = els.popover.offsetWidth;
  const left = Math.min(
    window.scrollX + rect.left,
    window.scrollX + document.documentElement.clientWidth - width - 12,
  );
  els.popover.style.left = `${Math.max(8, left)}px`;
  els.popover.style.top = `${window.scrollY + rect.bottom + 6}px`;
}

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('[data-series]') : null;
  if (target) {
    const series = registry.items.get(target.dataset.series);
    if (series) {
      event.preventDefault();
      openPopover(target, series);
      return;
    }
  }
  if (!els.popover.contains(event.target)) closePopover();
});
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') closePopover();
});
window.addEventListener('hashchange', () => {
  closePopover();
  void refresh();
});

void refresh();
