/**
 * `mlmon drift` parses the reference file on a worker thread (the real entry point runs under
 * tsx, so the worker registers tsx's loader); the report must equal the in-process one (vitest
 * reads on the calling thread), including missing cells, categorical columns and file errors.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runDrift } from '../../processor/src/cli/commands/drift.js';
import { runCli, tempDir, writeCsv } from './cli-files.js';

describe('mlmon drift reading the reference on a worker thread', () => {
  const dir = tempDir('worker-read');
  afterAll(() => dir.remove());

  it('gives the same report as reading on the main thread', async () => {
    const rows = (n: number, shift: number) =>
      Array.from({ length: n }, (_, i) => [
        i % 17 === 0 ? '' : ((i * 7919) % 1000) / 10 + shift,
        ['red', 'green', 'blue'][(i * 31 + shift) % 3]!,
        i % 5,
      ]);
    const reference = writeCsv(dir.path('ref.csv'), ['x', 'colour', 'k'], rows(6000, 0));
    const current = writeCsv(dir.path('cur.csv'), ['x', 'colour', 'k'], rows(2500, 1));
    const cli = runCli([
      'drift',
      '--reference',
      reference,
      '--current',
      current,
      '--format',
      'json',
    ]);
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    const inProcess = await runDrift({ reference, current });
    expect(JSON.parse(cli.stdout)).toEqual(JSON.parse(JSON.stringify(inProcess)));
    expect(inProcess.columns.map((c) => [c.name, c.missing_reference])).toEqual([
      ['x', 353],
      ['colour', 0],
      ['k', 0],
    ]);
  });

  it('reports a bad reference file with its file, line and problem', () => {
    const reference = writeCsv(dir.path('ragged.csv'), ['a', 'b'], [[1, 2], [3]]);
    const current = writeCsv(dir.path('ok.csv'), ['a', 'b'], [[1, 2]]);
    const cli = runCli(['drift', '--reference', reference, '--current', current]);
    expect(cli.status).toBe(2);
    expect(cli.stderr.trim()).toBe(`mlmon: ${reference} line 3: row has 1 field, the header has 2`);
  });
});
