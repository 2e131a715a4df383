/**
 * `startOipProxy`: a reverse proxy for Open Inference Protocol (KServe V2) REST servers.
 * Every request and response is forwarded byte for byte (bodies streamed, status and headers
 * kept; only hop-by-hop headers and `Host` are rewritten, as any HTTP proxy must). For
 * `POST /v2/models/{name}[/versions/{v}]/infer` the proxy also keeps a copy of both bodies,
 * decodes them into predictions after the response has been sent, and emits the `ml.inference`
 * span (CLIENT), metrics and events, with W3C `traceparent` injected upstream so the model
 * server's spans join the trace.
 */
import http from 'node:http';
import https from 'node:https';
import { randomUUID } from 'node:crypto';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { context, diag, SpanKind, type Context, type TextMapPropagator } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { ATTR_SERVER_ADDRESS, ATTR_SERVER_PORT } from '@mlmon/conventions';
import type { PredictionRow, ResolvedModel } from '../internal-types.js';
import { createRecorder } from '../model-monitor.js';
import type { InferenceRecorder, InferenceScope } from '../recorder.js';
import { decodeOutputTensors, featuresFromTensors, rowCount } from '../tensor-predictions.js';
import { guard, rowSlices } from '../wrap-predict.js';
import {
  decodeOipMessage,
  oipPredictionIds,
  parseOipInferPath,
  type OipInferPath,
} from './oip-decode.js';
import type { OipModelConfig, OipProxy, OipProxyOptions } from './oip-proxy-types.js';
import { startReadinessPolling } from './oip-readiness.js';

const DEFAULT_TIMEOUT_MILLIS = 60_000;
const DEFAULT_MAX_DECODE_BYTES = 16 * 1024 * 1024;
/** Binary-data extension header: the JSON part's length (the rest is raw tensor bytes). */
const INFERENCE_HEADER_LENGTH = 'inference-header-content-length';

/** Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are not forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Flat raw header list without hop-by-hop headers, those named by `Connection`, and `skip`. */
export function forwardableHeaders(
  rawHeaders: readonly string[],
  skip: ReadonlySet<string> = new Set(),
): string[] {
  const named = new Set<string>();
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if ((rawHeaders[i] as string).toLowerCase() === 'connection') {
      for (const token of (rawHeaders[i + 1] as string).split(','))
        named.add(token.trim().toLowerCase());
    }
  }
  const out: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] as string).toLowerCase();
    if (HOP_BY_HOP.has(name) || named.has(name) || skip.has(name)) continue;
    out.push(rawHeaders[i] as string, rawHeaders[i + 1] as string);
  }
  return out;
}

/** Collects up to `limit` bytes of a stream's chunks; `overflowed` once it went past. */
class BodyTap {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  overflowed = false;
  constructor(private readonly limit: number) {}
  push(chunk: Buffer): void {
    if (this.overflowed) return;
    this.size += chunk.length;
    if (this.size > this.limit) {
      this.overflowed = true;
      this.chunks.length = 0;
      return;
    }
    this.chunks.push(chunk);
  }
  bytes(): Buffer | undefined {
    return this.overflowed ? undefined : Buffer.concat(this.chunks);
  }
}

function decompress(body: Buffer, encoding: string | undefined): Buffer {
  switch ((encoding ?? 'identity').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(body);
    case 'deflate':
      return inflateSync(body);
    case 'br':
      return brotliDecompressSync(body);
    default:
      return body;
  }
}

function headerLength(value: string | string[] | undefined): number | undefined {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** Settings shared by every request of one proxy. */
interface ProxySettings {
  upstream: URL;
  serverAttributes: { [ATTR_SERVER_ADDRESS]: string; [ATTR_SERVER_PORT]: number };
  timeoutMillis: number;
  maxDecodeBytes: number;
  models: Readonly<Record<string, OipModelConfig>>;
  providerName?: string;
  propagator: TextMapPropagator;
  recorder: InferenceRecorder;
  /** Model names seen in infer paths (bounded), for the readiness poller. */
  seenModels: Set<string>;
}

/** Most model names remembered for readiness polling. */
const MAX_SEEN_MODELS = 1000;
/** Readiness polls: every 10 s, each answered within 2 s or counted not ready. */
const DEFAULT_READINESS_INTERVAL_MILLIS = 10_000;
const READINESS_TIMEOUT_MILLIS = 2000;

function resolveModel(
  path: OipInferPath,
  config: OipModelConfig | undefined,
  providerName?: string,
): ResolvedModel {
  const model: ResolvedModel = { name: path.model };
  const version = path.version ?? config?.modelVersion;
  if (version !== undefined) model.version = version;
  if (config?.modelAlias !== undefined) model.alias = config.modelAlias;
  if (config?.modelId !== undefined) model.id = config.modelId;
  if (config?.framework !== undefined) model.framework = config.framework;
  const provider = config?.providerName ?? providerName;
  if (provider !== undefined) model.providerName = provider;
  if (config?.task !== undefined) model.task = config.task;
  if (config?.classes !== undefined) model.classes = [...config.classes];
  if (config?.threshold !== undefined) model.threshold = config.threshold;
  return model;
}

function featureNameMap(config: OipModelConfig | undefined, firstInput: string | undefined) {
  const names = config?.featureNames;
  if (!names) return {};
  if (Array.isArray(names))
    return firstInput === undefined ? {} : { [firstInput]: names as readonly string[] };
  return names as Readonly<Record<string, readonly string[]>>;
}

/** The telemetry side of one infer exchange. */
class InferExchange {
  readonly scope: InferenceScope;
  private model: ResolvedModel;
  private readonly config: OipModelConfig | undefined;
  readonly requestTap: BodyTap;
  readonly responseTap: BodyTap;
  private done = false;

  constructor(
    private readonly settings: ProxySettings,
    path: OipInferPath,
    parent: Context,
    private readonly requestHeaderLength: number | undefined,
  ) {
    this.config = settings.models[path.model];
    this.model = resolveModel(path, this.config, settings.providerName);
    this.scope = settings.recorder.start(this.model, {
      kind: SpanKind.CLIENT,
      parentContext: parent,
      extraAttributes: { ...settings.serverAttributes },
    });
    this.requestTap = new BodyTap(settings.maxDecodeBytes);
    this.responseTap = new BodyTap(settings.maxDecodeBytes);
  }

  private requestRows(): number {
    const body = this.requestTap.bytes();
    if (!body) return 0;
    const request = decodeOipMessage(body, 'inputs', this.requestHeaderLength);
    const first = request?.tensors[0];
    return first ? rowCount(first) : 0;
  }

  /** Records a failure (`error.type` = status code or network error code). */
  fail(errorType: string, error?: unknown): void {
    if (this.done) return;
    this.done = true;
    guard(
      'recording a failed OIP call',
      () =>
        this.settings.recorder.failWithType(
          this.scope,
          this.model,
          errorType,
          this.requestRows(),
          {},
          error,
        ),
      undefined,
    );
  }

  /** Decodes both bodies and records the predictions. */
  succeed(responseEncoding: string | undefined, responseHeaderLength: number | undefined): void {
    if (this.done) return;
    this.done = true;
    guard(
      'recording an OIP call',
      () => {
        const rows = this.decodeRows(responseEncoding, responseHeaderLength);
        this.settings.recorder.succeed(this.scope, this.model, rows);
      },
      undefined,
    );
  }

  private decodeRows(
    responseEncoding: string | undefined,
    responseHeaderLength: number | undefined,
  ): PredictionRow[] {
    const requestBody = this.requestTap.bytes();
    const rawResponse = this.responseTap.bytes();
    if (!requestBody || !rawResponse) return [];
    const responseBody = guard(
      'decompressing the response',
      () => decompress(rawResponse, responseEncoding),
      undefined,
    );
    const request = decodeOipMessage(requestBody, 'inputs', this.requestHeaderLength);
    const response = responseBody
      ? decodeOipMessage(responseBody, 'outputs', responseHeaderLength)
      : undefined;
    if (!request || !response) {
      diag.debug(
        `@mlmon/instrumentation: OIP exchange for ${this.model.name} not decodable; recorded without predictions`,
      );
      return [];
    }
    const updated: ResolvedModel = { ...this.model };
    if (response.modelName) updated.name = response.modelName;
    if (response.modelVersion) updated.version = response.modelVersion;
    const decoded = decodeOutputTensors(response.tensors, updated, this.config?.outputs);
    if (decoded.inferredTask) updated.task = decoded.inferredTask;
    if (
      updated.name !== this.model.name ||
      updated.version !== this.model.version ||
      decoded.inferredTask
    ) {
      this.settings.recorder.updateModel(this.scope, updated);
    }
    this.model = updated;
    const features = featuresFromTensors(
      request.tensors,
      featureNameMap(this.config, request.tensors[0]?.name),
    );
    const ids = oipPredictionIds(request.id ?? response.id ?? randomUUID(), decoded.outputs.length);
    const sliceKeys = this.config?.sliceKeys ?? [];
    return decoded.outputs.map((output, i) => ({
      id: ids[i] as string,
      output,
      features: features[i],
      slices: rowSlices(sliceKeys, features[i], {}),
    }));
  }
}

function sendProxyError(res: http.ServerResponse, status: number, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = `mlmon proxy: ${message}\n`;
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

function handle(
  settings: ProxySettings,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): void {
  const { upstream } = settings;
  const path = req.url ?? '/';
  const infer = req.method === 'POST' ? parseOipInferPath(path) : undefined;
  if (infer && settings.seenModels.size < MAX_SEEN_MODELS) settings.seenModels.add(infer.model);
  const basePath = upstream.pathname.replace(/\/$/, '');

  const skip = new Set(['host']);
  let exchange: InferExchange | undefined;
  let injected: Record<string, string> = {};
  if (infer) {
    exchange = guard(
      'starting the OIP span',
      () => {
        const parent = settings.propagator.extract(context.active(), req.headers, {
          get: (carrier, key) => carrier[key],
          keys: (carrier) => Object.keys(carrier),
        });
        return new InferExchange(
          settings,
          infer,
          parent,
          headerLength(req.headers[INFERENCE_HEADER_LENGTH]),
        );
      },
      undefined,
    );
    if (exchange) {
      const carrier: Record<string, string> = {};
      guard(
        'injecting trace context',
        () =>
          settings.propagator.inject((exchange as InferExchange).scope.context, carrier, {
            set: (c, k, v) => {
              c[k] = v;
            },
          }),
        undefined,
      );
      injected = carrier;
      // The injected context replaces the caller's (the caller's span is the CLIENT span's parent).
      for (const k of Object.keys(carrier)) skip.add(k.toLowerCase());
    }
  }

  const headers = forwardableHeaders(req.rawHeaders, skip);
  headers.push('Host', upstream.host);
  for (const [k, v] of Object.entries(injected)) headers.push(k, v);

  const transport = upstream.protocol === 'https:' ? https : http;
  const upstreamReq = transport.request({
    protocol: upstream.protocol,
    hostname: upstream.hostname,
    port: upstream.port || undefined,
    method: req.method,
    path: `${basePath}${path}`,
    headers: headers as unknown as http.OutgoingHttpHeaders,
  });

  let timedOut = false;
  upstreamReq.setTimeout(settings.timeoutMillis, () => {
    timedOut = true;
    upstreamReq.destroy(
      new Error(`upstream ${upstream.origin} did not respond within ${settings.timeoutMillis} ms`),
    );
  });

  upstreamReq.on('error', (error: NodeJS.ErrnoException) => {
    const code = timedOut ? 'ETIMEDOUT' : (error.code ?? 'ECONNERROR');
    exchange?.fail(code, error);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (timedOut) sendProxyError(res, 504, error.message);
    else sendProxyError(res, 502, `upstream ${upstream.origin} unreachable: ${code}`);
    req.resume();
  });

  upstreamReq.on('response', (upstreamRes) => {
    const status = upstreamRes.statusCode ?? 502;
    res.writeHead(status, upstreamRes.statusMessage, forwardableHeaders(upstreamRes.rawHeaders));
    if (exchange) {
      const ex = exchange;
      upstreamRes.on('data', (chunk: Buffer) => ex.responseTap.push(chunk));
      upstreamRes.on('end', () => {
        if (status >= 400) ex.fail(String(status));
        else
          ex.succeed(
            upstreamRes.headers['content-encoding'],
            headerLength(upstreamRes.headers[INFERENCE_HEADER_LENGTH]),
          );
      });
    }
    upstreamRes.on('error', () => {
      exchange?.fail('ECONNRESET');
      res.destroy();
    });
    upstreamRes.pipe(res);
  });

  if (exchange) {
    const ex = exchange;
    req.on('data', (chunk: Buffer) => ex.requestTap.push(chunk));
  }
  // A caller that goes away takes the upstream request with it.
  res.on('close', () => {
    if (!res.writableFinished) {
      upstreamReq.destroy();
      exchange?.fail('ECONNRESET');
    }
  });
  req.pipe(upstreamReq);
}

/**
 * Starts the proxy and resolves once it listens. Invalid options throw a `TypeError` naming
 * the option; a port in use rejects with the listen error.
 */
export async function startOipProxy(options: OipProxyOptions): Promise<OipProxy> {
  let upstream: URL;
  try {
    upstream = new URL(String(options.upstream));
  } catch {
    throw new TypeError(`startOipProxy: upstream is not a valid URL: ${String(options.upstream)}`);
  }
  if (upstream.protocol !== 'http:' && upstream.protocol !== 'https:') {
    throw new TypeError(
      `startOipProxy: upstream must be an http:// or https:// URL, got ${upstream.href}`,
    );
  }
  if (
    !Number.isInteger(options.listenPort) ||
    options.listenPort < 0 ||
    options.listenPort > 65535
  ) {
    throw new TypeError(
      `startOipProxy: listenPort must be an integer in [0, 65535], got ${String(options.listenPort)}`,
    );
  }
  const timeoutMillis = options.timeoutMillis ?? DEFAULT_TIMEOUT_MILLIS;
  if (!(timeoutMillis > 0))
    throw new TypeError(`startOipProxy: timeoutMillis must be > 0, got ${timeoutMillis}`);
  const settings: ProxySettings = {
    upstream,
    serverAttributes: {
      [ATTR_SERVER_ADDRESS]: upstream.hostname,
      [ATTR_SERVER_PORT]: Number(upstream.port || (upstream.protocol === 'https:' ? 443 : 80)),
    },
    timeoutMillis,
    maxDecodeBytes: options.maxDecodeBytes ?? DEFAULT_MAX_DECODE_BYTES,
    models: options.models ?? {},
    propagator: options.propagator ?? new W3CTraceContextPropagator(),
    recorder: createRecorder(options),
    seenModels: new Set(),
  };
  if (options.providerName !== undefined) settings.providerName = options.providerName;

  const server = http.createServer((req, res) => {
    try {
      handle(settings, req, res);
    } catch (error) {
      diag.error('@mlmon/instrumentation: proxy failed to forward a request', error);
      sendProxyError(res, 502, 'internal proxy error');
    }
  });
  const host = options.listenHost ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.listenPort, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.listenPort;
  const readinessInterval = options.readinessIntervalMillis ?? DEFAULT_READINESS_INTERVAL_MILLIS;
  if (!(readinessInterval >= 0)) {
    throw new TypeError(
      `startOipProxy: readinessIntervalMillis must be >= 0, got ${readinessInterval}`,
    );
  }
  const readiness =
    readinessInterval > 0
      ? startReadinessPolling({
          upstream,
          serverAttributes: settings.serverAttributes,
          intervalMillis: readinessInterval,
          timeoutMillis: Math.min(READINESS_TIMEOUT_MILLIS, readinessInterval),
          models: () => [...Object.keys(settings.models), ...settings.seenModels],
          ...(options.meterProvider !== undefined ? { meterProvider: options.meterProvider } : {}),
        })
      : undefined;
  return {
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    readiness: () => readiness?.state() ?? new Map(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        readiness?.stop();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
