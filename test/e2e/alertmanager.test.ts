/**
 * End to end: `mlmon serve --alertmanager-url` posts its alerts to a real Alertmanager (Debian
 * package `prometheus-alertmanager`, API v2). Feature `x` of model `alerting` drifts for four
 * windows, then recovers: the `feature_drift` alert appears in Alertmanager's `GET /api/v2/alerts`
 * with mlmon's labels and annotations (on the all-slices stream and on slice country=FR), is
 * re-sent while it fires (its `endsAt` moves on), then resolves: Alertmanager drops it from the
 * active alerts long before its last `endsAt` and notifies its webhook receiver with status
 * `resolved`. Skipped only when the binary is absent AND MLMON_REQUIRE_E2E is unset (CI sets
 * it, so there a missing Alertmanager fails the run).
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ATTR_ML_SLICE } from '@mlmon/conventions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { prediction } from '../durability/support/events.js';
import type { ServeProcess } from '../durability/support/serve-process.js';
import {
  baseArgs,
  postLogs,
  sleep,
  startServe,
  stopServe,
} from '../durability/support/serve-process.js';
import { logsRequestJson } from '../processor/support/otlp-json.js';
import { seeded } from '../processor/support/scenario.js';
import { needsBinary } from '../support/skip-reason.js';

const ALERTMANAGER = process.env['MLMON_ALERTMANAGER_BIN'] ?? '/usr/bin/prometheus-alertmanager';
const WINDOW_MS = 2000;
const PER_WINDOW = 300;
/** x's mean per window: reference, four drifting windows, two recovered ones. */
const SHIFT = [0, 3, 3, 3, 3, 0, 0];
const RESEND_SECONDS = 1;

/** An alert as `GET /api/v2/alerts` returns it (`gettableAlert`). */
interface GettableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  updatedAt: string;
  status: { state: string };
}

/** A webhook notification (the parts this test reads). */
interface WebhookMessage {
  status: 'firing' | 'resolved';
  alerts: { status: string; labels: Record<string, string>; endsAt: string }[];
}

describe(
  'Alertmanager receives mlmon alerts',
  needsBinary(ALERTMANAGER, 'prometheus-alertmanager'),
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlmon-e2e-alertmanager-'));
    const notifications: WebhookMessage[] = [];
    let webhook: Server | undefined;
    let alertmanager: ChildProcess | undefined;
    let alertmanagerLog = '';
    let serve: ServeProcess | undefined;
    let api = '';

    const driftAlerts = async (): Promise<GettableAlert[]> => {
      const response = await fetch(`${api}/api/v2/alerts?filter=alertname%3D%22feature_drift%22`);
      if (!response.ok) throw new Error(`GET /api/v2/alerts: HTTP ${response.status}`);
      return (await response.json()) as GettableAlert[];
    };

    /** Polls (bounded) until `done` holds for the feature_drift alerts; returns them. */
    const until = async (
      what: string,
      done: (alerts: GettableAlert[]) => boolean,
    ): Promise<GettableAlert[]> => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const alerts = await driftAlerts().catch(() => undefined);
        if (alerts && done(alerts)) return alerts;
        if (Date.now() > deadline) {
          throw new Error(
            `Alertmanager never showed ${what}; last answer ${JSON.stringify(alerts)}\n` +
              `mlmon log:\n${serve?.log().slice(-3000)}\nAlertmanager log:\n${alertmanagerLog.slice(-3000)}`,
          );
        }
        await sleep(100);
      }
    };

    beforeAll(async () => {
      if (!existsSync(ALERTMANAGER))
        throw new Error(`MLMON_REQUIRE_E2E is set but ${ALERTMANAGER} does not exist`);
      webhook = createServer((req, res) => {
        let body = '';
        req.on('data', (d: Buffer) => (body += d.toString()));
        req.on('end', () => {
          notifications.push(JSON.parse(body) as WebhookMessage);
          res.writeHead(200);
          res.end();
        });
      });
      await new Promise<void>((resolve) => webhook!.listen(0, '127.0.0.1', resolve));
      const webhookPort = (webhook.address() as AddressInfo).port;

      // One route to one receiver; its webhook shows what Alertmanager would notify.
      const config = join(dir, 'alertmanager.yml');
      writeFileSync(
        config,
        [
          'route:',
          '  receiver: mlmon-test',
          "  group_by: ['...']",
          '  group_wait: 0s',
          '  group_interval: 1s',
          '  repeat_interval: 1h',
          'receivers:',
          '  - name: mlmon-test',
          '    webhook_configs:',
          `      - url: http://127.0.0.1:${webhookPort}/`,
          '        send_resolved: true',
          '',
        ].join('\n'),
      );
      const port = await freePort();
      api = `http://127.0.0.1:${port}`;
      alertmanager = spawn(
        ALERTMANAGER,
        [
          `--config.file=${config}`,
          `--storage.path=${join(dir, 'data')}`,
          `--web.listen-address=127.0.0.1:${port}`,
          '--cluster.listen-address=',
          '--log.level=warn',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      alertmanager.stdout?.on('data', (d: Buffer) => (alertmanagerLog += d.toString()));
      alertmanager.stderr?.on('data', (d: Buffer) => (alertmanagerLog += d.toString()));
      const ready = Date.now() + 20_000;
      while (
        !(await fetch(`${api}/-/ready`).then(
          (r) => r.ok,
          () => false,
        ))
      ) {
        if (Date.now() > ready || alertmanager.exitCode !== null) {
          throw new Error(`Alertmanager did not become ready:\n${alertmanagerLog}`);
        }
        await sleep(100);
      }

      serve = await startServe([
        ...baseArgs(join(dir, 'mlmon')),
        '--window-seconds',
        String(WINDOW_MS / 1000),
        '--allowed-lateness-seconds',
        '0',
        '--alertmanager-url',
        api,
        '--alertmanager-resend-seconds',
        String(RESEND_SECONDS),
      ]);
    }, 40_000);

    afterAll(async () => {
      await stopServe(serve);
      if (alertmanager && alertmanager.exitCode === null) {
        const exited = new Promise((resolve) => alertmanager!.once('exit', resolve));
        alertmanager.kill('SIGTERM');
        await exited;
      }
      if (webhook) await new Promise<void>((resolve) => webhook!.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    });

    it('shows the alert firing with mlmon labels and annotations, then resolved', async () => {
      expect(serve!.log()).toContain(`alerts to ${api}/api/v2/alerts`);
      const base = Math.ceil((Date.now() + 2500) / WINDOW_MS) * WINDOW_MS;
      for (const [k, shift] of SHIFT.entries()) {
        // The same draws every window: only the shift differs, so undrifted windows equal the reference.
        const u = seeded(11);
        const events = Array.from({ length: PER_WINDOW }, () => {
          const z = Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
          const event = prediction('alerting', base + k * WINDOW_MS + 100, { x: z + shift }, 0.5);
          return {
            ...event,
            attributes: { ...event.attributes, [ATTR_ML_SLICE('country')]: 'FR' },
          };
        });
        expect((await postLogs(serve!.httpPort, logsRequestJson(events))).status).toBe(200);
      }

      // Firing: on the all-slices stream and on slice country=FR.
      const firing = await until('two firing feature_drift alerts', (a) => a.length === 2);
      const bySlice = (alerts: GettableAlert[]) =>
        [...alerts].sort((a, b) =>
          (a.labels['slice_country'] ?? '').localeCompare(b.labels['slice_country'] ?? ''),
        );
      const [all, fr] = bySlice(firing) as [GettableAlert, GettableAlert];
      expect(all.labels).toEqual({
        alertname: 'feature_drift',
        severity: 'warning',
        model: 'alerting',
        version: '1',
        feature: 'x',
        service_name: 'checkout',
      });
      expect(fr.labels).toEqual({ ...all.labels, slice_country: 'FR' });
      expect(all.status.state).toBe('active');
      expect(all.annotations).toEqual({
        summary: expect.stringMatching(
          /^feature_drift firing \(warning\): drift\.status = 1 \(threshold 1\) on alerting 1, feature x$/,
        ) as string,
        value: '1',
        threshold: '1',
      });
      expect(fr.annotations['summary']).toContain('on alerting 1, country=FR, feature x');
      // Fired at the end of the second drifting window (the rule needs two).
      expect(Date.parse(all.startsAt)).toBe(base + 3 * WINDOW_MS);
      const firstEnd = Date.parse(all.endsAt);
      expect(firstEnd).toBeGreaterThan(Date.now());
      expect(firstEnd).toBeLessThanOrEqual(Date.now() + 4 * RESEND_SECONDS * 1000 + 500);

      // Re-sent while firing: Alertmanager's endsAt for it moves on.
      const resent = await until('a re-send of the firing alert', (a) =>
        a.some((x) => !x.labels['slice_country'] && Date.parse(x.endsAt) > firstEnd),
      );
      expect(resent).toHaveLength(2);

      // Resolved: gone from the active alerts before the last endsAt mlmon gave while firing
      // passed (so resolved by mlmon's post, not expired).
      let latestEndsAt = 0;
      await until('the alerts resolved', (alerts) => {
        for (const a of alerts) latestEndsAt = Math.max(latestEndsAt, Date.parse(a.endsAt));
        return alerts.length === 0;
      });
      expect(Date.now()).toBeLessThan(latestEndsAt);

      // Alertmanager notified the resolution of both (its webhook gets status `resolved`).
      const deadline = Date.now() + 10_000;
      const resolvedNotices = () =>
        notifications
          .filter((n) => n.status === 'resolved')
          .flatMap((n) => n.alerts)
          .filter((a) => a.labels['alertname'] === 'feature_drift');
      while (resolvedNotices().length < 2 && Date.now() < deadline) await sleep(100);
      expect(
        resolvedNotices()
          .map((a) => [a.status, a.labels['slice_country'] ?? 'all', Date.parse(a.endsAt)])
          .sort(),
      ).toEqual([
        ['resolved', 'FR', base + 6 * WINDOW_MS],
        ['resolved', 'all', base + 6 * WINDOW_MS],
      ]);
      expect(
        notifications.some(
          (n) => n.status === 'firing' && n.alerts.some((a) => a.labels['feature'] === 'x'),
        ),
      ).toBe(true);
      expect(serve!.log()).not.toContain('Alertmanager post failed');
    }, 60_000);
  },
);
