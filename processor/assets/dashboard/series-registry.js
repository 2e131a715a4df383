// Ties rendered numbers to the series behind them: each gets a data-series id, a native tooltip
// with the PromQL, and opens the popover on click (see app.js).
import { h } from './dom.js';

/** A registry for one render pass. */
export function createRegistry() {
  const items = new Map();
  return {
    items,
    /** Wraps `content` in a clickable element that explains its series. */
    wrap(content, series, attrs = {}) {
      const id = String(items.size + 1);
      items.set(id, series);
      return h(
        'button',
        {
          type: 'button',
          class: `metric-link ${attrs.class ?? ''}`.trim(),
          title: `${series.title}\nPrometheus: ${series.promql}\nOTLP: ${series.otlp}`,
          'data-series': id,
          'aria-haspopup': 'dialog',
        },
        content,
      );
    },
  };
}
