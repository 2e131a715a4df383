/**
 * The resolved configuration of `mlmon serve`: what the flags, the YAML `--config` file and the
 * standard `OTEL_EXPORTER_OTLP_*` variables add up to once validated. Option names carry their
 * units (`windowSeconds`), as in opentelemetry-js.
 */

import type { PriceTable } from '../evaluate/cost.js';
import type { ModelDriftSettings } from '../evaluate/drift/model-drift-settings.js';
import type { AlertRule } from '../alerts/alert-rule.js';
import type { SloDefinition } from '../evaluate/slo/slo-definition.js';
import type { ModelFairnessSettings } from '../state/fairness-settings.js';
import type { ModelRankingSettings } from '../state/ranking-settings.js';
import type { EvaluatorRule } from '../evaluate/evaluator-rules.js';
import type { ModelVersionSettings } from '../evaluate/version-settings.js';
import type { CaptureSettings } from '../capture/capture-settings.js';

/** The season of `--reference seasonal` without `season-seconds`: one week. */
export const DEFAULT_SEASON_SECONDS = 7 * 86400;

/** How a stream's reference is chosen. */
export type ReferenceMode = 'first-window' | 'previous-window' | 'seasonal' | 'rolling' | 'profile';

/** A model (and optionally version) whose reference is a profile file from `mlmon baseline`. */
export interface ReferenceProfileMapping {
  /** `ml.model.name` to match. */
  model: string;
  /** `ml.model.version` to match; any version when absent. */
  version?: string;
  /** Path of the profile JSON file. */
  profile: string;
}

/** The OTLP wire protocol used to export metrics (names of the `OTEL_EXPORTER_OTLP_PROTOCOL` spec). */
export type OtlpExportProtocol = 'http/protobuf' | 'http/json' | 'grpc';

/** Aggregation temporality of exported counters and histograms. */
export type ExportTemporality = 'cumulative' | 'delta';

/** OTLP metrics export settings; absent when no endpoint is configured. */
export interface OtlpExportConfig {
  /** Full URL metrics are sent to (for HTTP: ends in `/v1/metrics`). */
  metricsUrl: string;
  /** Wire protocol. @default 'http/protobuf' */
  protocol: OtlpExportProtocol;
  /** Extra request headers (e.g. an authorization header). */
  headers: Record<string, string>;
  /** Temporality of counters and histograms (up-down counters and gauges are unaffected). @default 'cumulative' */
  temporality: ExportTemporality;
  /** Time between periodic exports; closing windows also triggers an export. @default 60 */
  intervalSeconds: number;
  /** Per-request timeout. @default 10 */
  timeoutSeconds: number;
}

/** Alertmanagers alerts are posted to (`POST /api/v2/alerts`); absent when none is configured. */
export interface AlertmanagerConfig {
  /** `alertmanager-url`: base URLs (every Alertmanager of an HA cluster gets every alert). */
  urls: string[];
  /** `alertmanager-resend-seconds`: time between re-sends of the firing alerts. @default 60 */
  resendSeconds: number;
  /** `alertmanager-timeout-seconds`: per-request timeout. @default 10 */
  timeoutSeconds: number;
}

/**
 * Overload bounds of the ingest path (see `processor/src/admission`). Each field is its flag /
 * YAML key in camelCase (units in bytes where the flag says MiB), and admission control uses
 * the same names.
 */
export interface ServeLimits {
  /** `max-inflight-requests`: requests admitted and not yet answered. @default 256 */
  maxInflightRequests: number;
  /** `max-inflight-bytes`: declared body bytes of those requests. @default 64 MiB */
  maxInflightBytes: number;
  /** `memory-soft-limit-mib`: V8 heap in use above which requests get 503; 0 disables. @default 0 */
  memorySoftLimitBytes: number;
}

/** Caps of the maps keyed by incoming data (overflow beyond them is counted). */
export interface ServeCaps {
  /** Slice streams over all models. @default 2000 */
  maxStreams: number;
  /** Features kept per model version. @default 256 */
  maxFeaturesPerStream: number;
  /** Categories kept per categorical feature. @default 1000 */
  maxCategoriesPerFeature: number;
  /** Predictions waiting for their label. @default 1,000,000 */
  maxPendingPredictions: number;
  /** Labels waiting for their prediction. @default 100,000 */
  maxPendingLabels: number;
}

/** The validated `mlmon serve` configuration. */
export interface ServeConfig {
  /** Interface every listener binds to. @default '0.0.0.0' */
  host: string;
  /** OTLP/HTTP receiver port (0 picks an ephemeral port). @default 4318 */
  otlpHttpPort: number;
  /** OTLP/gRPC receiver port; `null` disables the gRPC receiver (flag value 0). @default 4317 */
  otlpGrpcPort: number | null;
  /** Admin port serving `/metrics` (0 picks an ephemeral port). @default 9464 */
  prometheusPort: number;
  /** Tumbling window length. @default 300 */
  windowSeconds: number;
  /** How long after a window's end records are still admitted. @default 60 */
  allowedLatenessSeconds: number;
  /** Default reference mode. @default 'first-window' */
  reference: ReferenceMode;
  /**
   * `season-seconds`: under `seasonal`, each window is compared with the window this long
   * before it (a multiple of the window length). @default 604800 (one week)
   */
  seasonSeconds?: number;
  /**
   * `rolling-windows`: under `rolling`, each window is compared with the union of the stream's
   * last this many windows. @default 6
   */
  rollingWindows?: number;
  /** Profile used for every model when `reference` is `profile` (the `--reference FILE` form). */
  referenceProfile?: string;
  /** Per-model profiles (config file only); they win over `reference`. */
  referenceProfiles: ReferenceProfileMapping[];
  /** Directory for state. @default './.mlmon' */
  dataDir: string;
  /** Results kept per stream for the status API. @default 24 */
  historyWindows: number;
  /**
   * `idle-stream-ttl-seconds`: a stream without data this long after its last window is dropped
   * (results, reference, series). Absent: the state's default, the 7-day prediction TTL plus
   * three windows.
   */
  idleStreamTtlSeconds?: number;
  /**
   * `max-future-skew-seconds`: how far a record's timestamp may be ahead of its receive time
   * (clients' clocks run fast); beyond it the record is rejected as `timestamp_in_future`.
   * @default 600
   */
  maxFutureSkewSeconds?: number;
  /** OTLP metrics export; absent when no endpoint is set. */
  export?: OtlpExportConfig;
  /** Unique id of this processor instance (`mlmon.processor.id`); generated when absent. */
  processorId?: string;
  /**
   * `external-url`: the URL users reach this processor's admin port by (behind a proxy or load
   * balancer), for links sent out with alerts (the built-in runbooks). Absent:
   * `http(s)://<hostname>:<admin port>`.
   */
  externalUrl?: string;
  /**
   * `trace-url-template`: a trace in the user's trace backend (Jaeger, Grafana Explore/Tempo),
   * with `{traceId}` and optionally `{spanId}`; the dashboard links example traces with it.
   */
  traceUrlTemplate?: string;
  /** `exemplars`: keep example requests per window (off: `exemplars: false`). @default true */
  exemplars?: boolean;
  /** Bearer token every listener requires (`--auth-token` or `MLMON_AUTH_TOKEN`); none when absent. */
  authToken?: string;
  /** PEM certificate and key files: every listener serves TLS. */
  tls?: { certPath: string; keyPath: string };
  /** Overload bounds; defaults when absent. */
  limits?: ServeLimits;
  /** State caps; the state's defaults when absent. */
  caps?: Partial<ServeCaps>;
  /** Alert rules (config file `alerts`); the default rules when absent. */
  alerts?: AlertRule[];
  /** Alertmanagers the alerts are posted to; none when absent. */
  alertmanager?: AlertmanagerConfig;
  /** SLOs with their burn-rate alerts (config file `slos`); none when absent. */
  slos?: SloDefinition[];
  /**
   * Per-model drift method rules and α (config file `models[].drift`), as `mlmon drift`'s
   * `--method`/`--rule`/`--alpha`; the default methods and α when absent.
   */
  modelDrift?: ModelDriftSettings[];
  /** Prices per model (config file `prices`): the results' cost; no cost when absent. */
  prices?: PriceTable;
  /** Per-model fairness settings (config file `models[].fairness`); none when absent. */
  modelFairness?: ModelFairnessSettings[];
  /** Per-model ranking cut-off k (config file `models[].ranking.k`); k = 10 when absent. */
  modelRanking?: ModelRankingSettings[];
  /** Evaluators' pass rules (config file `evaluators`); the default pass/fail words when absent. */
  evaluators?: EvaluatorRule[];
  /** Per-model version comparison settings (config file `models[].versions`); none when absent. */
  modelVersions?: ModelVersionSettings[];
  /** The capture store under the data directory (config file `capture`); off when absent. */
  capture?: CaptureSettings;
}

/** Defaults applied under everything else. */
export const DEFAULT_SERVE_CONFIG: Readonly<
  Omit<ServeConfig, 'export' | 'referenceProfile' | 'processorId'>
> = Object.freeze({
  host: '0.0.0.0',
  otlpHttpPort: 4318,
  otlpGrpcPort: 4317,
  prometheusPort: 9464,
  windowSeconds: 300,
  allowedLatenessSeconds: 60,
  reference: 'first-window',
  referenceProfiles: [],
  dataDir: './.mlmon',
  historyWindows: 24,
});
