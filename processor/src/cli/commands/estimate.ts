/**
 * `mlmon estimate --reference REF --current CUR --task …`: the quality of a model on a file of
 * predictions without labels, estimated by CBPE (METRICS.md §"Performance estimation without
 * labels") from a labeled reference file, with the ±3σ band; when the current file has labels
 * too, the realized values and the estimation error beside them. As a table or JSON. With
 * `--sampling-probability-column`, the current file's rows weigh 1/p as the processor weighs a
 * window's sampled predictions (`evaluate/estimation.ts`): weighted expected confusion sums, the
 * band at the rows' Kish effective size, the realized side from the processor's accumulators.
 */
import { basename } from 'node:path';
import type { Command } from 'commander';
import {
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION,
} from '@mlmon/conventions';
import type { Table } from '../../io/read-table.js';
import { formatNumber, renderTextTable } from '../../io/text-table.js';
import {
  binaryCbpeReference,
  bandChunkSize,
  estimateWindow,
  multiclassCbpeReference,
  realizedWindow,
  type CbpeReference,
} from '../../stats/cbpe.js';
import type { CbpeCalibration } from '../../stats/cbpe-calibration.js';
import { DEFAULT_THRESHOLD } from '../../stats/classification.js';
import { CliError } from '../cli-error.js';
import { classificationFlags, withClassificationOptions } from './classification-flags.js';
import { loadTable } from './drift.js';
import { readBinaryRows, readMulticlassRows } from './table-columns.js';
import { samplingWeights } from './sampling-weights.js';
import { weightedRealized } from './estimate-weighted.js';
import { kishCount } from '../../state/accumulators/effective-count.js';

const TASKS = [
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION,
] as const;

/** A task `mlmon estimate` supports. */
export type EstimateTask = (typeof TASKS)[number];

/** Options of {@link runEstimate}. */
export interface EstimateCommandOptions {
  readonly reference: string;
  readonly current: string;
  readonly task: EstimateTask;
  /** The label column of the reference (and of the current file, when it has one). */
  readonly labelColumn: string;
  readonly scoreColumn?: string;
  readonly threshold?: number;
  readonly probabilityColumns?: readonly string[];
  /**
   * Column of the current file's sampling probability p in (0, 1]: its rows weigh 1/p. The
   * reference's calibration stays unweighted, as the processor fits it (P(y | score) does not
   * depend on how often a score was kept).
   */
  readonly samplingProbabilityColumn?: string;
}

/** One estimated metric of the report. */
export interface EstimateMetricReport {
  readonly metric: string;
  readonly estimate: number | null;
  readonly sigma: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  /** Present when the current file has labels. */
  readonly realized?: number | null;
  /** estimate − realized; present when the current file has labels. */
  readonly estimation_error?: number | null;
}

/** How one score was calibrated. */
export interface EstimateCalibrationReport {
  /** `score` (binary) or the class's column. */
  readonly score: string;
  readonly isotonic: boolean;
  readonly ece_before: number | null;
  readonly ece_after: number | null;
  readonly reason: string | null;
}

/** The JSON report. */
export interface EstimateReport {
  readonly task: EstimateTask;
  readonly reference_rows: number;
  readonly current_rows: number;
  /** The current file held labels (so `realized` and `estimation_error` are filled). */
  readonly labeled: boolean;
  readonly calibration: readonly EstimateCalibrationReport[];
  readonly metrics: readonly EstimateMetricReport[];
  /** Σw of the current rows, when they are weighted. */
  readonly current_weight?: number;
  /** Kish's (Σw)²/Σw² of the current rows, when they are weighted. */
  readonly current_effective_count?: number;
}

/** The scores (one column, or one per class) and labels of a table. */
function readRows(
  table: Table,
  options: EstimateCommandOptions,
  labelColumn: string | undefined,
): { scores: Float64Array[]; labels: Float64Array } {
  if (options.task === ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION) {
    const { scores, labels } = readBinaryRows(table, options.scoreColumn!, labelColumn);
    return { scores: [scores], labels };
  }
  const classes = options.probabilityColumns!;
  const { probabilities, labels } = readMulticlassRows(table, classes, labelColumn);
  return {
    scores: classes.map((_, k) => Float64Array.from(probabilities, (row) => row[k]!)),
    labels: Float64Array.from(labels),
  };
}

function calibrationReport(score: string, c: CbpeCalibration): EstimateCalibrationReport {
  return {
    score,
    isotonic: c.map !== undefined,
    ece_before: c.eceBefore ?? null,
    ece_after: c.eceAfter ?? null,
    reason: c.reason ?? null,
  };
}

/** Reads both files, checks every row, builds the reference and estimates the current file. */
export async function runEstimate(options: EstimateCommandOptions): Promise<EstimateReport> {
  const binary = options.task === ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION;
  if (binary && options.scoreColumn === undefined) {
    throw new CliError(`--score-column is required for --task ${options.task}`);
  }
  const classes = options.probabilityColumns ?? [];
  if (!binary && classes.length < 2) {
    throw new CliError(`--probability-columns needs at least two columns for ${options.task}`);
  }
  const columns = binary ? [options.scoreColumn!] : [...classes];
  const categorical = binary ? new Set<string>() : new Set([options.labelColumn]);
  const refTable = await loadTable(options.reference, {
    required: [...columns, options.labelColumn],
    categorical,
  });
  const weightColumn = options.samplingProbabilityColumn;
  const curTable = await loadTable(options.current, {
    required: [...columns, ...(weightColumn !== undefined ? [weightColumn] : [])],
    categorical,
  });
  const labeled = curTable.columns.some((c) => c.name === options.labelColumn);
  const ref = readRows(refTable, options, options.labelColumn);
  const cur = readRows(curTable, options, labeled ? options.labelColumn : undefined);
  if (curTable.rows === 0) throw new CliError(`${options.current}: no rows to estimate`);
  const reference: CbpeReference = binary
    ? binaryCbpeReference(ref.scores[0]!, ref.labels, options.threshold ?? DEFAULT_THRESHOLD)
    : multiclassCbpeReference(classes, ref.scores, ref.labels);
  const weights = weightColumn !== undefined ? samplingWeights(curTable, weightColumn) : undefined;
  const size = weights !== undefined ? weightedSize(weights) : undefined;
  const chunk = bandChunkSize(curTable.rows, size?.current_effective_count);
  const estimates = estimateWindow(reference, cur.scores, chunk, weights);
  const realized = !labeled
    ? undefined
    : weights !== undefined
      ? weightedRealized(reference, cur.scores, cur.labels, weights)
      : realizedWindow(reference, cur.scores, cur.labels);
  return {
    task: options.task,
    reference_rows: refTable.rows,
    current_rows: curTable.rows,
    labeled,
    calibration:
      reference.task === 'binary'
        ? [calibrationReport('score', reference.calibration)]
        : reference.calibrations.map((c, k) => calibrationReport(classes[k]!, c)),
    metrics: estimates.map((e) => {
      const r = realized?.[e.metric];
      return {
        metric: e.metric,
        estimate: e.value ?? null,
        sigma: e.sigma ?? null,
        lower: e.lower ?? null,
        upper: e.upper ?? null,
        ...(realized !== undefined
          ? {
              realized: r ?? null,
              estimation_error: r !== undefined && e.value !== undefined ? e.value - r : null,
            }
          : {}),
      };
    }),
    ...(size ?? {}),
  };
}

/** Σw and Kish's n_eff of the current rows. */
function weightedSize(w: Float64Array): {
  current_weight: number;
  current_effective_count: number;
} {
  let sum = 0;
  let squares = 0;
  for (const x of w) {
    sum += x;
    squares += x * x;
  }
  return { current_weight: sum, current_effective_count: kishCount(w.length, sum, squares) };
}

const cell = (x: number | null | undefined): string =>
  x === null || x === undefined ? '—' : formatNumber(x);

/** The readable report. */
export function formatEstimateTable(report: EstimateReport, current: string): string {
  const header = ['metric', 'estimate', 'lower', 'upper'];
  if (report.labeled) header.push('realized', 'estimation_error');
  const rows = report.metrics.map((m) => {
    const row = [m.metric, cell(m.estimate), cell(m.lower), cell(m.upper)];
    if (report.labeled) row.push(cell(m.realized), cell(m.estimation_error));
    return row;
  });
  const calibration = report.calibration.map((c) => [
    c.score,
    c.isotonic ? 'isotonic' : 'none',
    cell(c.ece_before),
    cell(c.ece_after),
    c.reason ?? '',
  ]);
  const bandNote = report.metrics.some((m) => m.sigma === null && m.estimate !== null)
    ? `\nNo band where the reference has fewer than 10 chunks of ${report.current_rows} rows.`
    : '';
  return (
    [
      `Estimated quality of ${basename(current)} (${report.task}, ${report.current_rows} predictions, ` +
        `reference ${report.reference_rows} labeled rows; band ±3σ over reference chunks)`,
      '',
      renderTextTable(header, rows),
      '',
      'Calibration (isotonic only where it lowered the held-out ECE)',
      renderTextTable(['score', 'calibration', 'ece_before', 'ece_after', 'reason'], calibration),
    ].join('\n') + `${bandNote}\n`
  );
}

/** Registers `mlmon estimate`. */
export function registerEstimateCommand(program: Command): void {
  const command = program
    .command('estimate')
    .description('estimate quality without labels (CBPE) from a labeled reference (CSV/JSONL)')
    .requiredOption('--reference <file>', 'labeled reference predictions (CSV or JSONL)')
    .requiredOption('--current <file>', 'predictions to estimate (labels optional)')
    .requiredOption('--task <task>', TASKS.join(' | '))
    .requiredOption('--label-column <column>', 'the label (0/1, or the class name)');
  withClassificationOptions(command)
    .option('--format <format>', 'table or json', 'table')
    .option(
      '--sampling-probability-column <column>',
      "column of the current file's sampling probability p in (0, 1]: rows weigh 1/p, as ml.sampling.probability in the processor",
    )
    .action(async (opts: Record<string, string | undefined>) => {
      const { task, json, threshold, columns } = classificationFlags(opts, TASKS);
      const report = await runEstimate({
        reference: opts.reference!,
        current: opts.current!,
        task,
        labelColumn: opts.labelColumn!,
        threshold,
        ...columns,
        ...(opts.samplingProbabilityColumn !== undefined
          ? { samplingProbabilityColumn: opts.samplingProbabilityColumn }
          : {}),
      });
      process.stdout.write(
        json ? `${JSON.stringify(report, null, 2)}\n` : formatEstimateTable(report, opts.current!),
      );
    });
}
