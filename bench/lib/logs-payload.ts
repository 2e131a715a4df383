/**
 * The fixed OTLP logs payload of row 2: 1000 `ml.prediction` events (20 numeric + 3 categorical
 * features, 2 slices), emitted by mlmon's own `wrapPredict` through the real SDK and serialized
 * by `@opentelemetry/otlp-transformer`'s `ProtobufLogsSerializer` — the bytes an exporter sends.
 */
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import { ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION } from '@mlmon/conventions';
import { ModelMonitor } from '@mlmon/instrumentation';
import { makeFeatureRows, NUMERIC_NAMES, type FeatureRow } from './synthetic.js';

/** The built payload and what a consumer needs to ingest it as of "now". */
export interface LogsPayload {
  /** The serialized `ExportLogsServiceRequest`. */
  readonly bytes: Uint8Array;
  /** Events in it. */
  readonly events: number;
  /** A clock just after the events' timestamps (their windows are still open). */
  readonly nowMs: number;
}

/** Model name used by every payload (one model version, two slice keys). */
export const PAYLOAD_MODEL = 'bench-fraud';

/**
 * Builds `events` prediction events. `seed` varies the data; `model` lets callers spread
 * records over several model streams.
 */
export function buildLogsPayload(events = 1000, seed = 11, model = PAYLOAD_MODEL): LogsPayload {
  const exporter = new InMemoryLogRecordExporter();
  const resource = resourceFromAttributes({
    'service.name': 'mlmon-bench',
    'service.instance.id': 'bench-1',
  });
  const loggerProvider = new LoggerProvider({
    resource,
    processors: [new SimpleLogRecordProcessor({ exporter })],
  });
  const tracerProvider = new BasicTracerProvider({ resource });
  const monitor = new ModelMonitor({
    modelName: model,
    modelVersion: '7',
    task: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
    classes: ['legit', 'fraud'],
    captureFeatures: true,
    sliceKeys: ['region', 'device'],
    tracerProvider,
    loggerProvider,
  });
  const predict = monitor.wrapPredict((row: FeatureRow) => {
    let z = 0;
    for (const name of NUMERIC_NAMES) z += (row[name] as number) * 0.03;
    return 1 / (1 + Math.exp(-z));
  });
  for (const row of makeFeatureRows(events, seed)) predict(row);
  const records = exporter.getFinishedLogRecords();
  if (records.length !== events)
    throw new Error(`expected ${events} log records, got ${records.length}`);
  const bytes = ProtobufLogsSerializer.serializeRequest(records);
  if (!bytes) throw new Error('ProtobufLogsSerializer returned no bytes');
  return { bytes, events, nowMs: Date.now() + 1000 };
}
