/**
 * Re-ingests the write-ahead log after a checkpoint, in LSN order and at each request's original
 * receive time, and closes windows where the log says the flush loop closed them (sealed, then
 * finished, with the requests between), so replayed records are on time or late, and binned,
 * exactly as they were live. A record that no longer decodes (it did when accepted, so only a damaged
 * log or a bug) is skipped with a warning: one bad record must not stop the processor starting.
 */
import type { OtlpRequest } from '../decode/otlp-types.js';
import { decodeOtlpRequest } from '../decode/decode-otlp-request.js';
import type { StoreLogger } from './durable-store.js';
import type { WalRecord } from './wal-record.js';

/** What replay drives. */
export interface ReplayTarget {
  /** Closes (and evaluates) the windows `nowMs` has passed, at once. */
  closeWindows(nowMs: number): void;
  /** Seals the windows `nowMs` has passed (a sliced closing began). */
  beginClose(nowMs: number): void;
  /** Finishes the sealed closing (evaluates its windows); nothing when none is open. */
  finishClose(): void;
  /** Resets the references of `model` (`version`, or every version). */
  resetReference(model: string, version: string | undefined): void;
  /** Ingests one request as of `nowMs`. */
  ingest(request: OtlpRequest, nowMs: number): void;
}

/** Replays `records`; returns how many were re-ingested. */
export function replayWal(
  records: Iterable<WalRecord>,
  target: ReplayTarget,
  logger: StoreLogger,
): number {
  let replayed = 0;
  for (const record of records) {
    if (record.kind !== 'request') {
      if (record.kind === 'reset-reference') target.resetReference(record.model, record.version);
      else if (record.kind === 'close-windows') target.closeWindows(record.receiveUnixMillis);
      else if (record.kind === 'close-begin') target.beginClose(record.receiveUnixMillis);
      else target.finishClose();
      continue;
    }
    let request: OtlpRequest;
    try {
      request = decodeOtlpRequest(record.signal, record.body, record.contentType);
    } catch (error) {
      logger.warn(
        `write-ahead log record ${record.lsn} no longer decodes (${(error as Error).message}); skipped`,
      );
      continue;
    }
    try {
      target.ingest(request, record.receiveUnixMillis);
      replayed++;
    } catch (error) {
      logger.warn(
        `write-ahead log record ${record.lsn} failed to ingest (${(error as Error).message}); skipped`,
      );
    }
  }
  // A closing the process did not live to finish: finished now, before live traffic.
  target.finishClose();
  return replayed;
}
