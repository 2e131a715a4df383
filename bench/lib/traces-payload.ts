/**
 * The spans payload of the ingest row: 1000 `ml.inference` spans emitted by mlmon's own
 * `wrapPredict` through the real SDK (the same predictions as the logs payload) and serialized by
 * `@opentelemetry/otlp-transformer`'s `ProtobufTraceSerializer` — the bytes a trace exporter sends.
 */
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION } from '@mlmon/conventions';
import { ModelMonitor } from '@mlmon/instrumentation';
import { PAYLOAD_MODEL, type LogsPayload } from './logs-payload.js';
import { makeFeatureRows, NUMERIC_NAMES, type FeatureRow } from './synthetic.js';

/** Builds `spans` inference spans (one prediction each, 2 slice keys). */
export function buildTracesPayload(spans = 1000, seed = 11): LogsPayload {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': 'mlmon-bench',
      'service.instance.id': 'bench-1',
    }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const monitor = new ModelMonitor({
    modelName: PAYLOAD_MODEL,
    modelVersion: '7',
    task: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
    classes: ['legit', 'fraud'],
    sliceKeys: ['region', 'device'],
    tracerProvider,
  });
  const predict = monitor.wrapPredict((row: FeatureRow) => {
    let z = 0;
    for (const name of NUMERIC_NAMES) z += (row[name] as number) * 0.03;
    return 1 / (1 + Math.exp(-z));
  });
  for (const row of makeFeatureRows(spans, seed)) predict(row);
  const finished = exporter.getFinishedSpans();
  if (finished.length !== spans) throw new Error(`expected ${spans} spans, got ${finished.length}`);
  const bytes = ProtobufTraceSerializer.serializeRequest(finished);
  if (!bytes) throw new Error('ProtobufTraceSerializer returned no bytes');
  return { bytes, events: spans, nowMs: Date.now() + 1000 };
}
