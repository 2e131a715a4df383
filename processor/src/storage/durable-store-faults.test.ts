import { chmodSync, readdirSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { requestEntry, tempDirs } from './__fixtures__/store-fixtures.js';
import { FaultyWalFileSystem } from '../../../test/support/faulty-wal-file-system.js';
import type { DurableStore } from './durable-store.js';
import { openDurableStore } from './durable-store.js';
import type { WalRecord } from './wal-record.js';
import { WalUnavailableError } from './wal-writer.js';
import { listSegments } from './wal-segments.js';

const tempDir = tempDirs('mlmon-faults-');
const request = requestEntry;

async function open(
  dir: string,
  fs?: FaultyWalFileSystem,
  warnings: string[] = [],
): Promise<DurableStore<{ n: number }>> {
  return openDurableStore<{ n: number }>({
    dir,
    logger: { warn: (m) => warnings.push(m) },
    now: () => 42,
    ...(fs ? { fs } : {}),
  });
}

function describeRecord(r: WalRecord): string {
  return r.kind === 'request' ? `${r.lsn}:${Buffer.from(r.body).toString()}` : `${r.lsn}:${r.kind}`;
}

function segmentBytes(dir: string): number {
  return statSync(listSegments(dir).at(-1)!.path).size;
}

describe('a write-ahead log on a full disk', () => {
  it('refuses a request having written nothing, and takes requests again once the disk has room', async () => {
    const dir = tempDir();
    const fs = new FaultyWalFileSystem();
    const store = await open(dir, fs);
    await store.append(request(0)).durable;
    const before = segmentBytes(dir);

    // A full disk takes part of the record, then fails: the torn part is cut off again.
    fs.writeFault = 'ENOSPC';
    fs.tornBytes = 5;
    let thrown: unknown;
    try {
      store.append(request(1));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(WalUnavailableError);
    expect((thrown as WalUnavailableError).permanent).toBe(false);
    expect((thrown as Error).message).toMatch(/cannot write \(ENOSPC: no space left on device/);
    expect(segmentBytes(dir)).toBe(before);
    expect(store.lastLsn).toBe(1);
    // Refused at once while the disk is full, without trying to write.
    expect(() => store.append(request(2))).toThrow(WalUnavailableError);
    expect(fs.failedWrites).toBe(1);
    expect(await store.tryResume()).toBe(false);
    expect(store.unavailable?.message).toMatch(/ENOSPC/);

    fs.writeFault = undefined;
    expect(await store.tryResume()).toBe(true);
    expect(store.unavailable).toBeUndefined();
    expect(readdirSync(dir)).not.toContain('wal-probe.tmp');
    const next = store.append(request(3));
    expect(next.lsn).toBe(2);
    await next.durable;
    await store.close();

    const warnings: string[] = [];
    const again = await open(dir, undefined, warnings);
    expect([...again.recovered.replay].map(describeRecord)).toEqual(['1:{"n":0}', '2:{"n":3}']);
    expect(warnings).toEqual([]);
    await again.close();
  });

  it('keeps a marker of a step already taken and writes it first, in order, on resume', async () => {
    const dir = tempDir();
    const fs = new FaultyWalFileSystem();
    const store = await open(dir, fs);
    await store.append(request(0)).durable;
    fs.writeFault = 'EIO';
    const sealed = store.appendMarker({ kind: 'close-begin', receiveUnixMillis: 10 });
    const finished = store.appendMarker({ kind: 'close-end', receiveUnixMillis: 10 });
    expect(() => store.append(request(1))).toThrow(/cannot write \(EIO/);
    // No checkpoint while the state holds steps the log does not: their records would follow it.
    await expect(store.checkpoint(() => ({ n: 0 }))).rejects.toThrow(WalUnavailableError);

    fs.writeFault = undefined;
    expect(await store.tryResume()).toBe(true);
    await Promise.all([sealed, finished]);
    await store.append(request(2)).durable;
    await store.close();

    const again = await open(dir);
    expect([...again.recovered.replay].map(describeRecord)).toEqual([
      '1:{"n":0}',
      '2:close-begin',
      '3:close-end',
      '4:{"n":2}',
    ]);
    await again.close();
  });

  it('after a failed sync refuses everything until a restart, which replays what the disk holds', async () => {
    const dir = tempDir();
    const fs = new FaultyWalFileSystem();
    const store = await open(dir, fs);
    await store.append(request(0)).durable;
    fs.syncFault = 'EIO';
    await expect(store.append(request(1)).durable).rejects.toThrow(
      /could not sync \(EIO.*restart the processor/,
    );
    expect(store.unavailable?.permanent).toBe(true);
    fs.syncFault = undefined;
    expect(await store.tryResume()).toBe(false);
    expect(() => store.append(request(2))).toThrow(/restart the processor/);
    await store.close();
  });

  it('group commit still shares slow syncs', async () => {
    const dir = tempDir();
    const fs = new FaultyWalFileSystem();
    fs.syncDelayMillis = 50;
    const store = await open(dir, fs);
    const all = Array.from({ length: 100 }, (_, i) => store.append(request(i)));
    await Promise.all(all.map((a) => a.durable));
    expect(store.syncs).toBe(2);
    await store.close();
  });
});

describe('a data directory other users can read', () => {
  it('is named in a warning, with the mode and the fix', async () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const warnings: string[] = [];
    const store = await open(dir, undefined, warnings);
    await store.close();
    expect(warnings).toEqual([
      `the data directory ${dir} is accessible to other users (mode 0755); it holds request bodies with feature values: chmod 700 ${dir}`,
    ]);
    chmodSync(dir, 0o700);
    const quiet: string[] = [];
    await (await open(dir, undefined, quiet)).close();
    expect(quiet).toEqual([]);
  });
});
