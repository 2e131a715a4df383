/**
 * The admin HTTP server on `--prometheus-port`: `GET /metrics` (Prometheus text) and any routes
 * composed in (the status API). Only this file and the receivers listen on sockets.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PROMETHEUS_CONTENT_TYPE } from '../export/prometheus-text.js';

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
  renderMetrics: () => string;
  routes?: readonly AdminRoute[];
  onError?: (error: Error) => void;
}): Promise<AdminServer> {
  const server: Server = createServer((req, res) => {
    try {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path === '/metrics') {
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' });
          res.end('method not allowed: /metrics answers GET\n');
          return;
        }
        const body = options.renderMetrics();
        res.writeHead(200, {
          'content-type': PROMETHEUS_CONTENT_TYPE,
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
  });
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
