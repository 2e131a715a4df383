/**
 * The metric snapshot the exporters render: every stream's latest result (with its delay sums
 * in the target's temporality), the alert status series, and the processor's own telemetry.
 */
import { ATTR_MLMON_PROCESSOR_ID, ATTR_SERVICE_NAME } from '@mlmon/conventions';
import type { ExportTemporality } from '../config/serve-config.js';
import type { MetricsSnapshot, ResourceMetricsData } from '../export/metric-data.js';
import { windowMetrics } from '../export/window-metrics.js';
import type { Pipeline } from './pipeline.js';
import type { ResultStore } from './result-store.js';
import { MLMON_SELF_SCOPE } from './self-telemetry.js';
import type { SelfTelemetry } from './self-telemetry.js';
import type { ServiceAlerts } from './service-alerts.js';

/** `service.name` of the processor's own telemetry. */
export const MLMON_SERVICE_NAME = 'mlmon';

/** What a snapshot is read from. */
export interface SnapshotSources {
  readonly results: ResultStore;
  readonly alerts: ServiceAlerts;
  readonly pipeline: Pipeline;
  readonly telemetry: SelfTelemetry;
  /** Requests admitted and not yet answered. */
  readonly queueDepth: number;
  readonly processorId: string;
  readonly startUnixMillis: number;
  readonly nowMs: number;
}

/**
 * The snapshot for Prometheus (always cumulative) or OTLP (`temporality`; every resource carries
 * `mlmon.processor.id`: single-writer rule, each processor instance writes its own series).
 */
export function buildMetricsSnapshot(
  sources: SnapshotSources,
  target: { kind: 'prometheus' } | { kind: 'otlp'; temporality: ExportTemporality },
): MetricsSnapshot {
  const temporality = target.kind === 'otlp' ? target.temporality : 'cumulative';
  const { processorId, startUnixMillis } = sources;
  let resources: ResourceMetricsData[] = [
    ...windowMetrics(sources.results.streamExports(temporality, sources.nowMs)),
    ...sources.alerts.metrics(),
  ];
  if (target.kind === 'otlp') {
    resources = resources.map((r) => ({
      ...r,
      resource: { ...r.resource, [ATTR_MLMON_PROCESSOR_ID]: processorId },
    }));
  }
  const gauges = sources.pipeline.gauges();
  sources.telemetry.setOverflow(gauges.overflowTotal);
  resources.push({
    resource: { [ATTR_SERVICE_NAME]: MLMON_SERVICE_NAME, [ATTR_MLMON_PROCESSOR_ID]: processorId },
    scopes: [
      {
        scope: MLMON_SELF_SCOPE,
        metrics: sources.telemetry.collect(
          {
            streams: gauges.streams,
            pendingLabels: gauges.pendingLabels,
            ...(gauges.cbpeReferencePairs !== undefined
              ? { cbpeReferencePairs: gauges.cbpeReferencePairs }
              : {}),
            queueDepth: sources.queueDepth,
          },
          startUnixMillis,
        ),
      },
    ],
  });
  return { timeUnixMillis: sources.nowMs, startUnixMillis, temporality, resources };
}
