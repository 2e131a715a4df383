/**
 * A real full disk: `mlmon serve` with its data directory on a 2 MiB tmpfs, which the test fills
 * with a file while clients send. Requests get 503 + Retry-After and `/readyz` says why; once
 * the file is deleted the processor resumes by itself, and the window counts exactly the
 * acknowledged predictions. Needs root (to mount); elsewhere the fault-injecting file system
 * test (disk-full-shim.test.ts) covers the same path.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logsRequestJson } from '../processor/support/otlp-json.js';
import { e2eRequired, skipWhen } from '../support/skip-reason.js';
import { prediction } from './support/events.js';
import type { ServeProcess } from './support/serve-process.js';
import {
  baseArgs,
  postLogs,
  sleep,
  startServe,
  stopServe,
  windowCounts,
} from './support/serve-process.js';

const MODEL = 'tmpfs';
const WINDOW_SECONDS = 2;
const PER_REQUEST = 10;

/** Whether this process may mount a filesystem (root with CAP_SYS_ADMIN). */
function canMount(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), 'mlmon-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

const mountable = canMount();

/** Writes zeros into `path` until the filesystem is full. */
function fill(path: string): void {
  const chunk = Buffer.alloc(16 * 1024);
  const parts: Buffer[] = [];
  for (;;) {
    parts.push(chunk);
    try {
      writeFileSync(path, Buffer.concat(parts));
    } catch {
      parts.pop();
      writeFileSync(path, Buffer.concat(parts));
      // Then the last bytes, so that not even a small record fits.
      for (let size = 8192; size >= 64; size /= 2) {
        try {
          writeFileSync(path, Buffer.alloc(size), { flag: 'a' });
        } catch {
          // smaller next
        }
      }
      return;
    }
  }
}

describe(
  'a full tmpfs under mlmon serve',
  skipWhen(!mountable && !e2eRequired(), 'mounting a tmpfs needs root'),
  () => {
    const mount = mkdtempSync(join(tmpdir(), 'mlmon-tmpfs-'));
    const dataDir = join(mount, 'data');
    const filler = join(mount, 'filler');
    let serve: ServeProcess | undefined;
    beforeAll(() => {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m,mode=0700', 'tmpfs', mount]);
    });
    afterAll(async () => {
      await stopServe(serve);
      execFileSync('umount', [mount]);
      rmSync(mount, { recursive: true, force: true });
    });

    it('refuses with 503 while full, resumes when space returns, counts exactly the acknowledged', async () => {
      serve = await startServe([
        ...baseArgs(dataDir),
        '--window-seconds',
        String(WINDOW_SECONDS),
        '--allowed-lateness-seconds',
        '2',
      ]);
      const { httpPort, adminPort } = serve;
      let acked = 0;
      let n = 0;
      const send = async (): Promise<{ status: number; retryAfter: string | null }> => {
        const i = n++;
        const events = Array.from({ length: PER_REQUEST }, (_, j) =>
          prediction(MODEL, Date.now(), { x: (i + j) % 5 }, 0.4),
        );
        const reply = await postLogs(httpPort, logsRequestJson(events));
        if (reply.status === 200) acked += PER_REQUEST;
        return reply;
      };
      const readyz = async (): Promise<{ status: number; reason?: string }> => {
        const response = await fetch(`http://127.0.0.1:${adminPort}/readyz`);
        const { reason } = (await response.json()) as { reason?: string };
        return { status: response.status, ...(reason !== undefined ? { reason } : {}) };
      };
      const startMs = Date.now();

      for (let i = 0; i < 10; i++) expect((await send()).status).toBe(200);
      fill(filler);
      const whileFull = await Promise.all(Array.from({ length: 20 }, () => send()));
      expect(whileFull.map((r) => r.status)).toEqual(Array(20).fill(503));
      for (const r of whileFull) expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
      const notReady = await readyz();
      expect(notReady.status).toBe(503);
      expect(notReady.reason).toMatch(/write-ahead log cannot write \(ENOSPC/);

      rmSync(filler);
      let ready = await readyz();
      for (let i = 0; i < 100 && ready.status !== 200; i++) {
        await sleep(100);
        ready = await readyz();
      }
      expect(ready.status).toBe(200);
      for (let i = 0; i < 10; i++) expect((await send()).status).toBe(200);
      expect(serve.log()).toMatch(/write-ahead log writes again/);

      // Every window from the first request to the last has closed and been evaluated.
      const lastEnd = Math.ceil(Date.now() / (WINDOW_SECONDS * 1000)) * WINDOW_SECONDS * 1000;
      let counts = await windowCounts(adminPort, MODEL, '1');
      for (let i = 0; i < 100 && !((counts.ends.at(-1) ?? 0) >= lastEnd); i++) {
        await sleep(100);
        counts = await windowCounts(adminPort, MODEL, '1');
      }
      expect(counts.ends.at(-1)).toBeGreaterThanOrEqual(lastEnd);
      expect(counts.ends[0]).toBeGreaterThan(startMs);
      expect(counts.current.reduce((a, b) => a + b, 0)).toBe(acked);
      expect(acked).toBe(20 * PER_REQUEST);
    }, 60_000);
  },
);
