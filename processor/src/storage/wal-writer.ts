/**
 * The write-ahead log's appender. {@link WalWriter.append} writes the record into the segment
 * synchronously (into the page cache: microseconds), so a write that fails — a full disk
 * (`ENOSPC`), an I/O error — fails *before* the caller applies the record to the state: a
 * refused request is never counted. Durability is a group commit: records written while an
 * `fdatasync` is in flight are made durable together by the next one, so concurrent requests
 * share the cost of a sync, and the receivers acknowledge a request only once its sync is done.
 *
 * After a failed write the segment is cut back to its last whole record and the writer refuses
 * requests until {@link WalWriter.tryResume} proves the disk writable again. Markers (window
 * closings, resets: already applied when they are logged) are kept meanwhile and written first on
 * resume, so the log keeps the order the state saw. A failed `fdatasync` is final for this
 * process: the kernel may have dropped the unsynced pages, so what the state holds and what the
 * disk holds can differ, and only a restart (replay from the disk) makes them equal again.
 */
import { join } from 'node:path';
import type { WalFileSystem } from './wal-file-system.js';
import { NODE_WAL_FILE_SYSTEM } from './wal-file-system.js';
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
  /** @default the real file system */
  readonly fs?: WalFileSystem;
}

/** Why the log takes no request now. */
export class WalUnavailableError extends Error {
  constructor(
    message: string,
    /** Whether only a restart helps (a failed sync), rather than free space or a healed disk. */
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'WalUnavailableError';
  }
}

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

/** A marker that could not be written yet, with whoever waits for it to be durable. */
interface RetainedMarker {
  readonly entry: WalEntry;
  readonly waiter: Waiter;
}

/** Name of the file the resume probe writes (and deletes) in the data directory. */
const PROBE_FILE = 'wal-probe.tmp';
/** Bytes the probe writes: room for a typical batch of requests. */
const PROBE_BYTES = 64 * 1024;

/** The appender. Not safe across processes: one processor owns a data directory. */
export class WalWriter {
  /** Records written to the page cache and not yet synced. */
  private waiters: Waiter[] = [];
  private syncing: Promise<void> | undefined;
  /** Descriptors of finished segments with writes not yet synced; closed by the next sync. */
  private finished: number[] = [];
  /** A new segment's directory entry is not durable yet. */
  private dirDirty = false;
  private writeError: Error | undefined;
  private syncError: Error | undefined;
  private retained: RetainedMarker[] = [];
  private segmentBytes = 0;
  private closed = false;
  private syncCount = 0;
  private fd = -1;

  private constructor(
    private readonly dir: string,
    private readonly fs: WalFileSystem,
    private nextLsn: number,
    private readonly segmentMaxBytes: number,
  ) {}

  /** Opens a fresh segment starting at `options.nextLsn`. */
  static async open(options: WalWriterOptions): Promise<WalWriter> {
    const writer = new WalWriter(
      options.dir,
      options.fs ?? NODE_WAL_FILE_SYSTEM,
      options.nextLsn,
      options.segmentMaxBytes ?? 64 * 1024 * 1024,
    );
    writer.startSegment();
    await writer.sync();
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

  /** Why the log takes no request now, or `undefined` when it does. */
  get unavailable(): WalUnavailableError | undefined {
    if (this.syncError) {
      return new WalUnavailableError(
        `the write-ahead log could not sync (${this.syncError.message}); restart the processor to recover from the log`,
        true,
      );
    }
    if (this.writeError || this.retained.length > 0) {
      return new WalUnavailableError(
        `the write-ahead log cannot write (${this.writeError?.message ?? 'markers pending'})`,
        false,
      );
    }
    return undefined;
  }

  /**
   * Writes a record; returns its LSN at once (the caller applies it to the state in the same
   * turn, so the state reflects exactly the log's prefix) and a promise that resolves once the
   * record is durable. Throws {@link WalUnavailableError} — having written nothing — when the
   * log cannot take it.
   */
  append(record: WalEntry): { lsn: number; durable: Promise<void> } {
    if (this.closed) throw new Error('the write-ahead log is closed');
    const unavailable = this.unavailable;
    if (unavailable) throw unavailable;
    return this.write(record);
  }

  /**
   * Logs a marker of a step already applied to the state. Never refuses: while the log cannot
   * write, the marker is kept and written first when it can again (the order is kept). Resolves
   * once it is durable.
   */
  appendMarker(record: WalEntry): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the write-ahead log is closed'));
    if (this.unavailable === undefined) {
      try {
        return this.write(record).durable;
      } catch {
        // kept below
      }
    }
    return new Promise<void>((resolve, reject) =>
      this.retained.push({ entry: record, waiter: { resolve, reject } }),
    );
  }

  /**
   * After a failed write: probes the disk (a file the size of a batch written, synced and
   * removed), then writes the kept markers. Resolves `true` once the log takes requests again;
   * `false` while it still cannot (call again later) or after a failed sync (never).
   */
  async tryResume(): Promise<boolean> {
    if (this.syncError || this.closed) return false;
    if (this.unavailable === undefined) return true;
    const path = join(this.dir, PROBE_FILE);
    let fd = -1;
    try {
      fd = this.fs.create(path, 0o600);
      writeAll(this.fs, fd, Buffer.alloc(PROBE_BYTES), 0);
      await this.fs.datasync(fd);
    } catch {
      return false;
    } finally {
      if (fd >= 0) this.fs.close(fd);
      try {
        this.fs.unlink(path);
      } catch {
        // absent or not removable: the next probe truncates it
      }
    }
    // Cut off whatever a failed write may have left after the last whole record.
    try {
      this.fs.truncate(this.fd, this.segmentBytes);
    } catch {
      return false;
    }
    this.writeError = undefined;
    while (this.retained.length > 0) {
      const { entry, waiter } = this.retained[0]!;
      try {
        this.write(entry).durable.then(waiter.resolve, waiter.reject);
      } catch {
        return false;
      }
      this.retained.shift();
    }
    return true;
  }

  /** Resolves once everything appended so far is durable. */
  async sync(): Promise<void> {
    while (this.syncing !== undefined || this.waiters.length > 0 || this.dirDirty) {
      this.kick(true);
      await this.syncing;
    }
    if (this.syncError) throw this.syncError;
  }

  /**
   * Finishes the current segment and starts a new one at the next LSN (after a checkpoint, so the
   * segments wholly covered by it can be deleted); resolves once both are durable.
   */
  async rotate(): Promise<void> {
    const unavailable = this.unavailable;
    if (unavailable) throw unavailable;
    this.startSegment();
    await this.sync();
  }

  /** Deletes the segments whose records all have an LSN at or below `lsn`. */
  async deleteCoveredSegments(lsn: number): Promise<WalSegment[]> {
    const segments = listSegments(this.dir);
    const deleted: WalSegment[] = [];
    for (let i = 0; i + 1 < segments.length; i++) {
      // Segment i holds LSNs [first_i, first_{i+1}); all covered when first_{i+1} - 1 <= lsn.
      if (segments[i + 1]!.firstLsn - 1 <= lsn) {
        this.fs.unlink(segments[i]!.path);
        deleted.push(segments[i]!);
      }
    }
    if (deleted.length > 0) await this.fs.syncDir(this.dir);
    return deleted;
  }

  /** Syncs what is written, then closes. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.sync().catch(() => undefined);
    this.closed = true;
    for (const { waiter } of this.retained.splice(0)) {
      waiter.reject(new Error('the write-ahead log closed before the disk could take this record'));
    }
    for (const fd of this.finished.splice(0)) this.fs.close(fd);
    this.fs.close(this.fd);
  }

  private write(record: WalEntry): { lsn: number; durable: Promise<void> } {
    const lsn = this.nextLsn;
    const frame = encodeWalRecord({ ...record, lsn } as Parameters<typeof encodeWalRecord>[0]);
    try {
      writeAll(this.fs, this.fd, frame, this.segmentBytes);
    } catch (error) {
      // Leave no torn record behind (and give the space back); if even that fails, the next
      // write overwrites it and a reader stops at its bad checksum.
      try {
        this.fs.truncate(this.fd, this.segmentBytes);
      } catch {
        // see above
      }
      this.writeError = error as Error;
      throw this.unavailable!;
    }
    this.nextLsn++;
    this.segmentBytes += frame.length;
    const durable = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.kick(false);
    if (this.segmentBytes >= this.segmentMaxBytes) {
      try {
        this.startSegment();
      } catch {
        // The limit is soft: keep writing this segment, try again at the next append.
      }
    }
    return { lsn, durable };
  }

  /** Starts the segment of the next LSN; the current one is synced and closed by the next sync. */
  private startSegment(): void {
    const fd = this.fs.create(join(this.dir, segmentName(this.nextLsn)), 0o600);
    try {
      writeAll(this.fs, fd, WAL_MAGIC, 0);
    } catch (error) {
      this.fs.close(fd);
      throw error;
    }
    if (this.fd >= 0) this.finished.push(this.fd);
    this.fd = fd;
    this.segmentBytes = WAL_MAGIC.length;
    // The new file's directory entry must survive a crash too.
    this.dirDirty = true;
  }

  private kick(force: boolean): void {
    if (this.syncing !== undefined) return;
    if (this.waiters.length === 0 && !(force && this.dirDirty)) return;
    this.syncing = this.syncBatch().finally(() => {
      this.syncing = undefined;
      // Records written during the sync form the next group.
      if (this.waiters.length > 0) this.kick(false);
    });
  }

  private async syncBatch(): Promise<void> {
    const waiters = this.waiters;
    const finished = this.finished;
    const dirDirty = this.dirDirty;
    const fd = this.fd;
    this.waiters = [];
    this.finished = [];
    this.dirDirty = false;
    try {
      if (this.syncError) throw this.syncError;
      for (const old of finished) {
        await this.fs.datasync(old);
        this.fs.close(old);
      }
      await this.fs.datasync(fd);
      if (dirDirty) await this.fs.syncDir(this.dir);
      if (waiters.length > 0) this.syncCount++;
      for (const w of waiters) w.resolve();
    } catch (error) {
      this.syncError ??= error as Error;
      const unavailable = this.unavailable!;
      for (const w of waiters) w.reject(unavailable);
    }
  }
}

/** Writes all of `data` at `position`; a write that makes no progress is an error. */
function writeAll(fs: WalFileSystem, fd: number, data: Uint8Array, position: number): void {
  let written = 0;
  while (written < data.length) {
    const n = fs.write(fd, data, written, data.length - written, position + written);
    if (n <= 0) throw new Error('the disk took no more bytes');
    written += n;
  }
}
