/**
 * Serves the built-in runbooks (`GET /runbooks`) as one plain HTML page with an anchored
 * section per family of alert statistics, so that the runbook URL on every alert resolves on
 * the processor itself. Returns false for any other path.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RUNBOOKS, type Runbook } from '../alerts/runbooks.js';
import { DASHBOARD_SECURITY_HEADERS } from './handle-dashboard-request.js';

/** The page's path. */
export const RUNBOOKS_PATH = '/runbooks';

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

function section(r: Runbook): string {
  const list = (items: readonly string[]): string =>
    `<ol>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ol>`;
  return [
    `<section id="${r.anchor}">`,
    `<h2>${escapeHtml(r.title)}</h2>`,
    `<p><strong>Statistics:</strong> <code>${escapeHtml(r.statistics)}</code></p>`,
    `<p>${escapeHtml(r.meaning)}</p>`,
    `<h3>Confirm</h3>${list(r.confirm)}`,
    `<h3>Act</h3>${list(r.act)}`,
    '</section>',
  ].join('\n');
}

/** The whole page. */
export function runbooksPage(): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>mlmon runbooks</title></head><body>',
    '<h1>mlmon runbooks</h1>',
    '<p>Every alert carries an impact line (samples, slice, change against its reference or threshold) and links here unless its rule names its own runbook.</p>',
    ...RUNBOOKS.map(section),
    '</body></html>',
    '',
  ].join('\n');
}

/** Answers `GET`/`HEAD /runbooks`; false for other paths. */
export function handleRunbooksRequest(req: IncomingMessage, res: ServerResponse): boolean {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path !== RUNBOOKS_PATH) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return true;
  }
  const body = runbooksPage();
  res.writeHead(200, {
    ...DASHBOARD_SECURITY_HEADERS,
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
