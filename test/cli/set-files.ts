/**
 * The multilabel and ranking golden cases (`scripts/multilabel_ranking.py`) as CSV files for
 * `mlmon evaluate`: label sets and ranked lists as JSON-array cells, quoted as RFC 4180 asks.
 */
import type { MultilabelCase, RankingQuery } from '../golden/multilabel-ranking-golden-data.js';
import { writeCsv } from './cli-files.js';

/** A CSV cell holding `value` as JSON text. */
export const jsonCell = (value: unknown): string =>
  `"${JSON.stringify(value).replaceAll('"', '""')}"`;

/** Columns `predicted`, `actual` (label sets) and `p` (sampling probability). */
export function writeMultilabelCsv(file: string, rows: MultilabelCase['rows']): string {
  return writeCsv(
    file,
    ['predicted', 'actual', 'p'],
    rows.map((r) => [jsonCell(r.predicted), jsonCell(r.actual), r.p]),
  );
}

/** Columns `ranked`, `relevant`, `grades` (empty without grades), `k` and `p`. */
export function writeRankingCsv(file: string, queries: readonly RankingQuery[]): string {
  return writeCsv(
    file,
    ['ranked', 'relevant', 'grades', 'k', 'p'],
    queries.map((q) => [
      jsonCell(q.ranking),
      jsonCell(q.relevant),
      q.relevance === undefined ? '' : jsonCell(q.relevance),
      q.k,
      q.p,
    ]),
  );
}
