/**
 * `mlmon drift` on every golden drift case (SciPy values, METRICS.md tolerances): each case is
 * written to CSV files and compared in-process through `runDrift`; one case also runs through the
 * real entry point (`--format json`) in a child process.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runDrift } from '../../processor/src/cli/commands/drift.js';
import { golden } from '../golden/golden-data.js';
import { toleranceMiss } from '../golden/tolerance.js';
import { runCli, tempDir, writeColumnCsv } from './cli-files.js';

const dir = tempDir('drift-golden');
afterAll(() => dir.remove());

const NUMERIC_KEYS = [
  'ks_statistic',
  'ks_p_value',
  'wasserstein',
  'wasserstein_normed',
  'psi',
  'jensen_shannon',
  'hellinger',
] as const;
const CATEGORICAL_KEYS = [
  'chi2_statistic',
  'chi2_p_value',
  'chi2_dof',
  'psi',
  'jensen_shannon',
  'hellinger',
  'l_infinity',
  'new_category_ratio',
] as const;

function misses(
  actual: Record<string, number | null>,
  expected: Record<string, unknown>,
  keys: readonly string[],
): string[] {
  return keys
    .map((k) => {
      const miss = toleranceMiss(actual[k], expected[k] as number | null, {
        pValue: k.endsWith('p_value'),
      });
      return miss === null ? null : `${k}: ${miss}`;
    })
    .filter((m): m is string => m !== null);
}

describe('mlmon drift on the numeric golden cases', () => {
  for (const c of golden.numeric) {
    it(c.name, async () => {
      const reference = writeColumnCsv(dir.path(`${c.name}-ref.csv`), 'x', c.reference);
      const current = writeColumnCsv(dir.path(`${c.name}-cur.csv`), 'x', c.current);
      const report = await runDrift({ reference, current });
      const col = report.columns[0]!;
      expect(col.kind).toBe('numeric');
      expect(col.reference_count).toBe(c.reference.length);
      expect(col.current_count).toBe(c.current.length);
      expect(misses(col.statistics, c.expected, NUMERIC_KEYS)).toEqual([]);
      // The decision's score is the statistic of its method.
      const key = col.method === 'ks' ? 'ks_p_value' : col.method;
      expect(toleranceMiss(col.score, col.statistics[key] ?? null, { pValue: true })).toBeNull();
    });
  }
});

describe('mlmon drift on the categorical golden cases', () => {
  for (const c of golden.categorical) {
    it(c.name, async () => {
      const reference = writeColumnCsv(dir.path(`${c.name}-ref.csv`), 'c', c.reference);
      const current = writeColumnCsv(dir.path(`${c.name}-cur.csv`), 'c', c.current);
      const report = await runDrift({ reference, current, categorical: ['c'] });
      const col = report.columns[0]!;
      expect(col.kind).toBe('categorical');
      expect(misses(col.statistics, c.expected, CATEGORICAL_KEYS)).toEqual([]);
    });
  }
});

describe('mlmon drift decisions on golden cases', () => {
  it('tiny samples (7 vs 5) are insufficient_data, with a reason and no verdict', async () => {
    const c = golden.numeric.find((x) => x.name === 'tiny_samples')!;
    const report = await runDrift({
      reference: writeColumnCsv(dir.path('tiny-ref.csv'), 'x', c.reference),
      current: writeColumnCsv(dir.path('tiny-cur.csv'), 'x', c.current),
    });
    const col = report.columns[0]!;
    expect(col.status).toBe('insufficient_data');
    expect(col.drifted).toBeNull();
    expect(col.effective_threshold).toBeNull();
    expect(col.reason).toBe('7 reference values, fewer than the 20 that ks needs');
    expect(report.drift_share).toBeNull();
  });

  it('a clear mean shift (n_ref 2000) drifts by wasserstein_normed above its size-aware threshold', async () => {
    const c = golden.numeric.find((x) => x.name === 'normal_mean_shift_n2000')!;
    const report = await runDrift({
      reference: writeColumnCsv(dir.path('shift-ref.csv'), 'x', c.reference),
      current: writeColumnCsv(dir.path('shift-cur.csv'), 'x', c.current),
    });
    const col = report.columns[0]!;
    expect(col.method).toBe('wasserstein_normed');
    expect(col.threshold).toBe(0.1);
    expect(col.effective_threshold!).toBeGreaterThanOrEqual(0.1);
    expect(col.drifted).toBe(true);
    expect(report.drifted_columns).toBe(1);
    expect(report.drift_share).toBe(1);
  });

  it('no drift at n 500: KS p-value far above the cut, effective threshold min(0.05, α)', async () => {
    const c = golden.numeric.find((x) => x.name === 'normal_no_drift_n500')!;
    const report = await runDrift({
      reference: writeColumnCsv(dir.path('nd-ref.csv'), 'x', c.reference),
      current: writeColumnCsv(dir.path('nd-cur.csv'), 'x', c.current),
    });
    const col = report.columns[0]!;
    expect(col.method).toBe('ks');
    expect(col.effective_threshold).toBe(0.0005);
    expect(col.drifted).toBe(false);
    expect(col.status).toBe('no_drift');
  });

  it('the real entry point prints the same JSON (child process)', () => {
    const c = golden.numeric.find((x) => x.name === 'integers_with_ties')!;
    const reference = writeColumnCsv(dir.path('ties-ref.csv'), 'x', c.reference);
    const current = writeColumnCsv(dir.path('ties-cur.csv'), 'x', c.current);
    const run = runCli([
      'drift',
      '--reference',
      reference,
      '--current',
      current,
      '--format',
      'json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as {
      columns: { statistics: Record<string, number | null> }[];
    };
    expect(misses(report.columns[0]!.statistics, c.expected, NUMERIC_KEYS)).toEqual([]);
    expect(Object.keys(report)).toEqual(['columns', 'drifted_columns', 'drift_share']);
    expect(Object.keys(report.columns[0]!)).toEqual([
      'name',
      'kind',
      'reference_count',
      'current_count',
      'missing_reference',
      'missing_current',
      'type_mismatches_reference',
      'type_mismatches_current',
      'first_type_mismatches',
      'statistics',
      'method',
      'score_kind',
      'score',
      'threshold',
      'effective_threshold',
      'drifted',
      'status',
      'reason',
    ]);
  });
});
