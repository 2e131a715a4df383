/**
 * What the service does when an export retry queue reports: every failed send is counted as an
 * export failure (by error type) and logged, dropped requests are counted and logged, and the
 * recovery is logged once with the backlog that will drain.
 */
import type { ExportQueueEvents } from '../export/export-queue.js';
import { exportErrorType } from './export-error-type.js';
import type { Logger } from './logger.js';
import type { SelfTelemetry } from './self-telemetry.js';

/** The events of the queue of `signal`; `what` names it in log lines ("OTLP metrics export"). */
export function exportQueueEvents(
  signal: string,
  what: string,
  telemetry: SelfTelemetry,
  logger: Logger,
): ExportQueueEvents {
  return {
    failed(outcome, queued) {
      telemetry.countExportFailure(signal, exportErrorType(outcome.error));
      logger.warn(
        outcome.retryable
          ? `${what} failed: ${outcome.error}; retrying with backoff (${queued} request(s) queued)`
          : `${what} failed: ${outcome.error}; not retryable, dropped`,
      );
    },
    dropped(count, reason) {
      const type =
        reason === 'full'
          ? 'queue_full'
          : reason === 'shutdown'
            ? 'shutdown'
            : exportErrorType(reason.error);
      telemetry.exportQueues.countDropped(signal, type, count);
      if (reason === 'full') {
        logger.warn(
          `${what}: ${count} request(s) dropped undelivered, the oldest beyond the retry queue's bound`,
        );
      } else if (reason === 'shutdown') {
        logger.warn(`${what}: ${count} request(s) still undelivered at shutdown, dropped`);
      }
    },
    recovered(failures, queued) {
      logger.info(
        `${what} delivered again after ${failures} failed attempt(s); ${queued} queued request(s) follow in order`,
      );
    },
  };
}
