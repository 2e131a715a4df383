import { once } from 'node:events';
import { readdirSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_ASSETS_URL, handleDashboardRequest } from './handle-dashboard-request.js';

describe('handleDashboardRequest', () => {
  let server: Server;
  let base: string;

  const rawStatus = (path: string): Promise<number | undefined> =>
    new Promise((resolve, reject) => {
      const port = (server.address() as AddressInfo).port;
      request({ host: '127.0.0.1', port, path }, (res) => {
        res.resume();
        resolve(res.statusCode);
      })
        .on('error', reject)
        .end();
    });

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (!handleDashboardRequest(req, res)) res.writeHead(418).end();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.close();
    await once(server, 'close');
  });

  it('serves the page at / with a strict content security policy', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html).toContain('<script type="module" src="/dashboard/app.js"></script>');
  });

  it('serves every asset in the folder with its content type', async () => {
    const files = readdirSync(DASHBOARD_ASSETS_URL).filter((f) => f !== 'index.html');
    expect(files).toEqual(expect.arrayContaining(['app.js', 'style.css', 'favicon.svg']));
    const types: Record<string, string> = {
      js: 'text/javascript; charset=utf-8',
      css: 'text/css; charset=utf-8',
      svg: 'image/svg+xml',
    };
    for (const file of files) {
      const res = await fetch(`${base}/dashboard/${file}`);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-type'), file).toBe(types[file.split('.').pop()!]);
      expect((await res.arrayBuffer()).byteLength, file).toBeGreaterThan(0);
    }
  });

  it('imports only modules that exist (no build step, no CDN)', async () => {
    const files = new Set(readdirSync(DASHBOARD_ASSETS_URL));
    for (const file of [...files].filter((f) => f.endsWith('.js'))) {
      const source = await (await fetch(`${base}/dashboard/${file}`)).text();
      for (const match of source.matchAll(/from '([^']+)'/g)) {
        const target = match[1]!;
        expect(target, `${file} imports ${target}`).toMatch(/^\.\/[a-z0-9-]+\.js$/);
        expect(files.has(target.slice(2)), `${file} imports ${target}`).toBe(true);
      }
      expect(source, file).not.toMatch(/(from|import\(|fetch\()\s*['"`](https?:)?\/\//);
    }
  });

  it('refuses paths outside the asset folder and unknown files', async () => {
    // Sent raw: fetch() would normalise `..` away before the server sees it. URL parsing
    // resolves `..` to a path outside /dashboard/, which the handler does not serve (the
    // caller answers it: 418 here).
    expect(await rawStatus('/dashboard/../package.json')).toBe(418);
    expect(await rawStatus('/dashboard/%2e%2e/package.json')).toBe(418);
    for (const path of [
      '/dashboard/..%2fpackage.json',
      '/dashboard/nope.js',
      '/dashboard/app.ts',
    ]) {
      expect(await rawStatus(path), path).toBe(404);
    }
  });

  it('leaves other paths to the caller and allows only GET/HEAD', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(418);
    expect((await fetch(`${base}/api/v1/models`)).status).toBe(418);
    const post = await fetch(`${base}/`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});
