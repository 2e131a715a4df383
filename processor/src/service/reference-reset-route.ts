/**
 * `POST /api/v1/models/{name}/versions/{version}/reference/reset` (one version) and
 * `POST /api/v1/models/{name}/reference/reset` (every version) on the admin port: resets the
 * model's stored references without a restart, so an intended change (a new feature pipeline,
 * a launch in a new market) stops being reported as drift from then on. Answers JSON in the
 * status API's shapes: 200 with what was reset, 404 for an unknown model or version, 409 when
 * the references are training profiles (configuration), 405 for other methods.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { send, sendError } from '../status-api/handle-status-request.js';
import type { ReferenceReset } from '../state/reset-references.js';
import type { AdminRoute } from './admin-server.js';

const RESET_PATTERN = /^\/api\/v1\/models\/([^/]+)(?:\/versions\/([^/]+))?\/reference\/reset\/?$/;

/** What a reset answered. */
export interface ReferenceResetResponse {
  readonly model: string;
  /** The version reset, or null for every version of the model. */
  readonly version: string | null;
  readonly modelVersions: number;
  /** Streams whose stored reference window was dropped. */
  readonly streams: number;
  readonly next: string;
}

/** The route over `reset` (the service's {@link MlmonService.resetReference}). */
export function referenceResetRoute(
  reset: (model: string, version: string | undefined) => Promise<ReferenceReset>,
): AdminRoute {
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const match = RESET_PATTERN.exec(path);
    if (match === null) return false;
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      sendError(
        req,
        res,
        405,
        'method_not_allowed',
        `${req.method ?? '?'} is not allowed on ${path}; use POST`,
      );
      return true;
    }
    let model: string;
    let version: string | undefined;
    try {
      model = decodeURIComponent(match[1]!);
      version = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
    } catch {
      sendError(req, res, 400, 'bad_request', `malformed percent-encoding in ${path}`);
      return true;
    }
    // The body, if any, is not read: drain it so the connection can be reused.
    req.resume();
    reset(model, version).then(
      (outcome) => answer(req, res, model, version, outcome),
      (e: Error) => sendError(req, res, 500, 'internal', e.message),
    );
    return true;
  };
}

function answer(
  req: IncomingMessage,
  res: ServerResponse,
  model: string,
  version: string | undefined,
  outcome: ReferenceReset,
): void {
  const which =
    version === undefined
      ? `model ${JSON.stringify(model)}`
      : `model ${JSON.stringify(model)} version ${JSON.stringify(version)}`;
  if (outcome.modelVersions === 0) {
    sendError(req, res, 404, 'not_found', `no ${which} has been seen (or it aged out)`);
    return;
  }
  if (outcome.withProfile === outcome.modelVersions) {
    sendError(
      req,
      res,
      409,
      'conflict',
      `${which} is compared with a training profile, which is configuration: change the profile (or --reference) instead`,
    );
    return;
  }
  const body: ReferenceResetResponse = {
    model,
    version: version ?? null,
    modelVersions: outcome.modelVersions,
    streams: outcome.streams.length,
    next: 'the next window with predictions of each stream starts the comparison over',
  };
  send(req, res, 200, body);
}
