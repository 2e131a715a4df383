import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from './config-issue.js';
import { loadServeConfig } from './load-serve-config.js';

const dir = mkdtempSync(join(tmpdir(), 'mlmon-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const issuesOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError)
      return error.message
        .split('\n')
        .slice(1)
        .map((l) => l.trim());
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('loadServeConfig', () => {
  it('reads the YAML file, flags winning', () => {
    const profile = write('fraud.json', '{}');
    const configPath = write(
      'ok.yaml',
      `window-seconds: 120\nreferences:\n  - model: fraud\n    version: "2"\n    profile: ${profile}\nexport-otlp-endpoint: http://collector:4318\nexport-otlp-headers:\n  x-tenant: acme\n`,
    );
    const config = loadServeConfig({ configPath, flags: { 'window-seconds': '30' }, env: {} });
    expect(config.windowSeconds).toBe(30);
    expect(config.referenceProfiles).toEqual([{ model: 'fraud', version: '2', profile }]);
    expect(config.export).toMatchObject({
      metricsUrl: 'http://collector:4318/v1/metrics',
      headers: { 'x-tenant': 'acme' },
    });
  });

  it.each([
    [
      'a missing file',
      () => loadServeConfig({ configPath: join(dir, 'nope.yaml'), flags: {}, env: {} }),
      '--config: cannot read',
    ],
    [
      'invalid YAML',
      () => loadServeConfig({ configPath: write('bad.yaml', 'a: [1,\n'), flags: {}, env: {} }),
      '--config: ',
    ],
    [
      'a missing profile',
      () => loadServeConfig({ flags: { reference: join(dir, 'absent.json') }, env: {} }),
      '--reference: profile file',
    ],
  ])('names the problem for %s', (_, fn, start) => {
    expect(issuesOf(fn)[0]).toContain(start);
  });
});
