/**
 * `mlmon proxy`: a reverse proxy for Open Inference Protocol (KServe V2) REST model servers
 * (Triton, KServe, Seldon MLServer, TorchServe) that emits `ml.*` spans, metrics and prediction
 * events over OTLP/HTTP protobuf, with no change to the model server. Runs until SIGTERM or
 * SIGINT, then flushes the telemetry and exits 0.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import type { OipProxyFileConfig, parseOipProxyConfig } from '@mlmon/instrumentation';
import { CliError } from '../cli-error.js';
import { importOptionalPeer, SDK_PEER_PACKAGES } from '../optional-peer.js';

/** What `mlmon proxy` needs beyond the processor (optional peers, loaded when it runs). */
const PROXY_PACKAGES = ['@mlmon/instrumentation', ...SDK_PEER_PACKAGES];

/** Options as commander hands them over. */
interface ProxyFlags {
  listen: string;
  host: string;
  upstream: string;
  otlpEndpoint: string;
  config?: string;
  timeoutMs?: string;
  serviceName: string;
  exportIntervalMs: string;
  readinessIntervalMs: string;
}

function parsePort(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new CliError(`${flag} must be a port number (0-65535), got ${JSON.stringify(value)}`);
  }
  return n;
}

function parsePositive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new CliError(`${flag} must be a positive integer, got ${JSON.stringify(value)}`);
  return n;
}

/** Reads and validates the `--config` file (YAML or JSON); every problem is listed. */
function loadProxyConfig(
  path: string,
  parseConfig: typeof parseOipProxyConfig,
): OipProxyFileConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read --config ${path}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new CliError(`--config ${path} is not valid YAML/JSON: ${(error as Error).message}`);
  }
  const { config, errors } = parseConfig(raw);
  if (errors.length > 0) throw new CliError(`invalid --config ${path}:\n  ${errors.join('\n  ')}`);
  return config;
}

/** Registers `proxy` on the program. */
export function registerProxyCommand(program: Command): void {
  program
    .command('proxy')
    .description(
      'reverse proxy for Open Inference Protocol (KServe V2) model servers that emits ml.* telemetry',
    )
    .requiredOption('--listen <port>', 'port to listen on (0 picks a free one)')
    .option('--host <address>', 'interface to listen on', '0.0.0.0')
    .requiredOption('--upstream <url>', 'base URL of the model server, e.g. http://127.0.0.1:8080')
    .option(
      '--otlp-endpoint <url>',
      'OTLP/HTTP (protobuf) endpoint for the telemetry',
      'http://localhost:4318',
    )
    .option(
      '-c, --config <file>',
      'YAML or JSON file: models (task, classes, features, outputs), capture, sampling',
    )
    .option('--timeout-ms <ms>', 'upstream timeout; the caller gets 504 after it (default 60000)')
    .option('--service-name <name>', 'service.name of the telemetry', 'mlmon-proxy')
    .option('--export-interval-ms <ms>', 'metric export interval', '10000')
    .option(
      '--readiness-interval-ms <ms>',
      "poll the server's /v2/health/ready and /v2/models/{name}/ready this often (ml.model.ready); 0 turns it off",
      '10000',
    )
    .action(async (flags: ProxyFlags) => {
      const [{ parseOipProxyConfig, startOipProxy }, { startOtlpPipeline }] =
        await importOptionalPeer('proxy', PROXY_PACKAGES, () =>
          Promise.all([import('@mlmon/instrumentation'), import('@mlmon/instrumentation/sdk')]),
        );
      const listenPort = parsePort(flags.listen, '--listen');
      const fileConfig = flags.config ? loadProxyConfig(flags.config, parseOipProxyConfig) : {};
      const timeoutMillis =
        flags.timeoutMs !== undefined
          ? parsePositive(flags.timeoutMs, '--timeout-ms')
          : fileConfig.timeoutMillis;
      let pipeline;
      try {
        pipeline = startOtlpPipeline({
          endpoint: flags.otlpEndpoint,
          serviceName: flags.serviceName,
          exportIntervalMillis: parsePositive(flags.exportIntervalMs, '--export-interval-ms'),
        });
      } catch (error) {
        throw new CliError(`--otlp-endpoint: ${(error as Error).message}`);
      }
      const proxy = await startOipProxy({
        ...fileConfig,
        ...(timeoutMillis !== undefined ? { timeoutMillis } : {}),
        listenPort,
        listenHost: flags.host,
        upstream: flags.upstream,
        readinessIntervalMillis:
          flags.readinessIntervalMs === '0'
            ? 0
            : parsePositive(flags.readinessIntervalMs, '--readiness-interval-ms'),
        tracerProvider: pipeline.tracerProvider,
        meterProvider: pipeline.meterProvider,
        loggerProvider: pipeline.loggerProvider,
      }).catch(async (error: Error) => {
        await pipeline.shutdown();
        throw new CliError(error.message, error instanceof TypeError ? 2 : 1);
      });
      process.stdout.write(
        `mlmon proxy: listening on ${proxy.url}, forwarding to ${flags.upstream}, telemetry to ${flags.otlpEndpoint}\n`,
      );
      let stopping = false;
      const shutdown = (signal: string): void => {
        if (stopping) process.exit(1);
        stopping = true;
        process.stderr.write(`mlmon proxy: ${signal}: flushing telemetry and stopping\n`);
        Promise.allSettled([proxy.close(), pipeline.shutdown()]).then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.on('SIGTERM', () => shutdown('SIGTERM'));
      process.on('SIGINT', () => shutdown('SIGINT'));
    });
}
