#!/usr/bin/env node
// The `mlmon` command. The compiled CLI lives in dist/ (built by `npm ci` through the root `prepare`).
import('../dist/cli/main.js').catch((error) => {
  if (
    error &&
    error.code === 'ERR_MODULE_NOT_FOUND' &&
    String(error.message).includes('dist/cli/main.js')
  ) {
    console.error(
      'mlmon: the processor is not built; run `npm run build` (or `npm ci`) at the repository root.',
    );
    process.exit(2);
  }
  throw error;
});
