/**
 * Resetting a model's references through the admin API of a durable service: an intended shift
 * stops being drift from the window after the reset on, and the reset survives a crash (it is
 * in the write-ahead log, replayed at its place). Clock-driven, real HTTP on ephemeral ports.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeOtlpRequest } from '../../processor/src/decode/decode-otlp-request.js';
import type { WindowResult } from '../../processor/src/evaluate/window-result.js';
import { ManualClock } from '../../processor/src/service/clock.js';
import type { MlmonService } from '../../processor/src/service/mlmon-service.js';
import { logsRequestJson } from './support/otlp-json.js';
import { startTestService } from './support/start-service.js';
import {
  closedAfter,
  MODEL,
  predictions,
  T0,
  VERSION,
  WINDOW_SECONDS,
} from './support/scenario.js';

const W = WINDOW_SECONDS * 1000;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function service(dataDir: string, clock: ManualClock) {
  const started = await startTestService(
    T0,
    { dataDir, processorId: 'reset' },
    { durable: true, clock },
  );
  return { s: started.service, admin: `http://127.0.0.1:${started.addresses.prometheusPort}` };
}

/** Sends window `k` (`amount` shifted by `shift`) and flushes after it closed. */
async function windowOf(s: MlmonService, clock: ManualClock, k: number, shift: number) {
  clock.set(T0 + k * W + 55_000);
  const body = logsRequestJson(predictions(T0 + k * W, 100 + k, shift).events);
  const reply = await s.sink.accept(decodeOtlpRequest('logs', body, 'json'), {
    body,
    contentType: 'json',
  });
  expect(reply).toEqual({ rejected: 0 });
  clock.set(closedAfter(T0 + k * W));
  return s.flush();
}

/** The all-slices stream's primary `amount` decision of a pass. */
const amountState = (results: WindowResult[]): string | undefined =>
  results
    .find((r) => Object.keys(r.stream.slice).length === 0)
    ?.drift.find((d) => d.feature === 'amount' && d.primary)?.state;

describe('reference reset through the admin API', () => {
  it('starts the comparison over from the next window, and survives a crash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlmon-reset-'));
    dirs.push(dir);
    const clock = new ManualClock(T0);
    const { s, admin } = await service(dir, clock);
    await windowOf(s, clock, 0, 0); // the reference
    expect(amountState(await windowOf(s, clock, 1, 30))).toBe('drift');

    // Wrong method, unknown model and version: clear answers, nothing reset.
    const get = await fetch(`${admin}/api/v1/models/${MODEL}/reference/reset`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const unknown = await fetch(`${admin}/api/v1/models/nope/reference/reset`, { method: 'POST' });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(
      /no model "nope"/,
    );
    const noVersion = await fetch(`${admin}/api/v1/models/${MODEL}/versions/99/reference/reset`, {
      method: 'POST',
    });
    expect(noVersion.status).toBe(404);

    const reset = await fetch(
      `${admin}/api/v1/models/${MODEL}/versions/${VERSION}/reference/reset`,
      {
        method: 'POST',
      },
    );
    expect(reset.status).toBe(200);
    // The all-slices stream and the two region streams.
    expect(await reset.json()).toMatchObject({
      model: MODEL,
      version: VERSION,
      modelVersions: 1,
      streams: 3,
    });

    // The process dies here (no stop, no checkpoint after the reset): a new one replays the log.
    const { s: again } = await service(dir, clock);
    // Window 2 carries the shifted data: it is the new reference, so nothing is decided on it.
    const w2 = await windowOf(again, clock, 2, 30);
    expect(amountState(w2)).toBeUndefined();
    // Window 3 with the same shift is no drift against the new reference.
    expect(amountState(await windowOf(again, clock, 3, 30))).toBe('no_drift');
    await again.stop();
    await s.stop().catch(() => undefined);
  });
});
