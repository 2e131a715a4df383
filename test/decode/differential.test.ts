import { beforeAll, describe, expect, it } from 'vitest';
import {
  JsonLogsSerializer,
  JsonMetricsSerializer,
  JsonTraceSerializer,
  ProtobufLogsSerializer,
  ProtobufMetricsSerializer,
  ProtobufTraceSerializer,
} from '@opentelemetry/otlp-transformer';
import { decodeLogsJson } from '../../processor/src/decode/json-logs.js';
import { decodeMetricsJson } from '../../processor/src/decode/json-metrics.js';
import { decodeTracesJson } from '../../processor/src/decode/json-traces.js';
import { decodeLogsProto } from '../../processor/src/decode/proto-logs.js';
import { decodeMetricsProto } from '../../processor/src/decode/proto-metrics.js';
import { decodeTracesProto } from '../../processor/src/decode/proto-traces.js';
import type {
  LogsRequest,
  OtlpMetricData,
  MetricsRequest,
  TracesRequest,
} from '../../processor/src/decode/otlp-types.js';
import { legacyDecode, legacyEncode } from './legacy-otlp.js';
import {
  buildLogRecords,
  buildResourceMetrics,
  buildSpans,
  features,
  PARENT_SPAN_CONTEXT,
} from './sdk-requests.js';

function must(bytes: Uint8Array | undefined): Uint8Array {
  if (bytes === undefined) throw new Error('serializer returned nothing');
  return bytes;
}

describe('logs: SDK serializers → mlmon decoder vs legacy generated decoder', () => {
  let proto: Uint8Array;
  let json: Uint8Array;
  let decoded: LogsRequest;
  beforeAll(async () => {
    const records = await buildLogRecords(25);
    proto = must(ProtobufLogsSerializer.serializeRequest(records));
    json = must(JsonLogsSerializer.serializeRequest(records));
    decoded = decodeLogsProto(proto);
  });

  it('decodes protobuf to the same content as the legacy decoder', () => {
    expect(decoded).toStrictEqual(legacyDecode('logs', proto));
  });

  it('decodes JSON to the same value as protobuf', () => {
    expect(decodeLogsJson(json)).toStrictEqual(decoded);
  });

  it('keeps event names, ids, timestamps and every AnyValue kind', () => {
    const rl = decoded.resourceLogs[0]!;
    expect(rl.resource.attributes).toEqual({
      'service.name': 'fraud-api',
      'service.version': '1.2.3',
      'host.cores': 2,
    });
    const sl = rl.scopeLogs[0]!;
    expect(sl.scope).toMatchObject({ name: 'mlmon-test', version: '0.1.0' });
    expect(sl.schemaUrl).toBe('https://opentelemetry.io/schemas/1.30.0');
    expect(sl.logRecords).toHaveLength(27);
    const r = sl.logRecords[3]!;
    expect(r.eventName).toBe('ml.prediction');
    expect(r.timeUnixNano).toBe(1763887003123456789n);
    expect(r.traceId).toBe(PARENT_SPAN_CONTEXT.traceId);
    expect(r.spanId).toBe(PARENT_SPAN_CONTEXT.spanId);
    expect(r.flags).toBe(1);
    expect(r.severityNumber).toBe(9);
    expect(r.attributes['ml.features']).toEqual(features(3));
    expect(r.attributes['ml.prediction.count']).toBe(3);
    expect(r.attributes['ml.prediction.positive']).toBe(false);
    expect(r.attributes['ml.raw']).toEqual(new Uint8Array([0, 1, 254, 255, 3]));
    expect(r.attributes['ml.nested']).toEqual({ a: [1, 'two', { b: true }], empty: [] });
    expect(r.attributes['big.negative']).toBe(-123456789012);
    const plain = sl.logRecords[25]!;
    expect(plain.eventName).toBe('');
    expect(plain.body).toBe('plain log line with ünïcödé ✓');
    expect(plain.timeUnixNano).toBe(1763887999123000000n);
    expect(plain.traceId).toBe('');
  });
});

describe('traces: SDK serializers → mlmon decoder vs legacy generated decoder', () => {
  let proto: Uint8Array;
  let json: Uint8Array;
  let decoded: TracesRequest;
  beforeAll(async () => {
    const spans = await buildSpans(10);
    proto = must(ProtobufTraceSerializer.serializeRequest(spans));
    json = must(JsonTraceSerializer.serializeRequest(spans));
    decoded = decodeTracesProto(proto);
  });

  it('decodes protobuf to the same content as the legacy decoder', () => {
    expect(decoded).toStrictEqual(legacyDecode('traces', proto));
  });

  it('decodes JSON to the same value as protobuf', () => {
    expect(decodeTracesJson(json)).toStrictEqual(decoded);
  });

  it('keeps kinds, parents, links, events, status and flags', () => {
    const spans = decoded.resourceSpans[0]!.scopeSpans[0]!.spans.filter(
      (s) => s.name === 'predict fraud',
    );
    expect(spans.map((s) => s.kind)).toEqual([1, 2, 3, 4, 5, 1, 2, 3, 4, 5]);
    const s = spans[0]!;
    expect(s.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(s.parentSpanId).toMatch(/^[0-9a-f]{16}$/);
    expect(s.startTimeUnixNano).toBe(1763887000000000005n);
    expect(s.endTimeUnixNano).toBe(1763887001000000000n);
    expect(s.status).toEqual({ code: 2, message: 'bad input' });
    expect(s.events[0]).toEqual({
      timeUnixNano: 1763887000999999999n,
      name: 'exception',
      attributes: { 'exception.message': 'boom' },
      droppedAttributesCount: 0,
    });
    expect(s.links[0]).toMatchObject({
      traceId: PARENT_SPAN_CONTEXT.traceId,
      spanId: PARENT_SPAN_CONTEXT.spanId,
    });
    expect(s.attributes.tags).toEqual(['a', 'b']);
    // SDK 2.x sets span flags (W3C flags + "has is_remote" bit 0x100) on spans and links.
    expect(s.flags & 0x100).toBe(0x100);
  });
});

describe('metrics: SDK serializers → mlmon decoder vs legacy generated decoder', () => {
  let proto: Uint8Array;
  let json: Uint8Array;
  let decoded: MetricsRequest;
  beforeAll(async () => {
    const rm = await buildResourceMetrics();
    proto = must(ProtobufMetricsSerializer.serializeRequest(rm));
    json = must(JsonMetricsSerializer.serializeRequest(rm));
    decoded = decodeMetricsProto(proto);
  });

  it('decodes protobuf to the same content as the legacy decoder', () => {
    expect(decoded).toStrictEqual(legacyDecode('metrics', proto));
  });

  it('decodes JSON to the same value as protobuf', () => {
    expect(decodeMetricsJson(json)).toStrictEqual(decoded);
  });

  it('decodes every data kind the SDK produces', () => {
    const byName = new Map<string, OtlpMetricData>(
      decoded.resourceMetrics[0]!.scopeMetrics[0]!.metrics.map((m) => [m.name, m.data]),
    );
    const counter = byName.get('ml.inference.predictions');
    expect(counter).toMatchObject({ type: 'sum', isMonotonic: true, aggregationTemporality: 2 });
    if (counter?.type !== 'sum') throw new Error('sum expected');
    expect(counter.dataPoints.map((p) => p.value).sort()).toEqual([25, 25]);
    expect(byName.get('inflight')).toMatchObject({ type: 'sum', isMonotonic: false });
    const gauge = byName.get('temperature');
    if (gauge?.type !== 'gauge') throw new Error('gauge expected');
    expect(gauge.dataPoints[0]!.value).toBe(21.5);
    const hist = byName.get('ml.inference.score');
    if (hist?.type !== 'histogram') throw new Error('histogram expected');
    const eu = hist.dataPoints.find((p) => p.attributes['ml.slice.region'] === 'eu')!;
    expect(eu.explicitBounds).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
    expect(eu.count).toBe(25);
    expect(eu.bucketCounts.reduce((a, b) => a + b, 0)).toBe(25);
    expect(eu.min).toBe(0.05);
    const exp = byName.get('ml.inference.score.exp');
    if (exp?.type !== 'exponentialHistogram') throw new Error('exponential histogram expected');
    const p = exp.dataPoints.find((d) => d.attributes['ml.slice.region'] === 'eu')!;
    expect(p.count).toBe(25);
    expect(p.zeroCount).toBe(1);
    expect(p.positive.bucketCounts.reduce((a, b) => a + b, 0)).toBe(24);
    expect(p.max).toBe(48 * 0.73);
  });
});

describe('shapes the SDK never produces, encoded with the legacy encoder', () => {
  it('decodes summaries, signed exponential buckets, int64 extremes, empty AnyValues, negative severity and unsorted fields', () => {
    const bytes = legacyEncode('metrics', {
      resourceMetrics: [
        {
          scopeMetrics: [
            {
              metrics: [
                {
                  name: 'latency',
                  summary: {
                    dataPoints: [
                      {
                        count: '18446744073709551615',
                        sum: 12.5,
                        timeUnixNano: '18446744073709551615',
                        quantileValues: [
                          { quantile: 0.5, value: 1 },
                          { quantile: 0.99, value: 9 },
                        ],
                        attributes: [{ key: 'k', value: {} }],
                      },
                    ],
                  },
                },
                {
                  name: 'signed.buckets',
                  exponentialHistogram: {
                    aggregationTemporality: 1,
                    dataPoints: [
                      {
                        count: 6,
                        scale: -3,
                        zeroCount: 1,
                        zeroThreshold: 1e-9,
                        positive: { offset: -2, bucketCounts: [1, 0, 2] },
                        negative: { offset: 5, bucketCounts: [2] },
                      },
                    ],
                  },
                },
                {
                  name: 'extremes',
                  gauge: {
                    dataPoints: [
                      { asInt: '9223372036854775807' },
                      { asInt: '-9223372036854775808' },
                      { asInt: '9007199254740991' },
                      { asInt: '9007199254740992' },
                      { asInt: '-9007199254740991' },
                      { asInt: '-9007199254740992' },
                      { asInt: '-1' },
                    ],
                  },
                },
              ],
            },
          ],
        },
      ],
    });
    const decoded = decodeMetricsProto(bytes);
    expect(decoded).toStrictEqual(legacyDecode('metrics', bytes));
    const [summary, signed, extremes] = decoded.resourceMetrics[0]!.scopeMetrics[0]!.metrics;
    if (summary?.data.type !== 'summary' || extremes?.data.type !== 'gauge')
      throw new Error('wrong kinds');
    if (signed?.data.type !== 'exponentialHistogram') throw new Error('wrong kind');
    expect(signed.data.dataPoints[0]).toMatchObject({
      scale: -3,
      zeroThreshold: 1e-9,
      positive: { offset: -2, bucketCounts: [1, 0, 2] },
      negative: { offset: 5, bucketCounts: [2] },
      sum: undefined,
    });
    expect(summary.data.dataPoints[0]!.count).toBe(2 ** 64);
    expect(summary.data.dataPoints[0]!.timeUnixNano).toBe(18446744073709551615n);
    expect(summary.data.dataPoints[0]!.attributes).toEqual({ k: undefined });
    expect(extremes.data.dataPoints.map((p) => p.value)).toEqual([
      9223372036854775807n,
      -9223372036854775808n,
      9007199254740991,
      9007199254740992n,
      -9007199254740991,
      -9007199254740992n,
      -1,
    ]);
  });

  it('decodes int64 AnyValues and negative enums the same as the legacy decoder', () => {
    const bytes = legacyEncode('logs', {
      resourceLogs: [
        {
          scopeLogs: [
            {
              logRecords: [
                {
                  severityNumber: -3,
                  attributes: [
                    { key: 'max', value: { intValue: '9223372036854775807' } },
                    { key: 'min', value: { intValue: '-9223372036854775808' } },
                    { key: 'neg', value: { intValue: '-42' } },
                    { key: 'dup', value: { stringValue: 'first' } },
                    { key: 'dup', value: { stringValue: 'last' } },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
    const decoded = decodeLogsProto(bytes);
    expect(decoded).toStrictEqual(legacyDecode('logs', bytes));
    const r = decoded.resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!;
    expect(r.severityNumber).toBe(-3);
    expect(r.attributes).toEqual({
      max: 9223372036854775807n,
      min: -9223372036854775808n,
      neg: -42,
      dup: 'last',
    });
  });
});
