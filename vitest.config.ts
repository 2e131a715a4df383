import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string): string =>
  fileURLToPath(new URL(`./${pkg}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the TypeScript sources, never a stale dist/.
    alias: {
      '@mlmon/conventions': src('conventions'),
      '@mlmon/instrumentation': src('instrumentation'),
      '@mlmon/processor': src('processor'),
    },
  },
  test: {
    include: ['{conventions,instrumentation,processor,test}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
