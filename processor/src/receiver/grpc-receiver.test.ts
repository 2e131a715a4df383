import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Client, credentials, Metadata } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { ExportResultCode } from '@opentelemetry/core';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-grpc';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-grpc';
import { ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import {
  buildLogRecords,
  buildResourceMetrics,
  buildSpans,
  features,
} from '../../../test/decode/sdk-requests.js';
import { ProtoReader } from '../decode/proto-reader.js';
import { startOtlpGrpcReceiver } from './grpc-receiver.js';
import { ReceiverCounters } from './receiver-counters.js';
import { exportWith, RecordingSink } from './__fixtures__/recording-sink.js';
import type { RunningReceiver } from './types.js';

const LOGS_EXPORT = '/opentelemetry.proto.collector.logs.v1.LogsService/Export';
const TOKEN = 'grpc-token';

const sink = new RecordingSink();
const counters = new ReceiverCounters();
let receiver: RunningReceiver;
let authReceiver: RunningReceiver;
let client: Client;
let records: ReadableLogRecord[];
let spans: ReadableSpan[];
let metrics: ResourceMetrics;
let logsProto: Buffer;

beforeAll(async () => {
  [records, spans, metrics] = await Promise.all([
    buildLogRecords(10),
    buildSpans(3),
    buildResourceMetrics(),
  ]);
  logsProto = Buffer.from(ProtobufLogsSerializer.serializeRequest(records)!);
  const logger = { warn: () => {}, error: () => {} };
  receiver = await startOtlpGrpcReceiver({
    sink,
    port: 0,
    onRequestHandled: counters.onRequestHandled,
    logger,
  });
  authReceiver = await startOtlpGrpcReceiver({ sink, port: 0, authToken: TOKEN, logger });
  client = new Client(`127.0.0.1:${receiver.port}`, credentials.createInsecure());
});

afterAll(async () => {
  client?.close();
  await receiver?.close();
  await authReceiver?.close();
});

beforeEach(() => sink.reset());

/** One raw unary call with arbitrary request bytes; resolves with the response bytes or the error. */
function call(
  body: Buffer,
  metadata = new Metadata(),
): Promise<{ response?: Buffer; error?: ServiceError }> {
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      LOGS_EXPORT,
      (b: Buffer) => b,
      (b: Buffer) => b,
      body,
      metadata,
      {},
      (error, response) => resolve({ error: error ?? undefined, response }),
    );
  });
}

/** Reads `rejected_log_records` and `error_message` from an ExportLogsServiceResponse. */
function partialSuccess(body: Buffer): { rejected: number; message: string } | undefined {
  const r = new ProtoReader(body);
  let out: { rejected: number; message: string } | undefined;
  while (r.pos < r.len) {
    const tag = r.uint32();
    if (tag !== 10) {
      r.skip(tag);
      continue;
    }
    const end = r.lengthEnd();
    out = { rejected: 0, message: '' };
    while (r.pos < end) {
      const t = r.uint32();
      if (t === 8) out.rejected = r.uint64Number();
      else if (t === 18) out.message = r.string();
      else r.skip(t);
    }
  }
  return out;
}

describe('OTLP/gRPC receiver with the real OTel JS gRPC exporters', () => {
  const address = (): string => `http://127.0.0.1:${receiver.port}`;

  it('receives logs, traces and metrics', async () => {
    const results = [
      await exportWith(new OTLPLogExporter({ url: address() }), records),
      await exportWith(new OTLPTraceExporter({ url: address() }), spans),
      await exportWith(new OTLPMetricExporter({ url: address() }), metrics),
    ];
    expect(results.map((r) => r.code)).toEqual([0, 0, 0]);
    expect(sink.requests.map((r) => r.req.signal)).toEqual(['logs', 'traces', 'metrics']);
    const logs = sink.requests[0]!.req;
    if (logs.signal !== 'logs') throw new Error('logs expected');
    const record = logs.request.resourceLogs[0]!.scopeLogs[0]!.logRecords[4]!;
    expect(record.eventName).toBe('ml.prediction');
    expect(record.attributes['ml.features']).toEqual(features(4));
    expect(record.timeUnixNano).toBe(1763887004123456789n);
  });

  it('receives gzip-compressed messages', async () => {
    const result = await exportWith(
      new OTLPLogExporter({ url: address(), compression: 'gzip' as never }),
      records,
    );
    expect(result.code).toBe(ExportResultCode.SUCCESS);
    expect(sink.requests).toHaveLength(1);
    expect(sink.requests[0]!.bytes).toBe(logsProto.length);
  });

  it('answers partial success that the exporter accepts', async () => {
    sink.result = { rejected: 2, message: '2 records lack ml.model.name' };
    const result = await exportWith(new OTLPLogExporter({ url: address() }), records);
    expect(result.code).toBe(ExportResultCode.SUCCESS);
    const raw = await call(logsProto);
    expect(partialSuccess(raw.response!)).toEqual({
      rejected: 2,
      message: '2 records lack ml.model.name',
    });
  });

  it('answers INVALID_ARGUMENT with the decoder message for malformed protobuf, and keeps serving', async () => {
    const bad = await call(logsProto.subarray(0, logsProto.length - 5));
    expect(bad.error?.code).toBe(3);
    expect(bad.error?.details).toMatch(/^invalid OTLP protobuf logs request: .*resourceLogs\[0\]/);
    expect(sink.requests).toHaveLength(0);
    const ok = await call(logsProto);
    expect(ok.error).toBeUndefined();
    expect(ok.response?.length).toBe(0);
  });

  it('maps refusals to RESOURCE_EXHAUSTED / UNAVAILABLE with RetryInfo, and sink failures to UNAVAILABLE', async () => {
    sink.refuse = {
      times: 1,
      admission: { ok: false, status: 429, retryAfterSeconds: 2, message: 'queue full' },
    };
    const exhausted = await call(logsProto);
    expect(exhausted.error?.code).toBe(8);
    expect(exhausted.error?.details).toBe('queue full');
    const details = exhausted.error?.metadata.get('grpc-status-details-bin')[0] as Buffer;
    expect(details.toString('latin1')).toContain('type.googleapis.com/google.rpc.RetryInfo');
    sink.refuse = {
      times: 1,
      admission: { ok: false, status: 503, retryAfterSeconds: 1, message: 'busy' },
    };
    expect((await call(logsProto)).error?.code).toBe(14);
    sink.failTimes = 1;
    expect((await call(logsProto)).error?.code).toBe(14);
    expect((await call(logsProto)).error).toBeUndefined();
    expect(counters.requests('overloaded', 'logs')).toBe(2);
    expect(counters.requests('sink_error', 'logs')).toBe(1);
  });

  it('refuses messages over maxBodyBytes with RESOURCE_EXHAUSTED and keeps serving', async () => {
    const small = await startOtlpGrpcReceiver({ sink, port: 0, maxBodyBytes: 1024 });
    const smallClient = new Client(`127.0.0.1:${small.port}`, credentials.createInsecure());
    try {
      const unary = (body: Buffer): Promise<ServiceError | null> =>
        new Promise((resolve) =>
          smallClient.makeUnaryRequest(
            LOGS_EXPORT,
            (b: Buffer) => b,
            (b: Buffer) => b,
            body,
            new Metadata(),
            {},
            (e) => resolve(e),
          ),
        );
      expect(logsProto.length).toBeGreaterThan(1024);
      expect((await unary(logsProto))?.code).toBe(8);
      expect(sink.requests).toHaveLength(0);
      expect(await unary(Buffer.alloc(0))).toBeNull(); // an empty request is valid
      expect(sink.requests).toHaveLength(1);
    } finally {
      smallClient.close();
      await small.close();
    }
  });

  it('requires the bearer token when auth is on', async () => {
    const url = `http://127.0.0.1:${authReceiver.port}`;
    const denied = await exportWith(new OTLPLogExporter({ url }), records);
    expect(denied.code).toBe(ExportResultCode.FAILED);
    expect(sink.requests).toHaveLength(0);
    const metadata = new Metadata();
    metadata.set('authorization', `Bearer ${TOKEN}`);
    const allowed = await exportWith(new OTLPLogExporter({ url, metadata }), records);
    expect(allowed.code).toBe(ExportResultCode.SUCCESS);
    expect(sink.requests).toHaveLength(1);
  });
});
