import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { aDriftResult, aWindowResult } from './__fixtures__/window-results.js';
import type { MetricsSnapshot } from './metric-data.js';
import { encodeMetricsJson, encodeMetricsProtobuf, millisToNanos } from './otlp-metrics-encoder.js';
import { windowMetrics } from './window-metrics.js';

// The older generated protobufjs decoder of @opentelemetry/otlp-transformer@0.214.0 (dev-only
// alias), an independent reading of the same .proto files.
const require = createRequire(import.meta.url);
interface LegacyRequestType {
  decode(bytes: Uint8Array): unknown;
  toObject(message: unknown, options: Record<string, unknown>): Record<string, unknown>;
}
const legacy = require('otlp-legacy/build/src/generated/root.js') as {
  opentelemetry: {
    proto: { collector: { metrics: { v1: { ExportMetricsServiceRequest: LegacyRequestType } } } };
  };
};
const Request = legacy.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;

const result = aWindowResult({
  groundTruth: {
    labeled: 2,
    coverage: 0.004,
    delays: {
      '': { bounds: [60, 300], counts: [1, 1, 0], count: 2, sum: 150.5, min: 30, max: 120.5 },
    },
  },
});

function snapshotWith(temporality: 'cumulative' | 'delta'): MetricsSnapshot {
  return {
    timeUnixMillis: 1_700_000_460_000.5,
    startUnixMillis: 1_700_000_000_000,
    temporality,
    resources: windowMetrics([{ result }]).map((r) => ({
      ...r,
      resource: { ...r.resource, 'mlmon.processor.id': 'p-1' },
    })),
  };
}

// The legacy decoder's objects are untyped; tests read them field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type DecodedMetric = Record<string, any>;
type Decoded = {
  resourceMetrics: {
    resource: { attributes: { key: string; value: Record<string, unknown> }[] };
    scopeMetrics: { scope: { name: string }; metrics: DecodedMetric[] }[];
  }[];
};

describe('encodeMetricsProtobuf', () => {
  const decoded = Request.toObject(
    Request.decode(encodeMetricsProtobuf(snapshotWith('cumulative'))),
    {
      longs: String,
      defaults: false,
    },
  ) as unknown as Decoded;
  const metrics = decoded.resourceMetrics[0]!.scopeMetrics[0]!.metrics;
  const byName = (name: string) => metrics.find((m) => m.name === name)!;

  it('keeps the source resource identity plus the processor id', () => {
    expect(decoded.resourceMetrics).toHaveLength(1);
    expect(decoded.resourceMetrics[0]!.resource.attributes).toEqual([
      { key: 'service.name', value: { stringValue: 'checkout' } },
      { key: 'mlmon.processor.id', value: { stringValue: 'p-1' } },
    ]);
    expect(decoded.resourceMetrics[0]!.scopeMetrics[0]!.scope.name).toBe(
      'mlmon.processor.evaluation',
    );
  });

  it('encodes gauges with double values, nanosecond times and attributes', () => {
    const score = byName('ml.drift.score');
    expect(score.unit).toBe('1');
    expect(score.gauge.dataPoints).toHaveLength(1);
    const point = score.gauge.dataPoints[0];
    expect(point.asDouble).toBe(0.01);
    expect(point.timeUnixNano).toBe('1700000460000500000');
    expect(point.attributes).toContainEqual({
      key: 'ml.feature.name',
      value: { stringValue: 'amount' },
    });
  });

  it('encodes the drift state set as a cumulative non-monotonic int sum', () => {
    const status = byName('ml.drift.status');
    expect(status.sum.aggregationTemporality).toBe(2);
    expect(status.sum.isMonotonic).toBeUndefined();
    expect(status.sum.dataPoints.map((p: { asInt: string }) => p.asInt)).toEqual(['1', '0', '0']);
  });

  it('encodes the delay histogram with bounds, counts, sum, min and max', () => {
    const delay = byName('ml.ground_truth.delay');
    expect(delay.unit).toBe('s');
    expect(delay.histogram.aggregationTemporality).toBe(2);
    const p = delay.histogram.dataPoints[0];
    expect(p).toMatchObject({
      count: '2',
      sum: 150.5,
      bucketCounts: ['1', '1', '0'],
      explicitBounds: [60, 300],
      min: 30,
      max: 120.5,
    });
    expect(p.startTimeUnixNano).toBe('1700000000000000000');
  });

  it('uses delta temporality for histograms when configured, but keeps state sets cumulative', () => {
    const d = Request.toObject(Request.decode(encodeMetricsProtobuf(snapshotWith('delta'))), {
      longs: String,
    }) as unknown as Decoded;
    const ms = d.resourceMetrics[0]!.scopeMetrics[0]!.metrics;
    expect(
      ms.find((m) => m.name === 'ml.ground_truth.delay')!.histogram.aggregationTemporality,
    ).toBe(1);
    expect(ms.find((m) => m.name === 'ml.drift.status')!.sum.aggregationTemporality).toBe(2);
  });

  it('says the same in OTLP/JSON as in protobuf', () => {
    const json = JSON.parse(encodeMetricsJson(snapshotWith('cumulative'))) as Decoded;
    const fromJson = json.resourceMetrics[0]!.scopeMetrics[0]!.metrics.map((m) => m.name);
    expect(fromJson).toEqual(metrics.map((m) => m.name));
    const jsonScore = json.resourceMetrics[0]!.scopeMetrics[0]!.metrics.find(
      (m) => m.name === 'ml.drift.score',
    )!;
    expect(jsonScore.gauge.dataPoints[0].asDouble).toBe(0.01);
    expect(jsonScore.gauge.dataPoints[0].timeUnixNano).toBe('1700000460000500000');
  });

  it('carries the drift exemplars (trace and span ids, value, time) in protobuf and JSON', () => {
    const exemplar = {
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      value: 123.5,
      timeUnixMillis: 1_700_000_400_250,
    };
    const drifted = aWindowResult({
      drift: [aDriftResult({ state: 'drift', score: 0.4, exemplars: [exemplar] })],
    });
    const snapshot: MetricsSnapshot = {
      timeUnixMillis: 1_700_000_460_000,
      startUnixMillis: 1_700_000_000_000,
      temporality: 'cumulative',
      resources: windowMetrics([{ result: drifted }]),
    };
    const d = Request.toObject(Request.decode(encodeMetricsProtobuf(snapshot)), {
      longs: String,
      bytes: String,
    }) as unknown as Decoded;
    const score = d.resourceMetrics[0]!.scopeMetrics[0]!.metrics.find(
      (m) => m.name === 'ml.drift.score',
    )!;
    const [e] = score.gauge.dataPoints[0].exemplars;
    expect({
      traceId: Buffer.from(e.traceId, 'base64').toString('hex'),
      spanId: Buffer.from(e.spanId, 'base64').toString('hex'),
      value: e.asDouble,
      time: e.timeUnixNano,
    }).toEqual({
      traceId: exemplar.traceId,
      spanId: exemplar.spanId,
      value: 123.5,
      time: '1700000400250000000',
    });
    const json = JSON.parse(encodeMetricsJson(snapshot)) as Decoded;
    const jsonScore = json.resourceMetrics[0]!.scopeMetrics[0]!.metrics.find(
      (m) => m.name === 'ml.drift.score',
    )!;
    expect(jsonScore.gauge.dataPoints[0].exemplars).toEqual([
      {
        traceId: exemplar.traceId,
        spanId: exemplar.spanId,
        asDouble: 123.5,
        timeUnixNano: '1700000400250000000',
      },
    ]);
  });

  it('converts fractional milliseconds to exact nanoseconds', () => {
    expect(millisToNanos(1_700_000_000_123.25)).toBe(1_700_000_000_123_250_000n);
  });
});
