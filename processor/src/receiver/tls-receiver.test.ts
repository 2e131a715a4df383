import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentials } from '@grpc/grpc-js';
import { ExportResultCode } from '@opentelemetry/core';
import { OTLPLogExporter as ProtoLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPLogExporter as GrpcLogExporter } from '@opentelemetry/exporter-logs-otlp-grpc';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { buildLogRecords } from '../../../test/decode/sdk-requests.js';
import { startOtlpGrpcReceiver } from './grpc-receiver.js';
import { startOtlpHttpReceiver } from './http-receiver.js';
import { exportWith, RecordingSink } from './__fixtures__/recording-sink.js';
import type { RunningReceiver } from './types.js';

// A throwaway self-signed certificate for 127.0.0.1, made with the system openssl.
const dir = mkdtempSync(join(tmpdir(), 'mlmon-tls-'));
let cert: Buffer;
let key: Buffer;
const sink = new RecordingSink();
let http: RunningReceiver;
let grpc: RunningReceiver;
let records: ReadableLogRecord[];

beforeAll(async () => {
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-days', '1',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ], { stdio: 'ignore' }); // prettier-ignore
  cert = readFileSync(join(dir, 'cert.pem'));
  key = readFileSync(join(dir, 'key.pem'));
  records = await buildLogRecords(3);
  http = await startOtlpHttpReceiver({ sink, port: 0, tls: { cert, key } });
  grpc = await startOtlpGrpcReceiver({ sink, port: 0, tls: { cert, key } });
});

afterAll(async () => {
  await http?.close();
  await grpc?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('receivers over TLS', () => {
  it('serve HTTPS to the protobuf exporter that trusts the certificate', async () => {
    sink.reset();
    const url = `https://127.0.0.1:${http.port}/v1/logs`;
    const ok = await exportWith(
      new ProtoLogExporter({ url, httpAgentOptions: { ca: cert } }),
      records,
    );
    expect(ok.code).toBe(ExportResultCode.SUCCESS);
    expect(sink.requests).toHaveLength(1);
    const untrusted = await exportWith(new ProtoLogExporter({ url, timeoutMillis: 2000 }), records);
    expect(untrusted.code).toBe(ExportResultCode.FAILED);
    expect(sink.requests).toHaveLength(1);
  });

  it('serve gRPC over TLS to the gRPC exporter', async () => {
    sink.reset();
    const exporter = new GrpcLogExporter({
      url: `https://127.0.0.1:${grpc.port}`,
      credentials: credentials.createSsl(cert),
    });
    const result = await exportWith(exporter, records);
    expect(result.code).toBe(ExportResultCode.SUCCESS);
    expect(sink.requests).toHaveLength(1);
    expect(sink.requests[0]!.req.signal).toBe('logs');
  });
});
