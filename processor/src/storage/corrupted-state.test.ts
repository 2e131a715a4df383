import { readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requestEntry, tempDirs } from './__fixtures__/store-fixtures.js';
import type { DurableStore } from './durable-store.js';
import { openDurableStore } from './durable-store.js';
import { listSegments } from './wal-segments.js';

const tempDir = tempDirs('mlmon-corrupt-');
const request = requestEntry;

function open(
  dir: string,
  warnings: string[] = [],
  repair = false,
): Promise<DurableStore<{ n: number }>> {
  return openDurableStore<{ n: number }>({
    dir,
    logger: { warn: (m) => warnings.push(m) },
    now: () => 42,
    repair,
  });
}

/** Six records with checkpoints after the third (LSN 3) and the fifth (LSN 5). */
async function history(dir: string): Promise<void> {
  const store = await open(dir);
  for (const i of [0, 1, 2]) await store.append(request(i)).durable;
  await store.checkpoint(() => ({ n: 3 }));
  for (const i of [3, 4]) await store.append(request(i)).durable;
  await store.checkpoint(() => ({ n: 5 }));
  await store.append(request(5)).durable;
  await store.close();
}

const replayed = (store: DurableStore<{ n: number }>): string[] =>
  [...store.recovered.replay].map((r) =>
    r.kind === 'request' ? Buffer.from(r.body).toString() : r.kind,
  );

describe('a damaged checkpoint', () => {
  it('truncated: falls back to the previous checkpoint and the log after it, losing nothing', async () => {
    const dir = tempDir();
    await history(dir);
    const path = join(dir, 'checkpoint.json');
    truncateSync(path, Math.floor(statSync(path).size / 2));
    const warnings: string[] = [];
    const store = await open(dir, warnings);
    expect(store.recovered.checkpoint?.data).toEqual({ n: 3 });
    expect(replayed(store)).toEqual(['{"n":3}', '{"n":4}', '{"n":5}']);
    expect(warnings[0]).toMatch(
      /checkpoint\.json: .*; moved to .*checkpoint\.json\.unreadable-42\. Recovered from the previous checkpoint \(LSN 3\) .*nothing is lost/,
    );
    await store.close();
  });

  it('with a flipped bit that still parses: the checksum catches it, same fall-back', async () => {
    const dir = tempDir();
    await history(dir);
    const path = join(dir, 'checkpoint.json');
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('"n":5');
    writeFileSync(path, text.replace('"n":5', '"n":7'));
    const warnings: string[] = [];
    const store = await open(dir, warnings);
    expect(store.recovered.checkpoint?.data).toEqual({ n: 3 });
    expect(replayed(store)).toEqual(['{"n":3}', '{"n":4}', '{"n":5}']);
    expect(warnings[0]).toMatch(/checksum mismatch \(the file is damaged\)/);
    await store.close();
  });

  it('written by a newer mlmon: refused with the versions, whatever else is there', async () => {
    const dir = tempDir();
    await history(dir);
    const path = join(dir, 'checkpoint.json');
    writeFileSync(
      path,
      JSON.stringify({ format: 'mlmon-checkpoint', version: 2, lsn: 5, data: {} }),
    );
    await expect(open(dir, [], true)).rejects.toThrow(
      `${path} was written by a newer mlmon (checkpoint format version 2; this mlmon reads 1): run that mlmon version (or newer), or give this one another --data-dir`,
    );
  });
});

describe('a damaged write-ahead log', () => {
  it('a segment of a newer format is refused', async () => {
    const dir = tempDir();
    await history(dir);
    const segment = listSegments(dir).at(-1)!.path;
    const data = readFileSync(segment);
    data.write('MLMWAL02', 0, 'latin1');
    writeFileSync(segment, data);
    await expect(open(dir, [], true)).rejects.toThrow(
      /wal-\d{16}\.log was written by a newer mlmon \(segment header "MLMWAL02"/,
    );
  });

  it('a flipped bit before later records is refused; --repair continues and says what is lost', async () => {
    const dir = tempDir();
    const store = await open(dir);
    for (const i of [0, 1, 2, 3]) await store.append(request(i)).durable;
    await store.close();
    // A second run, so the damaged segment is not the newest.
    await (await open(dir)).close();
    const [first] = listSegments(dir);
    const data = readFileSync(first!.path);
    data[8 + 30] = data[8 + 30]! ^ 0x01; // inside the first record's payload
    writeFileSync(first!.path, data);
    await expect(open(dir)).rejects.toThrow(
      /wal-0000000000000001\.log is damaged at byte 8 \(checksum mismatch\): records after the damage would be lost\. Restore .* or start with --repair/,
    );
    const warnings: string[] = [];
    const repaired = await open(dir, warnings, true);
    expect(replayed(repaired)).toEqual([]);
    expect(warnings.join('\n')).toMatch(/--repair: .*damaged at byte 8.*the rest is lost/);
    await repaired.close();
  });

  it('a torn tail of the newest segment is cut off, so a later start does not trip on it', async () => {
    const dir = tempDir();
    const store = await open(dir);
    for (const i of [0, 1]) await store.append(request(i)).durable;
    await store.close();
    const segment = listSegments(dir).at(-1)!.path;
    writeFileSync(segment, Buffer.concat([readFileSync(segment), Buffer.from([0x40, 0, 0, 0, 1])]));
    const warnings: string[] = [];
    await (await open(dir, warnings)).close();
    expect(warnings.join('\n')).toMatch(/truncated frame header/);
    const quiet: string[] = [];
    const again = await open(dir, quiet);
    expect(quiet).toEqual([]);
    expect(replayed(again)).toEqual(['{"n":0}', '{"n":1}']);
    await again.close();
  });
});
