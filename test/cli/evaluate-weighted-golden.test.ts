/**
 * `mlmon evaluate` on weighted rows (`--sampling-probability-column`, w = 1/p) and on multilabel
 * and ranking files, against sklearn: `scripts/batch_evaluate_weighted.py` (sample_weight=,
 * checked there against rows repeated w times) and `scripts/multilabel_ranking.py` (f1_score
 * micro/macro, hamming_loss, ndcg_score, …). Bad probabilities and bad list cells name the file,
 * line and column.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  formatEvaluateTable,
  runEvaluate,
  type EvaluateReport,
} from '../../processor/src/cli/commands/evaluate.js';
import {
  GOLDEN,
  MULTILABEL_METRICS,
  pick,
  rankingMeans,
} from '../golden/multilabel-ranking-golden-data.js';
import { toleranceMiss } from '../golden/tolerance.js';
import { failure, runCli, tempDir, writeCsv } from './cli-files.js';
import { writeMultilabelCsv, writeRankingCsv } from './set-files.js';

const dir = tempDir('evaluate-weighted');
afterAll(() => dir.remove());

interface Weighted<E> {
  p: number[];
  expected: E & { weight: number; effective_count: number };
}
const W = JSON.parse(
  readFileSync(new URL('../golden/batch_evaluate_weighted.json', import.meta.url), 'utf8'),
) as {
  binary: Weighted<Record<string, number>> & { scores: number[]; labels: number[] };
  multiclass: Weighted<Record<string, number>> & { probabilities: number[][]; labels: number[] };
  regression: Weighted<Record<string, number>> & { predicted: number[]; actual: number[] };
};

/** Every expected value the report misses (metrics, Σw and n_eff). */
function misses(report: EvaluateReport, expected: Record<string, number>): string[] {
  const got: Record<string, number | null | undefined> = {
    ...report.metrics,
    weight: report.weight,
    effective_count: report.effective_count,
  };
  return Object.entries(expected).flatMap(([k, e]) => {
    const miss = toleranceMiss(got[k], e);
    return miss === null ? [] : [`${k}: ${miss}`];
  });
}

describe('mlmon evaluate --sampling-probability-column against sklearn sample_weight=', () => {
  it('binary: every metric weighted, Σw and Kish n_eff reported', async () => {
    const c = W.binary;
    const file = writeCsv(
      dir.path('binary.csv'),
      ['score', 'label', 'p'],
      c.scores.map((s, i) => [s, c.labels[i]!, c.p[i]!]),
    );
    const report = await runEvaluate({
      predictions: file,
      task: 'binary_classification',
      scoreColumn: 'score',
      labelColumn: 'label',
      samplingProbabilityColumn: 'p',
    });
    expect(misses(report, c.expected)).toEqual([]);
    expect(report.count).toBe(c.scores.length);
  });

  it('multiclass', async () => {
    const c = W.multiclass;
    const classes = c.probabilities[0]!.map((_, k) => `c${k}`);
    const file = writeCsv(
      dir.path('multiclass.csv'),
      [...classes, 'label', 'p'],
      c.probabilities.map((row, i) => [...row, `c${c.labels[i]}`, c.p[i]!]),
    );
    const report = await runEvaluate({
      predictions: file,
      task: 'multiclass_classification',
      probabilityColumns: classes,
      labelColumn: 'label',
      samplingProbabilityColumn: 'p',
    });
    expect(misses(report, c.expected)).toEqual([]);
  });

  it('regression, through the real entry point', () => {
    const c = W.regression;
    const file = writeCsv(
      dir.path('regression.csv'),
      ['predicted', 'actual', 'p'],
      c.predicted.map((x, i) => [x, c.actual[i]!, c.p[i]!]),
    );
    const run = runCli([
      'evaluate',
      '--predictions',
      file,
      '--task',
      'regression',
      '--prediction-column',
      'predicted',
      '--label-column',
      'actual',
      '--sampling-probability-column',
      'p',
      '--format',
      'json',
    ]);
    expect(run.stderr).toBe('');
    expect(misses(JSON.parse(run.stdout) as EvaluateReport, c.expected)).toEqual([]);
  });

  it.each([
    ['0', 'sampling probability 0 is not in (0, 1]'],
    ['1.5', 'sampling probability 1.5 is not in (0, 1]'],
    ['-0.2', 'sampling probability -0.2 is not in (0, 1]'],
    ['', 'missing sampling probability'],
    ['often', "non-numeric sampling probability 'often'"],
  ])('rejects the probability %j naming file, line and column', async (bad, message) => {
    const file = dir.path(`bad-p-${bad || 'empty'}.csv`);
    writeFileSync(file, `score,label,p\n0.2,0,0.5\n0.7,1,${bad}\n0.4,0,1\n`);
    const error = await failure(() =>
      runEvaluate({
        predictions: file,
        task: 'binary_classification',
        scoreColumn: 'score',
        labelColumn: 'label',
        samplingProbabilityColumn: 'p',
      }),
    );
    expect(error.message).toBe(`${file} line 3, column 'p': ${message}`);
  });
});

describe('mlmon evaluate on multilabel files (JSON-array cells) against sklearn', () => {
  for (const c of GOLDEN.multilabel) {
    it(`${c.name}: micro/macro F1, Hamming loss, per-label table`, async () => {
      const weighted = c.rows.some((r) => r.p !== 1);
      const file = writeMultilabelCsv(dir.path(`multilabel-${c.name}.csv`), c.rows);
      const report = await runEvaluate({
        predictions: file,
        task: 'multilabel_classification',
        predictionColumn: 'predicted',
        labelColumn: 'actual',
        ...(weighted ? { samplingProbabilityColumn: 'p' } : {}),
      });
      const expected = {
        ...pick(c, MULTILABEL_METRICS),
        ...(weighted ? { effective_count: c.effective_count } : {}),
      };
      expect(misses(report, expected)).toEqual([]);
      expect(report.weight === undefined).toBe(!weighted);
      expect(report.labels?.map((l) => l.label)).toEqual(c.labels.map((l) => l.label));
      const labelMisses = c.labels.flatMap((e, i) => {
        const row = report.labels![i]!;
        return [
          toleranceMiss(row.true_positives, e.tp),
          toleranceMiss(row.false_positives, e.fp),
          toleranceMiss(row.false_negatives, e.fn),
          toleranceMiss(row.f1, e.f1),
        ].filter((m) => m !== null);
      });
      expect(labelMisses).toEqual([]);
    });
  }

  it('names the file, line and column of a cell that is not a JSON array', async () => {
    const file = dir.path('bad-set.csv');
    writeFileSync(file, `predicted,actual\n"[""a""]",[]\n"[""a""]",a|b\n`);
    const error = await failure(() =>
      runEvaluate({
        predictions: file,
        task: 'multilabel_classification',
        predictionColumn: 'predicted',
        labelColumn: 'actual',
      }),
    );
    expect(error.message).toBe(
      `${file} line 3, column 'actual': 'a|b' is not a JSON array such as ["a","b"]`,
    );
  });
});

describe('mlmon evaluate on ranking files against sklearn ndcg_score and NumPy', () => {
  it('one k for every query (--k), unweighted, JSONL arrays', async () => {
    const c = GOLDEN.ranking[0]!;
    expect(new Set(c.queries.map((q) => q.k))).toEqual(new Set([10]));
    const file = dir.path('ranking-k10.jsonl');
    writeFileSync(
      file,
      c.queries
        .map((q) =>
          JSON.stringify({ ranked: q.ranking, relevant: q.relevant, grades: q.relevance }),
        )
        .join('\n'),
    );
    const report = await runEvaluate({
      predictions: file,
      task: 'ranking',
      predictionColumn: 'ranked',
      labelColumn: 'relevant',
      relevanceColumn: 'grades',
      k: 10,
    });
    expect(misses(report, rankingMeans(c))).toEqual([]);
    expect(report.ranking).toMatchObject({
      queries: c.scored,
      queries_without_relevant: c.without_relevant,
    });
  });

  it('k per row (--k-column), weighted, CSV with JSON-array cells', async () => {
    const c = GOLDEN.ranking[1]!;
    const file = writeRankingCsv(dir.path('ranking-mixed.csv'), c.queries);
    const report = await runEvaluate({
      predictions: file,
      task: 'ranking',
      predictionColumn: 'ranked',
      labelColumn: 'relevant',
      relevanceColumn: 'grades',
      kColumn: 'k',
      samplingProbabilityColumn: 'p',
    });
    expect(misses(report, { ...rankingMeans(c), effective_count: c.effective_count })).toEqual([]);
  });

  it('renders the query counts and the effective size in the table; --k and --k-column exclude each other', async () => {
    const c = GOLDEN.ranking[1]!;
    const file = writeRankingCsv(dir.path('ranking-table.csv'), c.queries);
    const options = {
      predictions: file,
      task: 'ranking' as const,
      predictionColumn: 'ranked',
      labelColumn: 'relevant',
      relevanceColumn: 'grades',
      kColumn: 'k',
      samplingProbabilityColumn: 'p',
    };
    const table = formatEvaluateTable(await runEvaluate(options), file);
    expect(table).toContain(
      `Queries scored: ${c.scored}; without a relevant item (in no mean): ${c.without_relevant}`,
    );
    expect(table).toMatch(
      /Weighted by 1\/sampling probability: Σw = [\d.]+, effective size [\d.]+/,
    );
    const error = await failure(() => runEvaluate({ ...options, k: 5 }));
    expect(error.message).toBe('give --k or --k-column, not both');
  });
});
