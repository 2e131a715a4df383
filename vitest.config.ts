import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import SkipReporter from './test/support/skip-reporter.js';

const src = (pkg: string, entry = 'index'): string =>
  fileURLToPath(new URL(`./${pkg}/src/${entry}.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the TypeScript sources, never a stale dist/.
    // Exact matches: a bare package alias would also rewrite its subpath entries.
    alias: [
      { find: /^@mlmon\/conventions$/, replacement: src('conventions') },
      { find: /^@mlmon\/instrumentation$/, replacement: src('instrumentation') },
      { find: /^@mlmon\/instrumentation\/sdk$/, replacement: src('instrumentation', 'sdk') },
      { find: /^@mlmon\/processor$/, replacement: src('processor') },
    ],
  },
  test: {
    include: ['{conventions,instrumentation,processor,test}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    // Every skipped test is listed with its reason after the summary.
    reporters: ['default', new SkipReporter()],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
