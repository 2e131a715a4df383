/**
 * Dirty data is reported, never reinterpreted: a numeric column with a few cells that are not
 * numbers stays numeric and still gets its drift decision, the cells are counted with their
 * file and line, `--strict` makes them an error, and a column numeric in one file only is an
 * error naming both files.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBaseline } from '../../processor/src/cli/commands/baseline.js';
import { runDrift } from '../../processor/src/cli/commands/drift.js';
import {
  formatDriftTable,
  renderDriftReport,
} from '../../processor/src/cli/commands/render-drift-report.js';
import { formatNumber as fmt } from '../../processor/src/io/text-table.js';
import { failure, runCli, tempDir, writeColumnCsv } from './cli-files.js';

const dir = tempDir('dirty-data');
afterAll(() => dir.remove());

/** A deterministic spread of n values around `mean` (evenly spaced normal quantiles' stand-in). */
function spread(n: number, mean: number): number[] {
  return Array.from({ length: n }, (_, i) =>
    Number((mean + ((i * 7919) % n) / n - 0.5).toFixed(4)),
  );
}

const reference = writeColumnCsv(dir.path('ref.csv'), 'income', spread(400, 0));
const shifted = spread(400, 0.3);
/** The current file with one typo at data row 16 (line 17) and an `NA` at line 42. */
const dirtyCells = shifted.map((x, i) => (i === 15 ? 'oops' : i === 40 ? 'NA' : x));
const dirty = writeColumnCsv(dir.path('dirty.csv'), 'income', dirtyCells);
/** The same file with those two cells empty (missing). */
const clean = writeColumnCsv(
  dir.path('clean.csv'),
  'income',
  shifted.map((x, i) => (i === 15 || i === 40 ? '' : x)),
);

describe('mlmon drift with a few non-numbers in a numeric column', () => {
  it('stays numeric, decides drift as without the bad cells, and reports them with their lines', async () => {
    const report = await runDrift({ reference, current: dirty });
    const expected = await runDrift({ reference, current: clean });
    const col = report.columns[0]!;
    const want = expected.columns[0]!;
    expect(col.kind).toBe('numeric');
    expect(col.method).toBe('ks');
    expect(col.status).toBe('drift');
    expect([col.score, col.effective_threshold, col.current_count]).toEqual([
      want.score,
      want.effective_threshold,
      398,
    ]);
    // The bad cells are type mismatches, not missing values.
    expect(col.missing_current).toBe(0);
    expect([want.current_count, want.missing_current]).toEqual([398, 0]); // blank lines skipped
    expect(col.type_mismatches_reference).toBe(0);
    expect(col.type_mismatches_current).toBe(2);
    expect(col.first_type_mismatches).toEqual([
      { data: 'current', file: dirty, line: 17, value: 'oops' },
      { data: 'current', file: dirty, line: 42, value: 'NA' },
    ]);
  });

  it('counts every mismatch but names the first five', async () => {
    const many = writeColumnCsv(
      dir.path('many.csv'),
      'income',
      shifted.map((x, i) => (i % 50 === 0 ? `bad${i}` : x)),
    );
    const col = (await runDrift({ reference: many, current: clean })).columns[0]!;
    expect(col.type_mismatches_reference).toBe(8);
    expect(col.first_type_mismatches.map((m) => [m.data, m.line, m.value])).toEqual([
      ['reference', 2, 'bad0'],
      ['reference', 52, 'bad50'],
      ['reference', 102, 'bad100'],
      ['reference', 152, 'bad150'],
      ['reference', 202, 'bad200'],
    ]);
  });

  it('--strict turns the first mismatch into an error with file and line', async () => {
    const e = await failure(() => runDrift({ reference, current: dirty, strict: true }));
    expect(e.message).toBe(
      `${dirty} line 17, column 'income': 'oops' is not a number (2 such cells; --strict)`,
    );
    expect(e.exitCode).toBe(2);
  });

  it('JSONL: strings and booleans in a numeric field are mismatches too', async () => {
    const file = dir.path('dirty.jsonl');
    writeFileSync(
      file,
      shifted
        .map((x, i) => JSON.stringify({ income: i === 3 ? true : i === 9 ? 'n/a' : x }))
        .join('\n') + '\n',
    );
    const col = (await runDrift({ reference, current: file })).columns[0]!;
    expect(col.kind).toBe('numeric');
    expect(col.first_type_mismatches).toEqual([
      { data: 'current', file, line: 4, value: 'true' },
      { data: 'current', file, line: 10, value: 'n/a' },
    ]);
  });

  it('the 95 % rule: 1 in 20 non-numbers stays numeric, 2 in 20 is categorical', async () => {
    const values = spread(20, 0);
    const one = writeColumnCsv(
      dir.path('one-in-20.csv'),
      'income',
      values.map((x, i) => (i === 0 ? 'x' : x)),
    );
    const two = writeColumnCsv(
      dir.path('two-in-20.csv'),
      'income',
      values.map((x, i) => (i < 2 ? 'x' : x)),
    );
    const numeric = writeColumnCsv(dir.path('twenty.csv'), 'income', values);
    expect((await runDrift({ reference: numeric, current: one })).columns[0]!.kind).toBe('numeric');
    const e = await failure(() => runDrift({ reference: numeric, current: two }));
    expect(e.message).toBe(
      `column 'income' is numeric in ${numeric} but not in ${two} (line 2: 'x'); ` +
        `fix the data, or pass --categorical income to compare it as categories`,
    );
    // Declared categorical, the same files compare as categories.
    const report = await runDrift({ reference: numeric, current: two, categorical: ['income'] });
    expect(report.columns[0]!.kind).toBe('categorical');
  });

  it('a column numeric only in the current file is an error naming both files', async () => {
    const words = writeColumnCsv(dir.path('words.csv'), 'income', ['low', 'high', 'low', 'mid']);
    const e = await failure(() => runDrift({ reference: words, current: clean }));
    expect(e.message).toBe(
      `column 'income' is numeric in ${clean} but not in ${words} (line 2: 'low'); ` +
        `fix the data, or pass --categorical income to compare it as categories`,
    );
  });

  it('a non-numeric score column is handled the same way', async () => {
    const ref = writeColumnCsv(dir.path('score-ref.csv'), 'score', spread(300, 0.5));
    const cur = writeColumnCsv(
      dir.path('score-cur.csv'),
      'score',
      spread(300, 0.5).map((x, i) => (i === 7 ? '#N/A' : x)),
    );
    const col = (await runDrift({ reference: ref, current: cur })).columns[0]!;
    expect([col.kind, col.status, col.type_mismatches_current]).toEqual(['numeric', 'no_drift', 1]);
  });

  it('mlmon baseline refuses a numeric feature with non-numbers, naming the cell', async () => {
    const e = await failure(() =>
      buildBaseline({
        input: dirty,
        model: 'm',
        version: '1',
        now: new Date(0),
      }),
    );
    expect(e.message).toBe(
      `${dirty} line 17, column 'income': 'oops' is not a number (2 such cells in a numeric ` +
        `column); fix them, or pass --categorical income to profile the column as categories`,
    );
  });

  it('the real entry point prints the mismatches under the table and --strict exits 2', () => {
    const run = runCli(['drift', '--reference', reference, '--current', dirty]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      'Type mismatches (cells of a numeric column that are not numbers, left out):\n' +
        "  income: 2 in the current (dirty.csv:17 'oops', dirty.csv:42 'NA')\n",
    );
    const strict = runCli(['drift', '--reference', reference, '--current', dirty, '--strict']);
    expect(strict.status).toBe(2);
    expect(strict.stdout).toBe('');
    expect(strict.stderr).toBe(
      `mlmon: ${dirty} line 17, column 'income': 'oops' is not a number (2 such cells; --strict)\n`,
    );
  });
});

describe('mlmon drift table readability', () => {
  /** 5000 vs 5000 of a/b: 50/50 against 54.5/45.5, a chi² p-value far below 0.0005 but L∞ 0.045. */
  const ab = (n: number, a: number): string[] =>
    Array.from({ length: n }, (_, i) => (i < a ? 'a' : 'b'));

  it('golden table: score direction per method, the effect-size floor and mismatches explained', async () => {
    const ref = writeColumnCsv(
      dir.path('table-ref.csv'),
      'income,c',
      spread(400, 0).map((x, i) => `${x},${ab(400, 200)[i]}`),
    );
    const cur = writeColumnCsv(
      dir.path('table-cur.csv'),
      'income,c',
      dirtyCells.map((x, i) => `${x},${ab(400, 200)[i]}`),
    );
    const big = await runDrift({
      reference: writeColumnCsv(dir.path('c-ref.csv'), 'c', ab(5000, 2500)),
      current: writeColumnCsv(dir.path('c-cur.csv'), 'c', ab(5000, 2725)),
    });
    const floored = big.columns[0]!;
    expect(floored.score!).toBeLessThan(floored.effective_threshold!);
    expect(floored.status).toBe('no_drift');
    expect(floored.reason).toMatch(
      /^p = [0-9.e-]+ is at or below 0\.0005, but the effect \(l_infinity 0\.045\) is under the effect-size floor 0\.05: a difference too small to call drift$/,
    );

    const report = await runDrift({
      reference: ref,
      current: cur,
      rules: [{ feature: 'income', method: 'wasserstein_normed' }],
    });
    const text = formatDriftTable(renderDriftReport([...report.columns, floored]), ref, cur);
    const ws = report.columns[0]!;
    expect(text).toBe(
      [
        'Drift of table-cur.csv against table-ref.csv',
        '',
        'column  kind         n_ref  n_cur  method              score is                score    threshold  effective  status',
        '------  -----------  -----  -----  ------------------  ----------------------  -------  ---------  ---------  --------',
        `income  numeric        400    398  wasserstein_normed  distance, high = drift  ${fmt(ws.score!).padEnd(7)}  0.1        ${fmt(ws.effective_threshold!).padEnd(9)}  DRIFT`,
        `c       categorical    400    400  chi2                p-value, low = drift    1        0.05       0.0005     no drift`,
        `c       categorical   5000   5000  chi2                p-value, low = drift    ${fmt(floored.score!).padEnd(7)}  0.05       0.0005     no drift`,
        '',
        '1 of 3 decided columns drifted (33.3%)',
        '',
        'Not drift although below the threshold:',
        `  c: ${floored.reason}`,
        '',
        'Type mismatches (cells of a numeric column that are not numbers, left out):',
        "  income: 2 in the current (table-cur.csv:17 'oops', table-cur.csv:42 'NA')",
        '',
      ].join('\n'),
    );
  });
});
