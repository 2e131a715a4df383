/** Markdown rendering of the benchmark rows. */
import type { BenchRow } from './row.js';

function cell(x: string | number | boolean | null): string {
  if (x === null) return '–';
  if (typeof x === 'boolean') return x ? 'yes' : '**NO**';
  return String(x).replace(/\|/g, '\\|');
}

/** One markdown table, one line per row, columns in the JSON field order. */
export function renderTable(rows: readonly BenchRow[]): string {
  const head = '| name | unit | value | baseline | baseline value | ratio | goal | met |';
  const rule = '|---|---|---:|---|---:|---:|---|---|';
  const lines = rows.map(
    (r) =>
      `| ${[r.name, r.unit, r.value, r.baseline, r.baseline_value, r.ratio, r.goal, r.met].map(cell).join(' | ')} |`,
  );
  return [head, rule, ...lines].join('\n');
}
