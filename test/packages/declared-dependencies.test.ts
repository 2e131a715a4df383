/**
 * Each package's entry points load only what its package.json declares, and the boundaries hold:
 * `@mlmon/instrumentation`'s main entry never reaches an OTel SDK or exporter package (those are
 * optional peers of its `/sdk` entry), and `@mlmon/processor` needs the instrumentation and
 * onnxruntime-node only as optional peers (for `mlmon demo` and `mlmon proxy`). Read from the
 * sources' imports, so a new import without a declaration fails here, not in a user's install.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packageImports, packageName } from './import-graph.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Manifest {
  readonly dependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const manifest = (pkg: string): Manifest =>
  JSON.parse(readFileSync(`${ROOT}${pkg}/package.json`, 'utf8')) as Manifest;

/** The packages an entry (a path under the repository) loads, each once, sorted. */
function loaded(entry: string): string[] {
  const names = packageImports(`${ROOT}${entry}`).map((i) => packageName(i.specifier));
  return [...new Set(names)].sort();
}

const optionalPeers = (m: Manifest): string[] =>
  Object.keys(m.peerDependencies ?? {})
    .filter((name) => m.peerDependenciesMeta?.[name]?.optional === true)
    .sort();

/** What an install always brings: dependencies and the peers that are not optional. */
const required = (m: Manifest): string[] =>
  [
    ...Object.keys(m.dependencies ?? {}),
    ...Object.keys(m.peerDependencies ?? {}).filter((n) => !optionalPeers(m).includes(n)),
  ].sort();

const SDK_OR_EXPORTER = /^@opentelemetry\/(sdk-|exporter-|resources$)/;

describe('@mlmon/instrumentation', () => {
  const m = manifest('instrumentation');
  const main = loaded('instrumentation/src/index.ts');
  const sdk = loaded('instrumentation/src/sdk.ts');

  it('main entry loads no OpenTelemetry SDK or exporter package', () => {
    expect(main.filter((name) => SDK_OR_EXPORTER.test(name))).toEqual([]);
  });

  it('main entry loads only what an install always brings, and uses every dependency', () => {
    expect(main.filter((name) => !required(m).includes(name))).toEqual([]);
    expect(Object.keys(m.dependencies ?? {}).filter((name) => !main.includes(name))).toEqual([]);
  });

  it('the /sdk entry loads the SDK and exporters as optional peers only', () => {
    const sdkOnly = sdk.filter((name) => !required(m).includes(name));
    expect(sdkOnly.length).toBeGreaterThan(0);
    expect(sdkOnly.filter((name) => !optionalPeers(m).includes(name))).toEqual([]);
    // Besides the SDK and exporters, the contrib host-metrics package of startRuntimeMetrics.
    expect(
      sdkOnly.filter(
        (name) => !SDK_OR_EXPORTER.test(name) && name !== '@opentelemetry/host-metrics',
      ),
    ).toEqual([]);
  });
});

describe('@mlmon/processor', () => {
  const m = manifest('processor');
  const api = loaded('processor/src/index.ts');
  const cli = loaded('processor/src/cli/main.ts');

  it('the embedding API loads only its dependencies', () => {
    expect(api.filter((name) => !required(m).includes(name))).toEqual([]);
  });

  it('the CLI reaches the instrumentation and onnxruntime-node only as optional peers', () => {
    expect(cli.filter((name) => !required(m).includes(name))).toEqual(optionalPeers(m));
    expect(optionalPeers(m)).toEqual(['@mlmon/instrumentation', 'onnxruntime-node']);
  });

  it('uses every dependency it declares', () => {
    const used = new Set([...api, ...cli]);
    expect(Object.keys(m.dependencies ?? {}).filter((name) => !used.has(name))).toEqual([]);
  });
});
