/**
 * `mlmon fairness` against the NumPy/SciPy golden cases (test/golden/scripts/fairness.py),
 * through the real entry point and through `runFairness`, and on bad input: an attribute with
 * thousands of values (capped, the rest counted in `_OTHER`), rows without the attribute (their
 * own `_UNKNOWN` group), labels that are not 0/1 and scores that are missing or out of range
 * (rejected with their reason and counted), a column that does not exist (named).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runFairness, type FairnessReport } from '../../processor/src/cli/commands/fairness.js';
import {
  FAIRNESS_CASES,
  fairnessMisses,
  type FairnessCase,
} from '../golden/fairness-golden-data.js';
import { failure, runCli, tempDir, writeCsv } from './cli-files.js';

const dir = tempDir('fairness');
afterAll(() => dir.remove());

/** The case as a CSV file: empty cells for a missing group or label. */
function caseCsv(c: FairnessCase): string {
  return writeCsv(
    dir.path(`${c.name}.csv`),
    ['gender', 'score', 'y'],
    c.groups.map((g, i) => [g ?? '', c.scores[i]!, c.labels[i] ?? '']),
  );
}

const caseOptions = (c: FairnessCase) => ({
  predictions: caseCsv(c),
  sensitiveColumns: ['gender'],
  scoreColumn: 'score',
  labelColumn: 'y',
  minGroupCount: c.min_group_count,
  maxGroups: c.max_groups,
  alpha: c.alpha,
});

describe('mlmon fairness', () => {
  it.each(FAIRNESS_CASES.map((c) => [c.name, c] as const))(
    'matches the golden values of %s',
    async (_name, c) => {
      const report = await runFairness(caseOptions(c));
      expect(report.rows).toBe(c.groups.length);
      expect(report.rejected).toEqual({});
      expect(fairnessMisses(report.attributes[0]!, c)).toEqual([]);
    },
  );

  it('prints the golden values as JSON and as a table from the command line', () => {
    const c = FAIRNESS_CASES.find((x) => x.name === 'two_groups_true_gap')!;
    const file = caseCsv(c);
    const args = ['fairness', '--predictions', file, '--sensitive-column', 'gender'];
    const flags = ['--score-column', 'score', '--label-column', 'y'];
    const json = runCli([...args, ...flags, '--format', 'json']);
    expect(json.stderr).toBe('');
    expect(json.status).toBe(0);
    const report = JSON.parse(json.stdout) as FairnessReport;
    expect(fairnessMisses(report.attributes[0]!, c)).toEqual([]);
    const table = runCli([...args, ...flags]);
    expect(table.status).toBe(0);
    const dpd = c.expected['demographic_parity_difference']!;
    expect(table.stdout).toMatch(
      new RegExp(`demographic_parity_difference\\s+│?\\s*${dpd.value.toPrecision(4).slice(0, 5)}`),
    );
    expect(table.stdout).toContain('female');
  });

  it('caps thousands of attribute values, pools missing ones, rejects bad labels and scores', async () => {
    const rows: (string | number)[][] = [];
    for (let i = 0; i < 5000; i++) rows.push([`zip${i}`, i % 2 === 0 ? 0.8 : 0.2, i % 2]);
    rows.push(
      ['', 0.9, 1],
      ['', 0.1, 0],
      ['zip1', 0.7, 'maybe'],
      ['zip2', '', 1],
      ['zip3', 1.5, 0],
    );
    const file = writeCsv(dir.path('hostile.csv'), ['zip', 'score', 'y'], rows);
    const report = await runFairness({
      predictions: file,
      sensitiveColumns: ['zip'],
      scoreColumn: 'score',
      labelColumn: 'y',
      maxGroups: 20,
    });
    expect(report.rejected).toEqual({
      label_not_binary: 1,
      score_missing: 1,
      score_out_of_range: 1,
    });
    const zip = report.attributes[0]!;
    expect(zip.rejectedLabels).toBe(1);
    const named = zip.groups.filter((g) => g.pooled === undefined);
    expect(named).toHaveLength(20);
    const other = zip.groups.find((g) => g.group === '_OTHER')!;
    // 5000 distinct values: the first 20 kept, the rest pooled; zip1 (kept) got one more row.
    expect(other.predictions).toBe(4980);
    expect(named.reduce((n, g) => n + g.predictions, 0)).toBe(21);
    const unknown = zip.groups.find((g) => g.group === '_UNKNOWN')!;
    expect([unknown.predictions, unknown.positives, unknown.negatives]).toEqual([2, 1, 1]);
    // Groups of one or two rows are never compared.
    expect(zip.disparities.map((d) => d.value)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('names a missing column and a bad option', async () => {
    const c = FAIRNESS_CASES[0]!;
    const error = await failure(() =>
      runFairness({ ...caseOptions(c), sensitiveColumns: ['race'] }),
    );
    expect(error.message).toMatch(/race/);
    const run = runCli([
      'fairness',
      '--predictions',
      caseCsv(c),
      '--sensitive-column',
      'gender',
      '--score-column',
      'score',
      '--max-groups',
      '1',
    ]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/--max-groups must be an integer from 2/);
  });
});
