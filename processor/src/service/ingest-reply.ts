/**
 * What one ingested request becomes outside the core: self-telemetry counts by signal, outcome
 * and reason, and the receiver's answer (partial success naming the reject reasons).
 */
import {
  MLMON_PROCESSOR_OUTCOME_VALUE_ACCEPTED,
  MLMON_PROCESSOR_OUTCOME_VALUE_DROPPED,
  MLMON_PROCESSOR_OUTCOME_VALUE_LATE,
  MLMON_PROCESSOR_OUTCOME_VALUE_REJECTED,
} from '@mlmon/conventions';
import type { SinkResult } from '../receiver/types.js';
import type { IngestOutcome } from './pipeline.js';
import type { SelfTelemetry } from './self-telemetry.js';

/** Counts `outcome` into `telemetry` and returns the sink's answer for it. */
export function ingestReply(
  telemetry: SelfTelemetry,
  signal: string,
  outcome: IngestOutcome,
): SinkResult {
  telemetry.countRecords(
    signal,
    MLMON_PROCESSOR_OUTCOME_VALUE_ACCEPTED,
    undefined,
    outcome.accepted,
  );
  telemetry.countRecords(signal, MLMON_PROCESSOR_OUTCOME_VALUE_LATE, undefined, outcome.late);
  for (const [reason, n] of Object.entries(outcome.rejected)) {
    telemetry.countRecords(signal, MLMON_PROCESSOR_OUTCOME_VALUE_REJECTED, reason, n);
  }
  for (const [reason, n] of Object.entries(outcome.dropped)) {
    telemetry.countRecords(signal, MLMON_PROCESSOR_OUTCOME_VALUE_DROPPED, reason, n);
  }
  if (outcome.rejectedTotal === 0) return { rejected: 0 };
  const reasons = Object.entries(outcome.rejected)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${reason} (${n})`)
    .join(', ');
  return {
    rejected: outcome.rejectedTotal,
    message: `rejected ${outcome.rejectedTotal} of the request's records: ${reasons}`,
  };
}
