/**
 * Child process of row 2 (loopback): the real processor service (`MlmonService`, as `mlmon
 * serve` runs it) on 127.0.0.1 with ephemeral ports, gRPC off. Prints `{"port":N}` once
 * listening; stops cleanly on SIGTERM. With a DATA_DIR argument it runs as `mlmon serve
 * --data-dir DATA_DIR` does: `data-dir` set and `durable: true`, so every request is appended to
 * the write-ahead log and acknowledged only once that record is synced (group commit). Without
 * it the service keeps its state in memory only (no write-ahead log), as an in-process
 * `MlmonService` does by default.
 * Usage: node --import tsx bench/children/otlp-http-server.ts [DATA_DIR]
 */
import { loadServeConfig } from '../../processor/src/config/load-serve-config.js';
import { MlmonService } from '../../processor/src/service/mlmon-service.js';

const dataDir = process.argv[2];
const flags: Record<string, string> = {
  host: '127.0.0.1',
  'otlp-http-port': '0',
  'otlp-grpc-port': '0',
  'prometheus-port': '0',
};
if (dataDir) flags['data-dir'] = dataDir;
const service = new MlmonService({
  config: loadServeConfig({ flags, env: {} }),
  // As processor/src/cli/commands/serve.ts: the data directory is used only when durable.
  durable: dataDir !== undefined,
  logger: {
    info: () => {},
    warn: (m: string) => process.stderr.write(`${m}\n`),
    error: (m: string) => process.stderr.write(`${m}\n`),
  },
});
const addresses = await service.start();
process.stdout.write(
  `${JSON.stringify({ port: addresses.otlpHttpPort, durable: dataDir !== undefined })}\n`,
);
process.once('SIGTERM', () => {
  void service.stop().then(() => process.exit(0));
});
