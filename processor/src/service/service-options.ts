/** How an `MlmonService` is embedded: its configuration, clock, logger and loops. */
import type { ServeConfig } from '../config/serve-config.js';
import type { EvaluateOptions } from '../evaluate/evaluate-window.js';
import type { AdminRoute } from './admin-server.js';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';
import type { Pipeline } from './pipeline.js';
import type { WalFileSystem } from '../storage/wal-file-system.js';
import type { BackoffPolicy } from '../retry/backoff.js';
import type { ExportRetryOptions } from './create-service-parts.js';

/** Options of `MlmonService`. */
export interface MlmonServiceOptions {
  readonly config: ServeConfig;
  /** @default the wall clock */
  readonly clock?: Clock;
  /** @default stderr */
  readonly logger?: Logger;
  /** Period of the flush loop; 0 disables it (tests call `MlmonService.flush`). @default 1000 */
  readonly flushIntervalMillis?: number;
  /**
   * Longest run of the evaluation pass before it yields to the event loop, so receivers answer
   * while a pass over many streams runs; 0 yields after every window. @default 5
   */
  readonly evaluationSliceMillis?: number;
  /** The core; default the real one over a fresh state. */
  readonly pipeline?: Pipeline;
  /** Evaluation options (alpha, reference building). */
  readonly evaluate?: Omit<EvaluateOptions, 'cache'>;
  /** Extra admin routes, tried before the status API (`/api/v1/…`, `/healthz`, `/readyz`) and the dashboard (`/`). */
  readonly adminRoutes?: readonly AdminRoute[];
  /**
   * Keep the state in `config.dataDir` (write-ahead log + checkpoints) and restore it on start.
   * `mlmon serve` turns it on; in-process embeddings and tests keep state in memory only.
   * @default false
   */
  readonly durable?: boolean;
  /**
   * Checkpoint at least this often (besides window closes), so the write-ahead log — and the
   * replay after a crash — stays short when windows are long. 0 disables. @default 60000
   */
  readonly checkpointIntervalMillis?: number;
  /** The write-ahead log's file operations (tests inject disk faults). @default the real file system */
  readonly walFileSystem?: WalFileSystem;
  /** How often a write-ahead log that failed probes the disk. @default every 1 s, backing off to 30 s */
  readonly walResumeBackoff?: BackoffPolicy;
  /** Retry queues of the OTLP exporters. @default backoff from 1 s to 60 s with jitter */
  readonly exportRetry?: ExportRetryOptions;
  /**
   * Open a damaged data directory even where that loses data, saying what is lost
   * (`mlmon serve --repair`); without it such a start is refused with the reason. @default false
   */
  readonly repair?: boolean;
}
