import {
  appendFileSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
  truncateSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DurableStore } from './durable-store.js';
import { openDurableStore } from './durable-store.js';
import { listSegments } from './wal-segments.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'mlmon-store-'));
  dirs.push(d);
  return d;
}

const request = (i: number) => ({
  kind: 'request' as const,
  receiveUnixMillis: 1_700_000_000_000 + i,
  signal: 'logs' as const,
  contentType: 'json' as const,
  body: Buffer.from(`{"n":${i}}`),
});

async function open(dir: string, warnings: string[] = []): Promise<DurableStore<{ n: number }>> {
  return openDurableStore<{ n: number }>({
    dir,
    logger: { warn: (m) => warnings.push(m) },
    now: () => 42,
  });
}

describe('durable store', () => {
  it('replays every durable record in order after a restart, with its receive time and body', async () => {
    const dir = tempDir();
    const store = await open(dir);
    const appended = Array.from({ length: 20 }, (_, i) => store.append(request(i)));
    await Promise.all(appended.map((a) => a.durable));
    expect(appended.map((a) => a.lsn)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // No close: as after a crash.
    const again = await open(dir);
    expect(again.recovered.checkpoint).toBeUndefined();
    expect(
      [...again.recovered.replay].map((r) =>
        r.kind === 'request' ? Buffer.from(r.body).toString() : '',
      ),
    ).toEqual(Array.from({ length: 20 }, (_, i) => `{"n":${i}}`));
    expect([...again.recovered.replay][3]!.receiveUnixMillis).toBe(1_700_000_000_003);
    expect(again.lastLsn).toBe(20);
    await store.close();
    await again.close();
  });

  it('replays only the records after the checkpoint and deletes the segments it covers', async () => {
    const dir = tempDir();
    const store = await open(dir);
    await Promise.all([0, 1, 2].map((i) => store.append(request(i)).durable));
    const lsn = await store.checkpoint(() => ({ n: 3 }));
    expect(lsn).toBe(3);
    await store.append(request(3)).durable;
    // The log is kept back to the checkpoint before (none yet), for a fall-back.
    expect(listSegments(dir).map((s) => s.firstLsn)).toEqual([1, 4]);
    const again = await open(dir);
    expect(again.recovered.checkpoint?.lsn).toBe(3);
    expect(again.recovered.checkpoint?.data).toEqual({ n: 3 });
    expect([...again.recovered.replay].map((r) => r.lsn)).toEqual([4]);
    // The next record continues the sequence.
    expect(again.append(request(4)).lsn).toBe(5);
    await store.close();
    // The next checkpoint deletes what the one before it (LSN 3) covers.
    expect(await again.checkpoint(() => ({ n: 5 }))).toBe(5);
    expect(listSegments(dir).map((s) => s.firstLsn)).toEqual([4, 5, 6]);
    await again.close();
  });

  it('skips a torn or corrupted tail with a warning and keeps the good records', async () => {
    const dir = tempDir();
    const store = await open(dir);
    await Promise.all([0, 1, 2].map((i) => store.append(request(i)).durable));
    await store.close();
    const [segment] = listSegments(dir);
    // A torn write: half a record.
    truncateSync(segment!.path, statSync(segment!.path).size - 5);
    const warnings: string[] = [];
    const again = await open(dir, warnings);
    expect([...again.recovered.replay].map((r) => r.lsn)).toEqual([1, 2]);
    expect(warnings.join('\n')).toMatch(/truncated record/);
    await again.close();

    appendFileSync(listSegments(dir).at(-1)!.path, Buffer.alloc(40, 7));
    const warnings2: string[] = [];
    const third = await open(dir, warnings2);
    expect([...third.recovered.replay].map((r) => r.lsn)).toEqual([1, 2]);
    expect(warnings2.join('\n')).toMatch(
      /wal-0000000000000003\.log: (truncated|implausible|checksum)/,
    );
    await third.close();
  });

  it('refuses an unreadable checkpoint that nothing can replace, and with repair sets it aside', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'checkpoint.json'), '{"format":"mlmon-chec');
    await expect(open(dir)).rejects.toThrow(
      /checkpoint\.json: .*no readable checkpoint remains .*start with --repair/,
    );
    const warnings: string[] = [];
    const store = await openDurableStore<{ n: number }>({
      dir,
      logger: { warn: (m) => warnings.push(m) },
      now: () => 42,
      repair: true,
    });
    expect(store.recovered.checkpoint).toBeUndefined();
    expect(warnings[0]).toMatch(/^--repair: .*checkpoint\.json.*are lost/);
    expect(warnings[1]).toMatch(/moved checkpoint\.json to .*checkpoint\.json\.unreadable-42/);
    expect(readdirSync(dir)).toContain('checkpoint.json.unreadable-42');
    await store.close();
  });

  it('groups concurrent appends into fewer syncs than records', async () => {
    const dir = tempDir();
    const store = await open(dir);
    const all = Array.from({ length: 200 }, (_, i) => store.append(request(i)));
    await Promise.all(all.map((a) => a.durable));
    // The first append starts a write; the 199 made meanwhile share the next sync.
    expect(store.syncs).toBe(2);
    const again = await open(dir);
    expect([...again.recovered.replay]).toHaveLength(200);
    await store.close();
    await again.close();
  });
});

describe('close-windows markers', () => {
  it('come back in log order between the requests', async () => {
    const dir = tempDir();
    const store = await open(dir);
    store.append(request(0));
    store.append({ kind: 'close-windows', receiveUnixMillis: 5 });
    await store.append(request(1)).durable;
    const again = await open(dir);
    expect(
      [...again.recovered.replay].map((r) => `${r.lsn}:${r.kind}:${r.receiveUnixMillis}`),
    ).toEqual(['1:request:1700000000000', '2:close-windows:5', '3:request:1700000000001']);
    await store.close();
    await again.close();
  });
});

describe('directory lock', () => {
  it('refuses a directory another live process holds, naming it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'LOCK'), `${process.ppid}\n`);
    await expect(open(dir)).rejects.toThrow(
      `the data directory ${dir} is in use by process ${process.ppid}`,
    );
  });
});

describe('appends during a checkpoint', () => {
  it('all become durable and are replayed exactly once after the checkpoint', async () => {
    const dir = tempDir();
    const store = await open(dir);
    const before = Array.from({ length: 50 }, (_, i) => store.append(request(i)));
    let lsn = 0;
    const checkpoint = store.checkpoint(() => {
      lsn = store.lastLsn;
      return { n: lsn };
    });
    const during: Promise<void>[] = [];
    // Appends keep arriving while the checkpoint syncs, writes and rotates the log.
    for (let i = 0; i < 20; i++) {
      during.push(store.append(request(100 + i)).durable);
      await new Promise((r) => setImmediate(r));
    }
    await checkpoint;
    await Promise.all([...before.map((a) => a.durable), ...during]);
    const again = await open(dir);
    expect(again.recovered.checkpoint?.lsn).toBe(lsn);
    const replayed = [...again.recovered.replay].map((r) => r.lsn);
    expect(replayed).toEqual(Array.from({ length: 70 - lsn }, (_, i) => lsn + 1 + i));
    await store.close();
    await again.close();
  });
});
