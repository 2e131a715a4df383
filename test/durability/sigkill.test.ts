/**
 * Durability: `kill -9` in the middle of a stream of acknowledged OTLP requests — over OTLP/HTTP
 * and over OTLP/gRPC (sent by the real OTel JS SDK exporter) — restart on the same data directory, and every acknowledged prediction and label is counted exactly once
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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logsRequestJson } from '../processor/support/otlp-json.js';
import type { ScenarioEvent } from '../processor/support/scenario.js';
import { freePort } from '../support/free-port.js';
import { label, prediction } from './support/events.js';
import { grpcLogsSender } from './support/grpc-logs.js';
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

/** How a test client sends one request of events to a running processor; true when acknowledged. */
type Send = (events: ScenarioEvent[]) => Promise<boolean>;

/** Senders per transport, each closed after the suite. */
const transports: Record<
  'OTLP/HTTP' | 'OTLP/gRPC',
  (p: ServeProcess) => { send: Send; close(): Promise<void> }
> = {
  'OTLP/HTTP': (p) => ({
    send: async (events) => (await postLogs(p.httpPort, logsRequestJson(events))).status === 200,
    close: async () => {},
  }),
  'OTLP/gRPC': (p) => grpcLogsSender(p.grpcPort),
};

describe.each(Object.keys(transports) as (keyof typeof transports)[])(
  'kill -9 mid-stream over %s',
  (transport) => {
    const dir = mkdtempSync(join(tmpdir(), 'mlmon-sigkill-'));
    const senders: { close(): Promise<void> }[] = [];
    const sender = (p: ServeProcess): Send => {
      const made = transports[transport](p);
      senders.push(made);
      return made.send;
    };
    let first: ServeProcess | undefined;
    let second: ServeProcess | undefined;
    // gRPC port 0 means "off": the gRPC run takes a free port, the same across the restart.
    let grpcArgs: string[] = [];
    beforeAll(async () => {
      if (transport === 'OTLP/gRPC') grpcArgs = ['--otlp-grpc-port', String(await freePort())];
    });
    const serveArgs = (): string[] => [
      ...baseArgs(dir),
      ...grpcArgs,
      '--window-seconds',
      String(WINDOW_SECONDS),
      // Lateness absorbs scheduling delays on a busy machine: a request acknowledged after its
      // window closed would be counted as late (by design), not in the window.
      '--allowed-lateness-seconds',
      '2',
      '--history-windows',
      '500',
    ];
    afterAll(async () => {
      for (const made of senders) await made.close();
      first?.child.kill('SIGKILL');
      await stopServe(second);
      rmSync(dir, { recursive: true, force: true });
    });

    it('loses no acknowledged prediction or label and counts none twice', async () => {
      const args = serveArgs();
      first = await startServe(args);

      let seq = 0;
      const acked = { predictions: 0, labels: 0 };
      const maybe = { predictions: 0, labels: 0 };
      const labelQueue: string[][] = []; // ids of acknowledged predictions not yet labelled

      /** One request: fresh predictions (some with ids) plus labels for an acknowledged batch. */
      const sendOne = async (send: Send): Promise<boolean> => {
        const n = seq++;
        const now = Date.now();
        const ids = Array.from({ length: WITH_ID }, (_, j) => `p-${n}-${j}`);
        const events: ScenarioEvent[] = [
          ...ids.map((id, j) =>
            prediction(MODEL, now, { x: (n * 7 + j) % 10 }, 0.25 + 0.05 * j, id),
          ),
          ...Array.from({ length: WITHOUT_ID }, (_, j) => prediction(MODEL, now, { x: j }, 0.6)),
        ];
        const toLabel = labelQueue.shift() ?? [];
        events.push(...toLabel.map((id, j) => label(MODEL, now, id, (j % 2) as 0 | 1)));
        if (await send(events)) {
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
      const sendFirst = sender(first);
      const workers = Array.from({ length: 4 }, async () => {
        while (running) {
          if (!(await sendOne(sendFirst))) return;
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
      appendFileSync(
        join(dir, segments.at(-1)!),
        Buffer.from([0x40, 0x00, 0x00, 0x00, 0xde, 0xad]),
      );

      second = await startServe(args);
      expect(second.log()).not.toMatch(/error/i);
      expect(second.log()).toMatch(/warning: write-ahead log: .*truncated/);
      // A little more traffic after the restart, then labels for everything still unlabelled.
      const sendSecond = sender(second);
      for (let i = 0; i < 5; i++) expect(await sendOne(sendSecond)).toBe(true);
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
      const args = serveArgs();
      second = await startServe(args);
      expect(second.log()).toMatch(/checkpoint at LSN \d+, 0 logged requests replayed/);
      const after = await windowCounts(second.adminPort, MODEL, '1');
      expect(after.current).toEqual(before.current);
      expect(after.labeled).toEqual(before.labeled);
    }, 30_000);
  },
);
