/**
 * Durability: `kill -9` in the middle of a stream of acknowledged OTLP/HTTP requests, restart on
 * the same data directory, and every acknowledged prediction and label is counted exactly once
 * in the evaluations that follow (status API, per-window sample and label counts).
 *
 * Predictions without `ml.prediction.id` are not deduplicated by the state, so a record that was
 * both in a checkpoint and replayed, or replayed twice, would show up as a surplus. Requests that
 * were in flight when the process died (never answered) may or may not count: they bound the
 * surplus from above.
 */
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { logsRequestJson } from '../processor/support/otlp-json.js';
import type { ScenarioEvent } from '../processor/support/scenario.js';
import { label, prediction } from './support/events.js';
import type { ServeProcess } from './support/serve-process.js';
import {
  baseArgs,
  postLogs,
  sleep,
  startServe,
  stopServe,
  windowCounts,
} from './support/serve-process.js';

const MODEL = 'crashy';
const WINDOW_SECONDS = 2;
const WITH_ID = 6;
const WITHOUT_ID = 4;

describe('kill -9 mid-stream', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlmon-sigkill-'));
  let first: ServeProcess | undefined;
  let second: ServeProcess | undefined;
  afterAll(async () => {
    first?.child.kill('SIGKILL');
    await stopServe(second);
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no acknowledged prediction or label and counts none twice', async () => {
    const args = [
      ...baseArgs(dir),
      '--window-seconds',
      String(WINDOW_SECONDS),
      // Lateness absorbs scheduling delays on a busy machine: a request acknowledged after its
      // window closed would be counted as late (by design), not in the window.
      '--allowed-lateness-seconds',
      '2',
      '--history-windows',
      '500',
    ];
    first = await startServe(args);

    let seq = 0;
    const acked = { predictions: 0, labels: 0 };
    const maybe = { predictions: 0, labels: 0 };
    const labelQueue: string[][] = []; // ids of acknowledged predictions not yet labelled

    /** One request: fresh predictions (some with ids) plus labels for an acknowledged batch. */
    const sendOne = async (port: number): Promise<boolean> => {
      const n = seq++;
      const now = Date.now();
      const ids = Array.from({ length: WITH_ID }, (_, j) => `p-${n}-${j}`);
      const events: ScenarioEvent[] = [
        ...ids.map((id, j) => prediction(MODEL, now, { x: (n * 7 + j) % 10 }, 0.25 + 0.05 * j, id)),
        ...Array.from({ length: WITHOUT_ID }, (_, j) => prediction(MODEL, now, { x: j }, 0.6)),
      ];
      const toLabel = labelQueue.shift() ?? [];
      events.push(...toLabel.map((id, j) => label(MODEL, now, id, (j % 2) as 0 | 1)));
      const { status } = await postLogs(port, logsRequestJson(events));
      if (status === 200) {
        acked.predictions += WITH_ID + WITHOUT_ID;
        acked.labels += toLabel.length;
        labelQueue.push(ids);
        return true;
      }
      // Not answered: the request may or may not have been stored. Its labels can be sent again
      // (duplicates of a label count once), so they go back to the queue.
      maybe.predictions += WITH_ID + WITHOUT_ID;
      if (toLabel.length > 0) labelQueue.unshift(toLabel);
      maybe.labels += toLabel.length;
      return false;
    };

    // Four concurrent senders for about 1.5 windows, then SIGKILL while they are still sending.
    let running = true;
    const workers = Array.from({ length: 4 }, async () => {
      while (running) {
        if (!(await sendOne(first!.httpPort))) return;
      }
    });
    await sleep(3100);
    first.child.kill('SIGKILL');
    running = false;
    await Promise.all(workers);
    await first.exited;
    expect(acked.predictions).toBeGreaterThan(100);

    // A torn write at the end of the log, as a crash in the middle of a write leaves it.
    const segments = readdirSync(dir)
      .filter((n) => n.startsWith('wal-'))
      .sort();
    appendFileSync(join(dir, segments.at(-1)!), Buffer.from([0x40, 0x00, 0x00, 0x00, 0xde, 0xad]));

    second = await startServe(args);
    expect(second.log()).not.toMatch(/error/i);
    expect(second.log()).toMatch(/warning: write-ahead log: .*truncated/);
    // A little more traffic after the restart, then labels for everything still unlabelled.
    for (let i = 0; i < 5; i++) expect(await sendOne(second.httpPort)).toBe(true);
    const rest = labelQueue.splice(0).flat();
    if (rest.length > 0) {
      const { status } = await postLogs(
        second.httpPort,
        logsRequestJson(rest.map((id) => label(MODEL, Date.now(), id, 1))),
      );
      expect(status).toBe(200);
      acked.labels += rest.length;
    }
    const lastWindowEnd = Math.ceil(Date.now() / (WINDOW_SECONDS * 1000)) * WINDOW_SECONDS * 1000;

    // Wait until the window of the last request has closed and been evaluated.
    let counts = await windowCounts(second.adminPort, MODEL, '1');
    for (let i = 0; i < 160 && !((counts.ends.at(-1) ?? 0) >= lastWindowEnd); i++) {
      await sleep(250);
      counts = await windowCounts(second.adminPort, MODEL, '1');
    }
    const predictions = counts.current.reduce((a, b) => a + b, 0);
    const labels = counts.labeled.reduce((a, b) => a + b, 0);
    expect(predictions).toBeGreaterThanOrEqual(acked.predictions);
    expect(predictions).toBeLessThanOrEqual(acked.predictions + maybe.predictions);
    expect(labels).toBe(acked.labels);
    // The restart did restore something (the test would be vacuous otherwise).
    expect(second.log()).toMatch(
      /restored .*: checkpoint at LSN \d+, \d+ logged requests replayed/,
    );
  }, 60_000);

  it('after SIGTERM restarts from the checkpoint alone, with the window history kept', async () => {
    const before = await windowCounts(second!.adminPort, MODEL, '1');
    second!.child.kill('SIGTERM');
    expect(await second!.exited).toBe(0);
    const args = [
      ...baseArgs(dir),
      '--window-seconds',
      String(WINDOW_SECONDS),
      '--allowed-lateness-seconds',
      '2',
      '--history-windows',
      '500',
    ];
    second = await startServe(args);
    expect(second.log()).toMatch(/checkpoint at LSN \d+, 0 logged requests replayed/);
    const after = await windowCounts(second.adminPort, MODEL, '1');
    expect(after.current).toEqual(before.current);
    expect(after.labeled).toEqual(before.labeled);
  }, 30_000);
});
