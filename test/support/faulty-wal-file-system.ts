/**
 * The write-ahead log's file operations over the real disk, with faults switched on and off by
 * the test: writes failing with ENOSPC or EIO (after writing part of the data, as a filling disk
 * does), failing or slow `fdatasync`s. Unit tests use it where a real full disk (a small tmpfs)
 * is not at hand.
 */
import type { WalFileSystem } from '../../processor/src/storage/wal-file-system.js';
import { NODE_WAL_FILE_SYSTEM } from '../../processor/src/storage/wal-file-system.js';

/** An error as `node:fs` throws it. */
export function fsError(code: 'ENOSPC' | 'EIO', syscall: string): NodeJS.ErrnoException {
  const text = code === 'ENOSPC' ? 'no space left on device' : 'i/o error';
  return Object.assign(new Error(`${code}: ${text}, ${syscall}`), { code, syscall });
}

/** A {@link WalFileSystem} with switchable faults. */
export class FaultyWalFileSystem implements WalFileSystem {
  /** Writes (and file creations) fail with this code while set. */
  writeFault: 'ENOSPC' | 'EIO' | undefined;
  /** Bytes a failing write still puts on disk before it fails (a torn record). */
  tornBytes = 0;
  /** `fdatasync` fails with this code while set. */
  syncFault: 'EIO' | 'ENOSPC' | undefined;
  /** Extra latency of every `fdatasync`, milliseconds. */
  syncDelayMillis = 0;
  /** Writes that failed so far. */
  failedWrites = 0;

  create(path: string, mode: number): number {
    if (this.writeFault) throw fsError(this.writeFault, 'open');
    return NODE_WAL_FILE_SYSTEM.create(path, mode);
  }

  write(fd: number, data: Uint8Array, offset: number, length: number, position: number): number {
    if (this.writeFault) {
      this.failedWrites++;
      const torn = Math.min(this.tornBytes, length);
      if (torn > 0) NODE_WAL_FILE_SYSTEM.write(fd, data, offset, torn, position);
      throw fsError(this.writeFault, 'write');
    }
    return NODE_WAL_FILE_SYSTEM.write(fd, data, offset, length, position);
  }

  truncate(fd: number, length: number): void {
    NODE_WAL_FILE_SYSTEM.truncate(fd, length);
  }

  async datasync(fd: number): Promise<void> {
    if (this.syncDelayMillis > 0) {
      await new Promise((resolve) => setTimeout(resolve, this.syncDelayMillis));
    }
    if (this.syncFault) throw fsError(this.syncFault, 'fdatasync');
    return NODE_WAL_FILE_SYSTEM.datasync(fd);
  }

  syncDir(dir: string): Promise<void> {
    return NODE_WAL_FILE_SYSTEM.syncDir(dir);
  }

  close(fd: number): void {
    NODE_WAL_FILE_SYSTEM.close(fd);
  }

  unlink(path: string): void {
    NODE_WAL_FILE_SYSTEM.unlink(path);
  }
}
