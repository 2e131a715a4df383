import { describe, expect, it } from 'vitest';
import { resolveServeConfig } from './resolve-serve-config.js';

const resolve = (
  flags: Record<string, unknown>,
  file?: unknown,
  env: Record<string, string> = {},
) => resolveServeConfig({ flags, file, env });

describe('security, limits, caps and alerts in the serve config', () => {
  it('takes the token from the flag, else MLMON_AUTH_TOKEN, and TLS files as a pair', () => {
    const fromEnv = resolve({}, undefined, { MLMON_AUTH_TOKEN: ' t0k ' });
    expect(fromEnv.ok && fromEnv.config.authToken).toBe('t0k');
    const fromFlag = resolve({ 'auth-token': 'flag' }, undefined, { MLMON_AUTH_TOKEN: 'env' });
    expect(fromFlag.ok && fromFlag.config.authToken).toBe('flag');
    const tls = resolve({ 'tls-cert': 'c.pem', 'tls-key': 'k.pem' });
    expect(tls.ok && tls.config.tls).toEqual({ certPath: 'c.pem', keyPath: 'k.pem' });
    expect(resolve({ 'tls-cert': 'c.pem' })).toEqual({
      ok: false,
      issues: [{ key: 'tls-key', source: 'flag', message: 'must be set together with tls-cert' }],
    });
  });

  it('resolves limits and caps, and reports every bad value and alert rule by key', () => {
    const ok = resolve(
      { 'max-inflight-requests': '8', 'memory-soft-limit-mib': '300' },
      { 'max-streams': 10, 'max-pending-labels': 5 },
    );
    expect(ok.ok && ok.config.limits).toEqual({
      maxInflightRequests: 8,
      maxInflightBytes: 64 * 1024 * 1024,
      memorySoftLimitBytes: 300 * 1024 * 1024,
    });
    expect(ok.ok && ok.config.caps).toEqual({ maxStreams: 10, maxPendingLabels: 5 });
    const bad = resolve(
      { 'max-inflight-requests': '0' },
      { alerts: [{ name: 'x', statistic: 'drift.status', threshold: 'high' }] },
    );
    expect(bad.ok ? [] : bad.issues.map((i) => `${i.key}: ${i.message}`)).toEqual([
      'max-inflight-requests: must be an integer from 1 to 1000000, got "0"',
      'alerts[0].threshold: must be a finite number',
    ]);
    const rules = resolve(
      {},
      { alerts: [{ name: 'e', statistic: 'calibration.ece', threshold: 0.2, for: 3 }] },
    );
    expect(rules.ok && rules.config.alerts).toEqual([
      {
        name: 'e',
        statistic: 'calibration.ece',
        operator: '>',
        threshold: 0.2,
        forWindows: 3,
        severity: 'warning',
        minSamples: 100,
        significance: 0.005,
      },
    ]);
    const external = resolve({ 'external-url': 'mlmon.internal:9464' }, {});
    expect(external.ok ? [] : external.issues.map((i) => `${i.key}: ${i.message}`)).toEqual([
      'external-url: must be an http(s) URL, got "mlmon.internal:9464"',
    ]);
    const fine = resolve({ 'external-url': 'https://mlmon.example.com/' }, {});
    expect(fine.ok && fine.config.externalUrl).toBe('https://mlmon.example.com');
    const links = resolve(
      { 'trace-url-template': 'http://jaeger:16686/trace', exemplars: 'maybe' },
      {},
    );
    expect(links.ok ? [] : links.issues.map((i) => `${i.key}: ${i.message}`)).toEqual([
      'trace-url-template: must be an http(s) URL containing {traceId}, e.g. http://jaeger:16686/trace/{traceId}, got "http://jaeger:16686/trace"',
      'exemplars: must be on or off (true or false), got "maybe"',
    ]);
    const linked = resolve(
      { 'trace-url-template': 'http://jaeger:16686/trace/{traceId}' },
      { exemplars: false },
    );
    expect(linked.ok && [linked.config.traceUrlTemplate, linked.config.exemplars]).toEqual([
      'http://jaeger:16686/trace/{traceId}',
      false,
    ]);
  });
});
