/**
 * `mlmon evaluate --predictions FILE --task …`: calibration and quality of a predictions file
 * with labels, with the statistics of `stats/` (METRICS.md), as a table or JSON. Weighted rows
 * (`--sampling-probability-column`) and the multilabel and ranking tasks go through the
 * processor's own accumulators (`evaluate-accumulated.ts`), so a file and a stream agree.
 */
import { basename } from 'node:path';
import type { Command } from 'commander';
import {
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_MULTILABEL_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_RANKING,
  ML_MODEL_TASK_VALUE_REGRESSION,
} from '@mlmon/conventions';
import { formatNumber, renderTextTable } from '../../io/text-table.js';
import { binaryClassificationMetrics } from '../../stats/binary-classification.js';
import type { ReliabilityBin } from '../../stats/calibration.js';
import { DEFAULT_THRESHOLD } from '../../stats/classification.js';
import { valueOrNull } from '../../stats/maybe.js';
import { multiclassMetrics } from '../../stats/multiclass.js';
import { regressionMetrics } from '../../stats/regression.js';
import { CliError } from '../cli-error.js';
import { numbers, readBinaryRows, readMulticlassRows } from './table-columns.js';
import { classificationFlags, withClassificationOptions } from './classification-flags.js';
import { loadTable } from './drift.js';
import type { Table } from '../../io/read-table.js';
import { DEFAULT_RANKING_K } from '../../state/ranking-settings.js';
import {
  accumulatedBinary,
  accumulatedMulticlass,
  accumulatedMultilabel,
  accumulatedRanking,
  accumulatedRegression,
  type AccumulatedMetrics,
  type MultilabelLabelRow,
  type RankingQueries,
} from './evaluate-accumulated.js';
import { samplingWeights } from './sampling-weights.js';
import { readMultilabelRows, readRankingRows, type RankingCutoff } from './set-columns.js';

const TASKS = [
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_REGRESSION,
  ML_MODEL_TASK_VALUE_MULTILABEL_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_RANKING,
] as const;

/** A task `mlmon evaluate` supports. */
export type EvaluateTask = (typeof TASKS)[number];

export { PROBABILITY_SUM_TOLERANCE } from './table-columns.js';

/** Options of {@link runEvaluate}. */
export interface EvaluateCommandOptions {
  readonly predictions: string;
  readonly task: EvaluateTask;
  readonly labelColumn: string;
  readonly scoreColumn?: string;
  readonly threshold?: number;
  readonly probabilityColumns?: readonly string[];
  /** Regression: the predicted value; multilabel: the predicted label set; ranking: the ranked list. */
  readonly predictionColumn?: string;
  /**
   * Column of each row's sampling probability p in (0, 1]: rows weigh 1/p, as
   * `ml.sampling.probability` weighs a record in the processor.
   */
  readonly samplingProbabilityColumn?: string;
  /** Ranking: graded relevance per relevant item (every relevant item counts 1 without it). */
  readonly relevanceColumn?: string;
  /** Ranking: the cut-off of NDCG@k and precision@k, for every row. @default 10 */
  readonly k?: number;
  /** Ranking: a column holding each row's own k (instead of `k`). */
  readonly kColumn?: string;
}

/** The JSON report (issue 3 shape; regression has no reliability bins). */
export interface EvaluateReport {
  readonly task: EvaluateTask;
  readonly count: number;
  readonly metrics: Record<string, number | null>;
  /**
   * Reliability bins under the calibration literature's names: for binary classification
   * `mean_confidence` is the mean positive-class score and `accuracy` the share of actual
   * positives; for multiclass, the top label's probability and the share of correct top labels.
   */
  readonly reliability_bins?: {
    count: number;
    mean_confidence: number | null;
    accuracy: number | null;
  }[];
  /** Σw of the scored rows: present when the rows are weighted. */
  readonly weight?: number;
  /**
   * Kish's effective size (Σw)²/Σw² of the scored rows, present when they are weighted: how
   * many unweighted rows the weighted metrics are worth (what the processor's checks count).
   */
  readonly effective_count?: number;
  /** Multilabel: the per-label table (weighted counts, sklearn's per-label F1). */
  readonly labels?: MultilabelLabelRow[];
  /** Ranking: the queries behind the means. */
  readonly ranking?: RankingQueries;
}

/** Reads the file, checks every row, computes the task's metrics. */
export async function runEvaluate(options: EvaluateCommandOptions): Promise<EvaluateReport> {
  const file = options.predictions;
  if (options.task === ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION) {
    const scoreColumn = need(options.scoreColumn, '--score-column', options.task);
    const table = await loadTable(file, {
      required: [scoreColumn, options.labelColumn, ...weightColumn(options)],
    });
    const { scores, labels } = readBinaryRows(table, scoreColumn, options.labelColumn);
    const weights = weightsOf(table, options);
    if (weights !== undefined) {
      const threshold = options.threshold ?? DEFAULT_THRESHOLD;
      return accumulatedReport(
        options.task,
        table,
        accumulatedBinary(scores, labels, weights, threshold),
      );
    }
    const m = binaryClassificationMetrics(scores, labels, options.threshold ?? DEFAULT_THRESHOLD);
    return {
      task: options.task,
      count: table.rows,
      metrics: {
        brier_score: valueOrNull(m.brierScore),
        log_loss: valueOrNull(m.logLoss),
        ece: valueOrNull(m.ece),
        mce: valueOrNull(m.mce),
        ece_quantile: valueOrNull(m.eceQuantile),
        roc_auc: valueOrNull(m.rocAuc),
        accuracy: valueOrNull(m.accuracy),
        precision: valueOrNull(m.precision),
        recall: valueOrNull(m.recall),
        f1: valueOrNull(m.f1),
      },
      reliability_bins: bins(m.reliabilityBins),
    };
  }
  if (options.task === ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION) {
    const classes = options.probabilityColumns ?? [];
    if (classes.length < 2) {
      throw new CliError(`--probability-columns needs at least two columns for ${options.task}`);
    }
    const table = await loadTable(file, {
      required: [...classes, options.labelColumn, ...weightColumn(options)],
      categorical: new Set([options.labelColumn]),
    });
    const { probabilities, labels } = readMulticlassRows(table, classes, options.labelColumn);
    const weights = weightsOf(table, options);
    if (weights !== undefined) {
      const m = accumulatedMulticlass(probabilities, labels, weights, file);
      return accumulatedReport(options.task, table, m);
    }
    const m = multiclassMetrics(probabilities, labels);
    if (!m.ok) throw new CliError(`${file}: ${m.reason}`);
    return {
      task: options.task,
      count: table.rows,
      metrics: {
        accuracy: m.value.accuracy,
        macro_f1: m.value.macroF1,
        brier_score: m.value.brierScore,
        log_loss: m.value.logLoss,
        ece_top_label: m.value.eceTopLabel,
        mce_top_label: m.value.mceTopLabel,
      },
      reliability_bins: bins(m.value.reliabilityBins),
    };
  }
  if (options.task === ML_MODEL_TASK_VALUE_MULTILABEL_CLASSIFICATION)
    return evaluateMultilabel(options);
  if (options.task === ML_MODEL_TASK_VALUE_RANKING) return evaluateRanking(options);
  const predictionColumn = need(options.predictionColumn, '--prediction-column', options.task);
  const table = await loadTable(file, {
    required: [predictionColumn, options.labelColumn, ...weightColumn(options)],
  });
  const predicted = numbers(table, predictionColumn, 'prediction');
  const actual = numbers(table, options.labelColumn, 'label');
  const weights = weightsOf(table, options);
  if (weights !== undefined) {
    return accumulatedReport(
      options.task,
      table,
      accumulatedRegression(actual, predicted, weights),
    );
  }
  const m = regressionMetrics(actual, predicted);
  return {
    task: options.task,
    count: table.rows,
    metrics: {
      mae: valueOrNull(m.mae),
      rmse: valueOrNull(m.rmse),
      mape: valueOrNull(m.mape),
      r2: valueOrNull(m.r2),
    },
  };
}

/** The sampling probability column, as a list of required columns. */
const weightColumn = (o: EvaluateCommandOptions): string[] =>
  o.samplingProbabilityColumn !== undefined ? [o.samplingProbabilityColumn] : [];

/** The rows' weights 1/p, or `undefined` without `--sampling-probability-column`. */
function weightsOf(table: Table, o: EvaluateCommandOptions): Float64Array | undefined {
  const column = o.samplingProbabilityColumn;
  return column === undefined ? undefined : samplingWeights(table, column);
}

/** A report from accumulated metrics; Σw and n_eff only when the rows are weighted. */
function accumulatedReport(
  task: EvaluateTask,
  table: Table,
  m: AccumulatedMetrics,
  weighted = true,
): EvaluateReport {
  return {
    task,
    count: table.rows,
    metrics: m.metrics,
    ...(m.reliabilityBins !== undefined ? { reliability_bins: bins(m.reliabilityBins) } : {}),
    ...(weighted ? { weight: m.weight, effective_count: m.effectiveCount } : {}),
  };
}

/** Multilabel: predicted and true label sets (JSON arrays, `set-columns.ts`). */
async function evaluateMultilabel(options: EvaluateCommandOptions): Promise<EvaluateReport> {
  const predictionColumn = need(options.predictionColumn, '--prediction-column', options.task);
  const sets = new Set([predictionColumn, options.labelColumn]);
  const required = [...sets, ...weightColumn(options)];
  const table = await loadTable(options.predictions, {
    required,
    only: new Set(required),
    categorical: sets,
    arrays: sets,
  });
  const rows = readMultilabelRows(table, predictionColumn, options.labelColumn);
  const weights = weightsOf(table, options);
  const m = accumulatedMultilabel(rows, weights);
  return { ...accumulatedReport(options.task, table, m, weights !== undefined), labels: m.labels };
}

/** Ranking: ranked lists and relevant items (JSON arrays), k from `--k` or `--k-column`. */
async function evaluateRanking(options: EvaluateCommandOptions): Promise<EvaluateReport> {
  const rankingColumn = need(options.predictionColumn, '--prediction-column', options.task);
  if (options.k !== undefined && options.kColumn !== undefined) {
    throw new CliError('give --k or --k-column, not both');
  }
  const cutoff: RankingCutoff =
    options.kColumn !== undefined
      ? { kColumn: options.kColumn }
      : { k: options.k ?? DEFAULT_RANKING_K };
  const lists = new Set([rankingColumn, options.labelColumn]);
  if (options.relevanceColumn !== undefined) lists.add(options.relevanceColumn);
  const required = [
    ...lists,
    ...weightColumn(options),
    ...(options.kColumn !== undefined ? [options.kColumn] : []),
  ];
  const table = await loadTable(options.predictions, {
    required,
    // Only these: other JSONL columns may hold arrays this command does not read.
    only: new Set(required),
    categorical: lists,
    arrays: lists,
  });
  const rows = readRankingRows(table, {
    rankingColumn,
    relevantColumn: options.labelColumn,
    ...(options.relevanceColumn !== undefined ? { relevanceColumn: options.relevanceColumn } : {}),
    cutoff,
  });
  const weights = weightsOf(table, options);
  const m = accumulatedRanking(rows, weights);
  return {
    ...accumulatedReport(options.task, table, m, weights !== undefined),
    ranking: m.ranking,
  };
}

function need(value: string | undefined, flag: string, task: string): string {
  if (value === undefined) throw new CliError(`${flag} is required for --task ${task}`);
  return value;
}

function bins(b: readonly ReliabilityBin[]): NonNullable<EvaluateReport['reliability_bins']> {
  return b.map((x) => ({
    count: x.count,
    mean_confidence: x.meanConfidence,
    accuracy: x.accuracy,
  }));
}

/** The readable report. */
export function formatEvaluateTable(report: EvaluateReport, file: string): string {
  const lines = [
    `Evaluation of ${basename(file)} (${report.task}, ${report.count} predictions)`,
    ...(report.weight !== undefined && report.effective_count !== undefined
      ? [
          `Weighted by 1/sampling probability: Σw = ${formatNumber(report.weight)}, ` +
            `effective size ${formatNumber(report.effective_count)}`,
        ]
      : []),
    '',
    renderTextTable(
      ['metric', 'value'],
      Object.entries(report.metrics).map(([k, v]) => [k, v === null ? '—' : formatNumber(v)]),
    ),
  ];
  if (report.ranking !== undefined) {
    const r = report.ranking;
    lines.push(
      '',
      `Queries scored: ${r.queries}; without a relevant item (in no mean): ${r.queries_without_relevant}` +
        (r.min_k !== undefined
          ? `; k ${r.min_k === r.max_k ? r.min_k : `${r.min_k}–${r.max_k}`}`
          : ''),
    );
  }
  if (report.labels !== undefined) {
    lines.push(
      '',
      'Per label (weighted counts)',
      renderTextTable(
        ['label', 'tp', 'fp', 'fn', 'support', 'f1'],
        report.labels.map((l) => [
          l.label,
          formatNumber(l.true_positives),
          formatNumber(l.false_positives),
          formatNumber(l.false_negatives),
          formatNumber(l.support),
          formatNumber(l.f1),
        ]),
      ),
    );
  }
  if (report.reliability_bins !== undefined) {
    // Binary bins hold the positive-class score and the share of actual positives (the JSON keeps
    // the calibration literature's `mean_confidence`/`accuracy`); multiclass bins hold the top
    // label's probability and the share of correct top labels.
    const binary = report.task === ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION;
    lines.push(
      '',
      binary
        ? 'Reliability (10 equal-width score bins: mean score vs share of actual positives)'
        : 'Reliability (10 equal-width confidence bins: mean top-label probability vs share correct)',
      renderTextTable(
        binary
          ? ['bin', 'count', 'mean_score', 'positive_rate']
          : ['bin', 'count', 'mean_confidence', 'share_correct'],
        report.reliability_bins.map((b, i) => [
          `${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)}`,
          b.count,
          b.mean_confidence === null ? '—' : formatNumber(b.mean_confidence),
          b.accuracy === null ? '—' : formatNumber(b.accuracy),
        ]),
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Registers `mlmon evaluate`. */
export function registerEvaluateCommand(program: Command): void {
  const command = program
    .command('evaluate')
    .description('calibration and quality of a predictions file with labels (CSV/JSONL)')
    .requiredOption(
      '--predictions <file>',
      'predictions with labels (CSV with a header row, or JSONL)',
    )
    .requiredOption('--task <task>', TASKS.join(' | '))
    .requiredOption(
      '--label-column <column>',
      'the label (0/1, class name, actual value; multilabel: true label set; ranking: relevant items, as JSON arrays)',
    );
  withClassificationOptions(command)
    .option(
      '--prediction-column <column>',
      'regression: predicted value; multilabel: predicted label set; ranking: ranked items, best first (JSON arrays)',
    )
    .option(
      '--relevance-column <column>',
      'ranking: graded relevance per relevant item (JSON array)',
    )
    .option('--k <k>', `ranking: cut-off of NDCG@k and precision@k (default ${DEFAULT_RANKING_K})`)
    .option('--k-column <column>', "ranking: column of each row's own k")
    .option(
      '--sampling-probability-column <column>',
      "column of each row's sampling probability p in (0, 1]: rows weigh 1/p, as ml.sampling.probability in the processor",
    )
    .option('--format <format>', 'table or json', 'table')
    .action(async (opts: Record<string, string | undefined>) => {
      const { task, json, threshold, columns } = classificationFlags(opts, TASKS);
      const k = opts.k === undefined ? undefined : Number(opts.k);
      if (k !== undefined && !(Number.isInteger(k) && k >= 1)) {
        throw new CliError(`--k must be a positive integer, got '${opts.k}'`);
      }
      const report = await runEvaluate({
        predictions: opts.predictions!,
        task,
        labelColumn: opts.labelColumn!,
        threshold,
        ...columns,
        ...(opts.predictionColumn !== undefined ? { predictionColumn: opts.predictionColumn } : {}),
        ...(opts.samplingProbabilityColumn !== undefined
          ? { samplingProbabilityColumn: opts.samplingProbabilityColumn }
          : {}),
        ...(opts.relevanceColumn !== undefined ? { relevanceColumn: opts.relevanceColumn } : {}),
        ...(k !== undefined ? { k } : {}),
        ...(opts.kColumn !== undefined ? { kColumn: opts.kColumn } : {}),
      });
      process.stdout.write(
        json
          ? `${JSON.stringify(report, null, 2)}\n`
          : formatEvaluateTable(report, opts.predictions!),
      );
    });
}
