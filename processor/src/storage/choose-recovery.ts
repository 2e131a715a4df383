/**
 * Decides, when a data directory opens, what to recover from — and refuses, with a message that
 * says what is wrong and what to do, when starting would silently lose data:
 * - the checkpoint is damaged (truncated, a flipped bit: its SHA-256 trailer no longer matches,
 *   or not JSON): the previous checkpoint and the log since it replace it, losing nothing;
 *   without a usable previous one, the log alone if it reaches back to the first record;
 *   otherwise the start is refused unless `repair` (then the state before the log is lost, and
 *   the message says up to which LSN);
 * - a checkpoint or log segment written by a newer mlmon: always refused (reading it with an
 *   older format could only lose or misread data);
 * - a damaged log segment that is not the newest (records after the damage would be skipped),
 *   or a gap between the checkpoint and the log: refused unless `repair`;
 * - a torn tail of the newest segment (a crash in the middle of a write) is normal: cut off with
 *   a warning, so that the segment is whole when the next start finds it behind a newer one.
 * Damaged files are set aside (renamed `….unreadable-<ms>`), never deleted.
 */
import { renameSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import type { Checkpoint } from './checkpoint-file.js';
import { CHECKPOINT_FILE, PREVIOUS_CHECKPOINT_FILE, readCheckpoint } from './checkpoint-file.js';
import type { WalReadResult } from './read-wal.js';
import { readWal } from './read-wal.js';
import { listSegments } from './wal-segments.js';

/** A data directory that cannot be opened as it is; the message says why and what to do. */
export class DataDirectoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirectoryError';
  }
}

/** Options of {@link chooseRecovery}. */
export interface ChooseRecoveryOptions {
  readonly dir: string;
  readonly warn: (message: string) => void;
  /** For the names of set-aside files. */
  readonly now: () => number;
  /** `mlmon serve --repair`: start even if data is lost, saying what. */
  readonly repair: boolean;
}

/** What to recover from. */
export interface ChosenRecovery<T> {
  readonly checkpoint: Checkpoint<T> | undefined;
  /** The log after the checkpoint. */
  readonly wal: WalReadResult;
}

/** Picks the checkpoint and reads the log after it; throws {@link DataDirectoryError} to refuse. */
export function chooseRecovery<T>(options: ChooseRecoveryOptions): ChosenRecovery<T> {
  const { dir, warn } = options;
  const current = readCheckpoint<T>(dir, CHECKPOINT_FILE);
  const previous = readCheckpoint<T>(dir, PREVIOUS_CHECKPOINT_FILE);
  for (const read of [current, previous]) {
    if (read.kind === 'newer') {
      throw new DataDirectoryError(
        `${read.reason}: run that mlmon version (or newer), or give this one another --data-dir`,
      );
    }
  }
  let checkpoint: Checkpoint<T> | undefined;
  if (current.kind === 'ok') checkpoint = current.checkpoint;
  else if (previous.kind === 'ok') {
    checkpoint = previous.checkpoint;
    if (current.kind === 'unreadable') {
      const aside = setAside(dir, CHECKPOINT_FILE, options.now());
      warn(
        `${current.reason}; moved to ${aside}. Recovered from the previous checkpoint (LSN ${checkpoint.lsn}) and the write-ahead log after it: nothing is lost`,
      );
    }
  } else if (current.kind === 'unreadable' || previous.kind === 'unreadable') {
    const firstLsn = listSegments(dir)[0]?.firstLsn;
    const reasons = [current, previous]
      .filter((r) => r.kind === 'unreadable')
      .map((r) => (r as { reason: string }).reason);
    if (firstLsn !== undefined && firstLsn <= 1) {
      warn(
        `${reasons.join('; ')}; the write-ahead log reaches back to its first record: rebuilding the state from it alone`,
      );
    } else if (!options.repair) {
      throw new DataDirectoryError(
        `${reasons.join('; ')}; no readable checkpoint remains and the write-ahead log starts at LSN ${firstLsn ?? '(none)'}, so the state before it would be lost. Restore ${dir} from a backup, or start with --repair to set the damaged files aside and continue from the log alone`,
      );
    } else {
      warn(
        `--repair: ${reasons.join('; ')}; continuing from the write-ahead log alone — the windows, references and alert memory from before LSN ${firstLsn ?? '(none)'} are lost`,
      );
    }
    for (const [read, name] of [
      [current, CHECKPOINT_FILE],
      [previous, PREVIOUS_CHECKPOINT_FILE],
    ] as const) {
      if (read.kind === 'unreadable')
        warn(`moved ${name} to ${setAside(dir, name, options.now())}`);
    }
  }
  const afterLsn = checkpoint?.lsn ?? 0;
  const wal = readWal(dir, afterLsn);
  checkLog(wal, afterLsn, options);
  return { checkpoint, wal };
}

function checkLog(wal: WalReadResult, afterLsn: number, options: ChooseRecoveryOptions): void {
  if (wal.newer.length > 0) {
    const { path, header } = wal.newer[0]!;
    throw new DataDirectoryError(
      `${path} was written by a newer mlmon (segment header ${JSON.stringify(header)}; this mlmon writes and reads MLMWAL01): run that mlmon version (or newer), or give this one another --data-dir`,
    );
  }
  const losses: string[] = [];
  for (const damage of wal.damage) {
    if (damage.lastSegment) {
      // A torn tail: cut it off, so the segment is whole once newer segments follow it.
      truncateSync(damage.path, damage.offset);
      continue;
    }
    // The next segment goes on right after the last good record: what follows the damage was
    // never acknowledged (a torn tail from an earlier crash). Otherwise records are missing.
    if (damage.nextFirstLsn === damage.lastLsn + 1) continue;
    // All of it is inside the checkpoint anyway.
    if (damage.nextFirstLsn !== undefined && damage.nextFirstLsn - 1 <= afterLsn) continue;
    losses.push(`${damage.path} is damaged at byte ${damage.offset} (${damage.reason})`);
  }
  const first = wal.segments.find((s) => s.firstLsn > afterLsn);
  const before = wal.segments.filter((s) => s.firstLsn <= afterLsn + 1);
  if (first !== undefined && before.length === 0 && first.firstLsn > afterLsn + 1) {
    losses.push(
      `the write-ahead log starts at LSN ${first.firstLsn} but the checkpoint covers only up to ${afterLsn} (segments are missing)`,
    );
  }
  if (losses.length === 0) return;
  if (!options.repair) {
    throw new DataDirectoryError(
      `${losses.join('; ')}: records after the damage would be lost. Restore ${options.dir} from a backup, or start with --repair to continue with what can be read`,
    );
  }
  options.warn(
    `--repair: ${losses.join('; ')}; continuing with what can be read, the rest is lost`,
  );
}

function setAside(dir: string, name: string, nowMs: number): string {
  const aside = join(dir, `${name}.unreadable-${nowMs}`);
  renameSync(join(dir, name), aside);
  return aside;
}
