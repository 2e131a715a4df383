/**
 * Alerts end to end: a running `mlmon serve` with the default rules sees a reference window, two
 * windows where feature `x` drifts, then windows like the reference. The `feature_drift` rule
 * (drift on a feature for 2 windows) fires exactly once and resolves exactly once: two `ml.alert`
 * events arrive as OTLP logs at the export endpoint, the `ml.alert.status` state set follows,
 * and the status API lists the alert. Event times lie in future windows, so every request is
 * sent up front and the windows close as the wall clock passes them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ATTR_ML_ALERT_RULE,
  ATTR_ML_ALERT_STATE,
  ATTR_ML_FEATURE_NAME,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_DRIFT_KIND,
  ATTR_ML_DRIFT_METHOD,
  ML_DRIFT_KIND_VALUE_FEATURE,
  ML_DRIFT_METHOD_VALUE_KS,
  EVENT_ML_ALERT,
} from '@mlmon/conventions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logsRequestJson } from '../processor/support/otlp-json.js';
import {
  logAttribute,
  startLogsCollector,
  type JsonLogRecord,
} from '../support/otlp-logs-collector.js';
import { parsePrometheus } from '../processor/support/prometheus-parse.js';
import { seeded } from '../processor/support/scenario.js';
import { prediction } from '../durability/support/events.js';
import type { ServeProcess } from '../durability/support/serve-process.js';
import {
  baseArgs,
  postLogs,
  sleep,
  startServe,
  stopServe,
} from '../durability/support/serve-process.js';

const WINDOW_MS = 2000;
const PER_WINDOW = 300;
const SHIFT = [0, 3, 3, 0, 0]; // x's mean per window: reference, drift, drift, recovered, recovered

const attr = logAttribute;

describe('alert rules on a drift that recovers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlmon-alerts-'));
  let alerts: JsonLogRecord[] = [];
  let collector: Awaited<ReturnType<typeof startLogsCollector>>;
  let serve: ServeProcess;

  beforeAll(async () => {
    collector = await startLogsCollector();
    alerts = collector.records;
    const port = collector.port;
    serve = await startServe([
      ...baseArgs(dir),
      '--window-seconds',
      String(WINDOW_MS / 1000),
      '--allowed-lateness-seconds',
      '0',
      '--export-otlp-endpoint',
      `http://127.0.0.1:${port}`,
      '--export-otlp-protocol',
      'http/json',
    ]);
  }, 30_000);
  afterAll(async () => {
    await stopServe(serve);
    await collector.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fires once after two drifting windows and resolves once when the feature recovers', async () => {
    const base = Math.ceil((Date.now() + 2500) / WINDOW_MS) * WINDOW_MS;
    for (const [k, shift] of SHIFT.entries()) {
      // The same draws every window: only the shift differs, so undrifted windows equal the reference.
      const u = seeded(11);
      const events = Array.from({ length: PER_WINDOW }, (_, i) => {
        const z = Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
        return prediction('alerting', base + k * WINDOW_MS + 100, { x: z + shift, y: i % 7 }, 0.5);
      });
      expect((await postLogs(serve.httpPort, logsRequestJson(events))).status).toBe(200);
    }
    const lastEnd = base + SHIFT.length * WINDOW_MS;
    await sleep(Math.max(0, lastEnd - Date.now()));
    // Then until the last window is evaluated (bounded), and a little longer for any repeat.
    const lastWindowEvaluated = async (): Promise<boolean> => {
      const text = await (await fetch(`http://127.0.0.1:${serve.adminPort}/api/v1/models`)).text();
      const models = JSON.parse(text) as {
        models: { versions: { slices: { latest: { endUnixMillis: number } | null }[] }[] }[];
      };
      return models.models.some((m) =>
        m.versions.some((v) => v.slices.some((sl) => (sl.latest?.endUnixMillis ?? 0) >= lastEnd)),
      );
    };
    for (let i = 0; i < 80 && !(await lastWindowEvaluated()); i++) await sleep(250);
    await sleep(1500);

    const driftAlerts = alerts.filter(
      (r) => r.eventName === EVENT_ML_ALERT && attr(r, ATTR_ML_ALERT_RULE) === 'feature_drift',
    );
    expect(
      driftAlerts.map((r) => [
        attr(r, ATTR_ML_FEATURE_NAME),
        attr(r, ATTR_ML_ALERT_STATE),
        r.severityNumber,
      ]),
    ).toEqual([
      ['x', 'firing', 13],
      ['x', 'resolved', 9],
    ]);
    expect(attr(driftAlerts[0]!, ATTR_ML_MODEL_NAME)).toBe('alerting');
    // Each event names the decision that fired (x is numeric: KS is its primary method).
    for (const r of driftAlerts) {
      expect(attr(r, ATTR_ML_DRIFT_METHOD)).toBe(ML_DRIFT_METHOD_VALUE_KS);
      expect(attr(r, ATTR_ML_DRIFT_KIND)).toBe(ML_DRIFT_KIND_VALUE_FEATURE);
    }
    expect(alerts.filter((r) => r.eventName === EVENT_ML_ALERT)).toHaveLength(2);

    const metrics = parsePrometheus(
      await (await fetch(`http://127.0.0.1:${serve.adminPort}/metrics`)).text(),
    );
    const status = metrics.filter((s) => s.name === 'ml_alert_status');
    expect(
      status.map((s) => [s.labels['ml_alert_state'], s.labels['ml_feature_name'], s.value]).sort(),
    ).toEqual([
      ['firing', 'x', 0],
      ['resolved', 'x', 1],
    ]);
    const models = (await (
      await fetch(`http://127.0.0.1:${serve.adminPort}/api/v1/models`)
    ).json()) as { alerts: { rule: string; state: string; feature?: string }[] };
    expect(models.alerts).toMatchObject([
      { rule: 'feature_drift', state: 'resolved', feature: 'x' },
    ]);
  }, 60_000);
});
