/**
 * The status API's rendering of an SLO's status: durations as `1h`/`30d`, the indicator by its
 * kind, the burn of each alert window pair.
 */
import type { SloStatus } from '../alerts/evaluate-slos.js';
import { formatDuration } from '../alerts/slo-metrics.js';
import type { StatusSlo } from './types.js';

/** One SLO on one stream as the status API shows it. */
export function renderSlo(status: SloStatus): StatusSlo {
  const { slo } = status;
  return {
    name: slo.name,
    ...(slo.description !== undefined ? { description: slo.description } : {}),
    indicator: slo.indicator.kind,
    target: slo.target,
    period: formatDuration(slo.periodSeconds),
    slice: status.stream.slice,
    ...(status.sli !== undefined ? { sli: status.sli } : {}),
    ...(status.budgetRemaining !== undefined ? { budgetRemaining: status.budgetRemaining } : {}),
    burnRates: status.burnRates.map((b) => ({
      longWindow: formatDuration(b.longSeconds),
      shortWindow: formatDuration(b.shortSeconds),
      burnRate: b.burnRate,
      severity: b.severity,
      ...(b.longBurn !== undefined ? { longBurn: b.longBurn } : {}),
      ...(b.shortBurn !== undefined ? { shortBurn: b.shortBurn } : {}),
      firing: b.firing,
    })),
    endUnixMillis: status.endUnixMillis,
  };
}
