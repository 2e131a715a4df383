/**
 * The data directory as one object: on open, the last checkpoint and the WAL records after it
 * (to replay); while running, `append` (group-committed) and `checkpoint` (atomic state file,
 * then the WAL segments it covers are deleted). Layout and versions: docs/storage-format.md.
 */
import { mkdirSync, statSync } from 'node:fs';
import type { Checkpoint } from './checkpoint-file.js';
import { checkpointText, writeCheckpoint } from './checkpoint-file.js';
import { chooseRecovery } from './choose-recovery.js';
import { releaseDirectoryLock, takeDirectoryLock } from './directory-lock.js';
import type { WalEntry, WalRecord } from './wal-record.js';
import type { WalFileSystem } from './wal-file-system.js';
import type { WalUnavailableError } from './wal-writer.js';
import { WalWriter } from './wal-writer.js';

/** Where warnings about a damaged directory go. */
export interface StoreLogger {
  warn(message: string): void;
}

/** Options of {@link openDurableStore}. */
export interface DurableStoreOptions {
  readonly dir: string;
  readonly logger: StoreLogger;
  /** @default 64 MiB */
  readonly segmentMaxBytes?: number;
  /** The clock (for the checkpoint's timestamp and the name of a set-aside file). */
  readonly now: () => number;
  /** The write-ahead log's file operations. @default the real file system */
  readonly fs?: WalFileSystem;
  /** Start even when damage would lose data, saying what (`mlmon serve --repair`). @default false */
  readonly repair?: boolean;
}

/** What was on disk when the store opened. */
export interface Recovered<T> {
  /** The last checkpoint, if a readable one exists. */
  readonly checkpoint: Checkpoint<T> | undefined;
  /** Records logged after the checkpoint, in LSN order: re-ingest them. */
  readonly replay: Iterable<WalRecord>;
}

/** An open data directory. */
export interface DurableStore<T> {
  readonly recovered: Recovered<T>;
  /** LSN of the last appended record. */
  readonly lastLsn: number;
  /** Syncs made for appends since open (group commit: fewer than appends under concurrency). */
  readonly syncs: number;
  /** See {@link WalWriter.append}. */
  append(record: WalEntry): { lsn: number; durable: Promise<void> };
  /** See {@link WalWriter.appendMarker}. */
  appendMarker(record: WalEntry): Promise<void>;
  /** Why the log takes no request now (see {@link WalWriter.unavailable}). */
  readonly unavailable: WalUnavailableError | undefined;
  /** See {@link WalWriter.tryResume}. */
  tryResume(): Promise<boolean>;
  /**
   * Writes a checkpoint of `serialize()`, which must reflect exactly the records appended so far
   * (call it with no ingest pending) and return a snapshot: nothing in it may change afterwards
   * (it is stringified in slices while ingest goes on). Then drops the WAL segments it covers.
   */
  checkpoint(serialize: () => T): Promise<number>;
  close(): Promise<void>;
}

/** Opens (creating if needed) the data directory `options.dir`. */
export async function openDurableStore<T>(options: DurableStoreOptions): Promise<DurableStore<T>> {
  const { dir, logger } = options;
  try {
    // Owner-only: the log holds request bodies, feature values included.
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new Error(`cannot create the data directory ${dir}: ${(error as Error).message}`);
  }
  takeDirectoryLock(dir);
  warnIfShared(dir, logger);
  const { checkpoint, wal } = chooseRecovery<T>({
    dir,
    warn: (message) => logger.warn(message),
    now: options.now,
    repair: options.repair ?? false,
  });
  const afterLsn = checkpoint?.lsn ?? 0;
  for (const warning of wal.warnings) logger.warn(`write-ahead log: ${warning}`);
  // The log is kept back to the checkpoint before the newest, so that a damaged newest one
  // falls back to it: segments are deleted up to the LSN of the checkpoint being replaced.
  let keepAfterLsn = afterLsn;
  const writer = await WalWriter.open({
    dir,
    nextLsn: Math.max(afterLsn, wal.lastLsn) + 1,
    ...(options.segmentMaxBytes !== undefined ? { segmentMaxBytes: options.segmentMaxBytes } : {}),
    ...(options.fs !== undefined ? { fs: options.fs } : {}),
  });
  let chain: Promise<unknown> = Promise.resolve();
  return {
    recovered: { checkpoint, replay: wal.records },
    get lastLsn() {
      return writer.lastLsn;
    },
    get syncs() {
      return writer.syncs;
    },
    append: (record) => writer.append(record),
    appendMarker: (record) => writer.appendMarker(record),
    get unavailable() {
      return writer.unavailable;
    },
    tryResume: () => writer.tryResume(),
    checkpoint(serialize) {
      const run = chain.then(async () => {
        // Markers kept for a disk that cannot write are in the state but not yet in the log:
        // a checkpoint now would cover them, and their later records would replay them twice.
        const unavailable = writer.unavailable;
        if (unavailable) throw unavailable;
        const lsn = writer.lastLsn;
        // Captured now, in the same turn as reading the LSN: `serialize` returns a snapshot that
        // shares nothing mutable with the live state, so ingests during the awaits below (the
        // sliced stringification among them) cannot reach it.
        const data = serialize();
        const text = await checkpointText(lsn, data, options.now(), CHECKPOINT_SLICE_MILLIS);
        // Everything the checkpoint covers must be durable before the checkpoint exists.
        await writer.sync();
        await writeCheckpoint(dir, text);
        await writer.rotate();
        await writer.deleteCoveredSegments(keepAfterLsn);
        keepAfterLsn = lsn;
        return lsn;
      });
      chain = run.catch(() => undefined);
      return run;
    },
    close: async () => {
      await chain;
      await writer.close();
      releaseDirectoryLock(dir);
    },
  };
}

/** Longest stringification run of a checkpoint before yielding to the receivers. */
const CHECKPOINT_SLICE_MILLIS = 5;

/**
 * The log holds raw request bodies (feature values included) and the checkpoint the state: both
 * are for the processor's user alone. `mkdir` sets 0700 only on a directory it creates, so an
 * existing one opened wider is named here.
 */
function warnIfShared(dir: string, logger: StoreLogger): void {
  const mode = statSync(dir).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    logger.warn(
      `the data directory ${dir} is accessible to other users (mode ${mode.toString(8).padStart(4, '0')}); it holds request bodies with feature values: chmod 700 ${dir}`,
    );
  }
}
