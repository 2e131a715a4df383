/**
 * The capture store survives `kill -9`: `mlmon serve` with `capture: { sample_rate: 1 }` is sent
 * acknowledged requests of predictions with ids (and labels) over OTLP/HTTP, killed while the
 * requests are still coming, restarted on the same data directory and stopped; `mlmon capture
 * export` then lists every acknowledged prediction exactly once — whether it was written before
 * the crash, kept by the checkpoint as not yet written, or replayed from the write-ahead log.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/cli-files.js';
import { logsRequestJson } from '../processor/support/otlp-json.js';
import { label, prediction } from './support/events.js';
import {
  baseArgs,
  postLogs,
  sleep,
  startServe,
  stopServe,
  type ServeProcess,
} from './support/serve-process.js';

const MODEL = 'captured';

describe('capture store across kill -9', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlmon-capture-kill-'));
  const config = join(dir, 'mlmon.yaml');
  writeFileSync(config, 'capture:\n  sample_rate: 1\n');
  const args = [
    ...baseArgs(join(dir, 'data')),
    '--config',
    config,
    '--window-seconds',
    '2',
    '--allowed-lateness-seconds',
    '2',
  ];
  let first: ServeProcess | undefined;
  let second: ServeProcess | undefined;

  afterAll(async () => {
    first?.child.kill('SIGKILL');
    await stopServe(second);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged prediction once', async () => {
    first = await startServe(args);
    const acked: string[] = [];
    let previous: string[] = [];
    const deadline = Date.now() + 3500;
    for (let n = 0; Date.now() < deadline; n++) {
      const now = Date.now();
      const ids = Array.from({ length: 5 }, (_, j) => `c-${n}-${j}`);
      const events = [
        ...ids.map((id, j) => prediction(MODEL, now, { x: j }, 0.2 * j, id)),
        ...previous.map((id, j) => label(MODEL, now, id, (j % 2) as 0 | 1)),
      ];
      if ((await postLogs(first.httpPort, logsRequestJson(events))).status !== 200) break;
      acked.push(...ids);
      previous = ids;
    }
    first.child.kill('SIGKILL');
    await first.exited;
    expect(acked.length).toBeGreaterThan(50);

    second = await startServe(args);
    await sleep(1500); // a flush tick writes what the restore and the replay handed over
    await stopServe(second);

    const out = join(dir, 'captured.jsonl');
    const run = runCli([
      'capture',
      'export',
      '--data-dir',
      join(dir, 'data'),
      '--model',
      MODEL,
      '--with-ids',
      '--out',
      out,
    ]);
    expect(run.stderr).toBe('');
    const rows = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { prediction_id: string; ground_truth?: number });
    const ids = rows.map((r) => r.prediction_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(acked.filter((id) => !ids.includes(id))).toEqual([]);
    // Labels of acknowledged predictions were kept with them.
    expect(rows.filter((r) => r.ground_truth !== undefined).length).toBeGreaterThan(0);
  }, 60_000);
});
