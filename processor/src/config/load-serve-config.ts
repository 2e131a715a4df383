/**
 * The I/O shell around {@link resolveServeConfig}: reads the YAML `--config` file and checks that
 * referenced profile files exist, then throws one {@link ConfigError} listing every issue.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { ConfigIssue } from './config-issue.js';
import { ConfigError } from './config-issue.js';
import { resolveServeConfig } from './resolve-serve-config.js';
import type { ServeConfig } from './serve-config.js';

/** Inputs of {@link loadServeConfig}. */
export interface LoadServeConfigOptions {
  /** Flag values keyed by long flag name (`window-seconds`); unset flags absent. */
  flags: Readonly<Record<string, unknown>>;
  /** Path of the YAML config file, if any. */
  configPath?: string;
  /** Environment (defaults to `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Loads, merges and validates the configuration; throws {@link ConfigError} with every issue. */
export function loadServeConfig(options: LoadServeConfigOptions): ServeConfig {
  let file: unknown;
  if (options.configPath !== undefined) {
    let text: string;
    try {
      text = readFileSync(options.configPath, 'utf8');
    } catch (error) {
      throw new ConfigError([
        {
          key: 'config',
          source: 'flag',
          message: `cannot read ${options.configPath}: ${(error as Error).message}`,
        },
      ]);
    }
    try {
      file = parseYaml(text);
    } catch (error) {
      throw new ConfigError([
        {
          key: 'config',
          source: 'flag',
          message: `${options.configPath} is not valid YAML: ${(error as Error).message}`,
        },
      ]);
    }
  }
  const result = resolveServeConfig({
    flags: options.flags,
    file,
    env: options.env ?? process.env,
  });
  if (!result.ok) throw new ConfigError(result.issues);
  const config = result.config;

  const missing: ConfigIssue[] = [];
  if (config.referenceProfile !== undefined && !existsSync(config.referenceProfile)) {
    missing.push({
      key: 'reference',
      source: options.flags['reference'] !== undefined ? 'flag' : 'file',
      message: `profile file ${config.referenceProfile} does not exist`,
    });
  }
  config.referenceProfiles.forEach((mapping, i) => {
    if (!existsSync(mapping.profile)) {
      missing.push({
        key: `references[${i}].profile`,
        source: 'file',
        message: `profile file ${mapping.profile} does not exist`,
      });
    }
  });
  if (config.tls) {
    for (const [key, path] of [
      ['tls-cert', config.tls.certPath],
      ['tls-key', config.tls.keyPath],
    ] as const) {
      if (!existsSync(path)) {
        missing.push({
          key,
          source: options.flags[key] !== undefined ? 'flag' : 'file',
          message: `file ${path} does not exist`,
        });
      }
    }
  }
  if (missing.length > 0) throw new ConfigError(missing);
  return config;
}
