/**
 * The admin HTTP server on `--prometheus-port`: `GET /metrics` (Prometheus text) and any routes
 * composed in (the status API). Only this file and the receivers listen on sockets.
 */
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  acceptsOpenMetrics,
  OPENMETRICS_CONTENT_TYPE,
  PROMETHEUS_CONTENT_TYPE,
  type ExpositionFormat,
} from '../export/prometheus-text.js';
import { isAuthorized } from '../receiver/bearer-auth.js';

/** Paths answered without the bearer token: probes reveal nothing and must work for kubelets. */
const OPEN_PATHS = new Set(['/healthz', '/readyz']);

/** A route: returns true when it answered the request. */
export type AdminRoute = (req: IncomingMessage, res: ServerResponse) => boolean;

/** A running admin server. */
export interface AdminServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Starts the admin server; `renderMetrics` is called per scrape. */
export async function startAdminServer(options: {
  host: string;
  port: number;
  renderMetrics: (format: ExpositionFormat) => string;
  routes?: readonly AdminRoute[];
  onError?: (error: Error) => void;
  /** When set, every path but the probes requires `Authorization: Bearer <authToken>`. */
  authToken?: string;
  /** PEM certificate and key: serve HTTPS. */
  tls?: { cert: Buffer; key: Buffer };
}): Promise<AdminServer> {
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    try {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (
        options.authToken !== undefined &&
        !OPEN_PATHS.has(path) &&
        !isAuthorized(req.headers.authorization, options.authToken)
      ) {
        res.writeHead(401, {
          'content-type': 'text/plain',
          'www-authenticate': 'Bearer realm="mlmon"',
        });
        res.end(
          req.headers.authorization === undefined
            ? 'unauthorized: missing bearer token\n'
            : 'unauthorized: invalid bearer token\n',
        );
        return;
      }
      if (path === '/metrics') {
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' });
          res.end('method not allowed: /metrics answers GET\n');
          return;
        }
        // Prometheus asks for OpenMetrics first: the format that carries exemplars.
        const openMetrics = acceptsOpenMetrics(req.headers.accept);
        const body = options.renderMetrics(openMetrics ? 'openmetrics' : 'prometheus');
        res.writeHead(200, {
          'content-type': openMetrics ? OPENMETRICS_CONTENT_TYPE : PROMETHEUS_CONTENT_TYPE,
          'content-length': Buffer.byteLength(body),
        });
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      }
      for (const route of options.routes ?? []) if (route(req, res)) return;
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(`not found: ${path} (try /metrics)\n`);
    } catch (error) {
      options.onError?.(error as Error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error\n');
    }
  };
  const server: Server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, handler)
    : createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
