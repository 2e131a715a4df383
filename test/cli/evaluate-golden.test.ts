/**
 * `mlmon evaluate` on every golden classification and regression case (SciPy/sklearn values,
 * METRICS.md tolerances), through CSV files and `runEvaluate`; one case per task format also
 * through the real entry point.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { formatEvaluateTable, runEvaluate } from '../../processor/src/cli/commands/evaluate.js';
import { golden, type GoldenBin } from '../golden/golden-data.js';
import { toleranceMiss } from '../golden/tolerance.js';
import { runCli, tempDir, writeCsv } from './cli-files.js';

const dir = tempDir('evaluate-golden');
afterAll(() => dir.remove());

function misses(
  actual: Record<string, number | null>,
  expected: Record<string, unknown>,
): string[] {
  return Object.keys(actual)
    .map((k) => {
      const miss = toleranceMiss(actual[k], expected[k] as number | null);
      return miss === null ? null : `${k}: ${miss}`;
    })
    .filter((m): m is string => m !== null);
}

function binMisses(
  actual: readonly GoldenBin[] | undefined,
  expected: readonly GoldenBin[],
): string[] {
  expect(actual).toHaveLength(expected.length);
  return expected.flatMap((e, i) => {
    const a = actual![i]!;
    return [
      a.count === e.count ? null : `bin ${i} count ${a.count} != ${e.count}`,
      toleranceMiss(a.mean_confidence, e.mean_confidence),
      toleranceMiss(a.accuracy, e.accuracy),
    ].filter((m): m is string => m !== null);
  });
}

describe('mlmon evaluate, binary classification golden cases', () => {
  for (const c of golden.binary) {
    it(c.name, async () => {
      const file = writeCsv(
        dir.path(`${c.name}.csv`),
        ['score', 'label'],
        c.scores.map((s, i) => [s, c.labels[i]!]),
      );
      const report = await runEvaluate({
        predictions: file,
        task: 'binary_classification',
        scoreColumn: 'score',
        labelColumn: 'label',
        threshold: c.threshold,
      });
      expect(report.count).toBe(c.scores.length);
      expect(Object.keys(report.metrics)).toEqual([
        'brier_score',
        'log_loss',
        'ece',
        'mce',
        'ece_quantile',
        'roc_auc',
        'accuracy',
        'precision',
        'recall',
        'f1',
      ]);
      expect(misses(report.metrics, c.expected)).toEqual([]);
      expect(binMisses(report.reliability_bins, c.expected.reliability_bins)).toEqual([]);
    });
  }
});

describe('mlmon evaluate, multiclass golden cases', () => {
  for (const c of golden.multiclass) {
    it(c.name, async () => {
      const k = c.probabilities[0]!.length;
      const classes = Array.from({ length: k }, (_, i) => `class_${i}`);
      const file = writeCsv(
        dir.path(`${c.name}.csv`),
        [...classes, 'label'],
        c.probabilities.map((p, i) => [...p, classes[c.labels[i]!]!]),
      );
      const report = await runEvaluate({
        predictions: file,
        task: 'multiclass_classification',
        probabilityColumns: classes,
        labelColumn: 'label',
      });
      expect(misses(report.metrics, c.expected)).toEqual([]);
      expect(binMisses(report.reliability_bins, c.expected.reliability_bins)).toEqual([]);
    });
  }
});

describe('mlmon evaluate, regression golden cases', () => {
  for (const c of golden.regression) {
    it(c.name, async () => {
      const file = writeCsv(
        dir.path(`${c.name}.csv`),
        ['y', 'y_hat'],
        c.actual.map((y, i) => [y, c.predicted[i]!]),
      );
      const report = await runEvaluate({
        predictions: file,
        task: 'regression',
        predictionColumn: 'y_hat',
        labelColumn: 'y',
      });
      expect(misses(report.metrics, c.expected)).toEqual([]);
      expect(report.reliability_bins).toBeUndefined();
    });
  }
});

describe('mlmon evaluate output', () => {
  it('prints a readable table by default and exact JSON with --format json (child process)', () => {
    const c = golden.binary.find((x) => x.name === 'small_n40')!;
    const file = writeCsv(
      dir.path('small.csv'),
      ['p', 'y'],
      c.scores.map((s, i) => [s, c.labels[i]!]),
    );
    const args = [
      'evaluate',
      '--predictions',
      file,
      '--task',
      'binary_classification',
      '--score-column',
      'p',
      '--label-column',
      'y',
    ];
    const table = runCli(args);
    expect(table.stderr).toBe('');
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(
      /^Evaluation of small\.csv \(binary_classification, 40 predictions\)/,
    );
    expect(table.stdout).toMatch(/^roc_auc\s+0\.7619$/m);
    expect(table.stdout).toMatch(/^0\.0–0\.1\s+1\s+0\.09311\s+1$/m);
    // A binary bin's observed value is the share of actual positives, named so.
    expect(table.stdout).toMatch(/^bin\s+count\s+mean_score\s+positive_rate$/m);
    expect(table.stdout).not.toMatch(/accuracy\s*$/m);
    const json = runCli([...args, '--format', 'json']);
    expect(json.status).toBe(0);
    const report = JSON.parse(json.stdout) as {
      task: string;
      count: number;
      metrics: Record<string, number>;
    };
    expect(Object.keys(report)).toEqual(['task', 'count', 'metrics', 'reliability_bins']);
    expect(misses(report.metrics, c.expected)).toEqual([]);
  });

  it('shows empty reliability bins as dashes', () => {
    const text = formatEvaluateTable(
      {
        task: 'binary_classification',
        count: 1,
        metrics: { roc_auc: null },
        reliability_bins: [{ count: 0, mean_confidence: null, accuracy: null }],
      },
      'x.csv',
    );
    expect(text).toMatch(/^roc_auc\s+—$/m);
    expect(text).toMatch(/^0\.0–0\.1\s+0\s+—\s+—$/m);
  });
});
