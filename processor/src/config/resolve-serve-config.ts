/**
 * Pure resolution of the `mlmon serve` configuration from its three sources. Precedence, per key:
 * command-line flag > YAML config file > standard `OTEL_EXPORTER_OTLP_*` variable > default.
 * Validation collects every problem (the changesets habit) so a user fixes them in one go.
 */
import type { PriceTable } from '../evaluate/cost.js';
import { parsePrices } from './parse-prices.js';
import { parseEvaluators } from './parse-evaluators.js';
import type { EvaluatorRule } from '../evaluate/evaluator-rules.js';
import type { ModelDriftSettings } from '../evaluate/drift/model-drift-settings.js';
import { parseModelDrift } from './parse-model-drift.js';
import { parseModelFairness } from './parse-model-fairness.js';
import { parseModelRanking } from './parse-model-ranking.js';
import type { ModelRankingSettings } from '../state/ranking-settings.js';
import { parseModelVersions } from './parse-model-versions.js';
import { parseCapture } from './parse-capture.js';
import type { CaptureSettings } from '../capture/capture-settings.js';
import type { ModelVersionSettings } from '../evaluate/version-settings.js';
import type { ModelFairnessSettings } from '../state/fairness-settings.js';
import type { ConfigIssue, ConfigSource } from './config-issue.js';
import { appendSignalPath, isUrl, parseHeaders, show } from './config-values.js';
import type { AlertRule } from '../alerts/alert-rule.js';
import { parseAlertRules } from '../alerts/alert-rule.js';
import type { SloDefinition } from '../evaluate/slo/slo-definition.js';
import { parseSlos } from './parse-slos.js';
import { resolveAlertmanager } from './resolve-alertmanager.js';
import { readOtlpEnv } from './otlp-env.js';
import type {
  ExportTemporality,
  OtlpExportProtocol,
  ReferenceMode,
  ReferenceProfileMapping,
  ServeConfig,
} from './serve-config.js';
import { DEFAULT_SEASON_SECONDS, DEFAULT_SERVE_CONFIG } from './serve-config.js';
import { MAX_ROLLING_WINDOWS, MAX_SEASON_WINDOWS } from '../state/state-config.js';

/** Raw inputs: flag values as parsed by the CLI (kebab-case keys), the parsed YAML, the environment. */
export interface ServeConfigSources {
  /** Flag values keyed by the long flag name without dashes (`window-seconds`); unset flags absent. */
  flags: Readonly<Record<string, unknown>>;
  /** The parsed YAML document, or undefined when no `--config` was given. */
  file?: unknown;
  /** Process environment (only `OTEL_EXPORTER_OTLP_*` is read). */
  env: Readonly<Record<string, string | undefined>>;
}

/** Either the resolved config or every issue found. */
export type ResolveServeConfigResult =
  { ok: true; config: ServeConfig } | { ok: false; issues: ConfigIssue[] };

/** Every key the config file may hold (flags use the same names). */
export const SERVE_CONFIG_KEYS = [
  'host',
  'otlp-http-port',
  'otlp-grpc-port',
  'prometheus-port',
  'window-seconds',
  'allowed-lateness-seconds',
  'max-future-skew-seconds',
  'reference',
  'season-seconds',
  'rolling-windows',
  'references',
  'data-dir',
  'history-windows',
  'idle-stream-ttl-seconds',
  'export-otlp-endpoint',
  'export-otlp-protocol',
  'export-otlp-headers',
  'export-temporality',
  'export-interval-seconds',
  'export-timeout-seconds',
  'processor-id',
  'external-url',
  'trace-url-template',
  'exemplars',
  'auth-token',
  'tls-cert',
  'tls-key',
  'max-inflight-requests',
  'max-inflight-bytes',
  'memory-soft-limit-mib',
  'max-streams',
  'max-features-per-stream',
  'max-categories-per-feature',
  'max-pending-predictions',
  'max-pending-labels',
  'alerts',
  'alertmanager-url',
  'alertmanager-resend-seconds',
  'alertmanager-timeout-seconds',
  'slos',
  'models',
  'prices',
  'evaluators',
  'capture',
] as const;

type Key = (typeof SERVE_CONFIG_KEYS)[number];

const PROTOCOLS: readonly OtlpExportProtocol[] = ['http/protobuf', 'http/json', 'grpc'];
const TEMPORALITIES: readonly ExportTemporality[] = ['cumulative', 'delta'];

/** Resolves and validates the configuration; never throws. */
export function resolveServeConfig(sources: ServeConfigSources): ResolveServeConfigResult {
  const issues: ConfigIssue[] = [];
  const file = readFileObject(sources.file, issues);

  /** The winning raw value of a key and where it came from. */
  const pick = (key: Key): { value: unknown; source: ConfigSource } | undefined => {
    if (sources.flags[key] !== undefined) return { value: sources.flags[key], source: 'flag' };
    if (file[key] !== undefined) return { value: file[key], source: 'file' };
    return undefined;
  };
  const fail = (key: string, source: ConfigSource, message: string): undefined => {
    issues.push({ key, source, message });
    return undefined;
  };

  const integer = (key: Key, min: number, max: number, fallback: number): number => {
    const raw = pick(key);
    if (!raw) return fallback;
    const n = toNumber(raw.value);
    if (n === undefined || !Number.isInteger(n) || n < min || n > max) {
      fail(key, raw.source, `must be an integer from ${min} to ${max}, got ${show(raw.value)}`);
      return fallback;
    }
    return n;
  };
  const text = (key: Key): { value: string; source: ConfigSource } | undefined => {
    const raw = pick(key);
    if (!raw) return undefined;
    if (typeof raw.value !== 'string' || raw.value.trim() === '') {
      return fail(key, raw.source, `must be a non-empty string, got ${show(raw.value)}`);
    }
    return { value: raw.value.trim(), source: raw.source };
  };

  const d = DEFAULT_SERVE_CONFIG;
  const host = text('host')?.value ?? d.host;
  const otlpHttpPort = integer('otlp-http-port', 0, 65535, d.otlpHttpPort);
  const grpc = integer('otlp-grpc-port', 0, 65535, d.otlpGrpcPort ?? 0);
  const prometheusPort = integer('prometheus-port', 0, 65535, d.prometheusPort);
  const windowSeconds = integer('window-seconds', 1, 31 * 86400, d.windowSeconds);
  const allowedLatenessSeconds = integer(
    'allowed-lateness-seconds',
    0,
    7 * 86400,
    d.allowedLatenessSeconds,
  );
  const historyWindows = integer('history-windows', 1, 10_000, d.historyWindows);
  const maxFutureSkewSeconds =
    pick('max-future-skew-seconds') !== undefined
      ? integer('max-future-skew-seconds', 0, 7 * 86400, 0)
      : undefined;
  let idleStreamTtlSeconds: number | undefined;
  const idleRaw = pick('idle-stream-ttl-seconds');
  if (idleRaw !== undefined) {
    idleStreamTtlSeconds = integer('idle-stream-ttl-seconds', 1, 366 * 86400, 0);
    if (idleStreamTtlSeconds > 0 && idleStreamTtlSeconds < windowSeconds) {
      fail(
        'idle-stream-ttl-seconds',
        idleRaw.source,
        `must be at least window-seconds (${windowSeconds}): a stream would age out between two of its windows, got ${idleStreamTtlSeconds}`,
      );
    }
  }
  const dataDir = text('data-dir')?.value ?? d.dataDir;
  const processorId = text('processor-id')?.value;
  const traceTemplate = text('trace-url-template');
  if (traceTemplate && !isTraceUrlTemplate(traceTemplate.value)) {
    fail(
      'trace-url-template',
      traceTemplate.source,
      `must be an http(s) URL containing {traceId}, e.g. http://jaeger:16686/trace/{traceId}, got ${show(traceTemplate.value)}`,
    );
  }
  let exemplars: boolean | undefined;
  const exemplarsRaw = pick('exemplars');
  if (exemplarsRaw !== undefined) {
    const v = exemplarsRaw.value;
    if (v === true || v === 'true' || v === 'on') exemplars = true;
    else if (v === false || v === 'false' || v === 'off') exemplars = false;
    else
      fail('exemplars', exemplarsRaw.source, `must be on or off (true or false), got ${show(v)}`);
  }
  const external = text('external-url');
  if (external && !isUrl(external.value)) {
    fail('external-url', external.source, `must be an http(s) URL, got ${show(external.value)}`);
  }

  let reference: ReferenceMode = d.reference;
  let referenceProfile: string | undefined;
  const ref = text('reference');
  if (ref) {
    if (
      ref.value === 'first-window' ||
      ref.value === 'previous-window' ||
      ref.value === 'seasonal' ||
      ref.value === 'rolling'
    ) {
      reference = ref.value;
    } else if (ref.value.toLowerCase().endsWith('.json')) {
      reference = 'profile';
      referenceProfile = ref.value;
    } else {
      fail(
        'reference',
        ref.source,
        `must be first-window, previous-window, seasonal, rolling or a profile file ending in .json, got ${show(ref.value)}`,
      );
    }
  }
  let seasonSeconds: number | undefined;
  const seasonRaw = pick('season-seconds');
  if (seasonRaw !== undefined && reference !== 'seasonal') {
    fail(
      'season-seconds',
      seasonRaw.source,
      `applies only with reference seasonal, got reference ${show(reference)}`,
    );
  } else if (reference === 'seasonal') {
    const season =
      seasonRaw === undefined
        ? DEFAULT_SEASON_SECONDS
        : integer('season-seconds', 1, 366 * 86400, 0);
    const windows = season / windowSeconds;
    if (!Number.isInteger(windows) || windows < 2 || windows > MAX_SEASON_WINDOWS) {
      fail(
        seasonRaw === undefined ? 'reference' : 'season-seconds',
        (seasonRaw ?? ref)!.source,
        `season-seconds (${season}${seasonRaw === undefined ? ', the default: one week' : ''}) must be 2 to ${MAX_SEASON_WINDOWS} times window-seconds (${windowSeconds}): every stream keeps a season of windows`,
      );
    }
    seasonSeconds = season;
  }
  let rollingWindows: number | undefined;
  const rollingRaw = pick('rolling-windows');
  if (rollingRaw !== undefined && reference !== 'rolling') {
    fail(
      'rolling-windows',
      rollingRaw.source,
      `applies only with reference rolling, got reference ${show(reference)}`,
    );
  } else if (rollingRaw !== undefined) {
    rollingWindows = integer('rolling-windows', 1, MAX_ROLLING_WINDOWS, 0);
  }
  const referenceProfiles = readReferenceMappings(pick('references'), issues);

  // Ports: two listeners on one fixed port cannot both bind.
  const fixedPorts: [Key, number][] = (
    [
      ['otlp-http-port', otlpHttpPort],
      ['otlp-grpc-port', grpc],
      ['prometheus-port', prometheusPort],
    ] as [Key, number][]
  ).filter(([, port]) => port !== 0);
  for (let i = 0; i < fixedPorts.length; i++) {
    for (let j = i + 1; j < fixedPorts.length; j++) {
      const [keyA, portA] = fixedPorts[i]!;
      const [keyB, portB] = fixedPorts[j]!;
      if (portA === portB) {
        fail(keyB, pick(keyB)?.source ?? 'flag', `port ${portB} is already used by ${keyA}`);
      }
    }
  }

  const exportConfig = resolveExport(pick, fail, sources.env, issues);

  // Security: the token may come from the environment so it stays out of process listings.
  const tokenRaw = text('auth-token');
  const authToken = tokenRaw?.value ?? nonEmpty(sources.env['MLMON_AUTH_TOKEN']);
  const certPath = text('tls-cert');
  const keyPath = text('tls-key');
  if ((certPath === undefined) !== (keyPath === undefined)) {
    const [missing, given] =
      certPath === undefined ? ['tls-cert', keyPath!] : ['tls-key', certPath];
    fail(
      missing,
      given.source,
      'must be set together with ' + (missing === 'tls-cert' ? 'tls-key' : 'tls-cert'),
    );
  }
  const limits = {
    maxInflightRequests: integer('max-inflight-requests', 1, 1_000_000, 256),
    maxInflightBytes: integer('max-inflight-bytes', 1024, 2 ** 40, 64 * 1024 * 1024),
    memorySoftLimitBytes: integer('memory-soft-limit-mib', 0, 1024 * 1024, 0) * 1024 * 1024,
  };
  const caps: Record<string, number> = {};
  for (const [key, field] of [
    ['max-streams', 'maxStreams'],
    ['max-features-per-stream', 'maxFeaturesPerStream'],
    ['max-categories-per-feature', 'maxCategoriesPerFeature'],
    ['max-pending-predictions', 'maxPendingPredictions'],
    ['max-pending-labels', 'maxPendingLabels'],
  ] as const) {
    if (pick(key) !== undefined) caps[field] = integer(key, 1, 100_000_000, 1);
  }
  // The list parsers report `path: message`; each becomes an issue under its path.
  const failEach = (problems: readonly string[], source: ConfigSource): void => {
    for (const problem of problems) {
      const colon = problem.indexOf(': ');
      fail(problem.slice(0, colon), source, problem.slice(colon + 2));
    }
  };
  let alerts: AlertRule[] | undefined;
  const alertsRaw = pick('alerts');
  if (alertsRaw) {
    const parsed = parseAlertRules(alertsRaw.value);
    failEach(parsed.problems, alertsRaw.source);
    alerts = parsed.rules;
  }
  const alertmanager = resolveAlertmanager(
    {
      url: pick('alertmanager-url'),
      resendSeconds: pick('alertmanager-resend-seconds'),
      timeoutSeconds: pick('alertmanager-timeout-seconds'),
    },
    fail,
  );
  let slos: SloDefinition[] | undefined;
  const slosRaw = pick('slos');
  if (slosRaw) {
    const parsed = parseSlos(slosRaw.value, windowSeconds);
    failEach(parsed.problems, slosRaw.source);
    slos = parsed.slos;
  }

  let modelDrift: ModelDriftSettings[] | undefined;
  let modelFairness: ModelFairnessSettings[] | undefined;
  let modelRanking: ModelRankingSettings[] | undefined;
  let modelVersions: ModelVersionSettings[] | undefined;
  const modelsRaw = pick('models');
  if (modelsRaw) {
    const parsed = parseModelDrift(modelsRaw.value);
    failEach(parsed.problems, modelsRaw.source);
    modelDrift = parsed.models;
    const fairness = parseModelFairness(modelsRaw.value);
    failEach(fairness.problems, modelsRaw.source);
    if (fairness.models.length > 0) modelFairness = fairness.models;
    const ranking = parseModelRanking(modelsRaw.value);
    failEach(ranking.problems, modelsRaw.source);
    if (ranking.models.length > 0) modelRanking = ranking.models;
    const versions = parseModelVersions(modelsRaw.value);
    failEach(versions.problems, modelsRaw.source);
    if (versions.models.length > 0) modelVersions = versions.models;
  }

  let prices: PriceTable | undefined;
  const pricesRaw = pick('prices');
  if (pricesRaw) {
    const parsed = parsePrices(pricesRaw.value);
    failEach(parsed.problems, pricesRaw.source);
    prices = parsed.prices;
  }

  let evaluators: EvaluatorRule[] | undefined;
  const evaluatorsRaw = pick('evaluators');
  if (evaluatorsRaw) {
    const parsed = parseEvaluators(evaluatorsRaw.value);
    failEach(parsed.problems, evaluatorsRaw.source);
    evaluators = parsed.evaluators;
  }

  let capture: CaptureSettings | undefined;
  const captureRaw = pick('capture');
  if (captureRaw) {
    const parsed = parseCapture(captureRaw.value);
    failEach(parsed.problems, captureRaw.source);
    capture = parsed.capture;
  }

  if (issues.length > 0) return { ok: false, issues };
  const config: ServeConfig = {
    host,
    otlpHttpPort,
    otlpGrpcPort: grpc === 0 ? null : grpc,
    prometheusPort,
    windowSeconds,
    allowedLatenessSeconds,
    reference,
    referenceProfiles,
    dataDir,
    historyWindows,
  };
  if (referenceProfile !== undefined) config.referenceProfile = referenceProfile;
  if (processorId !== undefined) config.processorId = processorId;
  if (traceTemplate && isTraceUrlTemplate(traceTemplate.value))
    config.traceUrlTemplate = traceTemplate.value;
  if (exemplars !== undefined) config.exemplars = exemplars;
  if (external && isUrl(external.value)) config.externalUrl = external.value.replace(/\/+$/, '');
  if (idleStreamTtlSeconds !== undefined) config.idleStreamTtlSeconds = idleStreamTtlSeconds;
  if (maxFutureSkewSeconds !== undefined) config.maxFutureSkewSeconds = maxFutureSkewSeconds;
  if (seasonSeconds !== undefined) config.seasonSeconds = seasonSeconds;
  if (rollingWindows !== undefined) config.rollingWindows = rollingWindows;
  if (modelDrift !== undefined) config.modelDrift = modelDrift;
  if (prices !== undefined) config.prices = prices;
  if (evaluators !== undefined) config.evaluators = evaluators;
  if (modelFairness !== undefined) config.modelFairness = modelFairness;
  if (modelRanking !== undefined) config.modelRanking = modelRanking;
  if (modelVersions !== undefined) config.modelVersions = modelVersions;
  if (capture !== undefined) config.capture = capture;
  if (exportConfig) config.export = exportConfig;
  if (authToken !== undefined) config.authToken = authToken;
  if (certPath && keyPath) config.tls = { certPath: certPath.value, keyPath: keyPath.value };
  // Defaults live in the service; only explicit limits appear in the resolved config.
  const limitKeys: Key[] = ['max-inflight-requests', 'max-inflight-bytes', 'memory-soft-limit-mib'];
  if (limitKeys.some((key) => pick(key) !== undefined)) config.limits = limits;
  if (Object.keys(caps).length > 0) config.caps = caps;
  if (alerts !== undefined) config.alerts = alerts;
  if (alertmanager !== undefined) config.alertmanager = alertmanager;
  if (slos !== undefined) config.slos = slos;
  return { ok: true, config };
}

function resolveExport(
  pick: (key: Key) => { value: unknown; source: ConfigSource } | undefined,
  fail: (key: string, source: ConfigSource, message: string) => undefined,
  envVars: Readonly<Record<string, string | undefined>>,
  issues: ConfigIssue[],
): ServeConfig['export'] {
  const env = readOtlpEnv(envVars, issues);

  const protocolRaw = pick('export-otlp-protocol');
  let protocol: OtlpExportProtocol = env.protocol ?? 'http/protobuf';
  if (protocolRaw) {
    if (PROTOCOLS.includes(protocolRaw.value as OtlpExportProtocol)) {
      protocol = protocolRaw.value as OtlpExportProtocol;
    } else {
      fail(
        'export-otlp-protocol',
        protocolRaw.source,
        `must be one of ${PROTOCOLS.join(', ')}, got ${show(protocolRaw.value)}`,
      );
    }
  }

  const temporalityRaw = pick('export-temporality');
  let temporality: ExportTemporality = env.temporality ?? 'cumulative';
  if (temporalityRaw) {
    if (TEMPORALITIES.includes(temporalityRaw.value as ExportTemporality)) {
      temporality = temporalityRaw.value as ExportTemporality;
    } else {
      fail(
        'export-temporality',
        temporalityRaw.source,
        `must be cumulative or delta, got ${show(temporalityRaw.value)}`,
      );
    }
  }

  const seconds = (key: Key, fallback: number): number => {
    const raw = pick(key);
    if (!raw) return fallback;
    const n = toNumber(raw.value);
    if (n === undefined || !(n > 0) || n > 86400) {
      fail(
        key,
        raw.source,
        `must be a number of seconds above 0 (at most 86400), got ${show(raw.value)}`,
      );
      return fallback;
    }
    return n;
  };
  const intervalSeconds = seconds('export-interval-seconds', 60);
  const timeoutSeconds = seconds('export-timeout-seconds', env.timeoutSeconds ?? 10);

  const headers: Record<string, string> = { ...env.headers };
  const headersRaw = pick('export-otlp-headers');
  if (headersRaw) {
    const parsed = parseHeaders(headersRaw.value);
    if (typeof parsed === 'string') fail('export-otlp-headers', headersRaw.source, parsed);
    else Object.assign(headers, parsed);
  }

  let metricsUrl: string | undefined;
  const endpointRaw = pick('export-otlp-endpoint');
  if (endpointRaw) {
    if (typeof endpointRaw.value !== 'string' || !isUrl(endpointRaw.value)) {
      fail(
        'export-otlp-endpoint',
        endpointRaw.source,
        `must be an http(s) URL such as http://collector:4318, got ${show(endpointRaw.value)}`,
      );
    } else {
      metricsUrl = protocol === 'grpc' ? endpointRaw.value : appendSignalPath(endpointRaw.value);
    }
  } else if (env.metricsEndpoint !== undefined) {
    metricsUrl = env.metricsEndpoint;
  } else if (env.endpoint !== undefined) {
    metricsUrl = protocol === 'grpc' ? env.endpoint : appendSignalPath(env.endpoint);
  }

  if (metricsUrl === undefined) {
    // Export options without an endpoint are almost certainly a mistake worth naming.
    for (const key of [
      'export-otlp-protocol',
      'export-otlp-headers',
      'export-temporality',
    ] as Key[]) {
      const raw = pick(key);
      if (raw && issues.every((issue) => issue.key !== key)) {
        fail(key, raw.source, 'is set but no export endpoint is (set export-otlp-endpoint)');
      }
    }
    return undefined;
  }
  return { metricsUrl, protocol, headers, temporality, intervalSeconds, timeoutSeconds };
}

function readFileObject(file: unknown, issues: ConfigIssue[]): Record<string, unknown> {
  if (file === undefined || file === null) return {};
  if (typeof file !== 'object' || Array.isArray(file)) {
    issues.push({ key: '(root)', source: 'file', message: 'must be a mapping of keys to values' });
    return {};
  }
  const object = file as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    if (!(SERVE_CONFIG_KEYS as readonly string[]).includes(key)) {
      issues.push({
        key,
        source: 'file',
        message: `unknown key; valid keys are ${SERVE_CONFIG_KEYS.join(', ')}`,
      });
    }
  }
  return object;
}

function readReferenceMappings(
  raw: { value: unknown; source: ConfigSource } | undefined,
  issues: ConfigIssue[],
): ReferenceProfileMapping[] {
  if (!raw) return [];
  if (!Array.isArray(raw.value)) {
    issues.push({
      key: 'references',
      source: raw.source,
      message: 'must be a list of {model, version?, profile}',
    });
    return [];
  }
  const mappings: ReferenceProfileMapping[] = [];
  raw.value.forEach((entry: unknown, i) => {
    const key = `references[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      issues.push({
        key,
        source: raw.source,
        message: 'must be a mapping {model, version?, profile}',
      });
      return;
    }
    const e = entry as Record<string, unknown>;
    const before = issues.length;
    for (const field of Object.keys(e)) {
      if (!['model', 'version', 'profile'].includes(field)) {
        issues.push({
          key: `${key}.${field}`,
          source: raw.source,
          message: 'unknown key; valid keys are model, version, profile',
        });
      }
    }
    if (typeof e['model'] !== 'string' || e['model'] === '') {
      issues.push({
        key: `${key}.model`,
        source: raw.source,
        message: `must be a model name, got ${show(e['model'])}`,
      });
    }
    const version = e['version'];
    if (version !== undefined && typeof version !== 'string' && typeof version !== 'number') {
      issues.push({
        key: `${key}.version`,
        source: raw.source,
        message: `must be a string, got ${show(version)}`,
      });
    }
    if (typeof e['profile'] !== 'string' || !e['profile'].toLowerCase().endsWith('.json')) {
      issues.push({
        key: `${key}.profile`,
        source: raw.source,
        message: `must be a profile file ending in .json, got ${show(e['profile'])}`,
      });
    }
    if (issues.length > before) return;
    const mapping: ReferenceProfileMapping = {
      model: e['model'] as string,
      profile: e['profile'] as string,
    };
    if (version !== undefined) mapping.version = String(version);
    mappings.push(mapping);
  });
  return mappings;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && /^[-+]?[0-9.eE+-]+$/.test(value.trim())) {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** An http(s) URL once `{traceId}` and `{spanId}` are filled in, and it names `{traceId}`. */
function isTraceUrlTemplate(template: string): boolean {
  if (!template.includes('{traceId}')) return false;
  return isUrl(
    template.replaceAll('{traceId}', '0'.repeat(32)).replaceAll('{spanId}', '0'.repeat(16)),
  );
}
