/**
 * Naming and listing of write-ahead-log segment files: `wal-<first LSN, 16 digits>.log`, each
 * starting with an 8-byte magic that carries the format version.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** First bytes of every segment: the format name and version 1. */
export const WAL_MAGIC = Buffer.from('MLMWAL01', 'latin1');

/** A segment file and the LSN its first record has (or will have). */
export interface WalSegment {
  readonly path: string;
  readonly firstLsn: number;
}

const NAME = /^wal-(\d{16})\.log$/;

/** The file name of the segment whose first record is `firstLsn`. */
export function segmentName(firstLsn: number): string {
  return `wal-${String(firstLsn).padStart(16, '0')}.log`;
}

/** The segments in `dir`, oldest first. */
export function listSegments(dir: string): WalSegment[] {
  const segments: WalSegment[] = [];
  for (const name of readdirSync(dir)) {
    const match = NAME.exec(name);
    if (match) segments.push({ path: join(dir, name), firstLsn: Number(match[1]) });
  }
  return segments.sort((a, b) => a.firstLsn - b.firstLsn);
}
