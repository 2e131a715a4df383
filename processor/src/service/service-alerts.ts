/**
 * The alert side of the service: the rules, their memory (what fires, consecutive-window
 * counts), and sending transitions as `ml.alert` events and to Alertmanager. Export failures
 * are counted and logged, never thrown, like metric export failures.
 */
import type { AlertRule } from '../alerts/alert-rule.js';
import { alertEventBody } from '../alerts/alert-event-attributes.js';
import { alertStatusMetrics, statusAlerts } from '../alerts/alert-metrics.js';
import type { AlertState, SerializedAlertState } from '../alerts/alert-state.js';
import { createAlertState, restoreAlertState, serializeAlertState } from '../alerts/alert-state.js';
import type { AlertTransition } from '../alerts/evaluate-alerts.js';
import { evaluateAlerts } from '../alerts/evaluate-alerts.js';
import { evaluateSlos, type SloStatus } from '../alerts/evaluate-slos.js';
import { firingTransitions } from '../alerts/instance-transition.js';
import { forgetStreamAlerts } from '../alerts/forget-streams.js';
import { sloMetrics } from '../alerts/slo-metrics.js';
import type { SloDefinition } from '../evaluate/slo/slo-definition.js';
import { seriesKey } from '../keys/series-key.js';
import type { OtlpAlertExporter } from '../alerts/otlp-alert-exporter.js';
import type { WindowResult } from '../evaluate/window-result.js';
import type { ResourceMetricsData } from '../export/metric-data.js';
import type { StatusAlert } from '../status-api/types.js';
import type { AlertmanagerSender } from './alertmanager-sender.js';
import type { Logger } from './logger.js';

/** Alert rules, their state and their exporter. */
export class ServiceAlerts {
  private state: AlertState = createAlertState();
  /** Latest status per (SLO, stream), for `/metrics`, OTLP and the status API. */
  private readonly sloStatuses = new Map<string, SloStatus>();

  constructor(
    private readonly rules: readonly AlertRule[],
    private readonly slos: readonly SloDefinition[],
    private readonly exporter: OtlpAlertExporter | undefined,
    private readonly logger: Logger,
    /** Base URL of the built-in runbooks (the processor's external URL). */
    private readonly runbookBaseUrl: () => string = () => '',
    private readonly alertmanager?: AlertmanagerSender,
  ) {}

  /** Applies the rules to new results; returns what started or stopped firing. */
  evaluate(results: readonly WindowResult[]): AlertTransition[] {
    const options = { runbookBaseUrl: this.runbookBaseUrl() };
    const transitions = evaluateAlerts(this.state, this.rules, results, options);
    if (this.slos.length === 0) return transitions;
    const slo = evaluateSlos(this.state, this.slos, results, options);
    for (const status of slo.statuses) {
      this.sloStatuses.set(seriesKey(status.slo.name, status.stream.key), status);
    }
    return [...transitions, ...slo.transitions];
  }

  /**
   * Forgets the alert memory and SLO status of streams that aged out; returns the resolved
   * transitions of the alerts that were still firing on them.
   */
  forgetStreams(streamKeys: readonly string[], nowMs: number): AlertTransition[] {
    const gone = new Set(streamKeys);
    for (const [key, status] of this.sloStatuses) {
      if (gone.has(status.stream.key)) this.sloStatuses.delete(key);
    }
    return forgetStreamAlerts(this.state, streamKeys, nowMs);
  }

  /** The latest status of every SLO on every stream it watches. */
  sloStatus(): SloStatus[] {
    return [...this.sloStatuses.values()];
  }

  /**
   * Logs the transitions, sends them as `ml.alert` events and posts them to Alertmanager.
   * Never throws.
   */
  async send(
    transitions: readonly AlertTransition[],
    processorId: string,
    nowMs: number,
  ): Promise<void> {
    if (transitions.length === 0) return;
    for (const t of transitions) {
      // The window's end says which window caused it (a replay or a slow pass logs it later).
      const at = new Date(t.timeUnixMillis).toISOString();
      this.logger.info(`alert ${alertEventBody(t)} [window end ${at}; ${t.impact}]`);
    }
    const posted = this.alertmanager?.send(transitions);
    if (this.exporter) {
      // Failures are counted and logged by the exporter's retry queue, retries included.
      await this.exporter.export(transitions, processorId, nowMs);
    }
    await posted;
  }

  /**
   * Posts the alerts the restored memory says fire to Alertmanager: it resolves alerts that are
   * not re-sent, and after a restart only the memory knows them. Never throws.
   */
  async resumeFiring(): Promise<void> {
    await this.alertmanager?.send(firingTransitions(this.state));
  }

  /**
   * Stops re-sending to Alertmanager (its timer) once posts in flight settle, and delivers the
   * queued `ml.alert` events until `deadlineMs`.
   */
  async close(deadlineMs?: number): Promise<void> {
    await Promise.all([this.alertmanager?.stop(), this.exporter?.shutdown(deadlineMs)]);
  }

  /** Current alerts for the status API. */
  status(): StatusAlert[] {
    return statusAlerts(this.state);
  }

  /** The alert status series for `/metrics` and OTLP export. */
  metrics(): ResourceMetricsData[] {
    return [...alertStatusMetrics(this.state), ...sloMetrics(this.sloStatus())];
  }

  /** The alert memory, for a checkpoint. */
  serialize(): SerializedAlertState {
    return serializeAlertState(this.state);
  }

  /** Restores the alert memory from a checkpoint; throws when it cannot be used. */
  restore(data: unknown): void {
    this.state = restoreAlertState(data);
  }
}
