/**
 * Alert memory survives a crash: an in-process durable service (manual clock, real data
 * directory) fires `feature_drift`, is abandoned without a shutdown (as after `kill -9`), and a
 * new service on the same directory restores the firing alert from the checkpoint and the log,
 * does not fire it again while the drift continues, and resolves it once when it ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SERVE_CONFIG } from '../../processor/src/config/serve-config.js';
import { decodeOtlpRequest } from '../../processor/src/decode/decode-otlp-request.js';
import { ManualClock } from '../../processor/src/service/clock.js';
import type { Logger } from '../../processor/src/service/logger.js';
import { MlmonService } from '../../processor/src/service/mlmon-service.js';
import { logsRequestJson } from '../processor/support/otlp-json.js';
import { seeded } from '../processor/support/scenario.js';
import { prediction } from '../durability/support/events.js';

const WINDOW_MS = 60_000;
const T0 = 1_800_000_000_000;

describe('alert state across a crash', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlmon-alert-restart-'));
  const services: MlmonService[] = [];
  afterAll(async () => {
    // The abandoned first service too (its listeners), after the second; the directory goes anyway.
    for (const s of services.reverse()) await s.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const lines: string[] = [];
  const logger: Logger = {
    info: (m) => lines.push(m),
    warn: (m) => lines.push(`warning: ${m}`),
    error: (m) => lines.push(`error: ${m}`),
  };
  const alertLines = () => lines.filter((l) => l.startsWith('alert '));

  async function start(clock: ManualClock): Promise<MlmonService> {
    const service = new MlmonService({
      config: {
        ...DEFAULT_SERVE_CONFIG,
        host: '127.0.0.1',
        otlpHttpPort: 0,
        otlpGrpcPort: null,
        prometheusPort: 0,
        windowSeconds: WINDOW_MS / 1000,
        allowedLatenessSeconds: 0,
        dataDir: dir,
      },
      clock,
      logger,
      flushIntervalMillis: 0,
      durable: true,
    });
    await service.start();
    services.push(service);
    return service;
  }

  /** Sends window `k`'s predictions (x shifted by `shift`) through the service's sink. */
  async function sendWindow(service: MlmonService, k: number, shift: number): Promise<void> {
    const u = seeded(5);
    const events = Array.from({ length: 300 }, () => {
      const z = Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
      return prediction('restarting', T0 + k * WINDOW_MS + 1000, { x: z + shift }, 0.5);
    });
    const body = logsRequestJson(events);
    await service.sink.accept(decodeOtlpRequest('logs', body, 'json'), {
      body,
      contentType: 'json',
    });
  }

  it('fires once, restores the firing state, and resolves once', async () => {
    const clock = new ManualClock(T0 + 500);
    const first = await start(clock);
    for (const [k, shift] of [0, 3, 3].entries()) {
      await sendWindow(first, k, shift);
      clock.set(T0 + (k + 1) * WINDOW_MS + 1);
      await first.flush();
    }
    expect(alertLines()).toEqual([
      expect.stringMatching(/^alert feature_drift firing \(warning\): drift\.status = 1/),
    ]);
    // Window 3 drifts too and is acknowledged, but the process dies before it closes.
    await sendWindow(first, 3, 3);

    const second = await start(clock);
    expect(
      lines.some((l) => /restored .*checkpoint at LSN \d+, 1 logged requests replayed/.test(l)),
    ).toBe(true);
    clock.set(T0 + 4 * WINDOW_MS + 1);
    await second.flush();
    expect(alertLines()).toHaveLength(1); // still firing: no repeat
    expect(second.renderMetrics()).toMatch(
      /ml_alert_status\{[^}]*ml_alert_state="firing"[^}]*\} 1/,
    );
    await sendWindow(second, 4, 0);
    clock.set(T0 + 5 * WINDOW_MS + 1);
    await second.flush();
    expect(alertLines()).toEqual([
      expect.stringMatching(/^alert feature_drift firing/),
      expect.stringMatching(/^alert feature_drift resolved \(warning\): drift\.status = 0/),
    ]);
  });
});
