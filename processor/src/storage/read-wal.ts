/**
 * Reads the write-ahead log back for replay. A segment whose tail is torn (a crash during a
 * write) or corrupted is read up to the last good record; the rest is skipped with a warning,
 * never an error, so a damaged log cannot put the processor in a crash loop. Replay reads one
 * segment at a time, so recovery needs memory for one segment, not for the whole log.
 */
import { readFileSync } from 'node:fs';
import type { WalRecord } from './wal-record.js';
import { readWalFrame } from './wal-record.js';
import type { WalSegment } from './wal-segments.js';
import { WAL_MAGIC, listSegments } from './wal-segments.js';

/** What a scan of the log found. */
export interface WalReadResult {
  /** Records with an LSN above `afterLsn`, in LSN order, read lazily segment by segment. */
  readonly records: Iterable<WalRecord>;
  /** Highest LSN seen in the log (0 when empty). */
  readonly lastLsn: number;
  /** One line per damaged segment. */
  readonly warnings: string[];
  readonly segments: WalSegment[];
}

/** Scans every segment of `dir` (LSNs and damage); `records` re-reads them for replay. */
export function readWal(dir: string, afterLsn: number): WalReadResult {
  const segments = listSegments(dir);
  const warnings: string[] = [];
  let lastLsn = 0;
  for (const record of walRecords(segments, (w) => warnings.push(w))) lastLsn = record.lsn;
  return {
    records: {
      *[Symbol.iterator]() {
        for (const record of walRecords(segments, () => {})) {
          if (record.lsn > afterLsn) yield record;
        }
      },
    },
    lastLsn,
    warnings,
    segments,
  };
}

function* walRecords(
  segments: readonly WalSegment[],
  warn: (message: string) => void,
): Generator<WalRecord> {
  let lastLsn = 0;
  for (const segment of segments) {
    const data = readFileSync(segment.path);
    if (data.length === 0) continue; // created, nothing written before a crash
    if (data.length < WAL_MAGIC.length || !data.subarray(0, WAL_MAGIC.length).equals(WAL_MAGIC)) {
      warn(`${segment.path}: not a version-1 mlmon WAL segment (bad header); skipped`);
      continue;
    }
    let offset = WAL_MAGIC.length;
    for (;;) {
      const frame = readWalFrame(data, offset);
      if (frame.kind === 'end') break;
      if (frame.kind === 'corrupt') {
        warn(
          `${segment.path}: ${frame.reason} at byte ${offset}; skipped the last ${data.length - offset} bytes`,
        );
        break;
      }
      const { record } = frame;
      // LSNs only grow; a smaller one means a damaged or foreign record.
      if (record.lsn <= lastLsn) {
        warn(
          `${segment.path}: LSN ${record.lsn} after ${lastLsn} at byte ${offset}; skipped the rest`,
        );
        break;
      }
      lastLsn = record.lsn;
      yield record;
      offset = frame.next;
    }
  }
}
