/**
 * Module resolve hook of `built-processor.mjs`: a processor source module resolves to its built
 * counterpart, which must exist and be at least as new as the source (a stale build would
 * measure old code).
 */
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SOURCE = '/processor/src/';
const BUILT = '/processor/dist/';

/** Node's `resolve` hook. */
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (!resolved.url.startsWith('file:') || !resolved.url.includes(SOURCE)) return resolved;
  const builtUrl = resolved.url.replace(SOURCE, BUILT).replace(/\.ts$/, '.js');
  const source = statSync(fileURLToPath(resolved.url));
  let built;
  try {
    built = statSync(fileURLToPath(builtUrl));
  } catch {
    built = undefined;
  }
  if (built === undefined || built.mtimeMs < source.mtimeMs) {
    throw new Error(
      `bench: ${fileURLToPath(builtUrl)} is ${built === undefined ? 'missing' : 'older than its source'}; run \`npm run build\` first (\`npm run bench\` does)`,
    );
  }
  return { ...resolved, url: builtUrl, format: 'module' };
}
