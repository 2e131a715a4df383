/**
 * The sockets of the service: the admin server (`/metrics`, status API, dashboard) and the OTLP
 * receivers (HTTP, and gRPC unless disabled), all on the configured host with the same bearer
 * token and TLS. Either all of them listen or none stays open.
 */
import type { ExpositionFormat } from '../export/prometheus-text.js';
import { readFileSync } from 'node:fs';
import type { ServeConfig } from '../config/serve-config.js';
import { startOtlpGrpcReceiver } from '../receiver/grpc-receiver.js';
import { startOtlpHttpReceiver } from '../receiver/http-receiver.js';
import type { OtlpSink, RequestHandledEvent, RunningReceiver } from '../receiver/types.js';
import type { AdminRoute, AdminServer } from './admin-server.js';
import { startAdminServer } from './admin-server.js';
import type { Logger } from './logger.js';

/** The ports actually bound. */
export interface ServiceAddresses {
  readonly otlpHttpPort: number;
  /** `null` when gRPC is disabled. */
  readonly otlpGrpcPort: number | null;
  readonly prometheusPort: number;
}

/** Options of {@link startListeners}. */
export interface ListenerOptions {
  readonly config: Pick<
    ServeConfig,
    'host' | 'otlpHttpPort' | 'otlpGrpcPort' | 'prometheusPort' | 'authToken' | 'tls'
  >;
  readonly sink: OtlpSink;
  readonly logger: Logger;
  readonly onRequestHandled: (event: RequestHandledEvent) => void;
  readonly renderMetrics: (format: ExpositionFormat) => string;
  /** Admin routes in the order they are tried. */
  readonly routes: readonly AdminRoute[];
}

/** Listening sockets. */
export interface Listeners {
  readonly addresses: ServiceAddresses;
  /** Whether the OTLP receivers still accept data. */
  readonly receiving: boolean;
  /** Stops the receivers (waits for their in-flight requests); the admin server stays up. */
  closeReceivers(): Promise<void>;
  /** Stops everything. */
  close(): Promise<void>;
}

/** Reads the TLS files and binds every listener; throws a one-line error when it cannot. */
export async function startListeners(options: ListenerOptions): Promise<Listeners> {
  const { config, logger } = options;
  const tls = config.tls ? readTlsFiles(config.tls) : undefined;
  const security = {
    ...(config.authToken !== undefined ? { authToken: config.authToken } : {}),
    ...(tls ? { tls } : {}),
  };
  const receiverOptions = {
    sink: options.sink,
    host: config.host,
    logger,
    onRequestHandled: options.onRequestHandled,
    ...security,
  };
  let receivers: RunningReceiver[] = [];
  let admin: AdminServer | undefined;
  const closeReceivers = async (): Promise<void> => {
    await Promise.all(receivers.map((r) => r.close()));
    receivers = [];
  };
  const close = async (): Promise<void> => {
    await closeReceivers();
    await admin?.close();
    admin = undefined;
  };
  try {
    admin = await startAdminServer({
      host: config.host,
      port: config.prometheusPort,
      renderMetrics: options.renderMetrics,
      routes: options.routes,
      onError: (error) => logger.error(`admin server: ${error.message}`),
      ...security,
    });
    receivers.push(await startOtlpHttpReceiver({ ...receiverOptions, port: config.otlpHttpPort }));
    if (config.otlpGrpcPort !== null) {
      receivers.push(
        await startOtlpGrpcReceiver({ ...receiverOptions, port: config.otlpGrpcPort }),
      );
    }
  } catch (error) {
    await close();
    throw new Error(`cannot listen: ${(error as Error).message}`);
  }
  const addresses: ServiceAddresses = {
    prometheusPort: admin.port,
    otlpHttpPort: receivers[0]!.port,
    otlpGrpcPort: config.otlpGrpcPort !== null ? receivers[1]!.port : null,
  };
  return {
    addresses,
    get receiving() {
      return receivers.length > 0;
    },
    closeReceivers,
    close,
  };
}

/** The PEM certificate and key every listener serves. */
function readTlsFiles(paths: { certPath: string; keyPath: string }): { cert: Buffer; key: Buffer } {
  try {
    return { cert: readFileSync(paths.certPath), key: readFileSync(paths.keyPath) };
  } catch (error) {
    throw new Error(`cannot read the TLS certificate or key: ${(error as Error).message}`);
  }
}
