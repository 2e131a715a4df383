import type { IncomingHttpHeaders, Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertmanagerAlert } from './alertmanager-alert.js';
import {
  alertsEndpoint,
  createAlertmanagerClient,
  displayAlertsEndpoint,
} from './alertmanager-client.js';

const ALERT: AlertmanagerAlert = {
  labels: { alertname: 'feature_drift' },
  annotations: { summary: 's' },
  startsAt: '2026-01-01T00:00:00.000Z',
  endsAt: '2026-01-01T00:04:00.000Z',
};

describe('alertsEndpoint', () => {
  it.each([
    ['http://am:9093', 'http://am:9093/api/v2/alerts'],
    ['http://am:9093/', 'http://am:9093/api/v2/alerts'],
    ['https://host/alertmanager', 'https://host/alertmanager/api/v2/alerts'],
    ['http://am:9093/api/v2/alerts', 'http://am:9093/api/v2/alerts'],
  ])('%s posts to %s', (base, endpoint) => {
    expect(alertsEndpoint(base).toString()).toBe(endpoint);
  });

  it('shows no credentials', () => {
    expect(displayAlertsEndpoint('http://u:secret@am:9093')).toBe('http://am:9093/api/v2/alerts');
  });
});

describe('createAlertmanagerClient against an HTTP server', () => {
  const requests: { url: string; headers: IncomingHttpHeaders; body: unknown }[] = [];
  let server: Server;
  let base = '';

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        requests.push({ url: req.url!, headers: req.headers, body: JSON.parse(body) });
        if (req.url === '/slow/api/v2/alerts') return; // never answers
        if (req.url === '/bad/api/v2/alerts') {
          res.writeHead(400, { 'content-type': 'application/json' });
          res.end('"invalid label set: invalid name \\"bad-label\\""');
          return;
        }
        res.writeHead(200);
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('posts the alerts as a JSON array, credentials as a basic Authorization header', async () => {
    const client = createAlertmanagerClient(`http://mlmon:p%40ss@${base}/am`, 2000);
    expect(client.url).toBe(`http://${base}/am/api/v2/alerts`);
    expect(await client.post([ALERT])).toEqual({ ok: true });
    const request = requests.at(-1)!;
    expect(request.url).toBe('/am/api/v2/alerts');
    expect(request.body).toEqual([ALERT]);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['authorization']).toBe(
      `Basic ${Buffer.from('mlmon:p@ss').toString('base64')}`,
    );
  });

  it('returns the HTTP status, the URL and the answer on a rejection', async () => {
    const client = createAlertmanagerClient(`http://${base}/bad`, 2000);
    expect(await client.post([ALERT])).toEqual({
      ok: false,
      error: `HTTP 400 from http://${base}/bad/api/v2/alerts: "invalid label set: invalid name \\"bad-label\\""`,
    });
  });

  it('gives up after the timeout', async () => {
    const client = createAlertmanagerClient(`http://${base}/slow`, 200);
    const outcome = await client.post([ALERT]);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error).toMatch(
      new RegExp(`^http://${base}/slow/api/v2/alerts: .*timeout`),
    );
  });

  it('names the network error when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const outcome = await createAlertmanagerClient(`http://127.0.0.1:${port}`, 2000).post([ALERT]);
    expect(outcome).toEqual({
      ok: false,
      error: `http://127.0.0.1:${port}/api/v2/alerts: fetch failed (connect ECONNREFUSED 127.0.0.1:${port})`,
    });
  });
});
