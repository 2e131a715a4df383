/**
 * `mlmon evaluate --predictions FILE --task …`: calibration and quality of a predictions file
 * with labels, with the statistics of `stats/` (METRICS.md), as a table or JSON.
 */
import { basename } from 'node:path';
import type { Command } from 'commander';
import {
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION,
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

const TASKS = [
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_REGRESSION,
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
  readonly predictionColumn?: string;
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
}

/** Reads the file, checks every row, computes the task's metrics. */
export async function runEvaluate(options: EvaluateCommandOptions): Promise<EvaluateReport> {
  const file = options.predictions;
  if (options.task === ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION) {
    const scoreColumn = need(options.scoreColumn, '--score-column', options.task);
    const table = await loadTable(file, { required: [scoreColumn, options.labelColumn] });
    const { scores, labels } = readBinaryRows(table, scoreColumn, options.labelColumn);
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
      required: [...classes, options.labelColumn],
      categorical: new Set([options.labelColumn]),
    });
    const { probabilities, labels } = readMulticlassRows(table, classes, options.labelColumn);
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
  const predictionColumn = need(options.predictionColumn, '--prediction-column', options.task);
  const table = await loadTable(file, { required: [predictionColumn, options.labelColumn] });
  const predicted = numbers(table, predictionColumn, 'prediction');
  const actual = numbers(table, options.labelColumn, 'label');
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
    '',
    renderTextTable(
      ['metric', 'value'],
      Object.entries(report.metrics).map(([k, v]) => [k, v === null ? '—' : formatNumber(v)]),
    ),
  ];
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
    .requiredOption('--label-column <column>', 'the label (0/1, class name, or actual value)');
  withClassificationOptions(command)
    .option('--prediction-column <column>', 'regression: predicted value')
    .option('--format <format>', 'table or json', 'table')
    .action(async (opts: Record<string, string | undefined>) => {
      const { task, json, threshold, columns } = classificationFlags(opts, TASKS);
      const report = await runEvaluate({
        predictions: opts.predictions!,
        task,
        labelColumn: opts.labelColumn!,
        threshold,
        ...columns,
        ...(opts.predictionColumn !== undefined ? { predictionColumn: opts.predictionColumn } : {}),
      });
      process.stdout.write(
        json
          ? `${JSON.stringify(report, null, 2)}\n`
          : formatEvaluateTable(report, opts.predictions!),
      );
    });
}
