/**
 * Helpers for CLI tests: golden cases written as CSV/JSONL files in a temp directory, and a
 * runner of the real `mlmon` entry point in a child process (exit code, stdout, stderr).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { CliError } from '../../processor/src/cli/cli-error.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = join(ROOT, 'processor/src/cli/main.ts');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');

/** A temp directory that tests write files into; `remove()` in afterAll. */
export function tempDir(prefix: string): { path: (name: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `mlmon-${prefix}-`));
  return {
    path: (name) => join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Writes one column as a CSV file; numbers with full precision (`repr`-like). */
export function writeColumnCsv(
  file: string,
  header: string,
  values: readonly (number | string)[],
): string {
  writeFileSync(
    file,
    `${header}\n${values.map((v) => (typeof v === 'number' ? String(v) : v)).join('\n')}\n`,
  );
  return file;
}

/** Writes rows (arrays of cells) under a header as CSV. */
export function writeCsv(
  file: string,
  header: readonly string[],
  rows: readonly (readonly (number | string)[])[],
): string {
  writeFileSync(
    file,
    [header.join(','), ...rows.map((r) => r.map(String).join(','))].join('\n') + '\n',
  );
  return file;
}

/** Result of running the CLI. */
export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `mlmon …args` through tsx on the TypeScript sources. */
export function runCli(args: readonly string[]): CliRun {
  const r = spawnSync(process.execPath, [TSX, MAIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The CliError `run` rejects with; fails the test when it resolves or throws anything else. */
export async function failure(run: () => Promise<unknown>): Promise<CliError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return error as CliError;
  }
  throw new Error('expected a CliError');
}
