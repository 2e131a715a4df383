/**
 * Security of a running `mlmon serve`: with a bearer token (flag or MLMON_AUTH_TOKEN) every
 * receiver, the status API, the dashboard and /metrics answer 401 without it; with
 * --tls-cert/--tls-key every listener speaks HTTPS.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Metadata } from '@grpc/grpc-js';
import { ExportResultCode } from '@opentelemetry/core';
import { OTLPLogExporter as GrpcLogExporter } from '@opentelemetry/exporter-logs-otlp-grpc';
import { OTLPLogExporter as ProtoLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { exportWith } from '../../processor/src/receiver/__fixtures__/recording-sink.js';
import { buildLogRecords } from '../decode/sdk-requests.js';
import { logsRequestJson } from '../processor/support/otlp-json.js';
import { prediction } from '../durability/support/events.js';
import type { ServeProcess } from '../durability/support/serve-process.js';
import {
  baseArgs,
  cleanEnv,
  postLogs,
  startServe,
  stopServe,
} from '../durability/support/serve-process.js';

const TOKEN = 's3cret-token-for-tests';
const dir = mkdtempSync(join(tmpdir(), 'mlmon-auth-'));
const processes: ServeProcess[] = [];
afterAll(async () => {
  for (const p of processes) await stopServe(p);
  rmSync(dir, { recursive: true, force: true });
});

describe('bearer token', () => {
  let serve: ServeProcess;
  beforeAll(async () => {
    serve = await startServe(
      [...baseArgs(join(dir, 'data-auth'))],
      cleanEnv({ MLMON_AUTH_TOKEN: TOKEN }),
    );
    processes.push(serve);
  }, 30_000);

  it('answers 401 without the token (or with a wrong one) on the receiver, API, dashboard and /metrics', async () => {
    const body = logsRequestJson([prediction('m', Date.now(), { x: 1 }, 0.5)]);
    expect((await postLogs(serve.httpPort, body)).status).toBe(401);
    expect((await postLogs(serve.httpPort, body, { authorization: 'Bearer nope' })).status).toBe(
      401,
    );
    for (const path of ['/metrics', '/api/v1/models', '/']) {
      const response = await fetch(`http://127.0.0.1:${serve.adminPort}${path}`);
      expect(response.status, path).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const wrong = await fetch(`http://127.0.0.1:${serve.adminPort}${path}`, {
        headers: { authorization: 'Bearer s3cret-token-for-test' },
      });
      expect(wrong.status, path).toBe(401);
    }
    // Liveness and readiness probes stay open (they reveal nothing).
    expect((await fetch(`http://127.0.0.1:${serve.adminPort}/healthz`)).status).toBe(200);
  });

  it('serves with the token', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const body = logsRequestJson([prediction('m', Date.now(), { x: 1 }, 0.5)]);
    expect((await postLogs(serve.httpPort, body, auth)).status).toBe(200);
    for (const path of ['/metrics', '/api/v1/models', '/']) {
      const response = await fetch(`http://127.0.0.1:${serve.adminPort}${path}`, { headers: auth });
      expect(response.status, path).toBe(200);
    }
  });

  it('takes the token from --auth-token too', async () => {
    const viaFlag = await startServe([...baseArgs(join(dir, 'data-flag')), '--auth-token', TOKEN]);
    processes.push(viaFlag);
    expect((await fetch(`http://127.0.0.1:${viaFlag.adminPort}/metrics`)).status).toBe(401);
    const ok = await fetch(`http://127.0.0.1:${viaFlag.adminPort}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(ok.status).toBe(200);
    await stopServe(viaFlag);
  }, 30_000);
});

describe('bearer token with the OTel SDK exporters', () => {
  it('refuses OTLP/HTTP and OTLP/gRPC exports without the token and takes them with it', async () => {
    const grpcPort = await freePort();
    const args = baseArgs(join(dir, 'data-sdk'));
    args[args.indexOf('--otlp-grpc-port') + 1] = String(grpcPort);
    const serve = await startServe(args, cleanEnv({ MLMON_AUTH_TOKEN: TOKEN }));
    processes.push(serve);
    const records = await buildLogRecords(3);
    const url = `http://127.0.0.1:${serve.httpPort}/v1/logs`;
    const httpWithout = await exportWith(
      new ProtoLogExporter({ url, timeoutMillis: 5000 }),
      records,
    );
    expect(httpWithout.code).toBe(ExportResultCode.FAILED);
    const httpWith = await exportWith(
      new ProtoLogExporter({ url, headers: { Authorization: `Bearer ${TOKEN}` } }),
      records,
    );
    expect(httpWith.code).toBe(ExportResultCode.SUCCESS);
    const grpcUrl = `http://127.0.0.1:${grpcPort}`;
    const grpcWithout = await exportWith(
      new GrpcLogExporter({ url: grpcUrl, timeoutMillis: 5000 }),
      records,
    );
    expect(grpcWithout.code).toBe(ExportResultCode.FAILED);
    expect(String(grpcWithout.error)).toMatch(/missing bearer token/);
    const metadata = new Metadata();
    metadata.set('authorization', `Bearer ${TOKEN}`);
    const grpcWith = await exportWith(new GrpcLogExporter({ url: grpcUrl, metadata }), records);
    expect(grpcWith.code).toBe(ExportResultCode.SUCCESS);
  }, 30_000);
});

describe('TLS', () => {
  it('serves the receiver and the admin port over HTTPS with --tls-cert/--tls-key', async () => {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-days', '1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' }); // prettier-ignore
    const ca = readFileSync(join(dir, 'cert.pem'));
    const serve = await startServe([
      ...baseArgs(join(dir, 'data-tls')),
      '--tls-cert',
      join(dir, 'cert.pem'),
      '--tls-key',
      join(dir, 'key.pem'),
    ]);
    processes.push(serve);
    const call = (port: number, method: string, path: string, body?: Uint8Array) =>
      new Promise<number>((resolve, reject) => {
        const req = httpsRequest(
          {
            host: '127.0.0.1',
            port,
            method,
            path,
            ca,
            headers: { 'content-type': 'application/json' },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    const body = logsRequestJson([prediction('m', Date.now(), { x: 1 }, 0.5)]);
    expect(await call(serve.httpPort, 'POST', '/v1/logs', body)).toBe(200);
    expect(await call(serve.adminPort, 'GET', '/metrics')).toBe(200);
    // Plain HTTP is not answered as HTTP on a TLS port.
    await expect(fetch(`http://127.0.0.1:${serve.adminPort}/metrics`)).rejects.toThrow();
  }, 30_000);
});
