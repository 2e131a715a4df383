/** Helpers of the storage tests: temporary data directories and a logged request. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** Makes temporary directories (`prefix…`) that are removed after each test. */
export function tempDirs(prefix: string): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
}

/** The `i`-th logged request: a JSON logs body `{"n":i}` received at a fixed time + `i`. */
export const requestEntry = (i: number) => ({
  kind: 'request' as const,
  receiveUnixMillis: 1_700_000_000_000 + i,
  signal: 'logs' as const,
  contentType: 'json' as const,
  body: Buffer.from(`{"n":${i}}`),
});
