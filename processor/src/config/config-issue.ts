/** Where a configuration value came from, so an error can point at it. */
export type ConfigSource = 'flag' | 'file' | 'env';

/** One thing wrong with the configuration, naming the key at fault. */
export interface ConfigIssue {
  /** The config key (kebab-case, as in the YAML file) or the environment variable name. */
  key: string;
  /** Where the bad value came from. */
  source: ConfigSource;
  /** What is wrong, including the offending value. */
  message: string;
}

/** Formats an issue as one line: `--window-seconds: must be …` / `config file key "…": …`. */
export function formatConfigIssue(issue: ConfigIssue): string {
  switch (issue.source) {
    case 'flag':
      return `--${issue.key}: ${issue.message}`;
    case 'file':
      return `config file key "${issue.key}": ${issue.message}`;
    case 'env':
      return `environment variable ${issue.key}: ${issue.message}`;
  }
}

/** Thrown by the config loader with every issue found (never only the first one). */
export class ConfigError extends Error {
  /** All issues, in key order. */
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    super(
      `invalid configuration (${issues.length} ${issues.length === 1 ? 'error' : 'errors'}):\n` +
        issues.map((issue) => `  ${formatConfigIssue(issue)}`).join('\n'),
    );
    this.name = 'ConfigError';
    this.issues = issues;
  }
}
