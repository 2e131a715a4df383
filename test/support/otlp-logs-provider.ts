/**
 * The app side of an integration test: a real OTel SDK LoggerProvider exporting OTLP/HTTP
 * protobuf to a local `mlmon serve`, batched so whole windows go in a few requests.
 */
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import type { Resource } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';

/** A LoggerProvider of `resource` sending to the OTLP/HTTP receiver on `port`. */
export function otlpLogsProvider(port: number, resource: Resource): LoggerProvider {
  return new LoggerProvider({
    resource,
    processors: [
      new BatchLogRecordProcessor({
        exporter: new OTLPLogExporter({ url: `http://127.0.0.1:${port}/v1/logs` }),
        maxQueueSize: 10_000,
        maxExportBatchSize: 500,
      }),
    ],
  });
}
