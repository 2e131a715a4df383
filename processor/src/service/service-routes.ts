/**
 * The admin server's routes after `/metrics`: the embedder's own routes first, then the
 * reference reset (`POST /api/v1/models/…/reference/reset`), the status API (`/api/v1/…`,
 * `/healthz`, `/readyz`) over the kept results and alerts, the runbooks (`/runbooks`), then the
 * dashboard.
 */
import { handleDashboardRequest } from '../dashboard/handle-dashboard-request.js';
import { handleRunbooksRequest } from '../dashboard/handle-runbooks-request.js';
import { handleStatusRequest } from '../status-api/handle-status-request.js';
import type { WindowResultStore } from '../status-api/status-source-from-results.js';
import { statusSourceFromResults } from '../status-api/status-source-from-results.js';
import type { ReferenceReset } from '../state/reset-references.js';
import type { AdminRoute } from './admin-server.js';
import { referenceResetRoute } from './reference-reset-route.js';
import { captureRoute } from '../status-api/capture-route.js';
import type { ServiceAlerts } from './service-alerts.js';

/** What the routes read. */
export interface ServiceRouteSources {
  readonly extra: readonly AdminRoute[];
  readonly results: WindowResultStore;
  readonly alerts: Pick<ServiceAlerts, 'status' | 'sloStatus'>;
  /** Whether the OTLP receivers are listening (`/readyz`). */
  readonly ready: () => boolean;
  /** Why the processor cannot take data although it listens (a failed write-ahead log). */
  readonly notReadyReason?: () => string | undefined;
  readonly now: () => number;
  /** `--trace-url-template`, for links to example traces. */
  readonly traceUrlTemplate?: string;
  /** The data directory of the capture store, when one is configured (`GET /api/v1/capture`). */
  readonly captureDataDir?: string;
  /** Resets a model's references (`POST …/reference/reset`). */
  readonly resetReference: (model: string, version: string | undefined) => Promise<ReferenceReset>;
}

/** The routes in the order they are tried. */
export function adminRoutes(sources: ServiceRouteSources): AdminRoute[] {
  const statusSource = statusSourceFromResults(sources.results, {
    alerts: () => sources.alerts.status(),
    slos: () => sources.alerts.sloStatus(),
    readiness: () => {
      if (!sources.ready()) return { ready: false, reason: 'the OTLP receivers are not listening' };
      const reason = sources.notReadyReason?.();
      return reason === undefined ? { ready: true } : { ready: false, reason };
    },
    ...(sources.traceUrlTemplate !== undefined
      ? { traceUrlTemplate: sources.traceUrlTemplate }
      : {}),
  });
  return [
    ...sources.extra,
    referenceResetRoute(sources.resetReference),
    captureRoute(sources.captureDataDir),
    (req, res) => handleStatusRequest(req, res, statusSource, { now: sources.now }),
    handleRunbooksRequest,
    handleDashboardRequest,
  ];
}
