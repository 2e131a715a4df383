import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONVENTIONS_DIR, generateFiles, loadRegistry } from '../scripts/generate-files.js';

const STALE = 'conventions are stale: run `npm run generate -w conventions`';

/** Paths (relative to conventions/) whose on-disk content differs from `expected`. */
function staleFiles(expected: Map<string, string>): string[] {
  const stale: string[] = [];
  for (const [path, text] of expected) {
    const absolute = join(CONVENTIONS_DIR, path);
    if (!existsSync(absolute) || readFileSync(absolute, 'utf8') !== text) stale.push(path);
  }
  for (const dir of ['src/generated', 'docs']) {
    for (const name of readdirSync(join(CONVENTIONS_DIR, dir))) {
      if (!expected.has(`${dir}/${name}`)) stale.push(`${dir}/${name} (no longer generated)`);
    }
  }
  return stale;
}

describe('generated files', () => {
  it('are up to date with the YAML registry', async () => {
    const stale = staleFiles(await generateFiles());
    if (stale.length > 0) expect.fail(`${STALE} (out of date: ${stale.join(', ')})`);
  });

  it('would be reported stale after a brief is edited without regenerating', async () => {
    const registry = loadRegistry();
    const attr = registry.attributes.find((a) => a.key === 'ml.model.name');
    expect(attr).toBeDefined();
    if (attr) attr.brief = `${attr.brief} (edited)`;
    const stale = staleFiles(await generateFiles(registry));
    expect(stale).toEqual(
      expect.arrayContaining(['src/generated/attributes.ts', 'docs/attributes.md']),
    );
  });

  it('start with a DO-NOT-EDIT header naming the regenerate command', async () => {
    for (const [path, text] of await generateFiles()) {
      const firstLine = text.split('\n')[0] ?? '';
      expect(firstLine, path).toContain('DO NOT EDIT');
      expect(text.split('\n').slice(0, 2).join('\n'), path).toContain(
        '`npm run generate -w conventions`',
      );
    }
  });

  it('are deterministic', async () => {
    const first = await generateFiles();
    const second = await generateFiles();
    expect([...second.entries()]).toEqual([...first.entries()]);
  });
});
