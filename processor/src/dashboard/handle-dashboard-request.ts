/**
 * Serves the built-in dashboard on the admin port: `GET /` is the page, `GET /dashboard/<file>`
 * its scripts, styles and icon from `processor/assets/dashboard/`. No build step, no CDN: the
 * browser loads plain ES modules that poll the status API (`/api/v1/…`). Returns false for any
 * other path so the service can chain it with the status API and `/metrics`.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Where the assets live. Resolved against this module, so it works both from
 * `processor/src/dashboard/` (tests, tsx) and `processor/dist/dashboard/` (the package).
 */
export const DASHBOARD_ASSETS_URL = new URL('../../assets/dashboard/', import.meta.url);

/** URL prefix of the dashboard's assets. */
export const DASHBOARD_ASSET_PREFIX = '/dashboard/';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
};

// One path segment of lowercase letters, digits and dashes: no `..`, no `/`, nothing outside
// the assets folder can be named.
const ASSET_PATTERN = /^\/dashboard\/([a-z0-9-]+)\.(js|css|svg)$/;

/**
 * Everything the page may load comes from this origin; no inline script, so an injected model
 * or feature name cannot run code even if a rendering bug let markup through.
 */
export const DASHBOARD_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const cache = new Map<string, Buffer | null>();

/** Reads an asset once; null when it does not exist. */
function readAsset(file: string): Buffer | null {
  let content = cache.get(file);
  if (content === undefined) {
    try {
      content = readFileSync(new URL(file, DASHBOARD_ASSETS_URL));
    } catch {
      content = null;
    }
    cache.set(file, content);
  }
  return content;
}

function send(req: IncomingMessage, res: ServerResponse, file: string, ext: string): void {
  const content = readAsset(file);
  if (content === null) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`dashboard asset ${file} not found in ${DASHBOARD_ASSETS_URL.pathname}\n`);
    return;
  }
  res.writeHead(200, {
    ...DASHBOARD_SECURITY_HEADERS,
    'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
    'content-length': content.length,
    // Assets are small; no-cache keeps an upgraded processor from serving a stale mix of modules.
    'cache-control': 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : content);
}

/**
 * Serves the request when its path is `/`, `/index.html` or a dashboard asset and returns
 * true; returns false (writing nothing) otherwise. Only GET and HEAD are served.
 */
export function handleDashboardRequest(req: IncomingMessage, res: ServerResponse): boolean {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const isPage = path === '/' || path === '/index.html';
  const asset = isPage ? null : ASSET_PATTERN.exec(path);
  if (!isPage && asset === null) {
    if (!path.startsWith(DASHBOARD_ASSET_PREFIX)) return false;
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`no dashboard asset at ${path}\n`);
    return true;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    res.end(`${req.method ?? '?'} is not allowed on ${path}; use GET\n`);
    return true;
  }
  if (isPage) send(req, res, 'index.html', 'html');
  else send(req, res, `${asset?.[1] ?? ''}.${asset?.[2] ?? ''}`, asset?.[2] ?? '');
  return true;
}
