import type { TextMapPropagator } from '@opentelemetry/api';
import type {
  EventSamplingConfig,
  FeatureCaptureConfig,
  TelemetryProvidersConfig,
} from '../types.js';
import type { OnnxModelConfig } from './onnxruntime-types.js';

/**
 * Per-model settings of the proxy (keyed by the model name in the URL). Same fields as the
 * onnxruntime instrumentation: task, classes, threshold, feature names per input tensor,
 * output mapping, slice keys; `modelName` is ignored (the URL names the model).
 */
export type OipModelConfig = OnnxModelConfig;

/** Options of {@link startOipProxy}. */
export interface OipProxyOptions
  extends FeatureCaptureConfig, EventSamplingConfig, TelemetryProvidersConfig {
  /** Port to listen on; 0 picks a free one (read it from the returned `port`). */
  listenPort: number;
  /** Address to listen on. Use `0.0.0.0` to accept connections from other hosts. @default '127.0.0.1' */
  listenHost?: string;
  /** Base URL of the model server (`http://` or `https://`), e.g. `http://127.0.0.1:8080`. */
  upstream: string | URL;
  /**
   * Abort an upstream request that produces no response (or goes idle) for this long; the
   * caller then gets 504. @default 60000
   */
  timeoutMillis?: number;
  /** Infer bodies larger than this are forwarded but not decoded. @default 16777216 */
  maxDecodeBytes?: number;
  /** Models by name; unknown models are decoded by shape. @default {} */
  models?: Readonly<Record<string, OipModelConfig>>;
  /** `ml.provider.name` on every span, e.g. `kserve`, `triton`. @default undefined */
  providerName?: string;
  /** Propagator for the incoming and the injected upstream context. @default W3C trace context */
  propagator?: TextMapPropagator;
  /**
   * Poll the server's `/v2/health/ready` and `/v2/models/{name}/ready` (configured and seen
   * models) this often and report `ml.model.ready`; 0 turns it off. @default 10000
   */
  readinessIntervalMillis?: number;
}

/** A running proxy. */
export interface OipProxy {
  /** The port it listens on. */
  readonly port: number;
  /** `http://{host}:{port}`. */
  readonly url: string;
  /** The last readiness poll: the server's (key `''`) and each model's; empty when off. */
  readiness(): ReadonlyMap<string, boolean>;
  /** Stops accepting connections and closes idle ones; resolves when the server is closed. */
  close(): Promise<void>;
}
