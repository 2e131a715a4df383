/**
 * An accelerated soak: a day of 5-minute windows (288) on a manual clock, in minutes
 * of wall time, through a durable in-process `mlmon serve` over real OTLP/HTTP, with labels a
 * window late, stream churn (a model that comes and goes and ages out, one that appears later)
 * and a restart every two simulated hours (`kill -9` restarts are sigkill.test.ts's). At the end
 * every window of every stream counts exactly what was sent to it, and the write-ahead log (a
 * couple of windows), the open files and the pending labels stay within bounds that do not grow
 * with the length of the run; once the pending predictions reach their cap (set low here, as
 * their 7-day TTL is longer than the run), the checkpoint and the heap stop growing.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../processor/src/service/clock.js';
import { silentLogger } from '../../processor/src/service/logger.js';
import { MlmonService } from '../../processor/src/service/mlmon-service.js';
import { logsRequestJson } from '../processor/support/otlp-json.js';
import { parsePrometheus, select } from '../processor/support/prometheus-parse.js';
import type { ScenarioEvent } from '../processor/support/scenario.js';
import { loopbackConfig } from '../support/loopback-config.js';
import { label, prediction } from './support/events.js';
import { postLogs, windowCounts } from './support/serve-process.js';

const WINDOW_MS = 300_000;
const WINDOWS = 288;
const RESTART_EVERY = 24;
/** Results kept per stream: the checkpoint's history stops growing once it is full. */
const HISTORY = 60;
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % WINDOW_MS);

/** Which models send in window `k`: `steady` always, `part-time` 4 h of every 8, `late` from window 50. */
function modelsOf(k: number): string[] {
  const models = ['steady'];
  if (k % 96 < 48) models.push('part-time');
  if (k >= 50) models.push('late');
  return models;
}

/**
 * Pending predictions kept: labelled ones stay until their 7-day TTL, so the cap is what bounds
 * them in a one-day run (reached in about 35 windows at ~30 predictions per window).
 */
const MAX_PENDING_PREDICTIONS = 1000;
/** Restarts (every 24 windows) per cycle of the part-time model (4 h on, 4 h off). */
const CYCLE = 4;

const openFiles = (): number => readdirSync('/proc/self/fd').length;

// A forced collection, so heap sizes compare what is live (the test runner has no --expose-gc).
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
const liveHeap = (): number => {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
};

function bytesOf(dir: string, match: (name: string) => boolean): number {
  return readdirSync(dir)
    .filter(match)
    .reduce((a, n) => a + statSync(join(dir, n)).size, 0);
}

describe('an accelerated soak', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlmon-soak-'));
  const services: MlmonService[] = [];
  afterAll(async () => {
    for (const s of services) await s.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts every window exactly across restarts, with log, checkpoint and files bounded', async () => {
    const clock = new ManualClock(T0 + 1000);
    const start = async () => {
      const service = new MlmonService({
        config: loopbackConfig({
          windowSeconds: WINDOW_MS / 1000,
          allowedLatenessSeconds: 30,
          historyWindows: HISTORY,
          idleStreamTtlSeconds: (6 * WINDOW_MS) / 1000,
          caps: { maxPendingPredictions: MAX_PENDING_PREDICTIONS },
          dataDir: dir,
        }),
        clock,
        logger: silentLogger,
        flushIntervalMillis: 0,
        durable: true,
        checkpointIntervalMillis: 0,
      });
      services.push(service);
      return { service, addresses: await service.start() };
    };
    let { service, addresses } = await start();
    const fdsAtStart = openFiles();
    const sent = new Map<string, Map<number, number>>();
    let unlabelled: { model: string; ids: string[] }[] = [];
    const walSizes: number[] = [];
    const checkpointSizes: number[] = [];
    const heaps: number[] = [];

    for (let k = 0; k < WINDOWS; k++) {
      const windowStart = T0 + k * WINDOW_MS;
      clock.set(windowStart + 1000);
      const events: ScenarioEvent[] = [];
      const labelled = unlabelled;
      unlabelled = [];
      for (const { model, ids } of labelled) {
        events.push(...ids.map((id, j) => label(model, windowStart + 500, id, (j % 2) as 0 | 1)));
      }
      for (const model of modelsOf(k)) {
        const n = 5 + ((k * 7 + model.length) % 11);
        const ids = Array.from({ length: n }, (_, j) => `${model}-${k}-${j}`);
        events.push(
          ...ids.map((id, j) =>
            prediction(model, windowStart + 2000 + j, { x: (k + j) % 9 }, 0.3 + (j % 5) / 10, id),
          ),
        );
        const perWindow = sent.get(model) ?? new Map<number, number>();
        perWindow.set(windowStart + WINDOW_MS, n);
        sent.set(model, perWindow);
        unlabelled.push({ model, ids });
      }
      expect((await postLogs(addresses.otlpHttpPort, logsRequestJson(events))).status).toBe(200);
      clock.set(windowStart + WINDOW_MS + 31_000);
      await service.flush();

      if ((k + 1) % RESTART_EVERY === 0 && k + 1 < WINDOWS) {
        walSizes.push(bytesOf(dir, (n) => n.startsWith('wal-')));
        checkpointSizes.push(bytesOf(dir, (n) => n === 'checkpoint.json'));
        await service.stop();
        services.pop();
        ({ service, addresses } = await start());
        heaps.push(liveHeap());
      }
    }

    for (const [model, perWindow] of sent) {
      const counts = await windowCounts(addresses.prometheusPort, model, '1');
      // `part-time` has been idle for the last 48 windows, beyond its TTL: aged out entirely.
      if (model === 'part-time') expect(counts.ends).toEqual([]);
      else expect(counts.ends.length, model).toBeGreaterThan(0);
      const got = new Map(counts.ends.map((end, i) => [end, counts.current[i]!]));
      for (const [end, n] of got) expect([model, end, n]).toEqual([model, end, perWindow.get(end)]);
      if (model !== 'part-time') {
        // Never idle: its whole kept history is there.
        expect(got.size, model).toBe(Math.min(perWindow.size, HISTORY));
      }
    }
    // Bounded: the log holds at most a couple of windows' requests, the checkpoint does not
    // grow with the run, no file descriptor leaks across restarts, pending labels stay few.
    expect(Math.max(...walSizes)).toBeLessThan(256 * 1024);
    // Once the pending predictions are at their cap, the checkpoint holds a bounded state: its
    // size follows the 8-hour cycle of the part-time model (4 restarts), and the last cycle's
    // largest is within a tenth of the cycle's before it.
    const lastCycle = (sizes: number[]): number => Math.max(...sizes.slice(-CYCLE));
    const cycleBefore = (sizes: number[]): number => Math.max(...sizes.slice(-2 * CYCLE, -CYCLE));
    expect(
      lastCycle(checkpointSizes),
      `checkpoint sizes ${checkpointSizes.join(', ')}`,
    ).toBeLessThan(1.1 * cycleBefore(checkpointSizes));
    // The heap of the restarted service (live objects after forced collections) levels off too.
    expect(lastCycle(heaps), `live heap sizes ${heaps.join(', ')}`).toBeLessThan(
      1.1 * cycleBefore(heaps),
    );
    expect(openFiles()).toBeLessThanOrEqual(fdsAtStart + 8);
    const pending = select(
      parsePrometheus(service.renderMetrics()),
      'mlmon_processor_pending_labels',
      {},
    );
    expect(pending.map((s) => s.value)[0]).toBeLessThan(100);
  }, 300_000);
});
