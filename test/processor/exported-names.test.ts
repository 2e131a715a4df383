/**
 * Every exported name is defined in one place across the three packages' sources. A second
 * definition of the same name is how one concept grows parallel shapes that drift apart, so a
 * file that needs an existing name imports or re-exports it, and a different concept gets a
 * different name. Generated code, fixtures and tests are left out: they are not the contract.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SOURCES = ['processor/src', 'instrumentation/src', 'conventions/src'];
const SKIPPED_FOLDERS = new Set(['generated', '__fixtures__', 'node_modules']);
const DEFINITION =
  /^export\s+(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:interface|type|class|function\*?|const|let|enum)\s+([A-Za-z_$][\w$]*)/gm;

/** Non-test `.ts` files under `dir`, recursively. */
function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) files.push(...sourceFiles(path));
    } else if (
      entry.name.endsWith('.ts') &&
      !entry.name.endsWith('.test.ts') &&
      !entry.name.endsWith('.d.ts')
    ) {
      files.push(path);
    }
  }
  return files;
}

/** Exported name → the files that define it. */
function definitions(): Map<string, string[]> {
  const where = new Map<string, string[]>();
  for (const root of SOURCES) {
    for (const file of sourceFiles(join(ROOT, root))) {
      for (const match of readFileSync(file, 'utf8').matchAll(DEFINITION)) {
        const name = match[1]!;
        const files = where.get(name) ?? [];
        files.push(relative(ROOT, file));
        where.set(name, files);
      }
    }
  }
  return where;
}

describe('exported names', () => {
  it('are each defined in one file', () => {
    const twice = [...definitions()]
      .filter(([, files]) => new Set(files).size > 1)
      .map(([name, files]) => `${name}: ${[...new Set(files)].sort().join(', ')}`)
      .sort();
    expect(twice).toEqual([]);
  });
});
