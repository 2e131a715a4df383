/**
 * The pure core of the processor: one decoded OTLP request in, the state updated, outcome
 * counts out (for `partial_success` and self-telemetry). No I/O, no clock: `nowMs` is passed in.
 */
import type { OtlpRequest, Signal } from './decode/otlp-types.js';
import { extract } from './extract/extract.js';
import type { DropReason, RejectReason } from './extract/reasons.js';
import type { ReasonCounts } from './extract/types.js';
import { applyRecords } from './state/apply-records.js';
import type { MonitorState } from './state/monitor-state.js';
import type { StateDropReason, StateRejectReason } from './state/reasons.js';

/** What one request did to the state. */
export interface IngestResult {
  readonly signal: Signal;
  /** Records taken into the state. */
  readonly accepted: number;
  /**
   * Records refused, by reason. Their sum {@link rejectedTotal} is what the receiver reports
   * as `rejected_spans` / `rejected_data_points` / `rejected_log_records` in partial success.
   */
  readonly rejected: ReasonCounts<RejectReason | StateRejectReason>;
  readonly rejectedTotal: number;
  /** Valid records not used (duplicates, superseded spans, batch spans…), by reason. */
  readonly dropped: ReasonCounts<DropReason | StateDropReason>;
  /**
   * Records for windows that had already closed: acknowledged to the sender (they are valid)
   * but counted as late, not merged.
   */
  readonly late: number;
}

/** Extracts the ML records of `request` and applies them to `state` as of `nowMs`. */
export function ingest(state: MonitorState, request: OtlpRequest, nowMs: number): IngestResult {
  const extracted = extract(request, nowMs);
  const applied = applyRecords(state, extracted.records, nowMs);
  const rejected: ReasonCounts<RejectReason | StateRejectReason> = { ...extracted.rejected };
  for (const [reason, n] of Object.entries(applied.rejected) as [StateRejectReason, number][]) {
    rejected[reason] = (rejected[reason] ?? 0) + n;
  }
  return {
    signal: request.signal,
    accepted: applied.accepted,
    rejected,
    rejectedTotal: extracted.rejectedTotal + applied.rejectedTotal,
    dropped: { ...extracted.dropped, ...applied.dropped },
    late: applied.late,
  };
}
