/**
 * The generator's pure core: reads the model directory and returns every generated file (path
 * relative to `conventions/` → content). The CLI writes them; the staleness test compares them
 * with the files on disk.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { parseRegistry, type ModelFile } from './parse-registry.js';
import type { Registry } from './registry-model.js';
import { renderDocs } from './render-docs.js';
import { renderTypeScript } from './render-typescript.js';

/** The `conventions/` package directory. */
export const CONVENTIONS_DIR = fileURLToPath(new URL('..', import.meta.url));

/** The model directory holding the registry YAML. */
export const MODEL_DIR = join(CONVENTIONS_DIR, 'model');

/** Reads every `*.yaml` under the model directory, sorted by path. */
export function readModelFiles(modelDir: string = MODEL_DIR): ModelFile[] {
  const files: ModelFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.yaml') || entry.name.endsWith('.yml')) {
        files.push({
          path: relative(modelDir, path).split('\\').join('/'),
          text: readFileSync(path, 'utf8'),
        });
      }
    }
  };
  walk(modelDir);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Loads and resolves the registry from the model directory. */
export const loadRegistry = (modelDir: string = MODEL_DIR): Registry =>
  parseRegistry(readModelFiles(modelDir));

/** Every generated file, path relative to `conventions/` → content, sorted by path. */
export async function generateFiles(
  registry: Registry = loadRegistry(),
): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const options = (await resolveConfig(join(CONVENTIONS_DIR, 'src', 'index.ts'))) ?? {};
  for (const module of renderTypeScript(registry)) {
    const text = await format(module.text, { ...options, parser: 'typescript' });
    files.set(`src/${module.path}`, text);
  }
  for (const [path, text] of renderDocs(registry)) files.set(`docs/${path}`, text);
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
