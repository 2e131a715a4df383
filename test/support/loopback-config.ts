/**
 * The configuration of an in-process `mlmon serve` for tests: loopback, ephemeral OTLP/HTTP and
 * admin ports, no gRPC, with the test's own settings on top.
 */
import type { ServeConfig } from '../../processor/src/config/serve-config.js';
import { DEFAULT_SERVE_CONFIG } from '../../processor/src/config/serve-config.js';

/** The defaults on loopback ephemeral ports, then `overrides`. */
export function loopbackConfig(overrides: Partial<ServeConfig> = {}): ServeConfig {
  return {
    ...DEFAULT_SERVE_CONFIG,
    host: '127.0.0.1',
    otlpHttpPort: 0,
    otlpGrpcPort: null,
    prometheusPort: 0,
    ...overrides,
  };
}
