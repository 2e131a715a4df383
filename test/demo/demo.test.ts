/**
 * `mlmon demo` end to end, as `npm start` runs it (default windows, lateness and seed; only the
 * ports are ephemeral): the real CLI in a child process starts the processor, the onnxruntime
 * model server and the traffic. Asserted through the status API and /metrics: `income` drifts in
 * `country=DE` in a window that closed within the first minute, while the stationary features
 * and the other slice stay undrifted; the calibration degrades later; Ctrl-C-equivalent SIGTERM
 * exits 0. Then the real dashboard of the same run in headless Chromium renders the drifted
 * feature as drifted (screenshot: test-artifacts/demo-dashboard.png).
 *
 * The browser part skips only when /usr/bin/chromium is absent and MLMON_REQUIRE_E2E is unset.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ATTR_ML_DRIFT_STATE,
  ATTR_ML_FEATURE_NAME,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_SLICE,
  DESCRIPTOR_ML_DRIFT_STATUS,
  ML_DRIFT_KIND_VALUE_FEATURE,
  ML_DRIFT_STATE_VALUE_DRIFT,
  ML_DRIFT_STATE_VALUE_NO_DRIFT,
} from '@mlmon/conventions';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_COUNTRIES,
  DEMO_DRIFTED_COUNTRY,
  DEMO_DRIFTED_FEATURE,
  DEMO_FEATURES,
  DEMO_MODEL_NAME,
  DEMO_MODEL_VERSION,
  DEMO_SLICE_KEY,
  DRIFT_FROM_WINDOW,
  MISCALIBRATION_FROM_WINDOW,
} from '../../processor/src/demo/demo-scenario.js';
import type { SliceDetail, VersionDetailResponse } from '../../processor/src/status-api/types.js';
import { needsBinary } from '../support/skip-reason.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = join(ROOT, 'processor/src/cli/main.ts');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const needsChromium = needsBinary(CHROMIUM, 'chromium');
/** The demo's allowed lateness: a window is evaluated this long after its end. */
const LATENESS_MILLIS = 2000;
const STATIONARY = DEMO_FEATURES.filter((f) => f !== DEMO_DRIFTED_FEATURE);
const OTHER_COUNTRY = DEMO_COUNTRIES.find((c) => c !== DEMO_DRIFTED_COUNTRY)!;

/** Runs `mlmon …args` from the TypeScript sources (as the CLI tests do). */
function mlmon(args: readonly string[]): ChildProcess {
  return spawn(process.execPath, [TSX, MAIN, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function sliceOf(detail: VersionDetailResponse, country: string): SliceDetail {
  const slice = detail.slices.find((s) => s.slice[DEMO_SLICE_KEY] === country);
  if (!slice) throw new Error(`no slice ${DEMO_SLICE_KEY}=${country} in the status API`);
  return slice;
}

/** The primary feature-drift decision of `feature` in the latest window of a slice. */
function latestStatus(slice: SliceDetail, feature: string): string | undefined {
  return slice.features.find(
    (f) =>
      f.kind === ML_DRIFT_KIND_VALUE_FEATURE && f.feature === feature && f.latest.primary !== false,
  )?.latest.status;
}

/** Parses Prometheus text into series (name, labels, value). */
function parseSeries(
  text: string,
): { name: string; labels: Record<string, string>; value: number }[] {
  const series = [];
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z_:][\w:]*)\{(.*)\} (\S+)$/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of m[2]!.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    series.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return series;
}

const prom = (attribute: string): string => attribute.replaceAll('.', '_');

describe('mlmon demo', () => {
  let child: ChildProcess;
  let stdout = '';
  let stderr = '';
  let spawnedAt = 0;
  let dashboardUrl = '';
  let detail: VersionDetailResponse;
  let exit: Promise<[number | null, NodeJS.Signals | null]>;

  const fetchDetail = async (): Promise<VersionDetailResponse | undefined> => {
    const response = await fetch(
      `${dashboardUrl}api/v1/models/${encodeURIComponent(DEMO_MODEL_NAME)}/versions/${encodeURIComponent(DEMO_MODEL_VERSION)}`,
    );
    return response.ok ? ((await response.json()) as VersionDetailResponse) : undefined;
  };

  beforeAll(async () => {
    spawnedAt = Date.now();
    child = mlmon([
      'demo',
      '--otlp-http-port',
      '0',
      '--otlp-grpc-port',
      '0',
      '--prometheus-port',
      '0',
      '--duration',
      '240',
    ]);
    exit = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    while (!/dashboard\s+(http:\S+)/.test(stdout)) {
      if (child.exitCode !== null) throw new Error(`mlmon demo exited early:\n${stderr}`);
      await sleep(100);
    }
    dashboardUrl = /dashboard\s+(http:\S+)/.exec(stdout)![1]!;
    // Wait until the miscalibration window (the last phase of the story) has been evaluated.
    for (;;) {
      if (child.exitCode !== null) throw new Error(`mlmon demo exited early:\n${stderr}`);
      const current = await fetchDetail();
      const windows = current ? sliceOf(current, DEMO_DRIFTED_COUNTRY).windows.length : 0;
      if (current && windows >= MISCALIBRATION_FROM_WINDOW + 1) {
        detail = current;
        break;
      }
      await sleep(1000);
    }
  }, 120_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGKILL');
      await exit;
    }
  });

  it(`shows ${DEMO_DRIFTED_FEATURE} drifting in ${DEMO_SLICE_KEY}=${DEMO_DRIFTED_COUNTRY} in a window evaluated within the first minute`, () => {
    const de = sliceOf(detail, DEMO_DRIFTED_COUNTRY);
    expect(latestStatus(de, DEMO_DRIFTED_FEATURE)).toBe(ML_DRIFT_STATE_VALUE_DRIFT);
    const income = de.features.find(
      (f) =>
        f.kind === ML_DRIFT_KIND_VALUE_FEATURE &&
        f.feature === DEMO_DRIFTED_FEATURE &&
        f.latest.primary !== false,
    )!;
    const statuses = income.history.map((p) => p?.status);
    // Reference window, then a stationary one, then drift from DRIFT_FROM_WINDOW on.
    expect(statuses[DRIFT_FROM_WINDOW - 1]).toBe(ML_DRIFT_STATE_VALUE_NO_DRIFT);
    const first = statuses.indexOf(ML_DRIFT_STATE_VALUE_DRIFT);
    expect(first).toBe(DRIFT_FROM_WINDOW);
    expect(de.windows[first]!.endUnixMillis + LATENESS_MILLIS).toBeLessThanOrEqual(
      spawnedAt + 60_000,
    );
  });

  it('keeps the stationary features and the other slice without drift', () => {
    const de = sliceOf(detail, DEMO_DRIFTED_COUNTRY);
    for (const feature of STATIONARY) {
      expect(latestStatus(de, feature), feature).toBe(ML_DRIFT_STATE_VALUE_NO_DRIFT);
    }
    const other = sliceOf(detail, OTHER_COUNTRY);
    for (const feature of DEMO_FEATURES) {
      expect(latestStatus(other, feature), `${OTHER_COUNTRY} ${feature}`).toBe(
        ML_DRIFT_STATE_VALUE_NO_DRIFT,
      );
    }
  });

  it('shows the calibration degrading once outcomes stop following the scores', () => {
    const all = detail.slices.find((s) => Object.keys(s.slice).length === 0)!;
    const ece = all.calibration.history.map((p) => p?.ece);
    const before = ece[MISCALIBRATION_FROM_WINDOW - 1];
    const after = ece[MISCALIBRATION_FROM_WINDOW];
    expect(before).toBeTypeOf('number');
    expect(after).toBeTypeOf('number');
    // Outcomes drawn from the model itself: small ECE. Then 1.6 log-odds riskier: large ECE.
    expect(before!).toBeLessThan(0.1);
    expect(after!).toBeGreaterThan(0.15);
  });

  it('exports the drift decision on /metrics', async () => {
    const text = await (await fetch(`${dashboardUrl}metrics`)).text();
    const status = parseSeries(text).filter(
      (s) =>
        s.name === DESCRIPTOR_ML_DRIFT_STATUS.prometheusName &&
        s.labels[prom(ATTR_ML_MODEL_NAME)] === DEMO_MODEL_NAME &&
        s.labels[prom(ATTR_ML_DRIFT_STATE)] === ML_DRIFT_STATE_VALUE_DRIFT,
    );
    const drifted = (feature: string, country: string): boolean =>
      status.some(
        (s) =>
          s.labels[prom(ATTR_ML_FEATURE_NAME)] === feature &&
          s.labels[prom(ATTR_ML_SLICE(DEMO_SLICE_KEY))] === country &&
          s.value === 1,
      );
    expect(drifted(DEMO_DRIFTED_FEATURE, DEMO_DRIFTED_COUNTRY)).toBe(true);
    expect(drifted(DEMO_DRIFTED_FEATURE, OTHER_COUNTRY)).toBe(false);
    for (const feature of STATIONARY) {
      expect(drifted(feature, DEMO_DRIFTED_COUNTRY), feature).toBe(false);
    }
  });

  it('raises label alerts only on the story: none in the stationary windows, accuracy_drop on the drift', () => {
    const stationaryEnd = sliceOf(detail, OTHER_COUNTRY).windows[DRIFT_FROM_WINDOW - 1]!
      .endUnixMillis;
    const fired = [
      ...stderr.matchAll(
        /alert (accuracy_drop|calibration_ece_high) firing \(warning\): .* on loan-default 1(?:, (country=\w+))? \[window end (\S+);/g,
      ),
    ].map((m) => ({ rule: m[1]!, slice: m[2] ?? 'all', end: Date.parse(m[3]!) }));
    // FR's window 1 dips to 0.644 against 0.718 on 200 labels: noise, not an alert.
    expect(fired.filter((f) => f.end <= stationaryEnd)).toEqual([]);
    expect(fired).toContainEqual(
      expect.objectContaining({
        rule: 'accuracy_drop',
        slice: `${DEMO_SLICE_KEY}=${DEMO_DRIFTED_COUNTRY}`,
      }),
    );
  });

  it('prints a summary line per closed window naming the drifted feature', () => {
    const line = stdout
      .split('\n')
      .find(
        (l) =>
          l.includes(`${DEMO_SLICE_KEY}=${DEMO_DRIFTED_COUNTRY}`) && l.includes('drift: income'),
      );
    expect(line).toMatch(/predictions \d+ .*ECE \d\.\d{3} .*accuracy \d\.\d{3}/);
    // The first window of each stream is its reference, and says so.
    expect(stdout).toContain('drift: (reference window)');
  });

  it(
    'renders the drifted feature as drifted on the real dashboard',
    { ...needsChromium, timeout: 60_000 },
    async () => {
      if (!existsSync(CHROMIUM)) {
        throw new Error(
          `MLMON_REQUIRE_E2E is set but ${CHROMIUM} is missing: install Debian's chromium package`,
        );
      }
      let browser: Browser | undefined;
      try {
        browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        const slice = `${DEMO_SLICE_KEY}=${DEMO_DRIFTED_COUNTRY}`;
        await page.goto(
          `${dashboardUrl}#/models/${encodeURIComponent(DEMO_MODEL_NAME)}/versions/${encodeURIComponent(DEMO_MODEL_VERSION)}?slice=${encodeURIComponent(slice)}`,
        );
        const row = page.locator(`tr.drift-row[data-feature="${DEMO_DRIFTED_FEATURE}"]`).first();
        await row.waitFor();
        expect(await row.getAttribute('data-status')).toBe(ML_DRIFT_STATE_VALUE_DRIFT);
        expect((await row.locator('td.status .pill').textContent())?.trim()).toBe('drift');
        for (const feature of STATIONARY) {
          const other = page.locator(`tr.drift-row[data-feature="${feature}"]`).first();
          expect(await other.getAttribute('data-status'), feature).toBe(
            ML_DRIFT_STATE_VALUE_NO_DRIFT,
          );
        }
        mkdirSync(ARTIFACTS, { recursive: true });
        await page.screenshot({ path: join(ARTIFACTS, 'demo-dashboard.png'), fullPage: true });
        expect(errors).toEqual([]);
      } finally {
        await browser?.close();
      }
    },
  );

  it('stops cleanly on SIGTERM (exit 0)', async () => {
    child.kill('SIGTERM');
    const [code] = await exit;
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('SIGTERM: flushing and stopping');
  }, 30_000);
});

describe('mlmon demo with a busy port', () => {
  let blocker: Server;
  let port = 0;

  beforeAll(async () => {
    blocker = createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    port = (blocker.address() as AddressInfo).port;
  });

  afterAll(async () => {
    blocker.close();
    await once(blocker, 'close');
  });

  it('fails with a message naming the port and the flag', () => {
    const r = spawnSync(
      process.execPath,
      [
        TSX,
        MAIN,
        'demo',
        '--prometheus-port',
        String(port),
        '--otlp-http-port',
        '0',
        '--otlp-grpc-port',
        '0',
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    expect(r.stderr).toContain('--prometheus-port');
  }, 60_000);
});

describe('mlmon demo --write-data', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mlmon-demo-data-'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (args: readonly string[]): string => {
    const r = spawnSync(process.execPath, [TSX, MAIN, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (r.status !== 0) throw new Error(`mlmon ${args.join(' ')} failed:\n${r.stderr}`);
    return r.stdout;
  };

  it('writes files on which the batch CLI finds the drift and the miscalibration', () => {
    run(['demo', '--write-data', dir]);
    const training = join(dir, 'training.csv');
    const current = join(dir, 'current.csv');
    const drift = JSON.parse(
      run([
        'drift',
        '--reference',
        training,
        '--current',
        current,
        '--categorical',
        'country,label',
        '--format',
        'json',
      ]),
    ) as { columns: { name: string; status: string }[] };
    const status = (column: string): string | undefined =>
      drift.columns.find((c) => c.name === column)?.status;
    expect(status(DEMO_DRIFTED_FEATURE)).toBe(ML_DRIFT_STATE_VALUE_DRIFT);
    for (const feature of STATIONARY)
      expect(status(feature), feature).toBe(ML_DRIFT_STATE_VALUE_NO_DRIFT);
    expect(status(DEMO_SLICE_KEY)).toBe(ML_DRIFT_STATE_VALUE_NO_DRIFT);

    const ece = (file: string): number => {
      const out = JSON.parse(
        run([
          'evaluate',
          '--predictions',
          file,
          '--task',
          'binary_classification',
          '--label-column',
          'label',
          '--score-column',
          'score',
          '--format',
          'json',
        ]),
      ) as { metrics: Record<string, number | null> };
      return out.metrics['ece']!;
    };
    expect(ece(training)).toBeLessThan(0.05);
    expect(ece(current)).toBeGreaterThan(0.15);
  }, 60_000);
});
