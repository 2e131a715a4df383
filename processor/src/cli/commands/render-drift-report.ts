/**
 * The `mlmon drift` report: the documented snake_case JSON and the readable table, both rendered
 * from the same records the processor exports — a column's {@link DriftResult} plus the column's
 * counts and exact statistics. This is the one place where a drift result gets the CLI's names.
 */
import { basename } from 'node:path';
import { ML_DRIFT_STATE_VALUE_DRIFT, ML_DRIFT_STATE_VALUE_NO_DRIFT } from '@mlmon/conventions';
import { getDriftMethod } from '../../evaluate/drift/registry.js';
import type { DriftResult } from '../../evaluate/window-result.js';
import type { FirstNonNumeric } from '../../io/column-builder.js';
import { formatNumber, renderTextTable } from '../../io/text-table.js';

/** The cells of one compared column in one file that are not numbers (a numeric column). */
export interface ColumnTypeMismatches {
  readonly role: 'reference' | 'current';
  readonly file: string;
  readonly count: number;
  /** The first few, in file order. */
  readonly first: readonly FirstNonNumeric[];
}

/** Counts of one compared column, beside its drift result. */
export interface ColumnCounts {
  readonly name: string;
  readonly kind: 'numeric' | 'categorical';
  readonly referenceCount: number;
  readonly currentCount: number;
  readonly missingReference: number;
  readonly missingCurrent: number;
  /** Non-numbers left out of a numeric column, per file (empty when none). */
  readonly typeMismatches: readonly ColumnTypeMismatches[];
  /** Why a test's verdict differs from what its p-value alone says (the effect-size floor). */
  readonly note?: string;
}

/** One non-number of a numeric column, as the JSON report names it. */
export interface TypeMismatchCell {
  /** `reference` or `current`. */
  readonly data: ColumnTypeMismatches['role'];
  readonly file: string;
  readonly line: number;
  readonly value: string;
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
  /** Cells of a numeric column that are not numbers, left out of the test (not missing). */
  readonly type_mismatches_reference: number;
  readonly type_mismatches_current: number;
  /** The first few of them with file and line (reference first). */
  readonly first_type_mismatches: TypeMismatchCell[];
  readonly statistics: DriftStatistics;
  readonly method: string;
  /** `p_value` (lower = drift) or `distance` (higher = drift). */
  readonly score_kind: 'p_value' | 'distance';
  readonly score: number | null;
  /** Nominal threshold (null only for a result without one; decisions always have one). */
  readonly threshold: number | null;
  /** Threshold applied at this current size (null without a decision). */
  readonly effective_threshold: number | null;
  /** null when `status` is `insufficient_data`. */
  readonly drifted: boolean | null;
  readonly status: string;
  /**
   * Why there is no decision, or why a test below its threshold did not drift (its effect is
   * under the effect-size floor); null otherwise.
   */
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
    type_mismatches_reference: mismatchCount(counts, 'reference'),
    type_mismatches_current: mismatchCount(counts, 'current'),
    first_type_mismatches: counts.typeMismatches.flatMap((m) =>
      m.first.map((c) => ({ data: m.role, file: m.file, line: c.line, value: c.value })),
    ),
    statistics,
    method: result.method,
    score_kind: isTest ? 'p_value' : 'distance',
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
    reason: result.reason ?? counts.note ?? null,
  };
}

function mismatchCount(counts: ColumnCounts, role: ColumnTypeMismatches['role']): number {
  return counts.typeMismatches.find((m) => m.role === role)?.count ?? 0;
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
    c.score_kind === 'p_value' ? 'p-value, low = drift' : 'distance, high = drift',
    c.score === null ? '—' : formatNumber(c.score),
    c.threshold === null ? '—' : formatNumber(c.threshold),
    c.effective_threshold === null ? '—' : formatNumber(c.effective_threshold),
    c.status === ML_DRIFT_STATE_VALUE_DRIFT ? 'DRIFT' : c.status.replace('_', ' '),
  ]);
  const table = renderTextTable(
    [
      'column',
      'kind',
      'n_ref',
      'n_cur',
      'method',
      'score is',
      'score',
      'threshold',
      'effective',
      'status',
    ],
    rows,
  );
  const decided = report.columns.filter((c) => c.drifted !== null).length;
  const undecided = report.columns.length - decided;
  const share = report.drift_share === null ? '—' : `${(100 * report.drift_share).toFixed(1)}%`;
  const notes = report.columns
    .filter((c) => c.reason !== null && c.drifted === null)
    .map((c) => `  ${c.name}: ${c.reason}`);
  const floors = report.columns
    .filter((c) => c.reason !== null && c.drifted !== null)
    .map((c) => `  ${c.name}: ${c.reason}`);
  const mismatches = report.columns.flatMap(mismatchLines);
  return [
    `Drift of ${basename(current)} against ${basename(reference)}`,
    '',
    table,
    '',
    `${report.drifted_columns} of ${decided} decided columns drifted (${share})` +
      (undecided > 0 ? `; ${undecided} with insufficient data:` : ''),
    ...notes,
    ...(floors.length > 0 ? ['', 'Not drift although below the threshold:', ...floors] : []),
    ...(mismatches.length > 0
      ? ['', 'Type mismatches (cells of a numeric column that are not numbers, left out):']
      : []),
    ...mismatches,
    '',
  ].join('\n');
}

function mismatchLines(c: DriftColumnReport): string[] {
  const lines: string[] = [];
  for (const [data, count] of [
    ['reference', c.type_mismatches_reference],
    ['current', c.type_mismatches_current],
  ] as const) {
    if (count === 0) continue;
    const cells = c.first_type_mismatches.filter((m) => m.data === data);
    const where = cells.map((m) => `${basename(m.file)}:${m.line} '${m.value}'`).join(', ');
    const more = count > cells.length ? `, …` : '';
    lines.push(`  ${c.name}: ${count} in the ${data} (${where}${more})`);
  }
  return lines;
}
