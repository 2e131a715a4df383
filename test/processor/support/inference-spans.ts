/**
 * `ml.inference` spans from the real OTel JS SDK with exact durations, serialized as an exporter
 * sends them (OTLP protobuf): the client side of the service-SLI and SLO tests.
 */
import { SpanStatusCode } from '@opentelemetry/api';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import {
  ATTR_ERROR_TYPE,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_OPERATION_NAME,
  ML_OPERATION_NAME_VALUE_PREDICT,
} from '@mlmon/conventions';

/** Calls to emit: durations in seconds (whole microseconds) and the error type of failed ones. */
export interface InferenceCalls {
  readonly durations: readonly number[];
  readonly errors: readonly (string | null)[];
}

/** The resource of the spans. */
export const SPANS_RESOURCE = resourceFromAttributes({ 'service.name': 'scoring-api' });

/**
 * One span per call of model `fraud` v7, the i-th starting at `startMs + i · stepMs` and lasting
 * its duration exactly (the end is given as [seconds, nanoseconds]).
 */
export function inferenceSpans(calls: InferenceCalls, startMs: number, stepMs = 20): Uint8Array {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: SPANS_RESOURCE,
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('mlmon-tests');
  calls.durations.forEach((seconds, i) => {
    const spanStartMs = startMs + i * stepMs;
    const span = tracer.startSpan('predict fraud', {
      startTime: spanStartMs,
      attributes: {
        [ATTR_ML_OPERATION_NAME]: ML_OPERATION_NAME_VALUE_PREDICT,
        [ATTR_ML_MODEL_NAME]: 'fraud',
        [ATTR_ML_MODEL_VERSION]: '7',
      },
    });
    const error = calls.errors[i];
    if (error !== null && error !== undefined) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error });
      span.setAttribute(ATTR_ERROR_TYPE, error);
    }
    const endNs = BigInt(spanStartMs) * 1_000_000n + BigInt(Math.round(seconds * 1e6)) * 1000n;
    span.end([Number(endNs / 1_000_000_000n), Number(endNs % 1_000_000_000n)]);
  });
  const bytes = ProtobufTraceSerializer.serializeRequest(exporter.getFinishedSpans());
  if (!bytes) throw new Error('trace serialization failed');
  return bytes;
}
