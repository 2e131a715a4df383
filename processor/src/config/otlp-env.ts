/**
 * The standard OTLP exporter variables (opentelemetry-specification,
 * `protocol/exporter.md`): the metrics-specific variable wins over the generic one; the generic
 * endpoint is a base URL to which `/v1/metrics` is appended, the metrics one is used as is.
 */
import type { ConfigIssue } from './config-issue.js';
import { isUrl, parseHeaders } from './config-values.js';
import type { ExportTemporality, OtlpExportProtocol } from './serve-config.js';

/** What the environment says about metrics export (absent where it says nothing). */
export interface OtlpEnv {
  /** `OTEL_EXPORTER_OTLP_ENDPOINT` (base URL). */
  endpoint?: string;
  /** `OTEL_EXPORTER_OTLP_METRICS_ENDPOINT` (full URL). */
  metricsEndpoint?: string;
  /** Merged headers, metrics-specific entries winning. */
  headers: Record<string, string>;
  /** `OTEL_EXPORTER_OTLP_METRICS_PROTOCOL` or `OTEL_EXPORTER_OTLP_PROTOCOL`. */
  protocol?: OtlpExportProtocol;
  /** `OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE` (`lowmemory` reads as delta). */
  temporality?: ExportTemporality;
  /** `OTEL_EXPORTER_OTLP_METRICS_TIMEOUT` / `OTEL_EXPORTER_OTLP_TIMEOUT` (milliseconds) in seconds. */
  timeoutSeconds?: number;
}

/** Reads the OTLP exporter variables, pushing an issue per malformed one. */
export function readOtlpEnv(
  env: Readonly<Record<string, string | undefined>>,
  issues: ConfigIssue[],
): OtlpEnv {
  const get = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const out: OtlpEnv = { headers: {} };

  for (const [name, field] of [
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'endpoint'],
    ['OTEL_EXPORTER_OTLP_METRICS_ENDPOINT', 'metricsEndpoint'],
  ] as const) {
    const value = get(name);
    if (value === undefined) continue;
    if (isUrl(value)) out[field] = value;
    else
      issues.push({ key: name, source: 'env', message: `must be an http(s) URL, got "${value}"` });
  }

  for (const name of ['OTEL_EXPORTER_OTLP_HEADERS', 'OTEL_EXPORTER_OTLP_METRICS_HEADERS']) {
    const value = get(name);
    if (value === undefined) continue;
    const parsed = parseHeaders(value);
    if (typeof parsed === 'string') issues.push({ key: name, source: 'env', message: parsed });
    else Object.assign(out.headers, parsed);
  }

  const protocolName = get('OTEL_EXPORTER_OTLP_METRICS_PROTOCOL')
    ? 'OTEL_EXPORTER_OTLP_METRICS_PROTOCOL'
    : 'OTEL_EXPORTER_OTLP_PROTOCOL';
  const protocol = get(protocolName);
  if (protocol !== undefined) {
    if (protocol === 'http/protobuf' || protocol === 'http/json' || protocol === 'grpc') {
      out.protocol = protocol;
    } else {
      issues.push({
        key: protocolName,
        source: 'env',
        message: `must be http/protobuf, http/json or grpc, got "${protocol}"`,
      });
    }
  }

  const temporality = get('OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE')?.toLowerCase();
  if (temporality !== undefined) {
    if (temporality === 'cumulative') out.temporality = 'cumulative';
    else if (temporality === 'delta' || temporality === 'lowmemory') out.temporality = 'delta';
    else {
      issues.push({
        key: 'OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE',
        source: 'env',
        message: `must be cumulative, delta or lowmemory, got "${temporality}"`,
      });
    }
  }

  const timeoutName = get('OTEL_EXPORTER_OTLP_METRICS_TIMEOUT')
    ? 'OTEL_EXPORTER_OTLP_METRICS_TIMEOUT'
    : 'OTEL_EXPORTER_OTLP_TIMEOUT';
  const timeout = get(timeoutName);
  if (timeout !== undefined) {
    const ms = Number(timeout);
    if (Number.isFinite(ms) && ms > 0) out.timeoutSeconds = ms / 1000;
    else {
      issues.push({
        key: timeoutName,
        source: 'env',
        message: `must be a positive number of milliseconds, got "${timeout}"`,
      });
    }
  }
  return out;
}
