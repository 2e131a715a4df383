/**
 * Renders rows as an aligned plain-text table (the CLI's default output): left-aligned text,
 * right-aligned numbers, two spaces between columns, a dashed rule under the header.
 */

/** A cell: text, or a number (right-aligned). */
export type Cell = string | number;

/** Formats a number for a table: 4 significant digits, scientific below 1e-4. */
export function formatNumber(x: number | null | undefined): string {
  if (x === null || x === undefined) return '—';
  if (x === 0) return '0';
  if (Number.isInteger(x) && Math.abs(x) < 1e9) return String(x);
  const a = Math.abs(x);
  return a < 1e-4 || a >= 1e6 ? x.toExponential(2) : String(Number(x.toPrecision(4)));
}

/** Renders `rows` under `header`. */
export function renderTextTable(
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
): string {
  const text = rows.map((r) => r.map((c) => (typeof c === 'number' ? formatNumber(c) : c)));
  const numeric = header.map(
    (_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number'),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...text.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...text.map(line)].join('\n');
}
