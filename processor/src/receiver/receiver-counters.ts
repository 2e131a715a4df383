import { seriesKey } from '../keys/series-key.js';
import type { RequestHandledEvent, RequestOutcome, RequestReason } from './types.js';

/** One row of {@link ReceiverCounters.snapshot}. */
export interface ReceiverCountRow {
  transport: 'http' | 'grpc';
  signal: string;
  outcome: RequestOutcome;
  reason: RequestReason;
  /** Requests that ended this way. */
  requests: number;
  /** Items (records, spans, data points) in those requests. */
  items: number;
  /** Items the sink rejected (partial success). */
  rejectedItems: number;
}

/**
 * Request counters by transport, signal, outcome and reason for self-telemetry: pass
 * `counters.onRequestHandled` as the receivers' hook (or call it from your own hook).
 */
export class ReceiverCounters {
  private readonly rows = new Map<string, ReceiverCountRow>();

  /** Counts one handled request. */
  readonly onRequestHandled = (event: RequestHandledEvent): void => {
    const signal = event.signal ?? 'unknown';
    const key = seriesKey(event.transport, signal, event.outcome, event.reason);
    let row = this.rows.get(key);
    if (row === undefined) {
      row = {
        transport: event.transport,
        signal,
        outcome: event.outcome,
        reason: event.reason,
        requests: 0,
        items: 0,
        rejectedItems: 0,
      };
      this.rows.set(key, row);
    }
    row.requests++;
    row.items += event.items;
    row.rejectedItems += event.rejectedItems;
  };

  /** Requests counted for the given reason (optionally one signal), over both transports. */
  requests(reason: RequestReason, signal?: string): number {
    let n = 0;
    for (const row of this.rows.values()) {
      if (row.reason === reason && (signal === undefined || row.signal === signal))
        n += row.requests;
    }
    return n;
  }

  /** A copy of all rows, sorted by key. */
  snapshot(): ReceiverCountRow[] {
    return [...this.rows.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, row]) => ({ ...row }));
  }
}
