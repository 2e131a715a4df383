import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONVENTIONS_DIR, loadRegistry } from '../scripts/generate-files.js';
import {
  attributeConstName,
  descriptorConstName,
  eventConstName,
  metricConstName,
  prometheusName,
  spanConstName,
} from '../scripts/naming.js';
import { findTelemetryLiterals, type NameIndex } from './find-telemetry-literals.js';

const ROOT = join(CONVENTIONS_DIR, '..');
const SCANNED = ['instrumentation/src', 'processor/src'];

/** Every registry name → the constant to use instead of the literal. */
function nameIndex(): NameIndex {
  const registry = loadRegistry();
  const names = new Map<string, string>();
  const templatePrefixes = new Map<string, string>();
  for (const a of registry.attributes) {
    if (a.type.startsWith('template['))
      templatePrefixes.set(`${a.key}.`, attributeConstName(a.key));
    else names.set(a.key, attributeConstName(a.key));
  }
  for (const m of registry.metrics) {
    names.set(m.name, metricConstName(m.name));
    // Prometheus series names are registry names too (DESCRIPTOR_*.prometheusName).
    const prometheus = prometheusName(m.name, m.instrument, m.unit);
    names.set(prometheus, `${descriptorConstName(m.name)}.prometheusName`);
  }
  for (const e of registry.events) names.set(e.name, eventConstName(e.name));
  for (const s of registry.spans) names.set(s.type, spanConstName(s.type));
  return { names, templatePrefixes, namespaces: ['ml', 'mlmon'] };
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out; // a package without src/ yet has nothing to scan
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    // __fixtures__ hold recorded input data (e.g. a resource's `service.name`), not emitting code.
    if (entry.isDirectory()) {
      if (entry.name !== '__fixtures__') out.push(...sourceFiles(path));
    } else if (/\.ts$/.test(entry.name) && !/\.(test|spec)\.ts$/.test(entry.name)) out.push(path);
  }
  return out.sort();
}

describe('telemetry names in instrumentation/ and processor/', () => {
  it('come from @mlmon/conventions constants, never string literals', () => {
    const index = nameIndex();
    const findings: string[] = [];
    for (const dir of SCANNED) {
      for (const file of sourceFiles(join(ROOT, dir))) {
        for (const f of findTelemetryLiterals(readFileSync(file, 'utf8'), index)) {
          findings.push(`${relative(ROOT, file)}:${f.line}: ${f.literal} → use ${f.suggestion}`);
        }
      }
    }
    if (findings.length > 0) {
      expect.fail(
        `telemetry names written as string literals; import the constants from @mlmon/conventions:\n  ${findings.join('\n  ')}`,
      );
    }
  });
});
