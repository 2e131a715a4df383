/**
 * Durability of the service behind one interface: the write-ahead log (append + group commit),
 * recovery (restore the last checkpoint into the running parts, then replay the log after it)
 * and checkpoints. The in-memory variant does nothing, so the orchestrator never asks which one
 * it holds. Works with any {@link Pipeline}: one without `snapshot`/`restore` is recovered from
 * the log alone and never checkpointed (a checkpoint without its state would drop the log it
 * covers). Format: docs/storage-format.md.
 */
import type { SerializedAlertState } from '../alerts/alert-state.js';
import type { WindowResult } from '../evaluate/window-result.js';
import type { DurableStore } from '../storage/durable-store.js';
import { openDurableStore } from '../storage/durable-store.js';
import type { WalRequestRecord } from '../storage/wal-record.js';
import type { ReplayTarget } from '../storage/replay-wal.js';
import { replayWal } from '../storage/replay-wal.js';
import type { WalFileSystem } from '../storage/wal-file-system.js';
import type { BackoffPolicy } from '../retry/backoff.js';
import type { Logger } from './logger.js';
import type { WalHealth } from './wal-resume.js';
import { WalResume } from './wal-resume.js';

/** What a checkpoint of the service holds (docs/storage-format.md). */
export interface ServiceCheckpoint {
  /** The pipeline's {@link Pipeline.snapshot}. */
  readonly state: unknown;
  readonly alerts: SerializedAlertState;
  readonly history: [string, WindowResult[]][];
  /**
   * Capture-store lines of the requests in `state` that were not yet written to its segments
   * (absent without a capture store): written after a restore, so a crash loses none.
   */
  readonly capture?: string[];
}

/** The service's memory as the durability unit saves and restores it. */
export interface CheckpointSubject {
  /** The memory now; absent when the pipeline cannot be checkpointed. */
  readonly capture: (() => ServiceCheckpoint) | undefined;
  /** Restores a checkpoint into the running parts; throws when it cannot be used. */
  restore(checkpoint: ServiceCheckpoint): void;
}

/** One accepted request as it is logged (the log numbers it). */
export type LoggedRequest = Omit<WalRequestRecord, 'lsn' | 'kind'>;

/** The durability of a running service. */
export interface Durability {
  /** Whether anything survives a restart (periodic checkpoints are pointless otherwise). */
  readonly persistent: boolean;
  /**
   * Logs an accepted request; call in the same turn as its ingest, and before it: it throws —
   * having logged nothing — when the log cannot write, and then the request must not be applied.
   * Resolves once the record is durable (answer the sender only then).
   */
  logRequest(request: LoggedRequest): Promise<void> | undefined;
  /** Whether the log takes requests now (readiness, admission). */
  health(): WalHealth;
  /**
   * Logs a closing marker in the same turn as the step it marks: `close-begin` when the windows
   * `nowMs` has passed were sealed, `close-end` when their closing finished. Never throws.
   */
  logClose(kind: 'close-begin' | 'close-end', nowMs: number): void;
  /**
   * Logs a reference reset in the same turn as it is applied; resolves once it is durable
   * (answer the operator only then). Never throws.
   */
  logReset(model: string, version: string | undefined, nowMs: number): Promise<void> | undefined;
  /** Writes a checkpoint; failures are logged (the log still holds everything). */
  checkpoint(): Promise<void>;
  /** Waits for a running checkpoint and closes the log. */
  close(): Promise<void>;
}

/** Durability of a service that keeps its state in memory only. */
export const IN_MEMORY: Durability = {
  persistent: false,
  logRequest: () => undefined,
  health: () => ({ ok: true }),
  logClose: () => {},
  logReset: () => undefined,
  checkpoint: async () => {},
  close: async () => {},
};

/** Options of {@link recoverDurability}. */
export interface RecoverOptions {
  readonly dir: string;
  readonly logger: Logger;
  readonly now: () => number;
  readonly subject: CheckpointSubject;
  /** Where the log after the checkpoint is replayed. */
  readonly replay: ReplayTarget;
  /** The log's file operations (tests inject faults). @default the real file system */
  readonly fs?: WalFileSystem;
  /** How often a failed log probes the disk. @default DEFAULT_WAL_RESUME_BACKOFF */
  readonly resumeBackoff?: BackoffPolicy;
  /** Start even when damage would lose data, saying what (`mlmon serve --repair`). */
  readonly repair?: boolean;
}

/** Opens the data directory, restores its checkpoint and replays its log. */
export async function recoverDurability(options: RecoverOptions): Promise<Durability> {
  const { dir, logger, subject } = options;
  const store = await openDurableStore<ServiceCheckpoint>({
    dir,
    logger,
    now: options.now,
    ...(options.fs !== undefined ? { fs: options.fs } : {}),
    ...(options.repair !== undefined ? { repair: options.repair } : {}),
  });
  const checkpoint = store.recovered.checkpoint;
  if (checkpoint) {
    try {
      subject.restore(checkpoint.data);
    } catch (error) {
      logger.warn(
        `the checkpoint in ${dir} cannot be used (${(error as Error).message}); starting from an empty state`,
      );
    }
  }
  const replayed = replayWal(store.recovered.replay, options.replay, logger);
  if (checkpoint || replayed > 0) {
    logger.info(
      `restored ${dir}: checkpoint at LSN ${checkpoint?.lsn ?? 0}, ${replayed} logged requests replayed`,
    );
  }
  const resume = new WalResume(store, logger, options.now, options.resumeBackoff);
  const durability = logged(store, subject, logger, resume);
  // Replay finished a closing left open by a crash (if any) at the end of the log: mark it
  // there, before new records, so any later replay finishes it at the same place. A close-end
  // with no open closing replays as nothing (one small record per start).
  durability.logClose('close-end', options.now());
  return durability;
}

function logged(
  store: DurableStore<ServiceCheckpoint>,
  subject: CheckpointSubject,
  logger: Logger,
  resume: WalResume,
): Durability {
  /** Markers are already applied: the store keeps them while the disk cannot write. */
  const logMarker = (entry: Parameters<typeof store.appendMarker>[0]): Promise<void> => {
    const durable = store.appendMarker(entry);
    resume.check();
    return durable.catch((error: unknown) => {
      resume.check();
      throw error;
    });
  };
  return {
    persistent: true,
    logRequest(request) {
      try {
        const { durable } = store.append({ kind: 'request', ...request });
        // A failed sync is noticed here too, so readiness turns at once.
        return durable.catch((error: unknown) => {
          resume.check();
          throw error;
        });
      } catch (error) {
        resume.check();
        throw error;
      }
    },
    health: () => resume.health(),
    logClose(kind, nowMs) {
      logMarker({ kind, receiveUnixMillis: nowMs }).catch((error: unknown) =>
        logger.error(`write-ahead log: ${(error as Error).message}`),
      );
    },
    logReset(model, version, nowMs) {
      return logMarker({
        kind: 'reset-reference',
        receiveUnixMillis: nowMs,
        model,
        ...(version !== undefined ? { version } : {}),
      });
    },
    async checkpoint() {
      const capture = subject.capture;
      if (capture === undefined) return;
      try {
        // The store captures in the turn it reads its last LSN, so the two always match.
        await store.checkpoint(capture);
      } catch (error) {
        logger.error(`checkpoint failed: ${(error as Error).message}`);
      }
    },
    close: () => {
      resume.stop();
      return store.close();
    },
  };
}
