import { Metadata, Server, ServerCredentials, status } from '@grpc/grpc-js';
import type {
  sendUnaryData,
  ServerUnaryCall,
  ServiceDefinition,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { decodeOtlpRequest } from '../decode/decode-otlp-request.js';
import type { OtlpRequest, Signal } from '../decode/otlp-types.js';
import { isAuthorized } from './bearer-auth.js';
import { countItems } from './count-items.js';
import { encodeExportResponseProto, encodeRpcStatusProto, GrpcCode } from './otlp-response.js';
import { DEFAULT_MAX_BODY_BYTES } from './types.js';
import type {
  ReceiverOptions,
  RequestOutcome,
  RequestReason,
  RunningReceiver,
  SinkResult,
} from './types.js';

/** The three OTLP collector services, defined by hand (no .proto): method paths per opentelemetry-proto. */
const SERVICES: readonly { signal: Signal; path: string }[] = [
  { signal: 'traces', path: '/opentelemetry.proto.collector.trace.v1.TraceService/Export' },
  { signal: 'metrics', path: '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export' },
  { signal: 'logs', path: '/opentelemetry.proto.collector.logs.v1.LogsService/Export' },
];

const identity = (b: Buffer): Buffer => b;

/**
 * One service with a single unary `Export` method. Requests deserialize to their raw bytes:
 * decoding happens in the handler, after the auth and admission checks, so that unauthenticated
 * or refused requests cost no decoding and a bad body maps to `INVALID_ARGUMENT` with the
 * decoder's message (an exception inside `requestDeserialize` would surface as `INTERNAL`).
 */
function serviceDefinition(path: string): ServiceDefinition {
  return {
    Export: {
      path,
      requestStream: false,
      responseStream: false,
      originalName: 'export',
      requestSerialize: identity,
      requestDeserialize: identity,
      responseSerialize: (result: SinkResult): Buffer =>
        Buffer.from(encodeExportResponseProto(result)),
      responseDeserialize: identity,
    },
  };
}

/** A gRPC error with a `google.rpc.Status` in `grpc-status-details-bin` (carrying `RetryInfo` when retryable). */
function grpcError(
  code: number,
  message: string,
  retryAfterSeconds?: number,
): { code: number; details: string; metadata: Metadata } {
  const metadata = new Metadata();
  metadata.set(
    'grpc-status-details-bin',
    Buffer.from(encodeRpcStatusProto(code, message, retryAfterSeconds)),
  );
  return { code, details: message, metadata };
}

/**
 * Starts an OTLP/gRPC receiver (TraceService, MetricsService, LogsService `Export`) on
 * `host:port`, TLS when `tls` is given. Same pipeline and sink contract as the HTTP receiver:
 * auth (`UNAUTHENTICATED`) → admission (`RESOURCE_EXHAUSTED` for 429 / `UNAVAILABLE` for 503,
 * with `RetryInfo`) → decode (`INVALID_ARGUMENT`) → `sink.accept` (failure: `UNAVAILABLE`) →
 * `Export*ServiceResponse` with `partial_success`. Message size is capped by
 * `maxBodyBytes` (grpc-js answers `RESOURCE_EXHAUSTED` above it).
 */
export async function startOtlpGrpcReceiver(options: ReceiverOptions): Promise<RunningReceiver> {
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const logger = options.logger ?? console;
  const sinkRetryAfter = options.sinkErrorRetryAfterSeconds ?? 5;
  const server = new Server({
    'grpc.max_receive_message_length': maxBytes,
    'grpc.max_send_message_length': 1024 * 1024,
  });

  const notify = (
    signal: Signal,
    outcome: RequestOutcome,
    reason: RequestReason,
    code: number,
    message: string,
    items: number,
    rejectedItems: number,
    bytes: number,
  ): void => {
    if (options.onRequestHandled === undefined) return;
    try {
      options.onRequestHandled({
        transport: 'grpc',
        signal,
        outcome,
        reason,
        status: code,
        items,
        rejectedItems,
        bytes,
        message,
        admitted: reason !== 'unauthorized' && reason !== 'overloaded',
      });
    } catch (e) {
      logger.error(`otlp receiver: onRequestHandled hook failed: ${String(e)}`);
    }
  };

  for (const { signal, path } of SERVICES) {
    const implementation: UntypedServiceImplementation = {
      Export: (
        call: ServerUnaryCall<Buffer, SinkResult>,
        callback: sendUnaryData<SinkResult>,
      ): void => {
        const body = call.request;
        const fail = (
          outcome: RequestOutcome,
          reason: RequestReason,
          code: number,
          message: string,
          retry?: number,
        ): void => {
          callback(grpcError(code, message, retry), null);
          notify(signal, outcome, reason, code, message, 0, 0, body.length);
        };
        if (options.authToken !== undefined) {
          const header = call.metadata.get('authorization')[0];
          if (!isAuthorized(typeof header === 'string' ? header : undefined, options.authToken)) {
            fail(
              'rejected',
              'unauthorized',
              GrpcCode.UNAUTHENTICATED,
              header === undefined ? 'missing bearer token' : 'invalid bearer token',
            );
            return;
          }
        }
        let admission;
        try {
          admission = options.sink.admit(signal, body.length);
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
          const code =
            admission.status === 429 ? GrpcCode.RESOURCE_EXHAUSTED : GrpcCode.UNAVAILABLE;
          fail(
            'refused',
            'overloaded',
            code,
            admission.message,
            Math.max(0, Math.ceil(admission.retryAfterSeconds)),
          );
          return;
        }
        let decoded: OtlpRequest;
        try {
          decoded = decodeOtlpRequest(signal, body, 'protobuf');
        } catch (e) {
          const reason = e instanceof Error ? e.message : String(e);
          fail(
            'rejected',
            'decode_error',
            GrpcCode.INVALID_ARGUMENT,
            `invalid OTLP protobuf ${signal} request: ${reason}`,
          );
          return;
        }
        const items = countItems(decoded);
        options.sink.accept(decoded, { body, contentType: 'protobuf' }).then(
          (result) => {
            callback(null, result);
            const partial = result.rejected > 0;
            notify(
              signal,
              partial ? 'partial' : 'accepted',
              partial ? 'partial_success' : 'ok',
              status.OK,
              result.message ?? '',
              items,
              result.rejected,
              body.length,
            );
          },
          (e: unknown) => {
            logger.error(
              `otlp receiver: sink failed to accept a ${signal} request: ${e instanceof Error ? e.message : String(e)}`,
            );
            callback(
              grpcError(
                GrpcCode.UNAVAILABLE,
                'the processor could not store the request; retry later',
                sinkRetryAfter,
              ),
              null,
            );
            notify(
              signal,
              'failed',
              'sink_error',
              GrpcCode.UNAVAILABLE,
              String(e),
              items,
              0,
              body.length,
            );
          },
        );
      },
    };
    server.addService(serviceDefinition(path), implementation);
  }

  const credentials =
    options.tls !== undefined
      ? ServerCredentials.createSsl(null, [
          { cert_chain: Buffer.from(options.tls.cert), private_key: Buffer.from(options.tls.key) },
        ])
      : ServerCredentials.createInsecure();
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${options.host ?? '127.0.0.1'}:${options.port}`, credentials, (err, bound) =>
      err ? reject(err) : resolve(bound),
    );
  });
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => server.forceShutdown(), 5000);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}
