import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeLogsJson } from '../../processor/src/decode/json-logs.js';
import { decodeMetricsJson } from '../../processor/src/decode/json-metrics.js';
import { decodeTracesJson } from '../../processor/src/decode/json-traces.js';

// The OTLP maintainers' example payloads, copied unmodified from opentelemetry-proto/examples.
const fixture = (name: string): Uint8Array =>
  readFileSync(new URL(`../fixtures/otlp-examples/${name}`, import.meta.url));

const SERVICE = { 'service.name': 'my.service' };
const SCOPE = {
  name: 'my.library',
  version: '1.0.0',
  attributes: { 'my.scope.attribute': 'some scope attribute' },
  droppedAttributesCount: 0,
};

describe('opentelemetry-proto examples decode', () => {
  it('trace.json', () => {
    const req = decodeTracesJson(fixture('trace.json'));
    expect(req.resourceSpans[0]!.resource.attributes).toEqual(SERVICE);
    expect(req.resourceSpans[0]!.scopeSpans[0]!.scope).toEqual(SCOPE);
    const span = req.resourceSpans[0]!.scopeSpans[0]!.spans[0]!;
    expect(span).toEqual({
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b174',
      traceState: '',
      parentSpanId: 'eee19b7ec3c1b173',
      flags: 0,
      name: "I'm a server span",
      kind: 2,
      startTimeUnixNano: 1544712660000000000n,
      endTimeUnixNano: 1544712661000000000n,
      attributes: { 'my.span.attr': 'some value' },
      droppedAttributesCount: 0,
      events: [],
      droppedEventsCount: 0,
      links: [],
      droppedLinksCount: 0,
      status: { message: '', code: 0 },
    });
  });

  it('logs.json', () => {
    const req = decodeLogsJson(fixture('logs.json'));
    const record = req.resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!;
    expect(record).toEqual({
      timeUnixNano: 1544712660300000000n,
      observedTimeUnixNano: 1544712660300000000n,
      severityNumber: 10,
      severityText: 'Information',
      body: 'Example log record',
      attributes: {
        'string.attribute': 'some string',
        'boolean.attribute': true,
        'int.attribute': 10,
        'double.attribute': 637.704,
        'array.attribute': ['many', 'values'],
        'map.attribute': { 'some.map.key': 'some value' },
      },
      droppedAttributesCount: 0,
      flags: 0,
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b174',
      eventName: '',
    });
  });

  it('events.json', () => {
    const req = decodeLogsJson(fixture('events.json'));
    const record = req.resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!;
    expect(record.eventName).toBe('browser.page_view');
    expect(record.severityNumber).toBe(9);
    expect(record.timeUnixNano).toBe(1544712660300000000n);
    expect(record.attributes).toEqual({ 'event.attribute': 'some event attribute' });
    expect(record.body).toEqual({
      type: 0,
      url: 'https://www.guidgenerator.com/online-guid-generator.aspx',
      referrer: 'https://wwww.google.com',
      title: 'Free Online GUID Generator',
    });
  });

  it('metrics.json', () => {
    const req = decodeMetricsJson(fixture('metrics.json'));
    expect(req.resourceMetrics[0]!.scopeMetrics[0]!.scope).toEqual(SCOPE);
    const [counter, gauge, histogram, exponential] =
      req.resourceMetrics[0]!.scopeMetrics[0]!.metrics;
    const t = 1544712660300000000n;
    expect(counter).toEqual({
      name: 'my.counter',
      unit: '1',
      description: 'I am a Counter',
      metadata: {},
      data: {
        type: 'sum',
        aggregationTemporality: 1,
        isMonotonic: true,
        dataPoints: [
          {
            value: 5,
            startTimeUnixNano: t,
            timeUnixNano: t,
            flags: 0,
            attributes: { 'my.counter.attr': 'some value' },
          },
        ],
      },
    });
    expect(gauge!.data).toEqual({
      type: 'gauge',
      dataPoints: [
        {
          value: 10,
          startTimeUnixNano: 0n,
          timeUnixNano: t,
          flags: 0,
          attributes: { 'my.gauge.attr': 'some value' },
        },
      ],
    });
    expect(histogram!.data).toEqual({
      type: 'histogram',
      aggregationTemporality: 1,
      dataPoints: [
        {
          startTimeUnixNano: t,
          timeUnixNano: t,
          flags: 0,
          count: 2,
          sum: 2,
          bucketCounts: [1, 1],
          explicitBounds: [1],
          min: 0,
          max: 2,
          attributes: { 'my.histogram.attr': 'some value' },
        },
      ],
    });
    expect(exponential!.data).toEqual({
      type: 'exponentialHistogram',
      aggregationTemporality: 1,
      dataPoints: [
        {
          startTimeUnixNano: t,
          timeUnixNano: t,
          flags: 0,
          count: 3,
          sum: 10,
          scale: 0,
          zeroCount: 1,
          positive: { offset: 1, bucketCounts: [0, 2] },
          negative: { offset: 0, bucketCounts: [] },
          min: 0,
          max: 5,
          zeroThreshold: 0,
          attributes: { 'my.exponential.histogram.attr': 'some value' },
        },
      ],
    });
  });
});
