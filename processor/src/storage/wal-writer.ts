/**
 * The write-ahead log's appender with group commit: records appended while a write is in flight
 * are written together by the next write and made durable by one `fdatasync`, so concurrent
 * requests share the cost of a sync. {@link WalWriter.append} resolves only once its record is
 * on disk; the receivers acknowledge a request only then.
 */
import { openSync, closeSync, fsyncSync, unlinkSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { WalEntry } from './wal-record.js';
import { encodeWalRecord } from './wal-record.js';
import type { WalSegment } from './wal-segments.js';
import { WAL_MAGIC, listSegments, segmentName } from './wal-segments.js';

/** Options of {@link WalWriter.open}. */
export interface WalWriterOptions {
  /** The data directory. */
  readonly dir: string;
  /** LSN of the first record this writer appends. */
  readonly nextLsn: number;
  /** A segment is closed and a new one started once it exceeds this size. @default 64 MiB */
  readonly segmentMaxBytes?: number;
}

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

/** Syncs a directory so that file creations, renames and deletions in it are durable. */
export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The appender. Not safe across processes: one processor owns a data directory. */
export class WalWriter {
  private buffered: Buffer[] = [];
  private waiters: Waiter[] = [];
  private writing: Promise<void> | undefined;
  private failed: Error | undefined;
  private segmentBytes = 0;
  private closed = false;
  private syncCount = 0;

  private constructor(
    private readonly dir: string,
    private handle: FileHandle,
    private nextLsn: number,
    private readonly segmentMaxBytes: number,
  ) {}

  /** Opens a fresh segment starting at `options.nextLsn`. */
  static async open(options: WalWriterOptions): Promise<WalWriter> {
    const handle = await createSegment(options.dir, options.nextLsn);
    const writer = new WalWriter(
      options.dir,
      handle,
      options.nextLsn,
      options.segmentMaxBytes ?? 64 * 1024 * 1024,
    );
    writer.segmentBytes = WAL_MAGIC.length;
    return writer;
  }

  /** `fdatasync` calls made for appended records so far (group commit makes it < records). */
  get syncs(): number {
    return this.syncCount;
  }

  /** LSN of the last record appended (durable or not); `nextLsn - 1` before any. */
  get lastLsn(): number {
    return this.nextLsn - 1;
  }

  /**
   * Appends a request; returns its LSN at once (so the caller applies it in log order) and a
   * promise that resolves once the record is durable.
   */
  append(record: WalEntry): { lsn: number; durable: Promise<void> } {
    if (this.closed) throw new Error('the write-ahead log is closed');
    if (this.failed) throw new Error(`the write-ahead log failed earlier: ${this.failed.message}`);
    const lsn = this.nextLsn++;
    this.buffered.push(encodeWalRecord({ ...record, lsn }));
    const durable = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.kick();
    return { lsn, durable };
  }

  /** Resolves once everything appended so far is durable. */
  async sync(): Promise<void> {
    while (this.writing !== undefined || this.buffered.length > 0) {
      this.kick();
      await this.writing;
    }
    if (this.failed) throw this.failed;
  }

  /**
   * Closes the current segment and starts a new one at the next LSN (after a checkpoint, so the
   * segments wholly covered by it can be deleted). Returns the segments before the new one.
   */
  async rotate(): Promise<void> {
    await this.sync();
    // Take the writer slot synchronously so that no batch writes to the handle being closed.
    while (this.writing !== undefined) await this.writing;
    this.writing = this.switchSegment().finally(() => {
      this.writing = undefined;
      if (this.buffered.length > 0) this.kick();
    });
    await this.writing;
    if (this.failed) throw this.failed;
  }

  /** Closes the current segment and opens the next; called only while holding the writer slot. */
  private async switchSegment(): Promise<void> {
    try {
      await this.handle.close();
      // Records appended meanwhile are still buffered: the new segment starts with the first.
      this.handle = await createSegment(this.dir, this.nextLsn - this.buffered.length);
      this.segmentBytes = WAL_MAGIC.length;
    } catch (error) {
      this.failed ??= error as Error;
    }
  }

  /** Deletes the segments whose records all have an LSN at or below `lsn`. */
  deleteCoveredSegments(lsn: number): WalSegment[] {
    const segments = listSegments(this.dir);
    const deleted: WalSegment[] = [];
    for (let i = 0; i + 1 < segments.length; i++) {
      // Segment i holds LSNs [first_i, first_{i+1}); all covered when first_{i+1} - 1 <= lsn.
      if (segments[i + 1]!.firstLsn - 1 <= lsn) {
        unlinkSync(segments[i]!.path);
        deleted.push(segments[i]!);
      }
    }
    if (deleted.length > 0) fsyncDir(this.dir);
    return deleted;
  }

  /** Writes what is buffered, then closes. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.sync().catch(() => undefined);
    this.closed = true;
    await this.handle.close();
  }

  private kick(): void {
    if (this.writing !== undefined || this.buffered.length === 0) return;
    this.writing = this.writeBatch().finally(() => {
      this.writing = undefined;
      // Records appended during the write form the next group.
      if (this.buffered.length > 0) this.kick();
    });
  }

  private async writeBatch(): Promise<void> {
    const batch = this.buffered;
    const waiters = this.waiters;
    this.buffered = [];
    this.waiters = [];
    try {
      if (this.failed) throw this.failed;
      const data = batch.length === 1 ? batch[0]! : Buffer.concat(batch);
      let written = 0;
      while (written < data.length) {
        const { bytesWritten } = await this.handle.write(data, written);
        written += bytesWritten;
      }
      await this.handle.datasync();
      this.syncCount++;
      this.segmentBytes += data.length;
      for (const w of waiters) w.resolve();
      if (this.segmentBytes >= this.segmentMaxBytes) await this.switchSegment();
    } catch (error) {
      // A failed write leaves the segment in an unknown state: refuse further appends (the
      // receivers answer 503, clients retry) rather than acknowledge what may not be durable.
      this.failed ??= error as Error;
      for (const w of waiters) w.reject(this.failed);
    }
  }
}

async function createSegment(dir: string, firstLsn: number): Promise<FileHandle> {
  const path = join(dir, segmentName(firstLsn));
  const handle = await open(path, 'w', 0o600);
  await handle.write(WAL_MAGIC);
  await handle.datasync();
  // The new file's directory entry must survive a crash too.
  fsyncDir(dirname(path));
  return handle;
}
