import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ProtoReader } from '../decode/proto-reader.js';
import { isAuthorized } from './bearer-auth.js';
import {
  encodeExportResponseJson,
  encodeExportResponseProto,
  encodeRpcStatusJson,
  encodeRpcStatusProto,
} from './otlp-response.js';

// The legacy generated protobufjs root (dev-only) as the reference decoder for responses.
const require = createRequire(import.meta.url);
interface Decoder {
  decode(b: Uint8Array): { toJSON(): Record<string, unknown> };
}
const collector = (
  require('otlp-legacy/build/src/generated/root.js') as {
    opentelemetry: { proto: { collector: Record<string, { v1: Record<string, Decoder> }> } };
  }
).opentelemetry.proto.collector;

describe('export responses', () => {
  it('encode partial success as the generated decoder reads it, for each signal', () => {
    const bytes = encodeExportResponseProto({ rejected: 300, message: 'missing ml.model.name' });
    const cases: [string, string, string][] = [
      ['logs', 'ExportLogsServiceResponse', 'rejectedLogRecords'],
      ['trace', 'ExportTraceServiceResponse', 'rejectedSpans'],
      ['metrics', 'ExportMetricsServiceResponse', 'rejectedDataPoints'],
    ];
    for (const [pkg, type, field] of cases) {
      expect(collector[pkg]!.v1[type]!.decode(bytes).toJSON()).toEqual({
        partialSuccess: { [field]: '300', errorMessage: 'missing ml.model.name' },
      });
    }
  });

  it('are empty when nothing was rejected', () => {
    expect(encodeExportResponseProto({ rejected: 0 })).toEqual(new Uint8Array(0));
    expect(new TextDecoder().decode(encodeExportResponseJson('logs', { rejected: 0 }))).toBe('{}');
  });

  it('encode JSON partial success with the signal-specific field', () => {
    const text = new TextDecoder().decode(
      encodeExportResponseJson('traces', { rejected: 2, message: 'm' }),
    );
    expect(JSON.parse(text)).toEqual({ partialSuccess: { rejectedSpans: '2', errorMessage: 'm' } });
  });
});

describe('google.rpc.Status', () => {
  it('encodes code, message and RetryInfo details', () => {
    const r = new ProtoReader(encodeRpcStatusProto(14, 'busy', 7));
    expect(r.uint32()).toBe(8);
    expect(r.int32()).toBe(14);
    expect(r.uint32()).toBe(18);
    expect(r.string()).toBe('busy');
    expect(r.uint32()).toBe(26); // details: Any
    const anyEnd = r.lengthEnd();
    expect(r.uint32()).toBe(10);
    expect(r.string()).toBe('type.googleapis.com/google.rpc.RetryInfo');
    expect(r.uint32()).toBe(18);
    // RetryInfo { retry_delay (1): Duration { seconds (1): 7 } }
    expect([...r.buf.subarray(r.pos, anyEnd)]).toEqual([4, 10, 2, 8, 7]);
    expect(JSON.parse(new TextDecoder().decode(encodeRpcStatusJson(3, 'bad')))).toEqual({
      code: 3,
      message: 'bad',
    });
  });
});

describe('bearer auth', () => {
  it.each([
    ['Bearer tok', true],
    ['bearer tok', true],
    ['  BEARER   tok  ', true],
    ['Bearer tok2', false],
    ['Bearer to', false],
    ['Basic tok', false],
    ['tok', false],
    ['Bearer ', false],
    [undefined, false],
  ])('%s → %s', (header, ok) => {
    expect(isAuthorized(header, 'tok')).toBe(ok);
  });
});
