import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { decodeOtlpRequest } from '../decode/decode-otlp-request.js';
import type { OtlpEncoding } from '../decode/decode-otlp-request.js';
import type { OtlpRequest, Signal } from '../decode/otlp-types.js';
import { isAuthorized } from './bearer-auth.js';
import { countItems } from './count-items.js';
import { InflateError, inflateBody, parseContentCoding } from './inflate-body.js';
import {
  encodeExportResponseJson,
  encodeExportResponseProto,
  encodeRpcStatusJson,
  encodeRpcStatusProto,
  GrpcCode,
} from './otlp-response.js';
import { DEFAULT_MAX_BODY_BYTES } from './types.js';
import type {
  ReceiverOptions,
  RequestHandledEvent,
  RequestOutcome,
  RequestReason,
  RunningReceiver,
  SinkResult,
} from './types.js';

const PATHS: Readonly<Record<string, Signal>> = {
  '/v1/traces': 'traces',
  '/v1/metrics': 'metrics',
  '/v1/logs': 'logs',
};

/** Maps a `Content-Type` header to an OTLP encoding (parameters such as charset are ignored). */
function parseMediaType(header: string | undefined): OtlpEncoding | undefined {
  const type = (header ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-protobuf' || type === 'application/protobuf') return 'protobuf';
  if (type === 'application/json') return 'json';
  return undefined;
}

/** HTTP status → the gRPC code carried in the error body's `google.rpc.Status`. */
function grpcCodeFor(status: number): number {
  if (status === 401) return GrpcCode.UNAUTHENTICATED;
  if (status === 429) return GrpcCode.RESOURCE_EXHAUSTED;
  if (status === 503) return GrpcCode.UNAVAILABLE;
  return GrpcCode.INVALID_ARGUMENT;
}

class BodyReadError extends Error {
  constructor(
    readonly reason: 'too_large' | 'aborted',
    message: string,
  ) {
    super(message);
  }
}

/** Reads the whole body, failing as soon as it passes `limit` bytes (the rest is discarded). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        // Keep the stream flowing with no listener: the remainder is discarded, never buffered.
        req.resume();
        reject(new BodyReadError('too_large', `request body exceeds the limit of ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onAbort = (): void => {
      cleanup();
      reject(new BodyReadError('aborted', 'client aborted the request'));
    };
    const onClose = (): void => {
      if (!req.complete) onAbort();
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('close', onClose);
  });
}

interface Reply {
  status: number;
  outcome: RequestOutcome;
  reason: RequestReason;
  message: string;
  headers?: Record<string, string>;
  /** Export response on success; `undefined` sends a `google.rpc.Status` error body. */
  result?: SinkResult;
}

/**
 * Creates the OTLP/HTTP request listener (`POST /v1/traces|metrics|logs`, protobuf or JSON,
 * optionally gzip/deflate): auth → media type → admission → body (size-capped) → inflate
 * (size-capped) → decode → `sink.accept` → `Export*ServiceResponse`. Client mistakes get 4xx with
 * a message; only sink failures give 503 (retryable). Use it to embed the receiver in another
 * server; {@link startOtlpHttpReceiver} wraps it in its own.
 */
export function createOtlpHttpHandler(options: ReceiverOptions): RequestListener {
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const logger = options.logger ?? console;
  const sinkRetryAfter = options.sinkErrorRetryAfterSeconds ?? 5;

  const notify = (event: RequestHandledEvent): void => {
    if (options.onRequestHandled === undefined) return;
    try {
      options.onRequestHandled(event);
    } catch (e) {
      logger.error(`otlp receiver: onRequestHandled hook failed: ${String(e)}`);
    }
  };

  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '/').split('?')[0]!;
    const signal: Signal | undefined = PATHS[path];
    const encoding = parseMediaType(req.headers['content-type']);
    let items = 0;
    let bytes = 0;
    let bodyConsumed = false;
    let admitted = false;

    const send = (reply: Reply): void => {
      const asJson = encoding !== 'protobuf';
      let payload: Uint8Array;
      if (reply.result !== undefined && signal !== undefined) {
        payload = asJson
          ? encodeExportResponseJson(signal, reply.result)
          : encodeExportResponseProto(reply.result);
      } else {
        const code = grpcCodeFor(reply.status);
        payload = asJson
          ? encodeRpcStatusJson(code, reply.message)
          : encodeRpcStatusProto(code, reply.message);
      }
      const headers: Record<string, string | number> = {
        'Content-Type': asJson ? 'application/json' : 'application/x-protobuf',
        'Content-Length': payload.length,
        ...reply.headers,
      };
      // A body we did not read is discarded by Node; closing afterwards keeps a stuck client
      // from holding the connection.
      if (!bodyConsumed) headers.Connection = 'close';
      if (!res.headersSent) {
        res.writeHead(reply.status, headers);
        res.end(payload);
      }
      notify({
        transport: 'http',
        signal,
        outcome: reply.outcome,
        reason: reply.reason,
        status: reply.status,
        items,
        rejectedItems: reply.result?.rejected ?? 0,
        bytes,
        message: reply.message,
        admitted,
      });
    };
    const clientError = (
      status: number,
      reason: RequestReason,
      message: string,
      headers?: Record<string, string>,
    ): void => send({ status, outcome: 'rejected', reason, message, headers });

    if (signal === undefined) {
      clientError(
        404,
        'not_found',
        `no OTLP endpoint at ${path}; use /v1/traces, /v1/metrics or /v1/logs`,
      );
      return;
    }
    if (req.method !== 'POST') {
      clientError(
        405,
        'method_not_allowed',
        `method ${req.method ?? '?'} not allowed on ${path}; use POST`,
        {
          Allow: 'POST',
        },
      );
      return;
    }
    if (
      options.authToken !== undefined &&
      !isAuthorized(req.headers.authorization, options.authToken)
    ) {
      clientError(
        401,
        'unauthorized',
        req.headers.authorization === undefined ? 'missing bearer token' : 'invalid bearer token',
        { 'WWW-Authenticate': 'Bearer realm="mlmon"' },
      );
      return;
    }
    if (encoding === undefined) {
      clientError(
        415,
        'unsupported_media_type',
        `unsupported Content-Type '${req.headers['content-type'] ?? ''}'; use application/x-protobuf or application/json`,
      );
      return;
    }
    const coding = parseContentCoding(req.headers['content-encoding']);
    if (coding === undefined) {
      clientError(
        415,
        'unsupported_encoding',
        `unsupported Content-Encoding '${req.headers['content-encoding'] ?? ''}'; use gzip, deflate or none`,
      );
      return;
    }
    const declared = req.headers['content-length'];
    const contentLength =
      declared !== undefined && /^\d+$/.test(declared) ? Number(declared) : undefined;
    if (contentLength !== undefined && contentLength > maxBytes) {
      clientError(
        413,
        'too_large',
        `request body of ${contentLength} bytes exceeds the limit of ${maxBytes} bytes`,
      );
      return;
    }

    let admission;
    try {
      admission = options.sink.admit(signal, contentLength);
    } catch (e) {
      logger.error(`otlp receiver: sink.admit failed: ${String(e)}`);
      admission = {
        ok: false as const,
        status: 503 as const,
        retryAfterSeconds: sinkRetryAfter,
        message: 'internal error',
      };
    }
    if (!admission.ok) {
      send({
        status: admission.status,
        outcome: 'refused',
        reason: 'overloaded',
        message: admission.message,
        headers: { 'Retry-After': String(Math.max(0, Math.ceil(admission.retryAfterSeconds))) },
      });
      return;
    }
    admitted = true;

    void (async (): Promise<void> => {
      let raw: Buffer;
      try {
        const body = await readBody(req, maxBytes);
        bodyConsumed = true;
        raw = await inflateBody(body, coding, maxBytes);
      } catch (e) {
        if (e instanceof BodyReadError && e.reason === 'aborted') {
          bodyConsumed = true;
          res.destroy();
          notify({
            transport: 'http',
            signal,
            outcome: 'rejected',
            reason: 'aborted',
            status: 0,
            items,
            rejectedItems: 0,
            bytes,
            message: e.message,
            admitted,
          });
          return;
        }
        if (e instanceof BodyReadError || (e instanceof InflateError && e.kind === 'too_large')) {
          clientError(413, 'too_large', (e as Error).message);
          return;
        }
        clientError(400, 'bad_compression', e instanceof Error ? e.message : String(e));
        return;
      }
      bytes = raw.length;

      let decoded: OtlpRequest;
      try {
        decoded = decodeOtlpRequest(signal, raw, encoding);
      } catch (e) {
        clientError(
          400,
          'decode_error',
          `invalid OTLP ${encoding} ${signal} request: ${e instanceof Error ? e.message : String(e)}`,
        );
        return;
      }
      items = countItems(decoded);

      let result: SinkResult;
      try {
        result = await options.sink.accept(decoded, { body: raw, contentType: encoding });
      } catch (e) {
        logger.error(
          `otlp receiver: sink failed to accept a ${signal} request: ${e instanceof Error ? e.message : String(e)}`,
        );
        send({
          status: 503,
          outcome: 'failed',
          reason: 'sink_error',
          message: 'the processor could not store the request; retry later',
          headers: { 'Retry-After': String(sinkRetryAfter) },
        });
        return;
      }
      const partial = result.rejected > 0;
      send({
        status: 200,
        outcome: partial ? 'partial' : 'accepted',
        reason: partial ? 'partial_success' : 'ok',
        message: result.message ?? '',
        result,
      });
    })();
  };
}

/** Starts an OTLP/HTTP receiver (HTTPS when `tls` is given) on `host:port`. */
export async function startOtlpHttpReceiver(options: ReceiverOptions): Promise<RunningReceiver> {
  const handler = createOtlpHttpHandler(options);
  const server: Server =
    options.tls !== undefined
      ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, handler)
      : createHttpServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
