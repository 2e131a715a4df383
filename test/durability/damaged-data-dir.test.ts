/**
 * `mlmon serve` on a damaged or foreign data directory: a checkpoint of a newer format is refused
 * with the versions; a damaged checkpoint that nothing can replace is refused with the recovery
 * path, and `--repair` then starts, saying what is lost.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ServeProcess } from './support/serve-process.js';
import { baseArgs, startServe, stopServe } from './support/serve-process.js';

describe('mlmon serve on a damaged or foreign data directory', () => {
  const dirs: string[] = [];
  let serve: ServeProcess | undefined;
  const tempDir = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'mlmon-damaged-'));
    dirs.push(d);
    return d;
  };
  afterAll(async () => {
    await stopServe(serve);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('refuses a checkpoint written by a newer mlmon, naming both versions', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'checkpoint.json'),
      JSON.stringify({ format: 'mlmon-checkpoint', version: 9, lsn: 1, data: {} }),
    );
    await expect(startServe(baseArgs(dir))).rejects.toThrow(
      /exited with 1 before listening:[\s\S]*checkpoint\.json was written by a newer mlmon \(checkpoint format version 9; this mlmon reads 1\)/,
    );
  }, 30_000);

  it('refuses a damaged checkpoint nothing replaces, and starts with --repair saying what is lost', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'checkpoint.json'), '{"format":"mlmon-checkpoint","vers');
    await expect(startServe(baseArgs(dir))).rejects.toThrow(
      /no readable checkpoint remains[\s\S]*start with --repair/,
    );
    serve = await startServe([...baseArgs(dir), '--repair']);
    expect(serve.log()).toMatch(/warning: --repair: .*are lost/);
    expect(serve.log()).toMatch(/moved checkpoint\.json to /);
  }, 30_000);
});
