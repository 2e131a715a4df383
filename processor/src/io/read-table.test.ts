import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTable } from './read-table.js';

const dir = mkdtempSync(join(tmpdir(), 'mlmon-read-table-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('readTable', () => {
  it('reads CSV columnar: numbers in Float64Array (NaN missing), strings when any value is not a number', async () => {
    const t = await readTable(write('a.csv', 'x,y,z\n1.5,a,3\n,b,nan\n-2,1,inf\n'));
    expect(t.rows).toBe(3);
    expect(t.names).toEqual(['x', 'y', 'z']);
    const [x, y, z] = t.columns;
    expect(x!.kind).toBe('numeric');
    expect([...(x!.values as Float64Array)]).toEqual([1.5, NaN, -2]);
    expect(x!.missing).toBe(1);
    expect(y).toMatchObject({
      kind: 'categorical',
      values: ['a', 'b', '1'],
      firstNonNumeric: { line: 2, value: 'a' },
    });
    // 'inf' is text, so z turns categorical with the number kept as its string.
    expect(z).toMatchObject({ kind: 'categorical', values: ['3', null, 'inf'], missing: 1 });
    expect([...t.lines]).toEqual([2, 3, 4]);
  });

  it('keeps declared categorical columns as raw text', async () => {
    const t = await readTable(write('b.csv', 'code\n007\n7\n'), { categorical: new Set(['code']) });
    expect(t.columns[0]!.values).toEqual(['007', '7']);
  });

  it('reads JSONL with keys appearing late, nulls and booleans', async () => {
    const t = await readTable(
      write('c.jsonl', '{"x": 1}\n\n{"x": 2.5, "flag": true}\r\n{"x": null, "flag": false}'),
    );
    expect(t.rows).toBe(3);
    expect([...(t.columns[0]!.values as Float64Array)]).toEqual([1, 2.5, NaN]);
    expect(t.columns[1]).toMatchObject({
      name: 'flag',
      kind: 'categorical',
      values: [null, 'true', 'false'],
    });
    expect([...t.lines]).toEqual([1, 3, 4]);
  });

  it('reads only the columns asked for', async () => {
    const t = await readTable(write('d.csv', 'a,b\n1,2\n'), { only: new Set(['b']) });
    expect(t.columns.map((c) => c.name)).toEqual(['b']);
    expect(t.names).toEqual(['a', 'b']);
  });
});
