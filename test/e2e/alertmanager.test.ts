/**
 * End to end: `mlmon serve --alertmanager-url` posts its alerts to a real Alertmanager (Debian
 * package `prometheus-alertmanager`, API v2). Feature `x` of model `alerting` drifts for four
 * windows, then recovers: the `feature_drift` alert appears in Alertmanager's `GET /api/v2/alerts`
 * with mlmon's labels and annotations (on the all-slices stream and on slice country=FR), is
 * re-sent while it fires (its `endsAt` moves on), then resolves: Alertmanager drops it from the
 * active alerts long before its last `endsAt` and notifies its webhook receiver with status
 * `resolved`. Its HA peer is down all along: each failed post is one log line naming it and is
 * counted in `/metrics`, and the live one is not held back. A second model keeps firing across
 * a restart of `mlmon serve`: the new process re-sends it from its restored alert memory, so
 * Alertmanager never lets it expire. Skipped only when the binary is absent AND
 * MLMON_REQUIRE_E2E is unset (CI sets it, so there a missing Alertmanager fails the run).
 */
import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
import { parsePrometheus } from '../processor/support/prometheus-parse.js';
import { seeded } from '../processor/support/scenario.js';
import { needsBinary } from '../support/skip-reason.js';

const ALERTMANAGER = process.env['MLMON_ALERTMANAGER_BIN'] ?? '/usr/bin/prometheus-alertmanager';
const WINDOW_MS = 2000;
const PER_WINDOW = 300;
/** x's mean per window: reference, four drifting windows, two recovered ones. */
const SHIFT = [0, 3, 3, 3, 3, 0, 0];
const RESEND_SECONDS = 1;
/** Where users reach mlmon: the base of the runbook links. */
const EXTERNAL_URL = 'https://mlmon.example';
/**
 * Across a restart: twenty drifting windows (40 s), so the alert still fires while the processor
 * restarts even when a loaded machine takes seconds to start the second process.
 */
const RESTART_SHIFT = [0, ...Array<number>(20).fill(3), 0, 0];
const RESTART_RESEND_SECONDS = 2;

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
  alerts: { status: string; labels: Record<string, string>; startsAt: string; endsAt: string }[];
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
    const serves: ServeProcess[] = [];
    let api = '';

    /** The active `feature_drift` alerts of `model`. */
    const driftAlerts = async (model: string): Promise<GettableAlert[]> => {
      // One matcher per `filter` parameter.
      const filter = ['alertname="feature_drift"', `model="${model}"`]
        .map((m) => `filter=${encodeURIComponent(m)}`)
        .join('&');
      const response = await fetch(`${api}/api/v2/alerts?${filter}`);
      if (!response.ok) throw new Error(`GET /api/v2/alerts: HTTP ${response.status}`);
      return (await response.json()) as GettableAlert[];
    };

    /** Polls (bounded) until `done` holds for `model`'s feature_drift alerts; returns them. */
    const until = async (
      model: string,
      what: string,
      done: (alerts: GettableAlert[]) => boolean,
    ): Promise<GettableAlert[]> => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const alerts = await driftAlerts(model).catch(() => undefined);
        if (alerts && done(alerts)) return alerts;
        if (Date.now() > deadline) {
          throw new Error(
            `Alertmanager never showed ${what}; last answer ${JSON.stringify(alerts)}\n` +
              `mlmon log:\n${serves.map((p) => p.log().slice(-2000)).join('\n---\n')}\nAlertmanager log:\n${alertmanagerLog.slice(-3000)}`,
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
    }, 40_000);

    /** `mlmon serve` on `dataDir` posting to the Alertmanager, re-sending every `resend` s. */
    const startMlmon = async (
      dataDir: string,
      resend: number,
      urls: readonly string[] = [api],
    ): Promise<ServeProcess> => {
      const started = await startServe([
        ...baseArgs(dataDir),
        '--window-seconds',
        String(WINDOW_MS / 1000),
        '--allowed-lateness-seconds',
        '0',
        '--alertmanager-url',
        urls.join(','),
        '--alertmanager-resend-seconds',
        String(resend),
        '--external-url',
        EXTERNAL_URL,
      ]);
      serves.push(started);
      return started;
    };

    /**
     * Sends `model`'s story up front, one window per shift, starting at the returned window
     * start; the windows close as the wall clock passes them.
     */
    const sendStory = async (
      target: ServeProcess,
      model: string,
      shifts: readonly number[],
    ): Promise<number> => {
      const base = Math.ceil((Date.now() + 2500) / WINDOW_MS) * WINDOW_MS;
      for (const [k, shift] of shifts.entries()) {
        // The same draws every window: only the shift differs, so undrifted windows equal the reference.
        const u = seeded(11);
        const events = Array.from({ length: PER_WINDOW }, () => {
          const z = Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
          const event = prediction(model, base + k * WINDOW_MS + 100, { x: z + shift }, 0.5);
          return {
            ...event,
            attributes: { ...event.attributes, [ATTR_ML_SLICE('country')]: 'FR' },
          };
        });
        expect((await postLogs(target.httpPort, logsRequestJson(events))).status).toBe(200);
      }
      return base;
    };

    /** Alertmanager's resolved notices of `model`'s feature_drift alerts. */
    const resolvedNotices = (model: string) =>
      notifications
        .filter((n) => n.status === 'resolved')
        .flatMap((n) => n.alerts)
        .filter((a) => a.labels['alertname'] === 'feature_drift' && a.labels['model'] === model);

    afterAll(async () => {
      for (const started of serves) await stopServe(started);
      if (alertmanager && alertmanager.exitCode === null) {
        const exited = new Promise((resolve) => alertmanager!.once('exit', resolve));
        alertmanager.kill('SIGTERM');
        await exited;
      }
      if (webhook) await new Promise<void>((resolve) => webhook!.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    });

    it('shows the alert firing with mlmon labels and annotations, then resolved', async () => {
      // An HA pair whose second Alertmanager is down: the first still gets everything.
      const down = `http://127.0.0.1:${await freePort()}`;
      const serve = await startMlmon(join(dir, 'alerting'), RESEND_SECONDS, [api, down]);
      expect(serve.log()).toContain(`alerts to ${api}/api/v2/alerts and ${down}/api/v2/alerts`);
      const base = await sendStory(serve, 'alerting', SHIFT);

      // Firing: on the all-slices stream and on slice country=FR.
      const firing = await until(
        'alerting',
        'two firing feature_drift alerts',
        (a) => a.length === 2,
      );
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
        runbook_url: `${EXTERNAL_URL}/runbooks#feature-drift`,
        impact: '300 predictions in all slices; x: drift.status 1 (threshold == 1)',
        samples: '300',
      });
      expect(fr.annotations['summary']).toContain('on alerting 1, country=FR, feature x');
      expect(fr.annotations['impact']).toBe(
        '300 predictions in country=FR; x: drift.status 1 (threshold == 1)',
      );
      // Fired at the end of the second drifting window (the rule needs two).
      expect(Date.parse(all.startsAt)).toBe(base + 3 * WINDOW_MS);
      const firstEnd = Date.parse(all.endsAt);
      expect(firstEnd).toBeGreaterThan(Date.now());
      expect(firstEnd).toBeLessThanOrEqual(Date.now() + 4 * RESEND_SECONDS * 1000 + 500);

      // Re-sent while firing: Alertmanager's endsAt for it moves on.
      const resent = await until('alerting', 'a re-send of the firing alert', (a) =>
        a.some((x) => !x.labels['slice_country'] && Date.parse(x.endsAt) > firstEnd),
      );
      expect(resent).toHaveLength(2);

      // Resolved: gone from the active alerts before the last endsAt mlmon gave while firing
      // passed (so resolved by mlmon's post, not expired).
      let latestEndsAt = 0;
      await until('alerting', 'the alerts resolved', (alerts) => {
        for (const a of alerts) latestEndsAt = Math.max(latestEndsAt, Date.parse(a.endsAt));
        return alerts.length === 0;
      });
      expect(Date.now()).toBeLessThan(latestEndsAt);

      // Alertmanager notified the resolution of both (its webhook gets status `resolved`).
      const deadline = Date.now() + 10_000;
      while (resolvedNotices('alerting').length < 2 && Date.now() < deadline) await sleep(100);
      expect(
        resolvedNotices('alerting')
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
      // The peer that is down: one log line per failed post naming it, counted in /metrics.
      const failures = serve
        .log()
        .split('\n')
        .filter((line) => line.includes('Alertmanager post failed'));
      expect(failures.length).toBeGreaterThan(0);
      for (const line of failures) {
        expect(line).toBe(
          `mlmon serve: warning: Alertmanager post failed: ${down}/api/v2/alerts: fetch failed (connect ECONNREFUSED ${down.slice('http://'.length)})`,
        );
      }
      const metrics = parsePrometheus(
        await (await fetch(`http://127.0.0.1:${serve.adminPort}/metrics`)).text(),
      );
      const counted = metrics.filter(
        (m) =>
          m.name === 'mlmon_processor_export_failures_total' &&
          m.labels['mlmon_signal'] === 'alertmanager',
      );
      expect(counted.map((m) => [m.labels['error_type'], m.value >= failures.length])).toEqual([
        ['network_error', true],
      ]);
    }, 60_000);

    it('keeps an alert firing across a restart: the new process re-sends it from its memory', async () => {
      const dataDir = join(dir, 'restarting');
      const first = await startMlmon(dataDir, RESTART_RESEND_SECONDS);
      const base = await sendStory(first, 'restarting', RESTART_SHIFT);
      const fired = base + 3 * WINDOW_MS;
      const resolvedAt = base + (RESTART_SHIFT.length - 1) * WINDOW_MS;
      await until('restarting', 'the alerts firing', (a) => a.length === 2);
      await stopServe(first);
      // What the stopped process last told Alertmanager: without a re-send the alerts end then.
      const before = await driftAlerts('restarting');
      expect(before).toHaveLength(2);
      const lastEndsAt = Math.max(...before.map((a) => Date.parse(a.endsAt)));
      expect(lastEndsAt).toBeLessThan(resolvedAt);

      const second = await startMlmon(dataDir, RESTART_RESEND_SECONDS);
      const kept = await until(
        'restarting',
        'the alerts still firing after the old endsAt',
        (a) => Date.now() > lastEndsAt && a.length === 2,
      );
      // Still the same alerts (same start), re-sent by the new process before they resolved.
      expect(Date.now()).toBeLessThan(resolvedAt);
      expect(kept.map((a) => Date.parse(a.startsAt))).toEqual([fired, fired]);
      expect(Math.min(...kept.map((a) => Date.parse(a.endsAt)))).toBeGreaterThan(lastEndsAt);

      await until('restarting', 'the alerts resolved', (a) => a.length === 0);
      const deadline = Date.now() + 10_000;
      while (resolvedNotices('restarting').length < 2 && Date.now() < deadline) await sleep(100);
      expect(
        resolvedNotices('restarting').map((a) => [Date.parse(a.startsAt), Date.parse(a.endsAt)]),
      ).toEqual([
        [fired, resolvedAt],
        [fired, resolvedAt],
      ]);
      expect(second.log()).not.toContain('Alertmanager post failed');
    }, 120_000);
  },
);

const AMTOOL = process.env['MLMON_AMTOOL_BIN'] ?? '/usr/bin/amtool';
const EXAMPLE_CONFIG = fileURLToPath(
  new URL('../../deploy/alertmanager/alertmanager.yml', import.meta.url),
);

describe(
  'deploy/alertmanager/alertmanager.yml',
  needsBinary(AMTOOL, 'prometheus-alertmanager'),
  () => {
    const amtool = (...args: string[]) =>
      execFileSync(AMTOOL, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

    it('is a valid Alertmanager configuration', () => {
      expect(amtool('check-config', EXAMPLE_CONFIG)).toContain('SUCCESS');
    });

    it('routes pages to on-call and everything else mlmon sends to the ML team', () => {
      const route = (...labels: string[]) =>
        amtool('config', 'routes', 'test', `--config.file=${EXAMPLE_CONFIG}`, ...labels).trim();
      expect(route('alertname=availability-FR', 'severity=page', 'model=loan-default')).toBe(
        'ml-oncall',
      );
      expect(route('alertname=feature_drift', 'severity=warning', 'model=loan-default')).toBe(
        'ml-team',
      );
    });
  },
);
