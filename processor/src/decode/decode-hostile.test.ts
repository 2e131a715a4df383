import { describe, expect, it } from 'vitest';
import { decodeOtlpRequest } from './decode-otlp-request.js';
import type { OtlpEncoding } from './decode-otlp-request.js';
import { decodeLogsProto } from './proto-logs.js';
import { decodeLogsJson } from './json-logs.js';
import { decodeMetricsJson } from './json-metrics.js';
import { decodeTracesJson } from './json-traces.js';
import { OtlpDecodeError } from './otlp-decode-error.js';
import type { Signal } from './otlp-types.js';

// A minimal protobuf writer for hand-built (and deliberately broken) messages.
function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
const len = (field: number, payload: number[]): number[] => [
  ...varint((field << 3) | 2),
  ...varint(payload.length),
  ...payload,
];
const str = (field: number, s: string): number[] => len(field, [...new TextEncoder().encode(s)]);
const bytes = (...parts: number[][]): Uint8Array => new Uint8Array(parts.flat());

/** logs request → resource_logs → scope_logs → the given log records. */
const logsRequest = (...records: number[][]): number[] =>
  len(
    1,
    len(
      2,
      records.flatMap((r) => len(2, r)),
    ),
  );
const kv = (key: string, value: number[]): number[] => len(6, [...str(1, key), ...len(2, value)]);

const SAMPLE = bytes(
  logsRequest(
    [...str(12, 'ml.prediction'), ...kv('ml.model.name', str(1, 'fraud'))],
    [
      ...str(12, 'ml.prediction'),
      ...kv('ml.features', len(6, len(1, [...str(1, 'age'), ...len(2, [0x18, 42])]))),
    ],
  ),
);

/** Deterministic PRNG (mulberry32) so failures reproduce. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Decodes, returning the error (which must be an OtlpDecodeError) or undefined on success. */
function attempt(
  signal: Signal,
  body: Uint8Array,
  encoding: OtlpEncoding,
): OtlpDecodeError | undefined {
  try {
    decodeOtlpRequest(signal, body, encoding);
    return undefined;
  } catch (e) {
    if (!(e instanceof OtlpDecodeError))
      throw new Error(`non-OtlpDecodeError thrown: ${String(e)}`);
    return e;
  }
}

describe('protobuf decoding of hostile input', () => {
  it('decodes the hand-built sample', () => {
    const records = decodeLogsProto(SAMPLE).resourceLogs[0]!.scopeLogs[0]!.logRecords;
    expect(records.map((r) => r.attributes)).toEqual([
      { 'ml.model.name': 'fraud' },
      { 'ml.features': { age: 42 } },
    ]);
  });

  it('rejects every strict prefix of a request with OtlpDecodeError', () => {
    for (let n = 1; n < SAMPLE.length; n++) {
      expect(attempt('logs', SAMPLE.subarray(0, n), 'protobuf'), `prefix ${n}`).toBeInstanceOf(
        OtlpDecodeError,
      );
    }
  });

  it('never throws anything but OtlpDecodeError on random bytes or bit flips', () => {
    const random = rng(7);
    for (let i = 0; i < 3000; i++) {
      const garbage = new Uint8Array(Math.floor(random() * 64)).map(() =>
        Math.floor(random() * 256),
      );
      for (const signal of ['logs', 'traces', 'metrics'] as const)
        attempt(signal, garbage, 'protobuf');
      const flipped = SAMPLE.slice();
      flipped[Math.floor(random() * flipped.length)]! ^= 1 << Math.floor(random() * 8);
      attempt('logs', flipped, 'protobuf');
    }
  });

  it('names the field path and byte offset', () => {
    // second record's attribute value claims 100 bytes
    const broken = bytes(
      logsRequest(str(12, 'ok'), [...str(12, 'x'), 0x32, 0x06, 0x0a, 0x01, 0x6b, 0x12, 0x64, 0x0a]),
    );
    const error = attempt('logs', broken, 'protobuf');
    expect(error?.path).toBe('resourceLogs[0].scopeLogs[0].logRecords[1].attributes["k"]');
    expect(error?.message).toMatch(
      /length 100 exceeds the input.*at resourceLogs\[0\]\.scopeLogs\[0\]\.logRecords\[1\]\.attributes\["k"\], byte offset \d+/,
    );
  });

  it('rejects a field that overruns its enclosing message', () => {
    // resource_logs { scope_logs { log_records (3 bytes) } } whose record's one field (99, 3 bytes
    // long) reaches into the next top-level field: inside the buffer, outside its message.
    const broken = bytes([0x0a, 0x04, 0x12, 0x02, 0x12, 0x03], str(99, 'abc'));
    expect(attempt('logs', broken, 'protobuf')?.message).toMatch(/overruns/);
  });

  it('limits AnyValue nesting depth', () => {
    let value = str(1, 'leaf');
    for (let i = 0; i < 40; i++) value = len(5, len(1, value)); // array_value { values: value }
    const deep = bytes(logsRequest(len(5, value)));
    expect(attempt('logs', deep, 'protobuf')?.message).toMatch(/nested deeper than 32/);
    let ok = str(1, 'leaf');
    for (let i = 0; i < 32; i++) ok = len(5, len(1, ok));
    expect(attempt('logs', bytes(logsRequest(len(5, ok))), 'protobuf')).toBeUndefined();
  });

  it('skips unknown fields of every wire type', () => {
    const unknown = [
      0xa8,
      0x06,
      0x01,
      0xb1,
      0x06,
      1,
      2,
      3,
      4,
      5,
      6,
      7,
      8,
      0xbd,
      0x06,
      1,
      2,
      3,
      4,
      ...str(99, 'x'),
    ];
    const req = bytes(
      unknown,
      len(1, [...unknown, ...len(2, [...unknown, ...len(2, [...unknown, ...str(12, 'e')])])]),
    );
    expect(decodeLogsProto(req).resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!.eventName).toBe('e');
  });

  it('treats a __proto__ attribute key as data', () => {
    const req = bytes(logsRequest(kv('__proto__', str(1, 'x'))));
    const attrs = decodeLogsProto(req).resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!.attributes;
    expect(Object.getPrototypeOf(attrs)).toBe(Object.prototype);
    expect(Object.keys(attrs)).toEqual(['__proto__']);
  });
});

const json = (o: unknown): string => JSON.stringify(o);
const jsonLog = (record: object): string =>
  json({ resourceLogs: [{ scopeLogs: [{ logRecords: [record] }] }] });

describe('OTLP/JSON decoding', () => {
  it('accepts int64 as string or number, hex ids in any case, base64 bytes and special doubles', () => {
    const r = decodeLogsJson(
      jsonLog({
        timeUnixNano: '1544712660300000001',
        observedTimeUnixNano: 1544712660,
        traceId: '5B8EFFF798038103D269B633813FC60C',
        attributes: [
          { key: 's', value: { intValue: '-12' } },
          { key: 'n', value: { intValue: 12 } },
          { key: 'big', value: { intValue: '9223372036854775807' } },
          { key: 'b', value: { bytesValue: 'AAH+/w==' } },
          { key: 'nan', value: { doubleValue: 'NaN' } },
          { key: 'inf', value: { doubleValue: '-Infinity' } },
          { key: 'empty', value: {} },
        ],
      }),
    ).resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!;
    expect(r.timeUnixNano).toBe(1544712660300000001n);
    expect(r.observedTimeUnixNano).toBe(1544712660n);
    expect(r.traceId).toBe('5b8efff798038103d269b633813fc60c');
    expect(r.attributes).toEqual({
      s: -12,
      n: 12,
      big: 9223372036854775807n,
      b: new Uint8Array([0, 1, 254, 255]),
      nan: NaN,
      inf: -Infinity,
      empty: undefined,
    });
  });

  it('ignores unknown and snake_case keys (OTLP/JSON uses lowerCamelCase only)', () => {
    const req = decodeLogsJson(
      json({
        resource_logs: [{}],
        resourceLogs: [{ scope_logs: [{}], futureField: { x: 1 } }],
        extra: true,
      }),
    );
    expect(req.resourceLogs).toEqual([
      { resource: { attributes: {}, droppedAttributesCount: 0 }, scopeLogs: [], schemaUrl: '' },
    ]);
  });

  it.each([
    ['{"resourceLogs": [', /invalid JSON/, ''],
    ['[1,2]', /must be a JSON object, got an array/, ''],
    [
      jsonLog({ timeUnixNano: 'soon' }),
      /expected an integer/,
      'resourceLogs[0].scopeLogs[0].logRecords[0].timeUnixNano',
    ],
    [
      jsonLog({ timeUnixNano: '-1' }),
      /out of uint64 range/,
      'resourceLogs[0].scopeLogs[0].logRecords[0].timeUnixNano',
    ],
    [
      jsonLog({ traceId: 'xyz' }),
      /hex string/,
      'resourceLogs[0].scopeLogs[0].logRecords[0].traceId',
    ],
    [
      jsonLog({ severityNumber: 'INFO' }),
      /expected an integer/,
      'resourceLogs[0].scopeLogs[0].logRecords[0].severityNumber',
    ],
    [
      jsonLog({ attributes: [{ key: 'x', value: { intValue: 1.5 } }] }),
      /expected an integer/,
      'resourceLogs[0].scopeLogs[0].logRecords[0].attributes["x"].intValue',
    ],
    [
      jsonLog({ attributes: [{ key: 'b', value: { bytesValue: '***' } }] }),
      /base64/,
      'resourceLogs[0].scopeLogs[0].logRecords[0].attributes["b"].bytesValue',
    ],
    [json({ resourceLogs: {} }), /expected an array, got an object/, 'resourceLogs'],
    [json({ resourceLogs: [7] }), /expected an object, got number 7/, 'resourceLogs[0]'],
  ])('rejects %s with a message naming the field', (body, message, path) => {
    const error = attempt('logs', new TextEncoder().encode(body), 'json');
    expect(error?.message).toMatch(message);
    expect(error?.path).toBe(path);
  });

  it('limits AnyValue nesting and survives absurdly deep JSON', () => {
    let value: object = { stringValue: 'leaf' };
    for (let i = 0; i < 40; i++) value = { kvlistValue: { values: [{ key: 'k', value }] } };
    expect(() => decodeLogsJson(jsonLog({ body: value }))).toThrow(/nested deeper than 32/);
    const deep = `{"resourceLogs":${'['.repeat(200000)}${']'.repeat(200000)}}`;
    expect(attempt('logs', new TextEncoder().encode(deep), 'json')).toBeInstanceOf(OtlpDecodeError);
  });

  it('decodes traces and metrics with numbers given as strings', () => {
    const spans = decodeTracesJson(
      json({
        resourceSpans: [
          { scopeSpans: [{ spans: [{ kind: '2', flags: 257, status: { code: 2 } }] }] },
        ],
      }),
    ).resourceSpans[0]!.scopeSpans[0]!.spans[0]!;
    expect([spans.kind, spans.flags, spans.status.code]).toEqual([2, 257, 2]);
    const metric = decodeMetricsJson(
      json({
        resourceMetrics: [
          {
            scopeMetrics: [
              {
                metrics: [
                  {
                    name: 'm',
                    sum: { dataPoints: [{ asInt: '9007199254740993' }], isMonotonic: true },
                  },
                ],
              },
            ],
          },
        ],
      }),
    ).resourceMetrics[0]!.scopeMetrics[0]!.metrics[0]!;
    expect(metric.data).toEqual({
      type: 'sum',
      aggregationTemporality: 0,
      isMonotonic: true,
      dataPoints: [
        {
          attributes: {},
          startTimeUnixNano: 0n,
          timeUnixNano: 0n,
          flags: 0,
          value: 9007199254740993n,
        },
      ],
    });
  });
});
