/**
 * The Node flags a benchmark child starts with: tsx for the benchmark's own TypeScript, and the
 * built processor in place of its sources (see `built-processor.mjs`).
 */
import { fileURLToPath } from 'node:url';

/** `--import` flags of every benchmark child process. */
export const CHILD_IMPORTS: readonly string[] = [
  '--import',
  'tsx',
  '--import',
  fileURLToPath(new URL('./built-processor.mjs', import.meta.url)),
];
