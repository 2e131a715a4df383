import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GOLDEN_FILES, goldenPath } from './golden-data.js';

/**
 * SHA-256 of each file in the shared golden set (`shared/golden/`, SciPy/NumPy values) when it
 * was copied here. The copies must stay byte-identical to it; the digests make that checkable
 * in any clone, where the shared directory is usually absent.
 */
const SHARED_SHA256: Record<(typeof GOLDEN_FILES)[number], string> = {
  'numeric_drift.json': '8eaddb4de690bba530ffaa9b408a86929ec294218ee3894a6d3e34083a989c6a',
  'categorical_drift.json': '6b8b879eb4745c478937d8f6ce720e805c452e838006c8234cc71815898d973f',
  'binary_classification.json': 'ccab0ff5fc675df066c7d12fd41eb067cf2e74df158cb6d53e11e9a21df7d9c4',
  'multiclass_classification.json':
    '87e9bc747a028811edf7e7ef4e6046a3fdc7f63bdb6943b18585f914b76cf2e4',
  'regression.json': '9b1f0d6a556a678899668c08a299e39227aab6e77f282dd159ad94bc05a04982',
};

/** The nearest `shared/golden/` above the repository (a sibling of the checkout), if any. */
function findSharedGolden(): string | undefined {
  let dir = fileURLToPath(new URL('../../', import.meta.url));
  for (;;) {
    const candidate = join(dir, 'shared', 'golden');
    if (existsSync(join(candidate, GOLDEN_FILES[0]))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('golden files', () => {
  it.each(GOLDEN_FILES)('%s is present and parses', (file) => {
    const parsed = JSON.parse(readFileSync(goldenPath(file), 'utf8')) as { cases: unknown[] };
    expect(parsed.cases.length).toBeGreaterThan(0);
  });

  it.each(GOLDEN_FILES)('%s is byte-identical to the shared golden set (SHA-256)', (file) => {
    expect(sha256(readFileSync(goldenPath(file)))).toBe(SHARED_SHA256[file]);
  });

  // Where the shared directory is present (this repository's own checkouts), the recorded
  // digests must still describe it, so a regenerated shared set fails here instead of leaving
  // stale copies; elsewhere the digests above are the whole check, and nothing is skipped.
  const shared = findSharedGolden();
  if (shared !== undefined) {
    it.each(GOLDEN_FILES)(`%s digest matches ${shared}`, (file) => {
      expect(sha256(readFileSync(join(shared, file)))).toBe(SHARED_SHA256[file]);
    });
  }
});
