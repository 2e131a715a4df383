/**
 * Reads the write-ahead log back for replay. A segment whose tail is torn (a crash during a
 * write) or corrupted is read up to the last good record; the rest is skipped with a warning,
 * never an error, so a damaged log cannot put the processor in a crash loop.
 */
import { readFileSync } from 'node:fs';
import type { WalRecord } from './wal-record.js';
import { readWalFrame } from './wal-record.js';
import type { WalSegment } from './wal-segments.js';
import { WAL_MAGIC, listSegments } from './wal-segments.js';

/** What a replay read. */
export interface WalReadResult {
  /** Records with an LSN above `afterLsn`, in LSN order. */
  readonly records: WalRecord[];
  /** Highest LSN seen in the log (0 when empty). */
  readonly lastLsn: number;
  /** One line per damaged segment. */
  readonly warnings: string[];
  readonly segments: WalSegment[];
}

/** Reads every segment of `dir`, keeping the records after `afterLsn`. */
export function readWal(dir: string, afterLsn: number): WalReadResult {
  const segments = listSegments(dir);
  const records: WalRecord[] = [];
  const warnings: string[] = [];
  let lastLsn = 0;
  for (const segment of segments) {
    const data = readFileSync(segment.path);
    if (data.length === 0) continue; // created, nothing written before a crash
    if (data.length < WAL_MAGIC.length || !data.subarray(0, WAL_MAGIC.length).equals(WAL_MAGIC)) {
      warnings.push(`${segment.path}: not a version-1 mlmon WAL segment (bad header); skipped`);
      continue;
    }
    let offset = WAL_MAGIC.length;
    for (;;) {
      const frame = readWalFrame(data, offset);
      if (frame.kind === 'end') break;
      if (frame.kind === 'corrupt') {
        warnings.push(
          `${segment.path}: ${frame.reason} at byte ${offset}; skipped the last ${data.length - offset} bytes`,
        );
        break;
      }
      const { record } = frame;
      // LSNs only grow; a smaller one means a damaged or foreign record.
      if (record.lsn <= lastLsn) {
        warnings.push(
          `${segment.path}: LSN ${record.lsn} after ${lastLsn} at byte ${offset}; skipped the rest`,
        );
        break;
      }
      lastLsn = record.lsn;
      if (record.lsn > afterLsn) records.push(record);
      offset = frame.next;
    }
  }
  return { records, lastLsn, warnings, segments };
}
