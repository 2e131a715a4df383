import { describe, expect, it } from 'vitest';
import { formatConfigIssue } from './config-issue.js';
import type { ServeConfigSources } from './resolve-serve-config.js';
import { resolveServeConfig } from './resolve-serve-config.js';
import { stateOptionsFrom } from '../service/create-service-parts.js';

const sources = (partial: Partial<ServeConfigSources>): ServeConfigSources => ({
  flags: {},
  env: {},
  ...partial,
});

describe('resolveServeConfig', () => {
  it('applies the documented defaults', () => {
    const result = resolveServeConfig(sources({}));
    expect(result).toEqual({
      ok: true,
      config: {
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
      },
    });
  });

  it.each([
    {
      name: 'flags win over the file',
      input: sources({
        flags: { 'window-seconds': '60' },
        file: { 'window-seconds': 120, 'allowed-lateness-seconds': 5 },
      }),
      expected: { windowSeconds: 60, allowedLatenessSeconds: 5 },
    },
    {
      name: 'grpc port 0 disables gRPC',
      input: sources({ flags: { 'otlp-grpc-port': '0' } }),
      expected: { otlpGrpcPort: null },
    },
    {
      name: 'a .json reference is a profile',
      input: sources({ flags: { reference: 'fraud.json' } }),
      expected: { reference: 'profile', referenceProfile: 'fraud.json' },
    },
    {
      name: 'per-model profiles from the file',
      input: sources({ file: { references: [{ model: 'fraud', version: 3, profile: 'p.json' }] } }),
      expected: { referenceProfiles: [{ model: 'fraud', version: '3', profile: 'p.json' }] },
    },
    {
      name: 'generic OTLP endpoint gets /v1/metrics, headers decoded',
      input: sources({
        env: {
          OTEL_EXPORTER_OTLP_ENDPOINT: 'http://col:4318/',
          OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20x,a=b',
        },
      }),
      expected: {
        export: {
          metricsUrl: 'http://col:4318/v1/metrics',
          protocol: 'http/protobuf',
          headers: { authorization: 'Bearer x', a: 'b' },
          temporality: 'cumulative',
          intervalSeconds: 60,
          timeoutSeconds: 10,
        },
      },
    },
    {
      name: 'metrics-specific env wins and is used as is',
      input: sources({
        env: {
          OTEL_EXPORTER_OTLP_ENDPOINT: 'http://col:4318',
          OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://other:9/custom',
          OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
          OTEL_EXPORTER_OTLP_HEADERS: 'a=1',
          OTEL_EXPORTER_OTLP_METRICS_HEADERS: 'a=2',
          OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'Delta',
        },
      }),
      expected: {
        export: {
          metricsUrl: 'http://other:9/custom',
          protocol: 'http/json',
          headers: { a: '2' },
          temporality: 'delta',
          intervalSeconds: 60,
          timeoutSeconds: 10,
        },
      },
    },
    {
      name: 'flag endpoint wins over env',
      input: sources({
        flags: { 'export-otlp-endpoint': 'https://x:1' },
        env: { OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://y/v1/metrics' },
      }),
      expected: { export: expect.objectContaining({ metricsUrl: 'https://x:1/v1/metrics' }) },
    },
  ])('$name', ({ input, expected }) => {
    const result = resolveServeConfig(input);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.config).toMatchObject(expected);
  });

  it.each([
    {
      input: sources({ flags: { 'window-seconds': 'abc' } }),
      line: '--window-seconds: must be an integer from 1 to 2678400, got "abc"',
    },
    {
      input: sources({ file: { 'otlp-http-port': 70000 } }),
      line: 'config file key "otlp-http-port": must be an integer from 0 to 65535, got 70000',
    },
    {
      input: sources({ flags: { reference: 'last-week' } }),
      line: '--reference: must be first-window, previous-window, seasonal, rolling or a profile file ending in .json, got "last-week"',
    },
    {
      input: sources({ file: { 'window-secs': 5 } }),
      line: 'config file key "window-secs": unknown key; valid keys are host, otlp-http-port',
    },
    {
      input: sources({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'col:4318' } }),
      line: 'environment variable OTEL_EXPORTER_OTLP_ENDPOINT: must be an http(s) URL, got "col:4318"',
    },
    {
      input: sources({
        flags: { 'export-otlp-protocol': 'udp', 'export-otlp-endpoint': 'http://a' },
      }),
      line: '--export-otlp-protocol: must be one of http/protobuf, http/json, grpc, got "udp"',
    },
    {
      input: sources({ flags: { 'export-temporality': 'delta' } }),
      line: '--export-temporality: is set but no export endpoint is',
    },
    {
      input: sources({ flags: { 'prometheus-port': '4318' } }),
      line: '--prometheus-port: port 4318 is already used by otlp-http-port',
    },
    {
      input: sources({ file: { references: [{ model: '', profile: 'x.csv' }] } }),
      line: 'config file key "references[0].profile": must be a profile file ending in .json, got "x.csv"',
    },
  ])('reports $line', ({ input, line }) => {
    const result = resolveServeConfig(input);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues.map(formatConfigIssue).some((l) => l.startsWith(line))).toBe(true);
  });

  it('takes idle-stream-ttl-seconds of at least one window, and names it otherwise', () => {
    const ok = resolveServeConfig(
      sources({ flags: { 'window-seconds': '60', 'idle-stream-ttl-seconds': '3600' } }),
    );
    expect(ok.ok && ok.config.idleStreamTtlSeconds).toBe(3600);
    const short = resolveServeConfig(
      sources({ file: { 'window-seconds': 300, 'idle-stream-ttl-seconds': 120 } }),
    );
    expect(short.ok).toBe(false);
    if (!short.ok) {
      expect(short.issues.map(formatConfigIssue).join('\n')).toMatch(
        /idle-stream-ttl-seconds.*must be at least window-seconds \(300\).*got 120/,
      );
    }
  });

  it('takes a seasonal reference whose season is 2 to 1000 windows, and names the key otherwise', () => {
    const hourly = resolveServeConfig(
      sources({ flags: { 'window-seconds': '3600', reference: 'seasonal' } }),
    );
    expect(hourly.ok && [hourly.config.reference, hourly.config.seasonSeconds]).toEqual([
      'seasonal',
      604800,
    ]);
    const errors = (input: Parameters<typeof sources>[0]): string => {
      const r = resolveServeConfig(sources(input));
      return r.ok ? '' : r.issues.map(formatConfigIssue).join('\n');
    };
    // The default season is 2016 five-minute windows: too many to keep per stream.
    expect(errors({ flags: { 'window-seconds': '300', reference: 'seasonal' } })).toMatch(
      /reference.*season-seconds \(604800, the default: one week\) must be 2 to 1000 times window-seconds \(300\)/,
    );
    expect(
      errors({ file: { 'window-seconds': 300, reference: 'seasonal', 'season-seconds': 1000 } }),
    ).toMatch(/season-seconds.*\(1000\) must be 2 to 1000 times window-seconds \(300\)/);
    expect(errors({ file: { 'season-seconds': 86400 } })).toMatch(
      /season-seconds.*applies only with reference seasonal, got reference "first-window"/,
    );
  });

  it('takes a rolling reference of 1 to 100 windows, and names the key otherwise', () => {
    const rolling = resolveServeConfig(
      sources({ flags: { reference: 'rolling', 'rolling-windows': '12' } }),
    );
    expect(rolling.ok && [rolling.config.reference, rolling.config.rollingWindows]).toEqual([
      'rolling',
      12,
    ]);
    const byDefault = resolveServeConfig(sources({ file: { reference: 'rolling' } }));
    expect(byDefault.ok && byDefault.config.rollingWindows).toBeUndefined();
    expect(stateOptionsFrom(rolling.ok ? rolling.config : ({} as never)).rollingWindows).toBe(12);
    const errors = (input: Parameters<typeof sources>[0]): string => {
      const r = resolveServeConfig(sources(input));
      return r.ok ? '' : r.issues.map(formatConfigIssue).join('\n');
    };
    expect(errors({ file: { reference: 'rolling', 'rolling-windows': 0 } })).toMatch(
      /rolling-windows.*must be an integer from 1 to 100, got 0/,
    );
    expect(errors({ flags: { 'rolling-windows': '6' } })).toMatch(
      /--rolling-windows: applies only with reference rolling, got reference "first-window"/,
    );
  });

  it('reports every error at once, each naming its key', () => {
    const result = resolveServeConfig(
      sources({
        flags: { 'window-seconds': '0', 'otlp-grpc-port': '-1' },
        file: { 'allowed-lateness-seconds': 'soon', bogus: 1, references: 'x' },
        env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'carrier-pigeon' },
      }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((issue) => issue.key).sort()).toEqual(
        [
          'OTEL_EXPORTER_OTLP_PROTOCOL',
          'allowed-lateness-seconds',
          'bogus',
          'otlp-grpc-port',
          'references',
          'window-seconds',
        ].sort(),
      );
    }
  });
});
