/**
 * Typed columns of a predictions table for the batch commands, where every bad cell is an error
 * naming its file, line and column: numbers, and multiclass probability rows with their labels.
 */
import type { Column } from '../../io/column-builder.js';
import { firstNonNumericOf } from '../../io/column-builder.js';
import { getColumn, type Table } from '../../io/read-table.js';
import { CliError } from '../cli-error.js';

/** How far a probability row may sum from 1. */
export const PROBABILITY_SUM_TOLERANCE = 1e-3;

/** A CLI error naming the file, line and column of a bad row. */
export function rowError(
  table: Table,
  row: number,
  column: string | undefined,
  problem: string,
): CliError {
  const where = `${table.file} line ${table.lines[row]}${column !== undefined ? `, column '${column}'` : ''}`;
  return new CliError(`${where}: ${problem}`);
}

/** The column's numbers; every row must hold one. */
export function numbers(table: Table, name: string, what: string): Float64Array {
  const column: Column = getColumn(table, name);
  const first = firstNonNumericOf(column);
  if (column.kind === 'categorical' || first !== undefined) {
    // Labels and scores are never partly numbers: one cell that is not is an error here.
    const row =
      column.kind === 'categorical'
        ? column.values.findIndex((v) => v !== null && Number.isNaN(Number(v)))
        : 0;
    const line = first?.line ?? table.lines[Math.max(0, row)];
    const value =
      first?.value ?? (column.kind === 'categorical' ? column.values[Math.max(0, row)] : '?');
    throw new CliError(
      `${table.file} line ${line}, column '${name}': non-numeric ${what} '${value}'`,
    );
  }
  const missing = column.values.findIndex((v) => Number.isNaN(v));
  if (missing !== -1) throw rowError(table, missing, name, `missing ${what}`);
  return column.values;
}

/**
 * The rows of a multiclass table: one probability column per class (each in [0, 1], each row
 * summing to 1) and, with `labelColumn`, a label naming one of the classes (`labels` is all 0
 * without it).
 */
export function readMulticlassRows(
  table: Table,
  classes: readonly string[],
  labelColumn: string | undefined,
): { probabilities: Float64Array[]; labels: Int32Array } {
  const columns = classes.map((c) => numbers(table, c, 'probability'));
  const labelValues =
    labelColumn === undefined
      ? undefined
      : (getColumn(table, labelColumn).values as (string | null)[]);
  const index = new Map(classes.map((c, i) => [c, i]));
  const probabilities: Float64Array[] = [];
  const labels = new Int32Array(table.rows);
  for (let i = 0; i < table.rows; i++) {
    const row = Float64Array.from(columns, (col) => col[i]!);
    let sum = 0;
    for (let k = 0; k < row.length; k++) {
      if (!(row[k]! >= 0 && row[k]! <= 1)) {
        throw rowError(table, i, classes[k]!, `probability ${row[k]} is outside [0, 1]`);
      }
      sum += row[k]!;
    }
    if (Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
      throw rowError(
        table,
        i,
        undefined,
        `probabilities sum to ${sum}, not 1 (columns ${classes.join(', ')})`,
      );
    }
    if (labelValues !== undefined) {
      const label = labelValues[i];
      const k = label === null || label === undefined ? undefined : index.get(label);
      if (k === undefined) {
        throw rowError(
          table,
          i,
          labelColumn,
          label == null
            ? 'missing label'
            : `label '${label}' is not one of the classes ${classes.join(', ')}`,
        );
      }
      labels[i] = k;
    }
    probabilities.push(row);
  }
  return { probabilities, labels };
}

/**
 * The rows of a binary table: scores in [0, 1] and, with `labelColumn`, labels 0 or 1 (`labels`
 * is all 0 without it).
 */
export function readBinaryRows(
  table: Table,
  scoreColumn: string,
  labelColumn: string | undefined,
): { scores: Float64Array; labels: Float64Array } {
  const scores = numbers(table, scoreColumn, 'score');
  const labels =
    labelColumn === undefined ? new Float64Array(table.rows) : numbers(table, labelColumn, 'label');
  for (let i = 0; i < table.rows; i++) {
    if (!(scores[i]! >= 0 && scores[i]! <= 1)) {
      throw rowError(table, i, scoreColumn, `score ${scores[i]} is outside [0, 1]`);
    }
    if (labels[i] !== 0 && labels[i] !== 1) {
      throw rowError(table, i, labelColumn, `label ${labels[i]} is not 0 or 1`);
    }
  }
  return { scores, labels };
}
