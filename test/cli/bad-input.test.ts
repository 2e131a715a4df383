/**
 * Every bad-input case of issue 3 gets one clear line naming the file, line and column, exit
 * code 2, and nothing half-written.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBaseline } from '../../processor/src/cli/commands/baseline.js';
import { runDrift } from '../../processor/src/cli/commands/drift.js';
import { runEvaluate } from '../../processor/src/cli/commands/evaluate.js';
import { CliError } from '../../processor/src/cli/cli-error.js';
import { failure, runCli, tempDir } from './cli-files.js';

const dir = tempDir('bad-input');
afterAll(() => dir.remove());

function file(name: string, text: string): string {
  const path = dir.path(name);
  writeFileSync(path, text);
  return path;
}

const good = file('good.csv', 'x,y\n1,a\n2,b\n3,a\n');

describe('mlmon drift bad input', () => {
  it('missing file', async () => {
    const missing = dir.path('nope.csv');
    const e = await failure(() => runDrift({ reference: missing, current: good }));
    expect(e.message).toBe(`${missing}: no such file`);
    expect(e.exitCode).toBe(2);
  });

  it('missing column', async () => {
    const e = await failure(() => runDrift({ reference: good, current: good, columns: ['z'] }));
    expect(e.message).toBe(`${good}: no column 'z' (columns: x, y)`);
  });

  it('a column of the reference missing from the current file', async () => {
    const other = file('other.csv', 'x\n1\n2\n');
    const e = await failure(() => runDrift({ reference: good, current: other }));
    expect(e.message).toBe(`${other}: no column 'y' (columns: x)`);
  });

  it('ragged row, with its line', async () => {
    const ragged = file('ragged.csv', 'x,y\n1,a\n2,b,extra\n3,a\n');
    const e = await failure(() => runDrift({ reference: ragged, current: good }));
    expect(e.message).toBe(`${ragged} line 3: row has 3 fields, the header has 2`);
  });

  it('ragged row after a quoted field spanning lines counts physical lines', async () => {
    const ragged = file('ragged-quoted.csv', 'x,y\n1,"two\nlines"\n2\n');
    const e = await failure(() => runDrift({ reference: ragged, current: good }));
    expect(e.message).toBe(`${ragged} line 4: row has 1 field, the header has 2`);
  });

  it('empty file', async () => {
    const empty = file('empty.csv', '');
    const e = await failure(() => runDrift({ reference: good, current: empty }));
    expect(e.message).toBe(`${empty}: empty file (no header row)`);
  });

  it('header without rows', async () => {
    const header = file('header.csv', 'x,y\n');
    const e = await failure(() => runDrift({ reference: header, current: good }));
    expect(e.message).toBe(`${header}: no data rows after the header`);
  });

  it('unterminated quote', async () => {
    const bad = file('quote.csv', 'x,y\n1,"open\n2,b\n');
    const e = await failure(() => runDrift({ reference: bad, current: good }));
    expect(e.message).toBe(`${bad} line 2: unterminated quoted field`);
  });

  it('invalid JSONL line', async () => {
    const bad = file('bad.jsonl', '{"x": 1, "y": "a"}\n{"x": 2, "y": \n');
    const e = await failure(() => runDrift({ reference: bad, current: good }));
    expect(e.message).toMatch(
      new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} line 2: invalid JSON`),
    );
  });

  it('unknown method names the valid ones', async () => {
    const e = await failure(() =>
      runDrift({ reference: good, current: good, rules: [{ method: 'kl' }] }),
    );
    expect(e.message).toBe(
      "rule 1: unknown drift method 'kl'; valid methods: ks, wasserstein, wasserstein_normed, psi, " +
        'jensen_shannon, hellinger, chi2, l_infinity, new_category_ratio',
    );
  });
});

describe('mlmon evaluate bad input', () => {
  it('non-numeric label, with line and column', async () => {
    const bad = file('label.csv', 'score,label\n0.2,1\n0.4,yes\n');
    const e = await failure(() =>
      runEvaluate({
        predictions: bad,
        task: 'binary_classification',
        scoreColumn: 'score',
        labelColumn: 'label',
      }),
    );
    expect(e.message).toBe(`${bad} line 3, column 'label': non-numeric label 'yes'`);
  });

  it('binary label other than 0/1', async () => {
    const bad = file('label2.csv', 'score,label\n0.2,1\n0.4,2\n');
    const e = await failure(() =>
      runEvaluate({
        predictions: bad,
        task: 'binary_classification',
        scoreColumn: 'score',
        labelColumn: 'label',
      }),
    );
    expect(e.message).toBe(`${bad} line 3, column 'label': label 2 is not 0 or 1`);
  });

  it('probabilities that do not sum to ~1', async () => {
    const bad = file('probs.csv', 'a,b,label\n0.3,0.7,a\n0.5,0.4,b\n');
    const e = await failure(() =>
      runEvaluate({
        predictions: bad,
        task: 'multiclass_classification',
        probabilityColumns: ['a', 'b'],
        labelColumn: 'label',
      }),
    );
    expect(e.message).toBe(`${bad} line 3: probabilities sum to 0.9, not 1 (columns a, b)`);
  });

  it('a label that is not a class', async () => {
    const bad = file('class.csv', 'a,b,label\n0.3,0.7,a\n0.5,0.5,c\n');
    const e = await failure(() =>
      runEvaluate({
        predictions: bad,
        task: 'multiclass_classification',
        probabilityColumns: ['a', 'b'],
        labelColumn: 'label',
      }),
    );
    expect(e.message).toBe(
      `${bad} line 3, column 'label': label 'c' is not one of the classes a, b`,
    );
  });

  it('missing column', async () => {
    const e = await failure(() =>
      runEvaluate({
        predictions: good,
        task: 'regression',
        predictionColumn: 'p',
        labelColumn: 'x',
      }),
    );
    expect(e.message).toBe(`${good}: no column 'p' (columns: x, y)`);
  });
});

describe('through the real entry point', () => {
  it('exit code 2 and one line on stderr, nothing on stdout', () => {
    const bad = file('cli-label.csv', 'score,label\n0.2,1\n0.4,yes\n');
    const run = runCli([
      'evaluate',
      '--predictions',
      bad,
      '--task',
      'binary_classification',
      '--score-column',
      'score',
      '--label-column',
      'label',
    ]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`mlmon: ${bad} line 3, column 'label': non-numeric label 'yes'\n`);
  });

  it('baseline on bad input writes no profile', async () => {
    const out = dir.path('profile.json');
    const ragged = file('train.csv', 'x,y\n1,a\n2\n');
    const run = runCli([
      'baseline',
      '--input',
      ragged,
      '--model',
      'm',
      '--version',
      '1',
      '--out',
      out,
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`mlmon: ${ragged} line 3: row has 1 field, the header has 2\n`);
    expect(existsSync(out)).toBe(false);
    const e = await failure(() =>
      buildBaseline({ input: ragged, model: 'm', version: '1', now: new Date(0) }),
    );
    expect(e.message).toBe(`${ragged} line 3: row has 1 field, the header has 2`);
  });

  it('names a --categorical column that the reference does not have', async () => {
    const ref = dir.path('cat-ref.csv');
    writeFileSync(ref, 'a,b\n1,x\n2,y\n');
    await expect(
      runDrift({ reference: ref, current: ref, categorical: ['nope'], rules: [] }),
    ).rejects.toThrow(new CliError(`--categorical: no column 'nope' in ${ref} (columns: a, b)`));
  });

  it('names the bad --method value and lists the valid ones', () => {
    const ref = dir.path('method-ref.csv');
    writeFileSync(ref, 'a\n1\n2\n');
    const r = runCli(['drift', '--reference', ref, '--current', ref, '--method', 'bogus']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^mlmon: --method: unknown drift method 'bogus'; valid methods: ks, /);
  });

  it('a missing required option or an unknown option is one line naming it, exit code 2', () => {
    const ref = dir.path('required-ref.csv');
    writeFileSync(ref, 'a\n1\n2\n');
    const missing = runCli(['drift', '--reference', ref]);
    expect([missing.status, missing.stdout]).toEqual([2, '']);
    expect(missing.stderr).toBe("mlmon: required option '--current <file>' not specified\n");
    const unknown = runCli(['drift', '--reference', ref, '--current', ref, '--bogus']);
    expect([unknown.status, unknown.stdout]).toEqual([2, '']);
    expect(unknown.stderr).toBe("mlmon: unknown option '--bogus'\n");
  });
});
