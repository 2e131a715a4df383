/**
 * The `mlmon` command line: the composition root of every subcommand. Each subcommand lives in
 * `commands/<name>.ts` and registers itself on the program; this file only wires them and turns
 * usage errors into exit code 2 with a one-line message.
 */
import { Command, CommanderError } from 'commander';
import { CliError } from './cli-error.js';
import { registerBaselineCommand } from './commands/baseline.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerDriftCommand } from './commands/drift.js';
import { registerEvaluateCommand } from './commands/evaluate.js';
import { registerProxyCommand } from './commands/proxy.js';
import { registerServeCommand } from './commands/serve.js';

const program = new Command('mlmon')
  .description('OpenTelemetry-native monitoring for machine-learning models')
  .version('0.1.0')
  // Root options only before the subcommand, so `mlmon baseline --version V` reaches baseline.
  .enablePositionalOptions()
  .showHelpAfterError()
  .exitOverride();

// Subcommands register here, one line each (see commands/*.ts).
registerDriftCommand(program);
registerEvaluateCommand(program);
registerBaselineCommand(program);
registerServeCommand(program);
registerProxyCommand(program);
registerDemoCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  if (error instanceof CliError) {
    process.stderr.write(`mlmon: ${error.message}\n`);
    process.exit(error.exitCode);
  }
  throw error;
}
