/**
 * `npm run generate -w conventions`: regenerates `src/generated/*.ts`, `src/index.ts` and
 * `docs/*.md` from the YAML registry in `model/`.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONVENTIONS_DIR, generateFiles } from './generate-files.js';
import { RegistryError } from './parse-registry.js';

async function main(): Promise<void> {
  const files = await generateFiles();
  // Remove generated files that no longer have a source (e.g. a deleted signal kind).
  for (const dir of ['src/generated', 'docs']) {
    const absolute = join(CONVENTIONS_DIR, dir);
    mkdirSync(absolute, { recursive: true });
    for (const name of readdirSync(absolute)) {
      if (!files.has(`${dir}/${name}`)) rmSync(join(absolute, name));
    }
  }
  for (const [path, text] of files) {
    const absolute = join(CONVENTIONS_DIR, path);
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, text);
  }
  console.log(`conventions: wrote ${files.size} files`);
}

main().catch((error: unknown) => {
  console.error(error instanceof RegistryError ? error.message : error);
  process.exitCode = 1;
});
