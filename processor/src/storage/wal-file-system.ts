/**
 * The file operations the write-ahead log uses, as one port: the real `node:fs` in production,
 * a fault-injecting stand-in in tests (ENOSPC, EIO, slow syncs) — the kind of fault a full or
 * failing disk produces, which a test cannot otherwise cause without mounting a filesystem.
 */
import {
  closeSync,
  fdatasync as fdatasyncCallback,
  ftruncateSync,
  openSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { open } from 'node:fs/promises';

/** File operations of the write-ahead log. */
export interface WalFileSystem {
  /** Opens (creating, truncating) `path` for writing with `mode`; returns the descriptor. */
  create(path: string, mode: number): number;
  /** Writes `length` bytes of `data` from `offset` at file position `position`; returns bytes written. */
  write(fd: number, data: Uint8Array, offset: number, length: number, position: number): number;
  /** Cuts the file to `length` bytes. */
  truncate(fd: number, length: number): void;
  /** `fdatasync` off the event loop. */
  datasync(fd: number): Promise<void>;
  /** Syncs a directory (its entries: creations, renames, deletions) off the event loop. */
  syncDir(dir: string): Promise<void>;
  close(fd: number): void;
  unlink(path: string): void;
}

/** The real file system. */
export const NODE_WAL_FILE_SYSTEM: WalFileSystem = {
  create: (path, mode) => openSync(path, 'w', mode),
  write: (fd, data, offset, length, position) => writeSync(fd, data, offset, length, position),
  truncate: (fd, length) => ftruncateSync(fd, length),
  datasync: (fd) =>
    new Promise<void>((resolve, reject) =>
      fdatasyncCallback(fd, (error) => (error ? reject(error) : resolve())),
    ),
  async syncDir(dir) {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  close: (fd) => closeSync(fd),
  unlink: (path) => unlinkSync(path),
};
