// The left column: models, their versions with a status dot and firing-alert count.
import { h } from './dom.js';
import { stateLabel } from './format.js';

/** The route of a version. */
export function versionRoute(name, version, slice) {
  const base = `#/models/${encodeURIComponent(name)}/versions/${encodeURIComponent(version)}`;
  return slice ? `${base}?slice=${encodeURIComponent(slice)}` : base;
}

/** Renders the sidebar. */
export function renderSidebar(models, route) {
  if (!models || models.models.length === 0) {
    return [h('p', { class: 'sidebar-empty' }, 'No models yet.')];
  }
  return [
    h('div', { class: 'sidebar-title' }, 'Models'),
    ...models.models.map((model) =>
      h(
        'section',
        { class: 'model', dataset: { model: model.name } },
        h('div', { class: 'model-name', title: model.name }, model.name),
        h(
          'ul',
          { class: 'versions' },
          model.versions.map((version) => {
            const selected = route.model === model.name && route.version === version.version;
            return h(
              'li',
              null,
              h(
                'a',
                {
                  href: versionRoute(model.name, version.version),
                  class: selected ? 'version selected' : 'version',
                  'aria-current': selected ? 'page' : null,
                  dataset: { version: version.version, status: version.status },
                },
                h('span', {
                  class: `dot status-${version.status}`,
                  title: stateLabel(version.status),
                }),
                h('span', { class: 'version-name' }, `v${version.version}`),
                version.task ? h('span', { class: 'task' }, stateLabel(version.task)) : null,
                version.alerts.firing > 0
                  ? h(
                      'span',
                      { class: 'alert-count', title: `${version.alerts.firing} firing alert(s)` },
                      String(version.alerts.firing),
                    )
                  : null,
              ),
            );
          }),
        ),
      ),
    ),
  ];
}
