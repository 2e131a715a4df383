/**
 * `mlmon demo` (what `npm start` runs): the processor, an instrumented onnxruntime-node model
 * server and traffic whose `income` drifts in one slice and whose calibration later degrades,
 * with the dashboard and a live summary per closed window. Runs until Ctrl-C/SIGTERM or
 * `--duration` seconds, then flushes and exits 0.
 */
import type { Command } from 'commander';
import type { Logger } from '../../service/logger.js';
import { DEFAULT_DEMO_OPTIONS, runDemo, type RunningDemo } from '../../demo/run-demo.js';
import { writeDemoData } from '../../demo/write-demo-data.js';
import { CliError } from '../cli-error.js';
import { importOptionalPeer, SDK_PEER_PACKAGES } from '../optional-peer.js';

/** What `mlmon demo` needs beyond the processor (optional peers, loaded when it runs). */
const DEMO_PACKAGES = ['@mlmon/instrumentation', 'onnxruntime-node', ...SDK_PEER_PACKAGES];

interface DemoFlags {
  host: string;
  otlpHttpPort: string;
  otlpGrpcPort: string;
  prometheusPort: string;
  modelPort: string;
  windowSeconds: string;
  rate: string;
  seed: string;
  duration?: string;
  dataDir?: string;
  writeData?: string;
}

/** The demo's own stderr lines (the processor's alerts and warnings among them). */
const demoLogger: Logger = {
  info: (message) => process.stderr.write(`mlmon demo: ${message}\n`),
  warn: (message) => process.stderr.write(`mlmon demo: warning: ${message}\n`),
  error: (message) => process.stderr.write(`mlmon demo: error: ${message}\n`),
};

/** Parses a flag value as a number in [min, max] (integer when asked), naming the flag if not. */
function numberFlag(
  flag: string,
  raw: string,
  { min, max, integer }: { min: number; max: number; integer: boolean },
): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new CliError(`${flag} must be ${integer ? 'an integer' : 'a number'}, got "${raw}"`);
  }
  if (value < min || value > max) {
    throw new CliError(`${flag} must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

const port = (flag: string, raw: string): number =>
  numberFlag(flag, raw, { min: 0, max: 65535, integer: true });

/** Registers `demo` on the program. */
export function registerDemoCommand(program: Command): void {
  const d = DEFAULT_DEMO_OPTIONS;
  program
    .command('demo')
    .description(
      'run the processor, an instrumented model server and drifting traffic, with the dashboard',
    )
    .option('--host <address>', 'interface to listen on', d.host)
    .option(
      '--otlp-http-port <port>',
      'OTLP/HTTP receiver port (0 = any free port)',
      String(d.otlpHttpPort),
    )
    .option(
      '--otlp-grpc-port <port>',
      'OTLP/gRPC receiver port (0 disables gRPC)',
      String(d.otlpGrpcPort),
    )
    .option(
      '--prometheus-port <port>',
      'admin port: dashboard, status API, /metrics (0 = any free port)',
      String(d.prometheusPort),
    )
    .option('--model-port <port>', 'model server port (0 = any free port)', String(d.modelPort))
    .option('--window-seconds <seconds>', 'window length', String(d.windowSeconds))
    .option('--rate <n>', 'predictions per second per country', String(d.ratePerSecond))
    .option('--seed <n>', 'seed of the traffic (same seed, same rows and labels)', String(d.seed))
    .option('--duration <seconds>', 'stop after this many seconds (default: until Ctrl-C)')
    .option('--data-dir <dir>', 'state directory (default: a temporary one, removed on exit)')
    .option(
      '--write-data <dir>',
      'write the story as CSV files for mlmon baseline/drift/evaluate (training.csv, current.csv) and exit',
    )
    .action(async (flags: DemoFlags) => {
      const seed = numberFlag('--seed', flags.seed, { min: 0, max: 2 ** 32 - 1, integer: true });
      if (flags.writeData !== undefined) {
        let paths;
        try {
          paths = writeDemoData(flags.writeData, seed);
        } catch (error) {
          throw new CliError(`cannot write ${flags.writeData}: ${(error as Error).message}`, 1);
        }
        process.stdout.write(`wrote ${paths.training} and ${paths.current}\n`);
        return;
      }
      // Checked before anything listens, so a missing package is a usage error, not a failed run.
      await importOptionalPeer('demo', DEMO_PACKAGES, () =>
        Promise.all([
          import('@mlmon/instrumentation'),
          import('@mlmon/instrumentation/sdk'),
          import('onnxruntime-node'),
        ]),
      );
      const grpcPort = port('--otlp-grpc-port', flags.otlpGrpcPort);
      const durationSeconds =
        flags.duration === undefined
          ? undefined
          : numberFlag('--duration', flags.duration, { min: 1, max: 86400 * 7, integer: false });
      let demo: RunningDemo;
      try {
        demo = await runDemo({
          host: flags.host,
          otlpHttpPort: port('--otlp-http-port', flags.otlpHttpPort),
          otlpGrpcPort: grpcPort === 0 ? null : grpcPort,
          prometheusPort: port('--prometheus-port', flags.prometheusPort),
          modelPort: port('--model-port', flags.modelPort),
          windowSeconds: numberFlag('--window-seconds', flags.windowSeconds, {
            min: 1,
            max: 3600,
            integer: true,
          }),
          allowedLatenessSeconds: d.allowedLatenessSeconds,
          ratePerSecond: numberFlag('--rate', flags.rate, { min: 1, max: 10000, integer: false }),
          seed,
          ...(flags.dataDir !== undefined ? { dataDir: flags.dataDir } : {}),
          print: (line) => process.stdout.write(`${line}\n`),
          logger: demoLogger,
        });
      } catch (error) {
        if (error instanceof CliError) throw error;
        // A busy port or a runtime that cannot load: a failure of the run, not of the usage.
        throw new CliError((error as Error).message, 1);
      }

      let stopping = false;
      const shutdown = (reason: string): void => {
        if (stopping) {
          demoLogger.warn(`${reason} again: exiting without waiting`);
          process.exit(1);
        }
        stopping = true;
        process.stdout.write(`${reason}: flushing and stopping\n`);
        demo.stop().then(
          () => process.exit(0),
          (error: Error) => {
            demoLogger.error(`stop failed: ${error.message}`);
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => shutdown('SIGTERM'));
      process.on('SIGINT', () => shutdown('SIGINT'));
      if (durationSeconds !== undefined) {
        setTimeout(
          () => shutdown(`--duration ${durationSeconds}s reached`),
          durationSeconds * 1000,
        );
      }
    });
}
