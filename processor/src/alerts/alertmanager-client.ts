/**
 * Posts alerts to one Alertmanager's API v2 (`POST <base>/api/v2/alerts`, a JSON array) with
 * Node's `fetch` and a timeout. Credentials in the URL (`http://user:pass@host:9093`) become a
 * basic `Authorization` header and never appear in messages. Failures are returned, never
 * thrown: the caller counts and logs them.
 */
import type { AlertmanagerAlert } from './alertmanager-alert.js';

/** The outcome of one post; `error` names the URL and the HTTP status or the network error. */
export type AlertmanagerPostOutcome = { ok: true } | { ok: false; error: string };

/** Posts alert batches to one Alertmanager. */
export interface AlertmanagerClient {
  /** The alerts endpoint, without credentials (for messages). */
  readonly url: string;
  post(alerts: readonly AlertmanagerAlert[]): Promise<AlertmanagerPostOutcome>;
}

/** The API path alerts are posted to. */
const ALERTS_PATH = '/api/v2/alerts';

/**
 * The alerts endpoint of an Alertmanager base URL (`http://am:9093`, or with a route prefix
 * `http://host/alertmanager`); a URL that already ends in `/api/v2/alerts` is kept.
 */
export function alertsEndpoint(baseUrl: string): URL {
  const url = new URL(baseUrl);
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith(ALERTS_PATH) ? path : `${path}${ALERTS_PATH}`;
  return url;
}

/** The alerts endpoint of `baseUrl` without its credentials, for messages. */
export function displayAlertsEndpoint(baseUrl: string): string {
  const url = alertsEndpoint(baseUrl);
  url.username = '';
  url.password = '';
  return url.toString();
}

/** A client for the Alertmanager at `baseUrl`; each post gives up after `timeoutMillis`. */
export function createAlertmanagerClient(
  baseUrl: string,
  timeoutMillis: number,
  fetchImpl: typeof fetch = fetch,
): AlertmanagerClient {
  const endpoint = alertsEndpoint(baseUrl);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (endpoint.username !== '' || endpoint.password !== '') {
    const user = decodeURIComponent(endpoint.username);
    const password = decodeURIComponent(endpoint.password);
    headers['authorization'] = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    endpoint.username = '';
    endpoint.password = '';
  }
  const url = endpoint.toString();
  return {
    url,
    async post(alerts) {
      try {
        const response = await fetchImpl(url, {
          method: 'POST',
          headers,
          body: JSON.stringify(alerts),
          signal: AbortSignal.timeout(timeoutMillis),
        });
        const text = await response.text();
        if (response.ok) return { ok: true };
        const detail = text.trim().slice(0, 200);
        return {
          ok: false,
          error: `HTTP ${response.status} from ${url}${detail ? `: ${detail}` : ''}`,
        };
      } catch (error) {
        return { ok: false, error: `${url}: ${describe(error)}` };
      }
    },
  };
}

/** The error's message with its cause (`fetch failed` alone does not say what failed). */
function describe(error: unknown): string {
  const { message, cause } = error as Error & { cause?: unknown };
  const why = cause instanceof Error ? cause.message : undefined;
  return why !== undefined && why !== '' && why !== message ? `${message} (${why})` : message;
}
