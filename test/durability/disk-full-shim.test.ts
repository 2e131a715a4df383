/**
 * A full disk under a running processor (the write-ahead log's writes fail with ENOSPC through a
 * fault-injecting file system): requests get 503 with Retry-After and are not counted, `/readyz`
 * says why it is not ready, the processor resumes by itself once the disk takes writes again,
 * and the window counts exactly the acknowledged predictions — also after a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loopbackConfig } from '../support/loopback-config.js';
import { ManualClock } from '../../processor/src/service/clock.js';
import { silentLogger } from '../../processor/src/service/logger.js';
import { MlmonService } from '../../processor/src/service/mlmon-service.js';
import { logsRequestJson } from '../processor/support/otlp-json.js';
import { FaultyWalFileSystem } from '../support/faulty-wal-file-system.js';
import { prediction } from './support/events.js';
import { postLogs, windowCounts } from './support/serve-process.js';

const MODEL = 'diskfull';
const WINDOW_MS = 60_000;
const T0 = 1_800_000_000_000;
const PER_REQUEST = 10;

function service(dir: string, clock: ManualClock, fs: FaultyWalFileSystem): MlmonService {
  return new MlmonService({
    config: loopbackConfig({
      windowSeconds: WINDOW_MS / 1000,
      allowedLatenessSeconds: 5,
      processorId: 'disk-full',
      dataDir: dir,
    }),
    clock,
    logger: silentLogger,
    flushIntervalMillis: 0,
    durable: true,
    checkpointIntervalMillis: 0,
    walFileSystem: fs,
    walResumeBackoff: { initialMillis: 20, maxMillis: 80 },
  });
}

const body = (n: number): Uint8Array =>
  logsRequestJson(
    Array.from({ length: PER_REQUEST }, (_, j) =>
      prediction(MODEL, T0 + 1000 + n, { x: (n + j) % 7 }, 0.5),
    ),
  );

async function readyz(port: number): Promise<{ status: number; reason?: string }> {
  const response = await fetch(`http://127.0.0.1:${port}/readyz`);
  const json = (await response.json()) as { reason?: string };
  return { status: response.status, ...(json.reason !== undefined ? { reason: json.reason } : {}) };
}

describe('a full disk under mlmon serve (fault-injecting file system)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlmon-diskfull-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers 503 + Retry-After, is not ready, counts nothing refused and resumes by itself', async () => {
    const clock = new ManualClock(T0 + 2000);
    const fs = new FaultyWalFileSystem();
    const first = service(dir, clock, fs);
    const { otlpHttpPort, prometheusPort } = await first.start();
    let acked = 0;
    let n = 0;
    const send = async (): Promise<{ status: number; retryAfter: string | null; text: string }> => {
      const reply = await postLogs(otlpHttpPort, body(n++));
      if (reply.status === 200) acked += PER_REQUEST;
      return reply;
    };
    try {
      for (let i = 0; i < 5; i++) expect((await send()).status).toBe(200);
      expect(await readyz(prometheusPort)).toEqual({ status: 200 });

      // The disk fills in the middle of a record; the concurrent requests all fail.
      fs.writeFault = 'ENOSPC';
      fs.tornBytes = 7;
      const refused = await Promise.all(Array.from({ length: 8 }, () => send()));
      expect(refused.map((r) => r.status)).toEqual(Array(8).fill(503));
      for (const r of refused) expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
      const notReady = await readyz(prometheusPort);
      expect(notReady.status).toBe(503);
      expect(notReady.reason).toMatch(/write-ahead log cannot write \(ENOSPC/);
      // Still refused while the probes fail (they do: the disk stays full for a while).
      await new Promise((r) => setTimeout(r, 150));
      expect((await send()).status).toBe(503);

      fs.writeFault = undefined;
      await vi.waitFor(async () => expect((await readyz(prometheusPort)).status).toBe(200), {
        timeout: 5000,
      });
      for (let i = 0; i < 5; i++) expect((await send()).status).toBe(200);

      clock.set(T0 + WINDOW_MS + 6000);
      await first.flush();
      const counts = await windowCounts(prometheusPort, MODEL, '1');
      expect(counts.current).toEqual([acked]);
      expect(acked).toBe(10 * PER_REQUEST);
    } finally {
      await first.stop();
    }

    // A restart over the same directory counts the same.
    const second = service(dir, clock, new FaultyWalFileSystem());
    const again = await second.start();
    try {
      const counts = await windowCounts(again.prometheusPort, MODEL, '1');
      expect(counts.current).toEqual([acked]);
    } finally {
      await second.stop();
    }
  });
});
