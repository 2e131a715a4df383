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
import type { Logger } from './logger.js';

/** What a checkpoint of the service holds (docs/storage-format.md). */
export interface ServiceCheckpoint {
  /** The pipeline's {@link Pipeline.snapshot}. */
  readonly state: unknown;
  readonly alerts: SerializedAlertState;
  readonly history: [string, WindowResult[]][];
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
   * Logs an accepted request; call in the same turn as its ingest, so the state reflects exactly
   * the log's prefix. Resolves once the record is durable (answer the sender only then).
   */
  logRequest(request: LoggedRequest): Promise<void> | undefined;
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
}

/** Opens the data directory, restores its checkpoint and replays its log. */
export async function recoverDurability(options: RecoverOptions): Promise<Durability> {
  const { dir, logger, subject } = options;
  const store = await openDurableStore<ServiceCheckpoint>({ dir, logger, now: options.now });
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
  const durability = logged(store, subject, logger);
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
): Durability {
  return {
    persistent: true,
    logRequest: (request) => store.append({ kind: 'request', ...request }).durable,
    logClose(kind, nowMs) {
      try {
        store.append({ kind, receiveUnixMillis: nowMs });
      } catch (error) {
        logger.error(`write-ahead log: ${(error as Error).message}`);
      }
    },
    logReset(model, version, nowMs) {
      try {
        return store.append({
          kind: 'reset-reference',
          receiveUnixMillis: nowMs,
          model,
          ...(version !== undefined ? { version } : {}),
        }).durable;
      } catch (error) {
        logger.error(`write-ahead log: ${(error as Error).message}`);
        return undefined;
      }
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
    close: () => store.close(),
  };
}
