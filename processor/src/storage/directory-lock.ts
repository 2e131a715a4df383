/**
 * One processor per data directory: two writers would interleave LSNs and delete each other's
 * segments. `DIR/LOCK` holds the owner's pid and, on Linux, the process's start time (field 22 of
 * `/proc/<pid>/stat`), so that neither of two stale-lock cases refuses a restart:
 * - after `kill -9` the process stays a zombie until its parent reaps it, and `kill(pid, 0)`
 *   still succeeds on a zombie — a supervisor that restarts at once would be refused. A zombie
 *   (state `Z`) or dead (`X`) process holds nothing;
 * - after a reboot the pid may belong to an unrelated process; a different start time says so.
 * Where `/proc` is missing (not Linux), a live pid holds the lock.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LOCK_FILE = 'LOCK';

/** What `/proc/<pid>/stat` says of a process, when readable. */
export interface ProcessStat {
  /** One-letter state: R, S, D, Z (zombie), X (dead), … */
  readonly state: string;
  /** Start time after boot, in clock ticks (unique per pid incarnation). */
  readonly startTime: string;
}

/** Reads `/proc/<pid>/stat`; `undefined` when it does not exist (no such process, or no /proc). */
export function readProcessStat(pid: number, procRoot = '/proc'): ProcessStat | undefined {
  let text: string;
  try {
    text = readFileSync(join(procRoot, String(pid), 'stat'), 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces or ')': fields follow the last ')'.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state); field 22 (starttime) is rest[19].
  return { state: rest[0] ?? '', startTime: rest[19] ?? '' };
}

/** Takes the lock of `dir` for this process; throws naming the holder when a live one has it. */
export function takeDirectoryLock(dir: string, procRoot = '/proc'): void {
  const path = join(dir, LOCK_FILE);
  let lines: string[] = [];
  try {
    lines = readFileSync(path, 'utf8').split('\n');
  } catch {
    // no lock yet
  }
  const owner = Number(lines[0]?.trim());
  if (Number.isInteger(owner) && owner > 0 && owner !== process.pid) {
    const startTime = lines[1]?.trim() || undefined;
    if (holds(owner, startTime, procRoot)) {
      throw new Error(
        `the data directory ${dir} is in use by process ${owner}; give each processor its own --data-dir`,
      );
    }
  }
  const own = readProcessStat(process.pid, procRoot)?.startTime;
  writeFileSync(path, `${process.pid}\n${own ?? ''}\n`, { mode: 0o600 });
}

/** Releases the lock of `dir` (at a clean shutdown). */
export function releaseDirectoryLock(dir: string): void {
  rmSync(join(dir, LOCK_FILE), { force: true });
}

/** Whether process `pid` (started at `startTime`, when recorded) is alive and so holds a lock. */
function holds(pid: number, startTime: string | undefined, procRoot: string): boolean {
  const stat = readProcessStat(pid, procRoot);
  if (stat !== undefined) {
    if (stat.state === 'Z' || stat.state === 'X') return false;
    return startTime === undefined || stat.startTime === startTime;
  }
  if (readProcessStat(process.pid, procRoot) !== undefined) return false; // /proc works: gone
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
