/**
 * The `mlmon drift` report: the documented snake_case JSON and the readable table, both rendered
 * from the same records the processor exports — a column's {@link DriftResult} plus the column's
 * counts and exact statistics. This is the one place where a drift result gets the CLI's names.
 */
import { basename } from 'node:path';
import { ML_DRIFT_STATE_VALUE_DRIFT, ML_DRIFT_STATE_VALUE_NO_DRIFT } from '@mlmon/conventions';
import { getDriftMethod } from '../../evaluate/drift/registry.js';
import type { DriftResult } from '../../evaluate/window-result.js';
import { formatNumber, renderTextTable } from '../../io/text-table.js';

/** Counts of one compared column, beside its drift result. */
export interface ColumnCounts {
  readonly name: string;
  readonly kind: 'numeric' | 'categorical';
  readonly referenceCount: number;
  readonly currentCount: number;
  readonly missingReference: number;
  readonly missingCurrent: number;
}

/** Statistics of one column under the golden-file key names; null when undefined. */
export type DriftStatistics = Record<string, number | null>;

/**
 * One column of the report as JSON (docs: README "mlmon drift"). `score` is the method's score
 * as the decision compares it: the p-value for tests (`ks`, `chi2`), the distance otherwise.
 */
export interface DriftColumnReport {
  readonly name: string;
  readonly kind: 'numeric' | 'categorical';
  readonly reference_count: number;
  readonly current_count: number;
  readonly missing_reference: number;
  readonly missing_current: number;
  readonly statistics: DriftStatistics;
  readonly method: string;
  readonly score: number | null;
  /** Nominal threshold (null only for a result without one; decisions always have one). */
  readonly threshold: number | null;
  /** Threshold applied at this current size (null without a decision). */
  readonly effective_threshold: number | null;
  /** null when `status` is `insufficient_data`. */
  readonly drifted: boolean | null;
  readonly status: string;
  /** Why there is no decision; null otherwise. */
  readonly reason: string | null;
}

/** The drift report. */
export interface DriftReport {
  readonly columns: DriftColumnReport[];
  readonly drifted_columns: number;
  /** Drifted columns / columns with a decision; null when no column could be decided. */
  readonly drift_share: number | null;
}

/**
 * Renders one column. The result's `pValue` is the score of a test; distances keep `score`.
 * `drifted` is the state as a boolean (null without a decision).
 */
export function renderDriftColumn(
  counts: ColumnCounts,
  statistics: DriftStatistics,
  result: DriftResult,
): DriftColumnReport {
  const isTest = getDriftMethod(result.method).scoreKind === 'p_value';
  return {
    name: counts.name,
    kind: counts.kind,
    reference_count: counts.referenceCount,
    current_count: counts.currentCount,
    missing_reference: counts.missingReference,
    missing_current: counts.missingCurrent,
    statistics,
    method: result.method,
    score: (isTest ? result.pValue : result.score) ?? null,
    threshold: result.threshold ?? null,
    effective_threshold: result.effectiveThreshold ?? null,
    drifted:
      result.state === ML_DRIFT_STATE_VALUE_DRIFT
        ? true
        : result.state === ML_DRIFT_STATE_VALUE_NO_DRIFT
          ? false
          : null,
    status: result.state,
    reason: result.reason ?? null,
  };
}

/** The report over all columns: drifted count and share among the decided columns. */
export function renderDriftReport(columns: DriftColumnReport[]): DriftReport {
  const decided = columns.filter((c) => c.drifted !== null);
  const drifted = decided.filter((c) => c.drifted === true).length;
  return {
    columns,
    drifted_columns: drifted,
    drift_share: decided.length > 0 ? drifted / decided.length : null,
  };
}

/** The readable report: one row per column and a dataset summary. */
export function formatDriftTable(report: DriftReport, reference: string, current: string): string {
  const rows = report.columns.map((c) => [
    c.name,
    c.kind,
    c.reference_count,
    c.current_count,
    c.method,
    c.score === null ? '—' : formatNumber(c.score),
    c.threshold === null ? '—' : formatNumber(c.threshold),
    c.effective_threshold === null ? '—' : formatNumber(c.effective_threshold),
    c.status === ML_DRIFT_STATE_VALUE_DRIFT ? 'DRIFT' : c.status.replace('_', ' '),
  ]);
  const table = renderTextTable(
    ['column', 'kind', 'n_ref', 'n_cur', 'method', 'score', 'threshold', 'effective', 'status'],
    rows,
  );
  const decided = report.columns.filter((c) => c.drifted !== null).length;
  const undecided = report.columns.length - decided;
  const share = report.drift_share === null ? '—' : `${(100 * report.drift_share).toFixed(1)}%`;
  const notes = report.columns
    .filter((c) => c.reason !== null)
    .map((c) => `  ${c.name}: ${c.reason}`);
  return [
    `Drift of ${basename(current)} against ${basename(reference)}`,
    '',
    table,
    '',
    `${report.drifted_columns} of ${decided} decided columns drifted (${share})` +
      (undecided > 0 ? `; ${undecided} with insufficient data:` : ''),
    ...notes,
    '',
  ].join('\n');
}
