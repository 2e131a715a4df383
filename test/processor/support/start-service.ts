/**
 * Starts a real in-process `mlmon serve` service on loopback ephemeral ports with a manual
 * clock, and sends scenario events through the real OTel JS SDK (LoggerProvider + an OTLP
 * exporter over HTTP protobuf, HTTP JSON or gRPC).
 */
import { OTLPLogExporter as GrpcLogExporter } from '@opentelemetry/exporter-logs-otlp-grpc';
import { OTLPLogExporter as JsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as ProtoLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import type { ServeConfig } from '../../../processor/src/config/serve-config.js';
import { DEFAULT_SERVE_CONFIG } from '../../../processor/src/config/serve-config.js';
import { ManualClock } from '../../../processor/src/service/clock.js';
import { silentLogger } from '../../../processor/src/service/logger.js';
import type { ServiceAddresses } from '../../../processor/src/service/mlmon-service.js';
import { MlmonService } from '../../../processor/src/service/mlmon-service.js';
import type { ScenarioEvent } from './scenario.js';
import { LATENESS_SECONDS, WINDOW_SECONDS } from './scenario.js';

/** How the SDK sends to the processor. */
export type Transport = 'http/protobuf' | 'http/json' | 'grpc';

/** A started service with its clock and addresses. */
export interface TestService {
  readonly service: MlmonService;
  readonly clock: ManualClock;
  readonly addresses: ServiceAddresses;
  /** GET /metrics text. */
  metrics(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts a service with the scenario's window settings; `config` overrides. `options.durable`
 * runs it as `mlmon serve` does (write-ahead log in `config.dataDir`); `options.clock` shares a
 * clock between services (a restart over the same data directory).
 */
export async function startTestService(
  startMs: number,
  config: Partial<ServeConfig> = {},
  options: { durable?: boolean; clock?: ManualClock } = {},
): Promise<TestService> {
  const clock = options.clock ?? new ManualClock(startMs);
  const service = new MlmonService({
    config: {
      ...DEFAULT_SERVE_CONFIG,
      host: '127.0.0.1',
      otlpHttpPort: 0,
      otlpGrpcPort: 0,
      prometheusPort: 0,
      windowSeconds: WINDOW_SECONDS,
      allowedLatenessSeconds: LATENESS_SECONDS,
      processorId: 'test-processor',
      ...config,
    },
    clock,
    logger: silentLogger,
    flushIntervalMillis: 0,
    ...(options.durable ? { durable: true, checkpointIntervalMillis: 3_600_000 } : {}),
  });
  const addresses = await service.start();
  return {
    service,
    clock,
    addresses,
    metrics: async () => {
      const response = await fetch(`http://127.0.0.1:${addresses.prometheusPort}/metrics`);
      if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
      return response.text();
    },
    stop: () => service.stop(),
  };
}

/** An SDK logger pipeline exporting to the service over `transport`. */
export function sdkLogs(
  addresses: ServiceAddresses,
  transport: Transport,
  serviceName = 'checkout',
) {
  let exporter: LogRecordExporter;
  if (transport === 'grpc') {
    exporter = new GrpcLogExporter({ url: `http://127.0.0.1:${addresses.otlpGrpcPort}` });
  } else {
    const url = `http://127.0.0.1:${addresses.otlpHttpPort}/v1/logs`;
    exporter =
      transport === 'http/json' ? new JsonLogExporter({ url }) : new ProtoLogExporter({ url });
  }
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({
      'service.name': serviceName,
      'service.instance.id': 'pod-1',
    }),
    processors: [
      new BatchLogRecordProcessor({
        exporter,
        maxQueueSize: 10_000,
        maxExportBatchSize: 500,
        scheduledDelayMillis: 60_000,
      }),
    ],
  });
  const logger = provider.getLogger('mlmon-integration-test');
  return {
    /** Emits the events and waits until the exporter delivered them. */
    async send(events: readonly ScenarioEvent[]): Promise<void> {
      for (const e of events) {
        logger.emit({ eventName: e.eventName, timestamp: e.timeMs, attributes: e.attributes });
      }
      await provider.forceFlush();
    },
    shutdown: () => provider.shutdown(),
  };
}
