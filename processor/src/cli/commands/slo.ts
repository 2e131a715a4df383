/**
 * `mlmon slo rules --config mlmon.yaml [--out rules.yaml] [--interval 1m]`: the Prometheus
 * recording and alerting rules of the config's `slos` (see `export/slo-prometheus-rules.ts`), for
 * teams that alert in Prometheus; check them with `promtool check rules`.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { ConfigError } from '../../config/config-issue.js';
import { loadServeConfig } from '../../config/load-serve-config.js';
import { SloRulesError, sloPrometheusRules } from '../../export/slo-prometheus-rules.js';
import { CliError } from '../cli-error.js';

/** The rules file text for the SLOs of the config file at `configPath`. */
export function sloRulesText(configPath: string, interval: string): string {
  let config;
  try {
    config = loadServeConfig({ flags: {}, configPath });
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
  const slos = config.slos ?? [];
  if (slos.length === 0) throw new CliError(`${configPath}: no slos to write rules for`);
  if (!/^\d+[smh]$/.test(interval)) {
    throw new CliError(`--interval must be a duration such as 30s or 1m, got '${interval}'`);
  }
  try {
    return (
      `# Prometheus rules for the SLOs of ${configPath}, written by mlmon slo rules.\n` +
      stringify(sloPrometheusRules(slos, interval), { lineWidth: 0 })
    );
  } catch (error) {
    if (error instanceof SloRulesError) throw new CliError(error.message);
    throw error;
  }
}

/** Registers `mlmon slo`. */
export function registerSloCommand(program: Command): void {
  const slo = program.command('slo').description('service-level objectives of mlmon serve');
  slo
    .command('rules')
    .description("write Prometheus recording and alerting rules for the config's slos")
    .requiredOption('--config <file>', 'the mlmon serve config file (YAML) with an slos section')
    .option('--out <file>', 'rules file to write (default: standard output)')
    .option('--interval <duration>', 'rule evaluation interval', '1m')
    .action((opts: { config: string; out?: string; interval: string }) => {
      const text = sloRulesText(opts.config, opts.interval);
      if (opts.out === undefined) {
        process.stdout.write(text);
        return;
      }
      try {
        writeFileSync(opts.out, text);
      } catch (error) {
        throw new CliError(`${opts.out}: cannot write the rules (${(error as Error).message})`);
      }
      process.stdout.write(`wrote ${opts.out}\n`);
    });
}
