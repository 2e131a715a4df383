/**
 * The service's metric outputs: the Prometheus text per scrape and the OTLP metrics export
 * (in the configured temporality). Export failures are counted and logged, never thrown.
 */
import type { ExportTemporality } from '../config/serve-config.js';
import type { ExportOutcome, OtlpMetricsExporter } from '../export/otlp-metrics-exporter.js';
import {
  renderOpenMetricsText,
  renderPrometheusText,
  type ExpositionFormat,
} from '../export/prometheus-text.js';
import type { MetricsSnapshot } from '../export/metric-data.js';
import type { Logger } from './logger.js';
import type { SnapshotSources } from './metrics-snapshot.js';
import { buildMetricsSnapshot } from './metrics-snapshot.js';

/** Where the metrics come from, read at each scrape or export. */
export interface MetricsOutputSources extends Omit<
  SnapshotSources,
  'queueDepth' | 'processorId' | 'nowMs'
> {
  readonly queueDepth: () => number;
  readonly processorId: () => string;
  readonly now: () => number;
  readonly logger: Logger;
}

/** Renders and exports the metrics of one service. */
export class MetricsOutput {
  constructor(
    private readonly sources: MetricsOutputSources,
    private readonly exporter:
      | { readonly exporter: OtlpMetricsExporter; readonly temporality: ExportTemporality }
      | undefined,
  ) {}

  /** Whether an OTLP endpoint is configured. */
  get exporting(): boolean {
    return this.exporter !== undefined;
  }

  /**
   * The Prometheus text (or OpenMetrics, with exemplars) of the latest results, the alerts and
   * the self-telemetry.
   */
  render(format: ExpositionFormat = 'prometheus'): string {
    const snapshot = this.snapshot({ kind: 'prometheus' });
    return format === 'openmetrics'
      ? renderOpenMetricsText(snapshot)
      : renderPrometheusText(snapshot);
  }

  /** Sends the current metrics to the OTLP endpoint (no-op without one). Never throws. */
  async export(): Promise<ExportOutcome | undefined> {
    if (!this.exporter) return undefined;
    const { exporter, temporality } = this.exporter;
    const snapshot = this.snapshot({ kind: 'otlp', temporality });
    this.sources.results.takeDelta();
    // Failures are counted and logged by the exporter's retry queue, retries included.
    return exporter.export(snapshot);
  }

  /** Delivers what the retry queue holds until `deadlineMs`, then shuts the exporter down. */
  async shutdown(deadlineMs?: number): Promise<void> {
    await this.exporter?.exporter.shutdown(deadlineMs);
  }

  /** Export requests waiting for the backend (0 without an exporter). */
  get queued(): number {
    return this.exporter?.exporter.queued ?? 0;
  }

  private snapshot(target: Parameters<typeof buildMetricsSnapshot>[1]): MetricsSnapshot {
    const s = this.sources;
    return buildMetricsSnapshot(
      { ...s, queueDepth: s.queueDepth(), processorId: s.processorId(), nowMs: s.now() },
      target,
    );
  }
}
