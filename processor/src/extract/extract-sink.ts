/**
 * The mutable result that the per-signal extractors fill in.
 */
import type { DropReason, RejectReason } from './reasons.js';
import type { MlRecord, ReasonCounts } from './types.js';

/** An `ExtractResult` under construction. */
export interface ExtractSink {
  records: MlRecord[];
  rejected: ReasonCounts<RejectReason>;
  rejectedTotal: number;
  dropped: ReasonCounts<DropReason>;
}

/** An empty sink. */
export function createExtractSink(): ExtractSink {
  return { records: [], rejected: {}, rejectedTotal: 0, dropped: {} };
}

/** Counts one rejected record. */
export function reject(sink: ExtractSink, reason: RejectReason): void {
  sink.rejected[reason] = (sink.rejected[reason] ?? 0) + 1;
  sink.rejectedTotal++;
}

/** Counts one dropped record. */
export function drop(sink: ExtractSink, reason: DropReason): void {
  sink.dropped[reason] = (sink.dropped[reason] ?? 0) + 1;
}
