/**
 * Sends ML events to `mlmon serve` over OTLP/gRPC with the real OTel JS SDK: the events become
 * SDK log records (a LoggerProvider into an in-memory exporter), which the SDK's OTLP/gRPC log
 * exporter sends as one request, so the test knows which events one acknowledgement covers.
 */
import { ExportResultCode } from '@opentelemetry/core';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-grpc';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import type { ScenarioEvent } from '../../processor/support/scenario.js';

/** A sender to the OTLP/gRPC receiver on `port`: resolves true once the request is acknowledged. */
export function grpcLogsSender(port: number): {
  send(events: readonly ScenarioEvent[]): Promise<boolean>;
  close(): Promise<void>;
} {
  const exporter = new OTLPLogExporter({ url: `http://127.0.0.1:${port}`, timeoutMillis: 5000 });
  const resource = resourceFromAttributes({
    'service.name': 'checkout',
    'service.instance.id': 'pod-7',
  });
  return {
    async send(events) {
      // A provider per request: concurrent senders must not see each other's records.
      const memory = new InMemoryLogRecordExporter();
      const provider = new LoggerProvider({
        resource,
        processors: [new SimpleLogRecordProcessor({ exporter: memory })],
      });
      const logger = provider.getLogger('mlmon-test');
      for (const e of events) {
        logger.emit({ eventName: e.eventName, timestamp: e.timeMs, attributes: e.attributes });
      }
      // forceFlush, not shutdown: shutting the in-memory exporter down empties it.
      await provider.forceFlush();
      const records = memory.getFinishedLogRecords();
      return new Promise<boolean>((resolve) =>
        exporter.export([...records], (result) =>
          resolve(result.code === ExportResultCode.SUCCESS),
        ),
      );
    },
    async close() {
      await exporter.shutdown();
    },
  };
}
