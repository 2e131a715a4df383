/**
 * The `mlmon` command line: the composition root of every subcommand. Each subcommand lives in
 * `commands/<name>.ts` and registers itself on the program; this file only wires them and turns
 * usage errors into exit code 2 with a one-line message.
 *
 * A command module is imported only when its command runs (all of them only for the overview
 * help), so `mlmon drift` loads the statistics and the table reader, never the service, the
 * OTel SDK or onnxruntime-node, and starts fast.
 */
import { Command, CommanderError } from 'commander';
import { CliError } from './cli-error.js';

/** A subcommand's name and the loader of the function that registers it. */
interface CommandEntry {
  readonly name: string;
  readonly load: () => Promise<(program: Command) => void>;
}

/** Every subcommand, in the order `mlmon --help` lists them. */
const COMMANDS: readonly CommandEntry[] = [
  { name: 'drift', load: async () => (await import('./commands/drift.js')).registerDriftCommand },
  {
    name: 'evaluate',
    load: async () => (await import('./commands/evaluate.js')).registerEvaluateCommand,
  },
  {
    name: 'estimate',
    load: async () => (await import('./commands/estimate.js')).registerEstimateCommand,
  },
  {
    name: 'fairness',
    load: async () => (await import('./commands/fairness.js')).registerFairnessCommand,
  },
  {
    name: 'baseline',
    load: async () => (await import('./commands/baseline.js')).registerBaselineCommand,
  },
  { name: 'serve', load: async () => (await import('./commands/serve.js')).registerServeCommand },
  { name: 'slo', load: async () => (await import('./commands/slo.js')).registerSloCommand },
  {
    name: 'capture',
    load: async () => (await import('./commands/capture.js')).registerCaptureCommand,
  },
  { name: 'proxy', load: async () => (await import('./commands/proxy.js')).registerProxyCommand },
  { name: 'demo', load: async () => (await import('./commands/demo.js')).registerDemoCommand },
];

/**
 * The subcommand an invocation names: the first argument that is not an option (the root has
 * only `--help`/`--version`, which take no value), or the one after `help`. Undefined for the
 * overview (`mlmon`, `mlmon --help`) and for unknown names, which need every command registered.
 */
function requestedCommand(args: readonly string[]): CommandEntry | undefined {
  const words = args.filter((arg) => !arg.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return COMMANDS.find((entry) => entry.name === name);
}

const program = new Command('mlmon')
  .description('OpenTelemetry-native monitoring for machine-learning models')
  .version('0.1.0')
  // Root options only before the subcommand, so `mlmon baseline --version V` reaches baseline.
  .enablePositionalOptions()
  // A usage error (missing required option, unknown option or command) is one line naming the
  // problem, as every other CLI error is; the subcommands inherit this output configuration.
  .configureOutput({
    outputError: (message, write) => write(`mlmon: ${message.replace(/^error: /, '')}`),
  })
  .exitOverride();

const requested = requestedCommand(process.argv.slice(2));
for (const entry of requested ? [requested] : COMMANDS) (await entry.load())(program);

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
