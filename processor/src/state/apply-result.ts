/**
 * Outcome counts of applying records to the state.
 */
import type { ReasonCounts } from '../extract/types.js';
import type { StateDropReason, StateRejectReason } from './reasons.js';

/** What happened to the records given to `applyRecords`. */
export interface ApplyResult {
  /** Records taken into the state (recorded, held as span candidates, or waiting labels). */
  accepted: number;
  /** Records for windows that had already closed: counted, not merged. */
  late: number;
  /** Records refused, by reason (reported to the sender as partial success). */
  rejected: ReasonCounts<StateRejectReason>;
  rejectedTotal: number;
  /** Valid records not used (duplicates, superseded spans), by reason. */
  dropped: ReasonCounts<StateDropReason>;
}

/** Zero counts. */
export function emptyApplyResult(): ApplyResult {
  return { accepted: 0, late: 0, rejected: {}, rejectedTotal: 0, dropped: {} };
}

/** Counts one dropped record. */
export function countDropped(result: ApplyResult, reason: StateDropReason): void {
  result.dropped[reason] = (result.dropped[reason] ?? 0) + 1;
}

/** Counts one rejected record. */
export function countRejected(result: ApplyResult, reason: StateRejectReason): void {
  result.rejected[reason] = (result.rejected[reason] ?? 0) + 1;
  result.rejectedTotal++;
}
