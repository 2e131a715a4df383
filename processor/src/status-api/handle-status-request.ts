/**
 * The status API's HTTP shell: routes `GET /api/v1/models`, `GET /api/v1/models/{name}/versions/{version}`,
 * `GET /healthz` and `GET /readyz` on the admin port to the pure builders and writes JSON.
 * Returns false for any other path, so the service can chain it with `/metrics` and the
 * dashboard. Authentication, when configured, is the caller's job (it runs before this).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildModelsResponse } from './build-models-response.js';
import { buildVersionDetail } from './build-version-detail.js';
import {
  DEFAULT_HISTORY_WINDOWS,
  MAX_HISTORY_WINDOWS,
  type HealthResponse,
  type ReadinessResponse,
  type StatusErrorCode,
  type StatusErrorResponse,
  type StatusSource,
} from './types.js';

/** Options of {@link handleStatusRequest}. */
export interface StatusRequestOptions {
  /** Clock for `generatedAtUnixMillis`. @default Date.now */
  readonly now?: () => number;
}

/** Prefix of every API path; anything under it that is not a route is a JSON 404. */
export const STATUS_API_PREFIX = '/api/v1/';

const MODELS_PATH = '/api/v1/models';
const HEALTH_PATH = '/healthz';
const READY_PATH = '/readyz';
const DETAIL_PATTERN = /^\/api\/v1\/models\/([^/]+)\/versions\/([^/]*)\/?$/;

/** Writes `body` as the API's JSON answer (no-store; no body for HEAD). */
export function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
): void {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    // Results change every window; intermediaries must not serve stale states.
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : text);
}

/** Writes the API's `{ error: { code, message } }` answer. */
export function sendError(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  code: StatusErrorCode,
  message: string,
): void {
  const body: StatusErrorResponse = { error: { code, message } };
  send(req, res, status, body);
}

/**
 * Parses `?windows=`: a whole number in [1, {@link MAX_HISTORY_WINDOWS}], default
 * {@link DEFAULT_HISTORY_WINDOWS}. Returns an error message for anything else.
 */
export function parseWindowsParam(raw: string | null): number | string {
  if (raw === null || raw === '') return DEFAULT_HISTORY_WINDOWS;
  if (!/^[0-9]+$/.test(raw))
    return `query parameter "windows" must be a whole number, got ${JSON.stringify(raw)}`;
  const value = Number(raw);
  if (value < 1 || value > MAX_HISTORY_WINDOWS) {
    return `query parameter "windows" must be between 1 and ${MAX_HISTORY_WINDOWS}, got ${value}`;
  }
  return value;
}

function isOurPath(path: string): boolean {
  return (
    path === HEALTH_PATH ||
    path === READY_PATH ||
    path === MODELS_PATH ||
    path.startsWith(STATUS_API_PREFIX)
  );
}

/**
 * Serves the request when its path belongs to the status API and returns true; returns false
 * (writing nothing) otherwise. Never throws for bad input: malformed paths and parameters get
 * a 400, unknown models/versions a 404, other methods than GET/HEAD a 405, all with a JSON
 * `{ error: { code, message } }` body.
 */
export function handleStatusRequest(
  req: IncomingMessage,
  res: ServerResponse,
  source: StatusSource,
  options: StatusRequestOptions = {},
): boolean {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname;
  if (!isOurPath(path)) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    sendError(
      req,
      res,
      405,
      'method_not_allowed',
      `${req.method ?? '?'} is not allowed on ${path}; use GET`,
    );
    return true;
  }
  const now = options.now ?? Date.now;

  if (path === HEALTH_PATH) {
    const body: HealthResponse = { status: 'ok' };
    send(req, res, 200, body);
    return true;
  }
  if (path === READY_PATH) {
    const readiness = source.readiness?.() ?? { ready: true };
    const body: ReadinessResponse = readiness.ready
      ? { status: 'ready' }
      : {
          status: 'not_ready',
          ...(readiness.reason !== undefined ? { reason: readiness.reason } : {}),
        };
    send(req, res, readiness.ready ? 200 : 503, body);
    return true;
  }
  if (path === MODELS_PATH || path === `${MODELS_PATH}/`) {
    send(req, res, 200, buildModelsResponse(source, now()));
    return true;
  }
  const match = DETAIL_PATTERN.exec(path);
  if (match === null) {
    sendError(
      req,
      res,
      404,
      'not_found',
      `no such API resource ${JSON.stringify(path)}; available: GET ${MODELS_PATH}, GET ${MODELS_PATH}/{name}/versions/{version}`,
    );
    return true;
  }
  let name: string;
  let version: string;
  try {
    name = decodeURIComponent(match[1] ?? '');
    version = decodeURIComponent(match[2] ?? '');
  } catch {
    sendError(
      req,
      res,
      400,
      'bad_request',
      `path ${JSON.stringify(path)} is not valid percent-encoding`,
    );
    return true;
  }
  const windows = parseWindowsParam(url.searchParams.get('windows'));
  if (typeof windows === 'string') {
    sendError(req, res, 400, 'bad_request', windows);
    return true;
  }
  const result = buildVersionDetail(source, name, version, windows, now());
  send(req, res, result.ok ? 200 : 404, result.body);
  return true;
}
