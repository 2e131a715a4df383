/**
 * `mlmon estimate` against the NumPy/sklearn CBPE script (`test/golden/scripts/cbpe.py`): the
 * same rows written as CSV files give the script's estimates, σ and realized values.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runEstimate } from '../../processor/src/cli/commands/estimate.js';
import { expectClose } from '../golden/tolerance.js';
import { failure, runCli, tempDir, writeCsv } from './cli-files.js';

interface BinaryCase {
  name: string;
  task: 'binary';
  threshold: number;
  reference: { scores: number[]; labels: number[] };
  current: { scores: number[]; labels?: number[]; realized?: Record<string, number> };
  estimates: Record<string, number>;
  sigma: Record<string, number>;
}
interface MulticlassCase {
  name: string;
  task: 'multiclass';
  classes: string[];
  reference: { probs: number[][]; labels: number[] };
  current: { probs: number[][] };
  estimates: Record<string, number>;
  sigma: Record<string, number>;
}
const golden = JSON.parse(
  readFileSync(new URL('../golden/cbpe.json', import.meta.url), 'utf8'),
) as { cases: (BinaryCase | MulticlassCase)[] };
const binary = golden.cases.find((c): c is BinaryCase => c.name === 'overconfident_shifted')!;
const multi = golden.cases.find((c): c is MulticlassCase => c.task === 'multiclass')!;

const dir = tempDir('estimate');
afterAll(() => dir.remove());

const refFile = writeCsv(
  dir.path('ref.csv'),
  ['s', 'y'],
  binary.reference.scores.map((s, i) => [s, binary.reference.labels[i]!]),
);
const curFile = writeCsv(
  dir.path('cur.csv'),
  ['s', 'y'],
  binary.current.scores.map((s, i) => [s, binary.current.labels![i]!]),
);

describe('mlmon estimate', () => {
  it('binary: the script’s estimates, σ, realized values and estimation errors', async () => {
    const report = await runEstimate({
      reference: refFile,
      current: curFile,
      task: 'binary_classification',
      labelColumn: 'y',
      scoreColumn: 's',
      threshold: binary.threshold,
    });
    expect(report.labeled).toBe(true);
    expect(report.calibration[0]!.isotonic).toBe(true);
    for (const m of report.metrics) {
      const realized = binary.current.realized![m.metric]!;
      expectClose(`${m.metric}`, m.estimate, binary.estimates[m.metric]!);
      expectClose(`σ ${m.metric}`, m.sigma, binary.sigma[m.metric]!);
      expectClose(`realized ${m.metric}`, m.realized, realized);
      expectClose(`error ${m.metric}`, m.estimation_error, binary.estimates[m.metric]! - realized);
    }
  });

  it('multiclass: class names from the label column, estimates as the script’s', async () => {
    const header = [...multi.classes, 'label'];
    const rows = (probs: number[][], labels?: number[]) =>
      probs[0]!.map((_, i) => [
        ...probs.map((col) => col[i]!),
        ...(labels ? [multi.classes[labels[i]!]!] : []),
      ]);
    const reference = writeCsv(
      dir.path('mref.csv'),
      header,
      rows(multi.reference.probs, multi.reference.labels),
    );
    const current = writeCsv(dir.path('mcur.csv'), multi.classes, rows(multi.current.probs));
    const report = await runEstimate({
      reference,
      current,
      task: 'multiclass_classification',
      labelColumn: 'label',
      probabilityColumns: multi.classes,
    });
    expect(report.labeled).toBe(false);
    expect(report.metrics[0]!.realized).toBeUndefined();
    for (const m of report.metrics) {
      expectClose(`${m.metric}`, m.estimate, multi.estimates[m.metric]!);
      expectClose(`σ ${m.metric}`, m.sigma, multi.sigma[m.metric]!);
    }
  });

  it('prints a table and JSON (child process), and names a bad reference label', async () => {
    const args = [
      'estimate',
      '--reference',
      refFile,
      '--current',
      curFile,
      '--task',
      'binary_classification',
      '--score-column',
      's',
      '--label-column',
      'y',
    ];
    const table = runCli(args);
    expect(table.stderr).toBe('');
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/^Estimated quality of cur\.csv \(binary_classification, 200/);
    expect(table.stdout).toMatch(
      /^metric\s+estimate\s+lower\s+upper\s+realized\s+estimation_error$/m,
    );
    expect(table.stdout).toMatch(/^score\s+isotonic\s/m);
    const json = JSON.parse(runCli([...args, '--format', 'json']).stdout) as {
      metrics: { metric: string; estimate: number }[];
    };
    expectClose('json accuracy', json.metrics[0]!.estimate, binary.estimates.accuracy!);
    const bad = writeCsv(
      dir.path('bad.csv'),
      ['s', 'y'],
      [
        [0.2, 0],
        [0.7, 2],
      ],
    );
    const e = await failure(() =>
      runEstimate({
        reference: bad,
        current: curFile,
        task: 'binary_classification',
        labelColumn: 'y',
        scoreColumn: 's',
      }),
    );
    expect(e.message).toBe(`${bad} line 3, column 'y': label 2 is not 0 or 1`);
  });
});
