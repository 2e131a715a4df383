/**
 * `mlmon proxy` as a real process: in front of an OIP V2 server written in the test, exporting
 * OTLP/HTTP protobuf to a receiver written in the test. Checks byte-identical replies, the
 * traceparent upstream, and the exported spans, events and metrics (decoded with the reference
 * protobufjs decoder of otlp-transformer 0.214).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ATTR_ML_MODEL_NAME,
  ATTR_ML_PREDICTION_ID,
  ATTR_ML_PREDICTION_LABEL,
  ATTR_SERVER_PORT,
  ATTR_SERVICE_NAME,
  EVENT_ML_PREDICTION,
  METRIC_ML_INFERENCE_DURATION,
  METRIC_ML_INFERENCE_PREDICTIONS,
  ML_OPERATION_NAME_VALUE_PREDICT,
} from '@mlmon/conventions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inferBody, send, startModelServer } from './support/oip-model-server.js';

/** Minimal view of the decoded OTLP messages this test reads. */
interface KeyValue {
  key: string;
  value: {
    stringValue?: string;
    intValue?: string;
    doubleValue?: number;
    arrayValue?: unknown;
    kvlistValue?: unknown;
  };
}
interface Decoded {
  resourceSpans?: {
    resource: { attributes: KeyValue[] };
    scopeSpans: {
      spans: {
        name: string;
        kind: number;
        traceId: string;
        spanId: string;
        attributes: KeyValue[];
      }[];
    }[];
  }[];
  resourceLogs?: {
    scopeLogs: { logRecords: { eventName?: string; attributes: KeyValue[]; spanId: string }[] }[];
  }[];
  resourceMetrics?: {
    scopeMetrics: {
      metrics: {
        name: string;
        sum?: { dataPoints: { asInt?: string; asDouble?: number; attributes: KeyValue[] }[] };
        histogram?: { dataPoints: { count: string; attributes: KeyValue[] }[] };
      }[];
    }[];
  }[];
}
interface MessageType {
  decode(bytes: Uint8Array): unknown;
  toObject(message: unknown, options: object): Decoded;
}
const require = createRequire(import.meta.url);
const root = require('otlp-legacy/build/src/generated/root.js') as {
  opentelemetry: { proto: { collector: Record<string, { v1: Record<string, MessageType> }> } };
};
const collector = root.opentelemetry.proto.collector;
const decode = (type: MessageType, bodies: Buffer[]): Decoded[] =>
  bodies.map((b) =>
    type.toObject(type.decode(b), { longs: String, bytes: String, defaults: false }),
  );
const hex = (base64: string): string => Buffer.from(base64, 'base64').toString('hex');
const attr = (attributes: KeyValue[], key: string): unknown => {
  const v = attributes.find((a) => a.key === key)?.value;
  return v?.stringValue ?? (v?.intValue !== undefined ? Number(v.intValue) : v?.doubleValue);
};

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
let upstream: Awaited<ReturnType<typeof startModelServer>>;
let receiver: http.Server;
const exported = new Map<string, Buffer[]>();
let child: ChildProcess;
let proxyUrl: string;
let dir: string;
let stderr = '';

beforeAll(async () => {
  upstream = await startModelServer();
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const list = exported.get(req.url ?? '') ?? [];
      list.push(Buffer.concat(chunks));
      exported.set(req.url ?? '', list);
      res.writeHead(200, { 'content-type': 'application/x-protobuf' });
      res.end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  dir = mkdtempSync(join(tmpdir(), 'mlmon-proxy-'));
  const configPath = join(dir, 'proxy.yaml');
  writeFileSync(
    configPath,
    [
      'providerName: kserve',
      'models:',
      '  fraud:',
      '    classes: [legit, fraud]',
      '    featureNames: [amount, age]',
    ].join('\n'),
  );
  child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'processor/src/cli/main.ts',
      'proxy',
      '--listen',
      '0',
      '--host',
      '127.0.0.1',
      '--upstream',
      `http://127.0.0.1:${upstream.port}`,
      '--otlp-endpoint',
      `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`,
      '--config',
      configPath,
      '--export-interval-ms',
      '600000',
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  proxyUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) resolve(match[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`mlmon proxy exited with ${code}: ${stderr}`)));
  });
});

afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGKILL');
  upstream.server.closeAllConnections();
  await new Promise((r) => upstream.server.close(r));
  await new Promise((r) => receiver.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('mlmon proxy (process)', () => {
  it('forwards byte for byte, injects traceparent, and exports the telemetry over OTLP', async () => {
    const body = inferBody('cli-1', [
      [250, 20],
      [3, 70],
    ]);
    const direct = await send(
      `http://127.0.0.1:${upstream.port}`,
      'POST',
      '/v2/models/fraud/infer',
      body,
    );
    const proxied = await send(proxyUrl, 'POST', '/v2/models/fraud/infer', body);
    expect(proxied.status).toBe(200);
    expect(proxied.body.equals(direct.body)).toBe(true);
    const notFound = await send(proxyUrl, 'POST', '/v2/models/missing/infer', body);
    expect(notFound.status).toBe(404);
    expect(
      notFound.body.equals(
        (await send(`http://127.0.0.1:${upstream.port}`, 'POST', '/v2/models/missing/infer', body))
          .body,
      ),
    ).toBe(true);

    // The second fraud infer the server saw (the first was sent to it directly); the proxy's
    // readiness polls are GETs of other paths.
    const proxiedUpstream = upstream.received.filter((r) => r.path === '/v2/models/fraud/infer')[1];
    const traceparent = proxiedUpstream?.traceparent;
    expect(traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);

    // SIGTERM: the proxy flushes every signal before exiting 0.
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    const traces = decode(
      collector['trace']!.v1['ExportTraceServiceRequest']!,
      exported.get('/v1/traces') ?? [],
    );
    const resourceSpans = traces.flatMap((t) => t.resourceSpans ?? []);
    expect(attr(resourceSpans[0]!.resource.attributes, ATTR_SERVICE_NAME)).toBe('mlmon-proxy');
    const spans = resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    const fraud = spans.find((s) => s.name === `${ML_OPERATION_NAME_VALUE_PREDICT} fraud`);
    expect(fraud?.kind).toBe(3); // SPAN_KIND_CLIENT
    expect(attr(fraud!.attributes, ATTR_SERVER_PORT)).toBe(upstream.port);
    expect(traceparent).toBe(`00-${hex(fraud!.traceId)}-${hex(fraud!.spanId)}-01`);
    expect(spans.some((s) => s.name === `${ML_OPERATION_NAME_VALUE_PREDICT} missing`)).toBe(true);

    const logs = decode(
      collector['logs']!.v1['ExportLogsServiceRequest']!,
      exported.get('/v1/logs') ?? [],
    );
    const events = logs
      .flatMap((l) => l.resourceLogs ?? [])
      .flatMap((r) => r.scopeLogs.flatMap((s) => s.logRecords))
      .filter((r) => r.eventName === EVENT_ML_PREDICTION);
    expect(events.map((e) => attr(e.attributes, ATTR_ML_PREDICTION_ID))).toEqual([
      'cli-1-0',
      'cli-1-1',
    ]);
    const response = JSON.parse(direct.body.toString()) as { outputs: { data: number[] }[] };
    const p = response.outputs[0]!.data;
    expect(events.map((e) => attr(e.attributes, ATTR_ML_PREDICTION_LABEL))).toEqual([
      p[1]! >= 0.5 ? 'fraud' : 'legit',
      p[3]! >= 0.5 ? 'fraud' : 'legit',
    ]);
    for (const e of events) expect(hex(e.spanId)).toBe(hex(fraud!.spanId));

    const metrics = decode(
      collector['metrics']!.v1['ExportMetricsServiceRequest']!,
      exported.get('/v1/metrics') ?? [],
    );
    const all = metrics
      .flatMap((m) => m.resourceMetrics ?? [])
      .flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics));
    const predictions = all
      .filter((m) => m.name === METRIC_ML_INFERENCE_PREDICTIONS)
      .flatMap((m) => m.sum!.dataPoints);
    const fraudRows = predictions
      .filter((d) => attr(d.attributes, ATTR_ML_MODEL_NAME) === 'fraud')
      .reduce((a, d) => a + Number(d.asInt ?? d.asDouble ?? 0), 0);
    expect(fraudRows).toBe(2);
    const durations = all
      .filter((m) => m.name === METRIC_ML_INFERENCE_DURATION)
      .flatMap((m) => m.histogram!.dataPoints);
    expect(durations.reduce((a, d) => a + Number(d.count), 0)).toBe(2);
  });
});

describe('mlmon proxy (usage errors)', () => {
  it('exits 2 and lists every invalid --config field', () => {
    const configPath = join(dir, 'bad.yaml');
    writeFileSync(
      configPath,
      ['captureFeatures: yes', 'models:', '  m:', '    task: classify'].join('\n'),
    );
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'processor/src/cli/main.ts',
        'proxy',
        '--listen',
        '0',
        '--upstream',
        'http://127.0.0.1:1',
        '--config',
        configPath,
      ],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`mlmon: invalid --config ${configPath}:`);
    expect(run.stderr).toContain('captureFeatures: must be true or false');
    expect(run.stderr).toContain('models.m.task: must be one of binary_classification');
  });
});
