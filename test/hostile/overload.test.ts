/**
 * Load past the limits on loopback (bounded: a few hundred requests): a small ingest queue makes
 * the processor answer 429 with Retry-After before reading bodies; a heap soft limit below what
 * the process already uses makes it answer 503 with Retry-After. Memory stays bounded, the
 * service serves normally afterwards, and every acknowledged prediction is counted.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { logsRequestJson } from '../processor/support/otlp-json.js';
import { parsePrometheus } from '../processor/support/prometheus-parse.js';
import { prediction } from '../durability/support/events.js';
import type { ServeProcess } from '../durability/support/serve-process.js';
import {
  baseArgs,
  postLogs,
  sleep,
  startServe,
  stopServe,
  windowCounts,
} from '../durability/support/serve-process.js';

const WINDOW_SECONDS = 2;
const HEAP_LIMIT_MIB = 256;

/** Peak resident set size of a Linux process, in MiB (undefined elsewhere). */
function peakRssMib(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

describe('overload', () => {
  const dirs: string[] = [];
  const processes: ServeProcess[] = [];
  afterAll(async () => {
    for (const p of processes) await stopServe(p);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'mlmon-overload-'));
    dirs.push(d);
    return d;
  };

  it('answers 429 + Retry-After when the queue is full, stays under its memory bound and loses nothing acknowledged', async () => {
    const serve = await startServe([
      ...baseArgs(tempDir()),
      '--window-seconds',
      String(WINDOW_SECONDS),
      '--allowed-lateness-seconds',
      '0',
      '--max-inflight-requests',
      '4',
      '--memory-soft-limit-mib',
      String(HEAP_LIMIT_MIB),
    ]);
    processes.push(serve);
    const PER_REQUEST = 500;
    let acked = 0;
    const statuses = new Map<number, number>();
    const retryAfters = new Set<string | null>();
    // 6 waves of 40 concurrent requests of ~60 KiB each.
    for (let wave = 0; wave < 6; wave++) {
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => {
          const now = Date.now();
          const events = Array.from({ length: PER_REQUEST }, (_, j) =>
            prediction('busy', now, { x: (i * j) % 97, y: j % 5 }, 0.5),
          );
          return postLogs(serve.httpPort, logsRequestJson(events));
        }),
      );
      for (const r of results) {
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        if (r.status === 200) acked += PER_REQUEST;
        if (r.status === 429) retryAfters.add(r.retryAfter);
      }
    }
    expect(statuses.get(429) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
    expect([...statuses.keys()].every((s) => s === 200 || s === 429 || s === 503)).toBe(true);
    expect([...retryAfters]).toEqual(['1']);
    const peak = peakRssMib(serve.child.pid!);
    if (peak !== undefined) expect(peak).toBeLessThan(HEAP_LIMIT_MIB + 256);

    // Afterwards it serves normally, to a client that honours Retry-After as OTLP exporters do
    // (the heap holds the load's garbage until V8 collects it).
    let after = { status: 0, retryAfter: null as string | null, text: '' };
    for (let attempt = 0; attempt < 20; attempt++) {
      after = await postLogs(
        serve.httpPort,
        logsRequestJson([prediction('busy', Date.now(), { x: 1, y: 1 }, 0.5)]),
      );
      if (after.status !== 429 && after.status !== 503) break;
      await sleep(Number(after.retryAfter) * 1000);
    }
    expect(after.status).toBe(200);
    acked += 1;
    const lastWindowEnd = Math.ceil(Date.now() / (WINDOW_SECONDS * 1000)) * WINDOW_SECONDS * 1000;
    let counts = await windowCounts(serve.adminPort, 'busy', '1');
    for (let i = 0; i < 160 && (counts.ends.at(-1) ?? 0) < lastWindowEnd; i++) {
      await sleep(250);
      counts = await windowCounts(serve.adminPort, 'busy', '1');
    }
    const late = parsePrometheus(
      await (await fetch(`http://127.0.0.1:${serve.adminPort}/metrics`)).text(),
    ).filter(
      (x) =>
        x.name === 'mlmon_processor_records_total' &&
        x.labels['mlmon_processor_outcome'] === 'late',
    );
    // Every acknowledged prediction is in a window, or counted as late when the queue held it
    // past its window's close (lateness 0 here): none is missing.
    const lateTotal = late.reduce((a, x) => a + x.value, 0);
    expect(counts.current.reduce((a, b) => a + b, 0) + lateTotal).toBe(acked);
  }, 90_000);

  it('answers 503 + Retry-After above the heap soft limit, before reading the body', async () => {
    const serve = await startServe([...baseArgs(tempDir()), '--memory-soft-limit-mib', '1']);
    processes.push(serve);
    const r = await postLogs(
      serve.httpPort,
      logsRequestJson([prediction('m', Date.now(), { x: 1 }, 0.5)]),
    );
    expect(r.status).toBe(503);
    expect(r.retryAfter).toBe('1');
    expect(r.text).toMatch(/memory limit/);
    // The admin port still answers (health checks and scrapes are not data).
    expect((await fetch(`http://127.0.0.1:${serve.adminPort}/healthz`)).status).toBe(200);
  }, 30_000);
});
