/**
 * Set-valued columns of a predictions table for `mlmon evaluate`: label sets (multilabel
 * classification) and ranked lists (ranking). A cell holds a JSON array, in CSV as its text
 * (`["sports","tech"]`, quoted as any CSV cell with commas) and in JSONL as the array itself or
 * its text — the encoding `mlmon capture export` uses for array values, and the shape of the
 * array attributes (`ml.prediction.labels`, `ml.prediction.ranking`, …) the processor receives.
 * Every bad cell is an error naming its file, line and column.
 */
import { getColumn, type Table } from '../../io/read-table.js';
import type { MultilabelObservation, RankingObservation } from '../../state/accumulators/index.js';
import { numbers, rowError } from './table-columns.js';

/** The JSON array of row `i` of a categorical column; `what` names it in errors. */
function arrayCell(table: Table, values: readonly (string | null)[], i: number, column: string) {
  const text = values[i];
  if (text === null || text === undefined) {
    throw rowError(table, i, column, 'missing list (write [] for an empty one)');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw rowError(table, i, column, `'${text}' is not a JSON array such as ["a","b"]`);
  }
  if (!Array.isArray(parsed)) {
    throw rowError(table, i, column, `'${text}' is not a JSON array such as ["a","b"]`);
  }
  return parsed as unknown[];
}

/** A column's cells as lists of strings (numbers and booleans as their text, as the processor reads them). */
export function stringLists(table: Table, column: string): string[][] {
  const values = getColumn(table, column).values as readonly (string | null)[];
  const out: string[][] = [];
  for (let i = 0; i < table.rows; i++) {
    const items = arrayCell(table, values, i, column);
    out.push(
      items.map((x) => {
        if (typeof x === 'string') return x;
        if ((typeof x === 'number' && Number.isFinite(x)) || typeof x === 'boolean')
          return String(x);
        throw rowError(table, i, column, `list item ${JSON.stringify(x)} is not a string`);
      }),
    );
  }
  return out;
}

/**
 * A column's cells as lists of finite numbers ≥ 0 (graded relevance); an empty cell is a row
 * without grades (its relevant items count 1 each, as a label without `ml.ground_truth.relevance`).
 */
function gradeLists(table: Table, column: string): (number[] | undefined)[] {
  const values = getColumn(table, column).values as readonly (string | null)[];
  const out: (number[] | undefined)[] = [];
  for (let i = 0; i < table.rows; i++) {
    if (values[i] === null || values[i] === undefined) {
      out.push(undefined);
      continue;
    }
    const items = arrayCell(table, values, i, column);
    for (const x of items) {
      if (typeof x !== 'number' || !(x >= 0) || !Number.isFinite(x)) {
        throw rowError(table, i, column, `relevance ${JSON.stringify(x)} is not a number ≥ 0`);
      }
    }
    out.push(items as number[]);
  }
  return out;
}

/** The multilabel pairs of a table: predicted label sets and true label sets. */
export function readMultilabelRows(
  table: Table,
  predictionColumn: string,
  labelColumn: string,
): MultilabelObservation[] {
  const predicted = stringLists(table, predictionColumn);
  const actual = stringLists(table, labelColumn);
  return predicted.map((p, i) => ({ predicted: p, actual: actual[i]! }));
}

/** Where the ranking rows' k comes from: one for all, or a column of positive integers. */
export type RankingCutoff = { readonly k: number } | { readonly kColumn: string };

/** Columns of the ranking rows. */
export interface RankingColumns {
  /** Ranked item ids, best first. */
  readonly rankingColumn: string;
  /** Relevant item ids. */
  readonly relevantColumn: string;
  /** Graded relevance per relevant item; every relevant item has relevance 1 without it. */
  readonly relevanceColumn?: string;
  readonly cutoff: RankingCutoff;
}

/** The ranking queries of a table with their ground truth. */
export function readRankingRows(table: Table, columns: RankingColumns): RankingObservation[] {
  const ranking = stringLists(table, columns.rankingColumn);
  const relevant = stringLists(table, columns.relevantColumn);
  const grades =
    columns.relevanceColumn === undefined ? undefined : gradeLists(table, columns.relevanceColumn);
  const ks = 'kColumn' in columns.cutoff ? numbers(table, columns.cutoff.kColumn, 'k') : undefined;
  return ranking.map((r, i) => {
    const k = ks !== undefined ? ks[i]! : (columns.cutoff as { k: number }).k;
    if (!Number.isInteger(k) || k < 1) {
      const where = 'kColumn' in columns.cutoff ? columns.cutoff.kColumn : undefined;
      throw rowError(table, i, where, `k ${k} is not a positive integer`);
    }
    const relevance = grades?.[i];
    if (relevance !== undefined && relevance.length !== relevant[i]!.length) {
      throw rowError(
        table,
        i,
        columns.relevanceColumn,
        `${relevance.length} grades for the ${relevant[i]!.length} relevant items of '${columns.relevantColumn}'`,
      );
    }
    return { ranking: r, relevant: relevant[i]!, relevance, k };
  });
}
