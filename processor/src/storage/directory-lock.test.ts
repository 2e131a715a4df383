import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readProcessStat, takeDirectoryLock } from './directory-lock.js';

const dirs: string[] = [];
const children: { kill(): void }[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  for (const c of children.splice(0)) c.kill();
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'mlmon-lock-'));
  dirs.push(d);
  return d;
}

/**
 * A zombie: bash starts a subshell that exits shortly, and meanwhile becomes `sleep` (exec), which never
 * reaps it. Resolves with the zombie's pid once the kernel shows it as `Z`.
 */
async function zombie(): Promise<number> {
  const child = spawn('bash', ['-c', '(sleep 0.2; exit 0) & echo $!; exec sleep 30'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  children.push(child);
  const pid = await new Promise<number>((resolve) =>
    child.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))),
  );
  for (let i = 0; i < 200 && readProcessStat(pid)?.state !== 'Z'; i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  return pid;
}

describe('the data directory lock', () => {
  it('is taken over from a process killed and not yet reaped (a zombie)', async () => {
    const pid = await zombie();
    expect(readProcessStat(pid)?.state).toBe('Z');
    const dir = tempDir();
    writeFileSync(join(dir, 'LOCK'), `${pid}\n${readProcessStat(pid)!.startTime}\n`);
    takeDirectoryLock(dir);
    expect(readFileSync(join(dir, 'LOCK'), 'utf8')).toBe(
      `${process.pid}\n${readProcessStat(process.pid)!.startTime}\n`,
    );
  });

  it('is refused while its live owner holds it, naming the pid', () => {
    const dir = tempDir();
    const owner = process.ppid;
    writeFileSync(join(dir, 'LOCK'), `${owner}\n${readProcessStat(owner)!.startTime}\n`);
    expect(() => takeDirectoryLock(dir)).toThrow(
      `the data directory ${dir} is in use by process ${owner}`,
    );
  });

  it('is taken over when the pid now belongs to another process (other start time)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'LOCK'), `${process.ppid}\n1\n`);
    expect(() => takeDirectoryLock(dir)).not.toThrow();
  });

  it('is taken over from a pid that no longer exists', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'LOCK'), `4194303\n`);
    expect(() => takeDirectoryLock(dir)).not.toThrow();
  });

  it('reads state and start time past a command name with spaces and parentheses', () => {
    const root = tempDir();
    mkdirSync(join(root, '42'));
    const fields = Array.from({ length: 50 }, (_, i) => String(i + 1));
    fields[2] = 'Z';
    fields[21] = '987654';
    writeFileSync(join(root, '42', 'stat'), `42 (a) b (c) ${fields.slice(2).join(' ')}\n`);
    expect(readProcessStat(42, root)).toEqual({ state: 'Z', startTime: '987654' });
  });
});
