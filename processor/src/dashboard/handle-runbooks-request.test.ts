import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_STATISTICS } from '../alerts/alert-rule.js';
import { SLO_ALERT_STATISTIC } from '../alerts/evaluate-slos.js';
import { runbookAnchor, runbookUrl } from '../alerts/runbooks.js';
import { handleRunbooksRequest } from './handle-runbooks-request.js';

describe('handleRunbooksRequest', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (!handleRunbooksRequest(req, res)) res.writeHead(418).end();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.close();
    await once(server, 'close');
  });

  it('serves a section for the runbook anchor of every alert statistic', async () => {
    const res = await fetch(`${base}/runbooks`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    const statistics = [
      ...ALERT_STATISTICS.map((s) => s.replace('*', 'accuracy')),
      SLO_ALERT_STATISTIC,
    ];
    for (const statistic of statistics) {
      expect(html, statistic).toContain(`<section id="${runbookAnchor(statistic)}">`);
    }
    // Text is escaped: the `quality.<metric>` placeholder is not markup.
    expect(html).toContain('quality.&lt;metric&gt;.drop');
  });

  it('answers only its own path, and only GET/HEAD', async () => {
    expect((await fetch(`${base}/runbooks/x`)).status).toBe(418);
    const post = await fetch(`${base}/runbooks`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it("links to the rule's own runbook, else to the page under the external URL", () => {
    expect(runbookUrl('https://mlmon.example.com/', 'quality.f1.drop')).toBe(
      'https://mlmon.example.com/runbooks#quality-drop',
    );
    expect(runbookUrl('https://x', 'drift.status', 'https://wiki/drift')).toBe(
      'https://wiki/drift',
    );
  });
});
