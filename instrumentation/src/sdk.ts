/**
 * `@mlmon/instrumentation/sdk`: a ready-made OpenTelemetry SDK pipeline (OTLP/HTTP protobuf
 * tracer, meter and logger providers) for processes that have no SDK setup of their own, such as
 * `mlmon proxy`. It is a separate entry point so the main entry stays an instrumentation library
 * that needs only `@opentelemetry/api`: the SDK and exporter packages it loads are optional peer
 * dependencies, installed only by those who import this entry.
 */
export { startOtlpPipeline } from './auto/otlp-pipeline.js';
export type { OtlpPipeline, OtlpPipelineOptions } from './auto/otlp-pipeline.js';
export { startRuntimeMetrics } from './runtime-metrics.js';
export type { RuntimeMetrics, RuntimeMetricsOptions } from './runtime-metrics.js';
