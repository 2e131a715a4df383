/**
 * Builds the parts of a service from its resolved configuration, as a collector builds its
 * components from YAML: the core pipeline (state options from the caps and reference settings),
 * admission control, the metric outputs, the alerts, the evaluation options and the result
 * store. No sockets and no files beyond the reference profiles (read once, here).
 */
import { getHeapStatistics } from 'node:v8';
import {
  AdmissionController,
  DEFAULT_ADMISSION_LIMITS,
} from '../admission/admission-controller.js';
import { DEFAULT_ALERT_RULES } from '../alerts/alert-rule.js';
import { createAlertmanagerClient } from '../alerts/alertmanager-client.js';
import { createOtlpAlertExporter } from '../alerts/otlp-alert-exporter.js';
import type { ServeConfig } from '../config/serve-config.js';
import type { EvaluateOptions } from '../evaluate/evaluate-window.js';
import { ReferenceCache } from '../evaluate/reference-cache.js';
import { createOtlpMetricsExporter } from '../export/otlp-metrics-exporter.js';
import type { StateConfig } from '../state/state-config.js';
import { latencyThresholds } from '../evaluate/slo/slo-definition.js';
import { createCorePipeline } from './core-pipeline.js';
import { loadProfiles } from './load-profiles.js';
import type { Logger } from './logger.js';
import { MetricsOutput } from './metrics-output.js';
import type { Pipeline } from './pipeline.js';
import { ResultStore } from './result-store.js';
import type { SelfTelemetry } from './self-telemetry.js';
import { AlertmanagerSender } from './alertmanager-sender.js';
import { ServiceAlerts } from './service-alerts.js';
import { MLMON_SIGNAL_VALUE_LOGS, MLMON_SIGNAL_VALUE_METRICS } from '@mlmon/conventions';
import type { ExportQueueBounds } from '../export/export-queue.js';
import type { BackoffPolicy } from '../retry/backoff.js';
import { exportQueueEvents } from './export-queue-events.js';
import { VersionComparer } from './version-comparer.js';
import { CaptureStore } from '../capture/capture-store.js';

/** What the parts are built from. */
export interface ServicePartsOptions {
  readonly config: ServeConfig;
  /** An injected core; the real one over a fresh state when absent. */
  readonly pipeline?: Pipeline;
  /** Evaluation options (alpha, reference building); the reference cache is added here. */
  readonly evaluate?: Omit<EvaluateOptions, 'cache'>;
  readonly telemetry: SelfTelemetry;
  readonly logger: Logger;
  /** Start of the service: the start of every cumulative sum. */
  readonly startUnixMillis: number;
  /** `mlmon.processor.id`, read at each export (it is known once the admin port is bound). */
  readonly processorId: () => string;
  /** Base URL of the admin port as users reach it (links in alerts). */
  readonly externalUrl: () => string;
  readonly now: () => number;
  /** Retry queues of the OTLP exporters (tests shorten the backoff). */
  readonly exportRetry?: ExportRetryOptions;
}

/** The parts the orchestrator drives. */
export interface ServiceParts {
  readonly pipeline: Pipeline;
  readonly admission: AdmissionController;
  readonly metrics: MetricsOutput;
  readonly alerts: ServiceAlerts;
  readonly results: ResultStore;
  readonly evaluateOptions: EvaluateOptions;
  /** Version comparison of each pass's results (`models[].versions`). */
  readonly versions: VersionComparer;
  /** The capture store (config `capture`); absent when not configured. */
  readonly capture?: CaptureStore;
}

/** Builds every part; throws when a reference profile cannot be read. */
export function createServiceParts(options: ServicePartsOptions): ServiceParts {
  const { config, telemetry, logger } = options;
  const capture =
    config.capture !== undefined
      ? new CaptureStore(config.dataDir, config.capture, options.now)
      : undefined;
  if (capture !== undefined) telemetry.watchCapture(capture.counts);
  const pipeline = withCapture(
    options.pipeline ?? createCorePipeline(stateOptionsFrom(config)),
    capture,
  );
  const admission = admissionFrom(config);
  const alertExporter = config.export
    ? createOtlpAlertExporter(config.export, {
        ...exportQueueSettings(options),
        events: exportQueueEvents(MLMON_SIGNAL_VALUE_LOGS, 'OTLP alert export', telemetry, logger),
        ...(options.exportRetry?.alertsBounds ? { bounds: options.exportRetry.alertsBounds } : {}),
      })
    : undefined;
  if (alertExporter) {
    telemetry.exportQueues.watch(MLMON_SIGNAL_VALUE_LOGS, () => alertExporter.queued);
  }
  const alerts = new ServiceAlerts(
    config.alerts ?? DEFAULT_ALERT_RULES,
    config.slos ?? [],
    alertExporter,
    logger,
    options.externalUrl,
    config.alertmanager &&
      new AlertmanagerSender({
        clients: config.alertmanager.urls.map((url) =>
          createAlertmanagerClient(url, config.alertmanager!.timeoutSeconds * 1000),
        ),
        resendMillis: config.alertmanager.resendSeconds * 1000,
        telemetry,
        logger,
        now: options.now,
      }),
  );
  const results = new ResultStore(config.historyWindows, options.startUnixMillis);
  const metrics = new MetricsOutput(
    {
      results,
      alerts,
      pipeline,
      telemetry,
      logger,
      startUnixMillis: options.startUnixMillis,
      queueDepth: () => admission.stats().inFlightRequests,
      processorId: options.processorId,
      now: options.now,
    },
    config.export
      ? {
          exporter: createOtlpMetricsExporter(config.export, {
            ...exportQueueSettings(options),
            events: exportQueueEvents(
              MLMON_SIGNAL_VALUE_METRICS,
              'OTLP metrics export',
              telemetry,
              logger,
            ),
            ...(options.exportRetry?.metricsBounds
              ? { bounds: options.exportRetry.metricsBounds }
              : {}),
          }),
          temporality: config.export.temporality,
        }
      : undefined,
  );
  if (metrics.exporting) {
    telemetry.exportQueues.watch(MLMON_SIGNAL_VALUE_METRICS, () => metrics.queued);
  }
  // One cache per service, so fixed references are built once, not per window.
  const evaluateOptions = {
    ...options.evaluate,
    ...(config.modelDrift !== undefined ? { driftByModel: config.modelDrift } : {}),
    ...(config.prices !== undefined ? { prices: config.prices } : {}),
    ...(config.evaluators !== undefined ? { evaluators: config.evaluators } : {}),
    cache: new ReferenceCache(),
  };
  const versions = new VersionComparer(config.modelVersions ?? [], evaluateOptions);
  return {
    pipeline,
    admission,
    metrics,
    alerts,
    results,
    evaluateOptions,
    versions,
    ...(capture !== undefined ? { capture } : {}),
  };
}

/** Retry queues of the OTLP exporters. */
export interface ExportRetryOptions {
  /** @default DEFAULT_EXPORT_BACKOFF */
  readonly backoff?: BackoffPolicy;
  /** @default METRICS_QUEUE_BOUNDS */
  readonly metricsBounds?: ExportQueueBounds;
  /** @default ALERTS_QUEUE_BOUNDS */
  readonly alertsBounds?: ExportQueueBounds;
}

function exportQueueSettings(options: ServicePartsOptions): { backoff?: BackoffPolicy } {
  return options.exportRetry?.backoff ? { backoff: options.exportRetry.backoff } : {};
}

/** The state options of the configuration: windows, reference, profiles and caps. */
export function stateOptionsFrom(config: ServeConfig): Partial<StateConfig> {
  // maxFeaturesPerStream, maxPendingPredictions and maxPendingLabels keep one name from flag to
  // state; the state validates (and names in its errors) its slice-stream and category caps as
  // maxSliceStreams and maxCategories.
  const { maxStreams, maxCategoriesPerFeature, ...sameNames } = config.caps ?? {};
  const resolveProfile = loadProfiles(config);
  return {
    windowSeconds: config.windowSeconds,
    allowedLatenessSeconds: config.allowedLatenessSeconds,
    reference: config.reference,
    ...defined(
      'seasonWindows',
      config.seasonSeconds && config.seasonSeconds / config.windowSeconds,
    ),
    ...defined('rollingWindows', config.rollingWindows),
    ...(resolveProfile !== undefined ? { resolveProfile } : {}),
    ...sameNames,
    ...defined('idleStreamTtlSeconds', config.idleStreamTtlSeconds),
    ...defined('maxFutureSkewSeconds', config.maxFutureSkewSeconds),
    ...defined('maxSliceStreams', maxStreams),
    ...defined('maxCategories', maxCategoriesPerFeature),
    ...(config.exemplars !== undefined ? { exemplars: config.exemplars } : {}),
    ...(config.modelFairness !== undefined ? { fairness: config.modelFairness } : {}),
    ...(config.modelRanking !== undefined ? { ranking: config.modelRanking } : {}),
    // Latency SLO thresholds become bucket bounds: their "share at or below T" is then exact.
    ...(config.slos?.length ? { latencyBoundsSeconds: latencyThresholds(config.slos) } : {}),
  };
}

/** Admission control under the configured limits (same names from flag to controller). */
function admissionFrom(config: ServeConfig): AdmissionController {
  return new AdmissionController(
    { ...DEFAULT_ADMISSION_LIMITS, ...config.limits },
    () => getHeapStatistics().used_heap_size,
  );
}

function defined<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}

/**
 * The pipeline whose ingest also hands each request to the capture store (live requests and
 * those replayed from the write-ahead log alike).
 */
function withCapture(pipeline: Pipeline, capture: CaptureStore | undefined): Pipeline {
  if (capture === undefined) return pipeline;
  const ingest = pipeline.ingest.bind(pipeline);
  return Object.assign(Object.create(pipeline) as Pipeline, {
    ingest: (request: Parameters<Pipeline['ingest']>[0], nowMs: number) => {
      const outcome = ingest(request, nowMs);
      capture.offer(request, nowMs);
      return outcome;
    },
  });
}
