/**
 * `mlmon serve`: runs the processor (OTLP in, drift/calibration/quality out) until SIGTERM or
 * SIGINT, then flushes, exports once more and exits 0. Flags override the YAML `--config` file,
 * which overrides the standard `OTEL_EXPORTER_OTLP_*` variables.
 */
import type { Command } from 'commander';
import { displayAlertsEndpoint } from '../../alerts/alertmanager-client.js';
import { ConfigError } from '../../config/config-issue.js';
import { loadServeConfig } from '../../config/load-serve-config.js';
import { stderrLogger } from '../../service/logger.js';
import { MlmonService } from '../../service/mlmon-service.js';
import { CliError } from '../cli-error.js';

/** The value flags: [long flag, value name, description]. Keys equal the config file keys. */
const VALUE_FLAGS: readonly [string, string, string][] = [
  ['otlp-http-port', 'port', 'OTLP/HTTP receiver port (default 4318)'],
  ['otlp-grpc-port', 'port', 'OTLP/gRPC receiver port; 0 disables gRPC (default 4317)'],
  ['prometheus-port', 'port', 'admin port serving /metrics (default 9464)'],
  ['host', 'address', 'interface to listen on (default 0.0.0.0)'],
  ['window-seconds', 'seconds', 'tumbling window length (default 300)'],
  ['allowed-lateness-seconds', 'seconds', 'lateness admitted after a window ends (default 60)'],
  [
    'reference',
    'mode',
    'first-window | previous-window | seasonal | rolling | PROFILE.json (default first-window)',
  ],
  [
    'season-seconds',
    'seconds',
    'with --reference seasonal: compare each window with the one this long before (default 604800, a week)',
  ],
  [
    'rolling-windows',
    'n',
    'with --reference rolling: compare each window with the union of the last n windows (default 6)',
  ],
  ['data-dir', 'dir', 'state directory (default ./.mlmon)'],
  ['history-windows', 'n', 'results kept per stream for the status API (default 24)'],
  [
    'idle-stream-ttl-seconds',
    'seconds',
    'drop a stream (series, results, reference) after this long without data (default 7 days + 3 windows)',
  ],
  [
    'export-otlp-endpoint',
    'url',
    'OTLP endpoint to export metrics to (or OTEL_EXPORTER_OTLP_ENDPOINT)',
  ],
  ['export-otlp-protocol', 'protocol', 'http/protobuf | http/json | grpc (default http/protobuf)'],
  ['export-otlp-headers', 'headers', 'extra export headers, key=value,key2=value2'],
  ['export-temporality', 'temporality', 'cumulative | delta (default cumulative)'],
  ['export-interval-seconds', 'seconds', 'periodic export interval (default 60)'],
  ['export-timeout-seconds', 'seconds', 'export request timeout (default 10)'],
  [
    'alertmanager-url',
    'url',
    'Alertmanager to post alerts to (/api/v2/alerts); several (an HA pair) comma-separated',
  ],
  ['alertmanager-resend-seconds', 'seconds', 're-send firing alerts this often (default 60)'],
  ['alertmanager-timeout-seconds', 'seconds', 'Alertmanager request timeout (default 10)'],
  ['processor-id', 'id', 'mlmon.processor.id of this instance (default <hostname>:<admin port>)'],
  [
    'trace-url-template',
    'url',
    'link example traces in the dashboard, e.g. http://jaeger:16686/trace/{traceId}',
  ],
  ['exemplars', 'on|off', 'keep example requests (trace ids) per window (default on)'],
  [
    'external-url',
    'url',
    'URL users reach the admin port by, for links in alerts (default http://<hostname>:<admin port>)',
  ],
  ['auth-token', 'token', 'bearer token every listener requires (or MLMON_AUTH_TOKEN)'],
  ['tls-cert', 'file', 'PEM certificate: every listener serves TLS (with --tls-key)'],
  ['tls-key', 'file', 'PEM private key for --tls-cert'],
  ['max-inflight-requests', 'n', 'requests in flight before 429 (default 256)'],
  ['max-inflight-bytes', 'bytes', 'declared body bytes in flight before 429 (default 64 MiB)'],
  ['memory-soft-limit-mib', 'MiB', 'heap in use above which requests get 503 (default 0: off)'],
  ['max-streams', 'n', 'slice streams kept before overflow (default 2000)'],
  ['max-features-per-stream', 'n', 'features kept per model version (default 256)'],
  ['max-categories-per-feature', 'n', 'categories kept per feature (default 1000)'],
  ['max-pending-predictions', 'n', 'predictions waiting for labels (default 1000000)'],
  ['max-pending-labels', 'n', 'labels waiting for their prediction (default 100000)'],
];

const camel = (flag: string): string =>
  flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Registers `serve` on the program. */
export function registerServeCommand(program: Command): void {
  const command = program
    .command('serve')
    .description('run the processor: OTLP in (HTTP and gRPC), drift, calibration and quality out');
  command.option('-c, --config <file>', 'YAML configuration file (keys as the long flags)');
  for (const [flag, value, description] of VALUE_FLAGS) {
    command.option(`--${flag} <${value}>`, description);
  }
  command.action(async (options: Record<string, unknown>) => {
    const flags: Record<string, unknown> = {};
    for (const [flag] of VALUE_FLAGS) {
      const value = options[camel(flag)];
      if (value !== undefined) flags[flag] = value;
    }
    let config;
    try {
      config = loadServeConfig({
        flags,
        ...(typeof options['config'] === 'string' ? { configPath: options['config'] } : {}),
      });
    } catch (error) {
      if (error instanceof ConfigError) throw new CliError(error.message);
      throw error;
    }
    let service: MlmonService;
    try {
      service = new MlmonService({ config, logger: stderrLogger, durable: true });
    } catch (error) {
      throw new CliError((error as Error).message);
    }
    const addresses = await service.start().catch((error: Error) => {
      throw new CliError(error.message, 1);
    });
    stderrLogger.info(
      `listening: OTLP/HTTP ${config.host}:${addresses.otlpHttpPort}` +
        (addresses.otlpGrpcPort !== null
          ? `, OTLP/gRPC ${config.host}:${addresses.otlpGrpcPort}`
          : '') +
        `, /metrics on ${config.host}:${addresses.prometheusPort}` +
        ` (window ${config.windowSeconds}s, reference ${config.referenceProfile ?? config.reference}` +
        (config.export ? `, exporting to ${config.export.metricsUrl}` : '') +
        (config.alertmanager
          ? `, alerts to ${config.alertmanager.urls.map(displayAlertsEndpoint).join(' and ')}`
          : '') +
        ')',
    );
    let stopping = false;
    const shutdown = (signal: string): void => {
      if (stopping) {
        stderrLogger.warn(`${signal} again: exiting without waiting`);
        process.exit(1);
      }
      stopping = true;
      stderrLogger.info(`${signal}: flushing and stopping`);
      service.stop().then(
        () => process.exit(0),
        (error: Error) => {
          stderrLogger.error(`stop failed: ${error.message}`);
          process.exit(1);
        },
      );
    };
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    process.on('SIGINT', () => shutdown('SIGINT'));
  });
}
