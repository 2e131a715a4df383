import { describe, expect, it } from 'vitest';
import { formatSkipped } from './skip-reporter.js';

describe('formatSkipped', () => {
  it('groups skipped tests by file and reason, naming the first and counting the rest', () => {
    const lines = formatSkipped([
      { file: 'test/e2e/a.test.ts', name: 'suite > one', reason: '/usr/bin/x is missing' },
      { file: 'test/e2e/a.test.ts', name: 'suite > two', reason: '/usr/bin/x is missing' },
      { file: 'test/b.test.ts', name: 'alone', reason: 'no network' },
    ]);
    expect(lines).toEqual([
      '  test/e2e/a.test.ts: 2 tests (suite > one, …) — /usr/bin/x is missing',
      '  test/b.test.ts: alone — no network',
    ]);
  });
});
