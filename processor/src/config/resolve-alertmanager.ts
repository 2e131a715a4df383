/**
 * The Alertmanager destination of `mlmon serve`: `alertmanager-url` (one URL, a comma-separated
 * list, or a YAML list: every Alertmanager of an HA cluster gets every alert),
 * `alertmanager-resend-seconds` and `alertmanager-timeout-seconds`. Pure; each problem names
 * its key.
 */
import type { ConfigSource } from './config-issue.js';
import { isUrl, show } from './config-values.js';
import type { AlertmanagerConfig } from './serve-config.js';

/** A raw value and where it came from. */
type Raw = { value: unknown; source: ConfigSource } | undefined;

/** The raw values of the three keys. */
export interface AlertmanagerRaw {
  readonly url: Raw;
  readonly resendSeconds: Raw;
  readonly timeoutSeconds: Raw;
}

/** Default time between re-sends of the firing alerts. */
export const DEFAULT_ALERTMANAGER_RESEND_SECONDS = 60;
/** Default per-request timeout. */
export const DEFAULT_ALERTMANAGER_TIMEOUT_SECONDS = 10;

/** Resolves the Alertmanager settings; undefined when no URL is set (or a value is invalid). */
export function resolveAlertmanager(
  raw: AlertmanagerRaw,
  fail: (key: string, source: ConfigSource, message: string) => undefined,
): AlertmanagerConfig | undefined {
  const seconds = (key: string, value: Raw, fallback: number, max: number): number | undefined => {
    if (!value) return fallback;
    const n = typeof value.value === 'string' ? Number(value.value.trim()) : value.value;
    if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0 || n > max) {
      return fail(
        key,
        value.source,
        `must be a number of seconds above 0 (at most ${max}), got ${show(value.value)}`,
      );
    }
    return n;
  };
  const resendSeconds = seconds(
    'alertmanager-resend-seconds',
    raw.resendSeconds,
    DEFAULT_ALERTMANAGER_RESEND_SECONDS,
    86400,
  );
  const timeoutSeconds = seconds(
    'alertmanager-timeout-seconds',
    raw.timeoutSeconds,
    DEFAULT_ALERTMANAGER_TIMEOUT_SECONDS,
    3600,
  );
  if (!raw.url) {
    for (const [key, value] of [
      ['alertmanager-resend-seconds', raw.resendSeconds],
      ['alertmanager-timeout-seconds', raw.timeoutSeconds],
    ] as const) {
      if (value) fail(key, value.source, 'is set but no alertmanager-url is');
    }
    return undefined;
  }
  const urls = readUrls(raw.url, fail);
  if (urls === undefined || resendSeconds === undefined || timeoutSeconds === undefined) {
    return undefined;
  }
  return { urls, resendSeconds, timeoutSeconds };
}

function readUrls(
  raw: NonNullable<Raw>,
  fail: (key: string, source: ConfigSource, message: string) => undefined,
): string[] | undefined {
  const key = 'alertmanager-url';
  const list = Array.isArray(raw.value)
    ? (raw.value as unknown[])
    : typeof raw.value === 'string'
      ? raw.value.split(',').filter((part) => part.trim() !== '')
      : undefined;
  if (list === undefined || list.length === 0) {
    return fail(
      key,
      raw.source,
      `must be an http(s) URL such as http://alertmanager:9093, or a list of them, got ${show(raw.value)}`,
    );
  }
  const urls: string[] = [];
  let valid = true;
  list.forEach((item, i) => {
    const at = Array.isArray(raw.value) ? `${key}[${i}]` : key;
    if (typeof item !== 'string' || !isUrl(item.trim())) {
      valid = false;
      fail(
        at,
        raw.source,
        `must be an http(s) URL such as http://alertmanager:9093, got ${show(item)}`,
      );
    } else if (urls.includes(item.trim())) {
      valid = false;
      fail(at, raw.source, `lists ${show(item.trim())} twice`);
    } else {
      urls.push(item.trim());
    }
  });
  return valid ? urls : undefined;
}
