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
  /** Where reading stopped early, per damaged segment. */
  readonly damage: WalDamage[];
  /** Segments written by a newer mlmon (a header of another format version). */
  readonly newer: { readonly path: string; readonly header: string }[];
  readonly segments: WalSegment[];
}

/** A segment read only up to `offset`. */
export interface WalDamage {
  readonly path: string;
  readonly offset: number;
  readonly reason: string;
  /** Whether it is the newest segment (a torn tail after a crash is its last record). */
  readonly lastSegment: boolean;
  /** LSN of the last good record before the damage (0 when none). */
  readonly lastLsn: number;
  /** First LSN of the next segment, when there is one. */
  readonly nextFirstLsn: number | undefined;
}

/** Scans every segment of `dir` (LSNs and damage); `records` re-reads them for replay. */
export function readWal(dir: string, afterLsn: number): WalReadResult {
  const segments = listSegments(dir);
  const warnings: string[] = [];
  const damage: WalDamage[] = [];
  const newer: { path: string; header: string }[] = [];
  let lastLsn = 0;
  const report: Report = {
    warn: (w) => warnings.push(w),
    damaged: (d) => damage.push(d),
    newer: (path, header) => newer.push({ path, header }),
  };
  for (const record of walRecords(segments, report)) lastLsn = record.lsn;
  return {
    damage,
    newer,
    records: {
      *[Symbol.iterator]() {
        for (const record of walRecords(segments, SILENT)) {
          if (record.lsn > afterLsn) yield record;
        }
      },
    },
    lastLsn,
    warnings,
    segments,
  };
}

/** Where a scan reports what it finds. */
interface Report {
  warn(message: string): void;
  damaged(damage: WalDamage): void;
  newer(path: string, header: string): void;
}

const SILENT: Report = { warn: () => {}, damaged: () => {}, newer: () => {} };

/** The format name of the magic, without its version digits. */
const MAGIC_NAME = WAL_MAGIC.subarray(0, 6);

function* walRecords(segments: readonly WalSegment[], report: Report): Generator<WalRecord> {
  let lastLsn = 0;
  for (const [index, segment] of segments.entries()) {
    const lastSegment = index === segments.length - 1;
    const nextFirstLsn = segments[index + 1]?.firstLsn;
    const warn = (message: string): void => report.warn(message);
    const data = readFileSync(segment.path);
    if (data.length === 0) continue; // created, nothing written before a crash
    if (data.length < WAL_MAGIC.length || !data.subarray(0, WAL_MAGIC.length).equals(WAL_MAGIC)) {
      const header = data.subarray(0, WAL_MAGIC.length).toString('latin1');
      if (data.length >= WAL_MAGIC.length && data.subarray(0, 6).equals(MAGIC_NAME)) {
        report.newer(segment.path, header);
        continue;
      }
      warn(`${segment.path}: not a version-1 mlmon WAL segment (bad header); skipped`);
      report.damaged({
        path: segment.path,
        offset: 0,
        reason: 'bad header',
        lastSegment,
        lastLsn,
        nextFirstLsn,
      });
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
        report.damaged({
          path: segment.path,
          offset,
          reason: frame.reason,
          lastSegment,
          lastLsn,
          nextFirstLsn,
        });
        break;
      }
      const { record } = frame;
      // LSNs only grow; a smaller one means a damaged or foreign record.
      if (record.lsn <= lastLsn) {
        warn(
          `${segment.path}: LSN ${record.lsn} after ${lastLsn} at byte ${offset}; skipped the rest`,
        );
        report.damaged({
          path: segment.path,
          offset,
          reason: `LSN ${record.lsn} after ${lastLsn}`,
          lastSegment,
          lastLsn,
          nextFirstLsn,
        });
        break;
      }
      lastLsn = record.lsn;
      yield record;
      offset = frame.next;
    }
  }
}
