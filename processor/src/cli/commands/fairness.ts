/**
 * `mlmon fairness --predictions FILE --sensitive-column A [--label-column y] --score-column s`:
 * fairness across one or more sensitive attributes of a predictions file (METRICS.md
 * §Fairness), with the same statistics, group cap and gap tests as `mlmon serve`, as a table
 * or JSON (the service's `FairnessResult` shape, one per attribute).
 *
 * Rows are never silently dropped: a row without a usable score is rejected, a label that is
 * not 0/1 (or a boolean-like word) is rejected as a label while its prediction still counts,
 * and both are counted by reason in the report.
 */
import { basename } from 'node:path';
import type { Command } from 'commander';
import { getColumn, type Table } from '../../io/read-table.js';
import { formatNumber, renderTextTable } from '../../io/text-table.js';
import { DEFAULT_THRESHOLD } from '../../stats/classification.js';
import { fairnessOfGroups } from '../../evaluate/fairness.js';
import type { FairnessResult, RateWithInterval } from '../../evaluate/fairness-result.js';
import { fairnessAccumulator } from '../../state/fairness-acc.js';
import {
  DEFAULT_FAIRNESS_ALPHA,
  DEFAULT_MAX_GROUPS,
  DEFAULT_MIN_GROUP_COUNT,
  MAX_MAX_GROUPS,
  type FairnessSettings,
} from '../../state/fairness-settings.js';
import { binaryActual } from '../../state/model-task.js';
import { CliError } from '../cli-error.js';
import { loadTable, parseList } from './drift.js';

/** Why rows (or their labels) were rejected. */
export const REJECT_SCORE_MISSING = 'score_missing';
export const REJECT_SCORE_OUT_OF_RANGE = 'score_out_of_range';
export const REJECT_LABEL_NOT_BINARY = 'label_not_binary';

/** Options of {@link runFairness}. */
export interface FairnessCommandOptions {
  readonly predictions: string;
  readonly sensitiveColumns: readonly string[];
  readonly scoreColumn: string;
  readonly labelColumn?: string;
  readonly threshold?: number;
  readonly referenceGroup?: string;
  readonly minGroupCount?: number;
  readonly maxGroups?: number;
  readonly alpha?: number;
}

/** The JSON report. */
export interface FairnessReport {
  /** Rows in the file. */
  readonly rows: number;
  /** Rows rejected (no usable score) and labels rejected (not 0/1), by reason. */
  readonly rejected: Readonly<Record<string, number>>;
  readonly threshold: number;
  readonly attributes: readonly FairnessResult[];
}

/** Reads the file and computes fairness per sensitive column. */
export async function runFairness(options: FairnessCommandOptions): Promise<FairnessReport> {
  const { sensitiveColumns: sensitive, scoreColumn, labelColumn } = options;
  if (sensitive.length === 0) throw new CliError('--sensitive-column names no column');
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const settings: FairnessSettings = {
    attributes: sensitive.map((name) =>
      options.referenceGroup !== undefined
        ? { name, referenceGroup: options.referenceGroup }
        : { name },
    ),
    minGroupCount: options.minGroupCount ?? DEFAULT_MIN_GROUP_COUNT,
    maxGroups: options.maxGroups ?? DEFAULT_MAX_GROUPS,
    alpha: options.alpha ?? DEFAULT_FAIRNESS_ALPHA,
  };
  const categorical = new Set([...sensitive, ...(labelColumn !== undefined ? [labelColumn] : [])]);
  const table = await loadTable(options.predictions, {
    categorical,
    required: [...sensitive, scoreColumn, ...(labelColumn !== undefined ? [labelColumn] : [])],
  });
  const scores = scoreValues(table, scoreColumn);
  const groupColumns = sensitive.map((name) => getColumn(table, name).values as (string | null)[]);
  const labels =
    labelColumn !== undefined ? (getColumn(table, labelColumn).values as (string | null)[]) : [];
  const acc = fairnessAccumulator(settings);
  const state = acc.create();
  const rejected: Record<string, number> = {};
  const reject = (reason: string) => (rejected[reason] = (rejected[reason] ?? 0) + 1);
  for (let i = 0; i < table.rows; i++) {
    const score = scores[i]!;
    if (Number.isNaN(score)) {
      reject(REJECT_SCORE_MISSING);
      continue;
    }
    if (!(score >= 0 && score <= 1)) {
      reject(REJECT_SCORE_OUT_OF_RANGE);
      continue;
    }
    const groups = groupColumns.map((c) => c[i] ?? undefined);
    const decision = score >= threshold ? 1 : 0;
    acc.record(state, { kind: 'prediction', groups, decision });
    const label = labels[i];
    if (label === null || label === undefined) continue; // unlabeled: selection rate only
    const actual = binaryLabel(label);
    if (actual === undefined) {
      reject(REJECT_LABEL_NOT_BINARY);
      acc.record(state, { kind: 'rejected_label' });
      continue;
    }
    acc.record(state, { kind: 'label', groups, decision, actual, score });
  }
  const snapshot = acc.snapshot(state);
  return {
    rows: table.rows,
    rejected,
    threshold,
    attributes: snapshot.attributes.map((a, i) =>
      fairnessOfGroups(
        settings.attributes[i]!,
        a.groups,
        settings,
        snapshot.undecided,
        snapshot.rejectedLabels,
      ),
    ),
  };
}

/** A label cell as 0/1: `0`/`1` (also `0.0`, `1.0`) or a boolean-like word, as the service reads it. */
function binaryLabel(text: string): 0 | 1 | undefined {
  const n = Number(text);
  if (text.trim() !== '' && (n === 0 || n === 1)) return n;
  return binaryActual(text, undefined, undefined);
}

/** The score column as numbers (NaN where missing or not a number). */
function scoreValues(table: Table, name: string): Float64Array {
  const column = getColumn(table, name);
  if (column.kind === 'numeric') return column.values;
  return Float64Array.from(column.values, (v) => (v === null ? Number.NaN : Number(v)));
}

function rateCell(r: RateWithInterval | undefined): string {
  if (r === undefined) return '—';
  return `${formatNumber(r.value)} [${formatNumber(r.low)}, ${formatNumber(r.high)}]`;
}

/** The readable report. */
export function formatFairnessTable(report: FairnessReport, file: string): string {
  const rejected = Object.entries(report.rejected)
    .map(([reason, n]) => `${n} ${reason}`)
    .join(', ');
  const lines = [
    `Fairness of ${basename(file)} (${report.rows} rows, decision: score >= ${report.threshold}${rejected ? `; rejected: ${rejected}` : ''})`,
  ];
  for (const a of report.attributes) {
    lines.push(
      '',
      `${a.attribute}: groups (rates with 95 % Wilson intervals; fewer than ${a.minGroupCount} samples: not compared)`,
      renderTextTable(
        [
          'group',
          'predictions',
          'selection_rate',
          ...(a.referenceGroup !== undefined ? [`ratio_to_${a.referenceGroup}`] : []),
          'labeled',
          'tpr',
          'fpr',
          'ece',
          'note',
        ],
        a.groups.map((g) => [
          g.group,
          g.predictions,
          rateCell(g.selectionRate),
          ...(a.referenceGroup !== undefined
            ? [formatNumber(g.selectionRateRatioToReference)]
            : []),
          g.labeled,
          rateCell(g.truePositiveRate),
          rateCell(g.falsePositiveRate),
          g.calibrationError === undefined ? '—' : formatNumber(g.calibrationError),
          g.pooled !== undefined ? `${g.pooled} (not compared)` : (g.insufficient ?? []).join('; '),
        ]),
      ),
      '',
      `${a.attribute}: disparities (significant: p <= ${a.alpha}, exact test, Bonferroni across pairs)`,
      renderTextTable(
        ['metric', 'value', 'high', 'low', 'p_value', 'significant'],
        a.disparities.map((d) => [
          d.metric,
          d.value === undefined ? `— (${d.reason ?? ''})` : formatNumber(d.value),
          d.highGroup ?? '',
          d.lowGroup ?? '',
          d.pValue === undefined ? '—' : formatNumber(d.pValue),
          d.significant === undefined ? '—' : d.significant ? 'yes' : 'no',
        ]),
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A positive integer option, or a CliError naming the flag. */
function integer(
  value: string | undefined,
  flag: string,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new CliError(`${flag} must be an integer from ${min} to ${max}, got '${value}'`);
  }
  return n;
}

/** Registers `mlmon fairness`. */
export function registerFairnessCommand(program: Command): void {
  program
    .command('fairness')
    .description('fairness across sensitive attributes of a predictions file (CSV/JSONL)')
    .requiredOption('--predictions <file>', 'predictions (CSV with a header row, or JSONL)')
    .requiredOption(
      '--sensitive-column <columns>',
      'the sensitive attribute column(s), comma-separated',
    )
    .requiredOption('--score-column <column>', 'positive-class score in [0, 1]')
    .option('--label-column <column>', 'the label (0/1); TPR, FPR and ECE need it')
    .option(
      '--threshold <threshold>',
      'decision: positive when score >= threshold',
      String(DEFAULT_THRESHOLD),
    )
    .option('--reference-group <group>', 'group the selection rates are divided by')
    .option(
      '--min-group-count <n>',
      'fewest predictions for a group to be compared',
      String(DEFAULT_MIN_GROUP_COUNT),
    )
    .option(
      '--max-groups <n>',
      'distinct groups kept apart per attribute (more pool into _OTHER)',
      String(DEFAULT_MAX_GROUPS),
    )
    .option('--alpha <alpha>', 'level of the gap decisions', String(DEFAULT_FAIRNESS_ALPHA))
    .option('--format <format>', 'table or json', 'table')
    .action(async (opts: Record<string, string | undefined>) => {
      if (opts.format !== 'table' && opts.format !== 'json') {
        throw new CliError(`--format must be 'table' or 'json', got '${opts.format}'`);
      }
      const threshold = Number(opts.threshold);
      if (!(threshold >= 0 && threshold <= 1)) {
        throw new CliError(`--threshold must be a number in [0, 1], got '${opts.threshold}'`);
      }
      const alpha = Number(opts.alpha);
      if (!(alpha > 0 && alpha < 1)) {
        throw new CliError(`--alpha must be a number between 0 and 1, got '${opts.alpha}'`);
      }
      const report = await runFairness({
        predictions: opts.predictions!,
        sensitiveColumns: parseList(opts.sensitiveColumn) ?? [],
        scoreColumn: opts.scoreColumn!,
        ...(opts.labelColumn !== undefined ? { labelColumn: opts.labelColumn } : {}),
        threshold,
        ...(opts.referenceGroup !== undefined ? { referenceGroup: opts.referenceGroup } : {}),
        minGroupCount: integer(
          opts.minGroupCount,
          '--min-group-count',
          1,
          Number.MAX_SAFE_INTEGER,
        )!,
        maxGroups: integer(opts.maxGroups, '--max-groups', 2, MAX_MAX_GROUPS)!,
        alpha,
      });
      process.stdout.write(
        opts.format === 'json'
          ? `${JSON.stringify(report, null, 2)}\n`
          : formatFairnessTable(report, opts.predictions!),
      );
    });
}
