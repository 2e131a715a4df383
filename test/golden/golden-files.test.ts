import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GOLDEN_FILES, goldenPath } from './golden-data.js';

// The golden values are SciPy's, copied unmodified; they must never drift from the shared source.
const shared = fileURLToPath(new URL('../../../shared/golden/', import.meta.url));

describe('golden files', () => {
  it.each(GOLDEN_FILES)('%s is present and parses', (file) => {
    const parsed = JSON.parse(readFileSync(goldenPath(file), 'utf8')) as { cases: unknown[] };
    expect(parsed.cases.length).toBeGreaterThan(0);
  });

  it.runIf(existsSync(shared)).each(GOLDEN_FILES)(
    '%s is byte-identical to ../shared/golden',
    (file) => {
      const ours = readFileSync(goldenPath(file));
      const theirs = readFileSync(`${shared}${file}`);
      expect(ours.equals(theirs)).toBe(true);
    },
  );
});
