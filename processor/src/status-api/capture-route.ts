/**
 * `GET /api/v1/capture?model=M[&version=V][&from=MS][&to=MS][&limit=N]`: the captured
 * predictions of a model in a time range (with their labels), newest last, at most `limit`
 * (default 100, at most 1000) — the samples around an alert (the dashboard links each alert to
 * the window before and after it). 404 with the reason when no capture store is configured.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readCaptured } from '../capture/read-captured.js';
import { send, sendError } from './handle-status-request.js';

const PATH = '/api/v1/capture';
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

function millis(raw: string | null): number | undefined | null {
  if (raw === null) return undefined;
  const ms = Number(raw);
  return Number.isFinite(ms) ? ms : null;
}

/** The route over the capture store of `dataDir` (`undefined`: capture not configured). */
export function captureRoute(
  dataDir: string | undefined,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== PATH || req.method !== 'GET') return false;
    if (dataDir === undefined) {
      sendError(req, res, 404, 'not_found', 'no capture store: add `capture` to the serve config');
      return true;
    }
    const model = url.searchParams.get('model');
    const from = millis(url.searchParams.get('from'));
    const to = millis(url.searchParams.get('to'));
    const limit = Number(url.searchParams.get('limit') ?? DEFAULT_LIMIT);
    if (model === null || model === '' || from === null || to === null) {
      sendError(
        req,
        res,
        400,
        'bad_request',
        'model is required; from and to are Unix milliseconds',
      );
      return true;
    }
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      sendError(req, res, 400, 'bad_request', `limit must be an integer from 1 to ${MAX_LIMIT}`);
      return true;
    }
    const version = url.searchParams.get('version');
    readCaptured(dataDir, {
      model,
      ...(version !== null ? { version } : {}),
      ...(from !== undefined ? { fromUnixMillis: from } : {}),
      ...(to !== undefined ? { toUnixMillis: to } : {}),
    }).then(
      (examples) =>
        send(req, res, 200, {
          model,
          ...(from !== undefined ? { fromUnixMillis: from } : {}),
          ...(to !== undefined ? { toUnixMillis: to } : {}),
          total: examples.length,
          samples: examples.slice(-limit),
        }),
      (error: unknown) =>
        sendError(
          req,
          res,
          500,
          'internal',
          `cannot read the capture store: ${(error as Error).message}`,
        ),
    );
    return true;
  };
}
