/**
 * The flags `mlmon evaluate` and `mlmon estimate` share (`--task`, `--format`, `--threshold`,
 * `--score-column`, `--probability-columns`), checked once with the same messages.
 */
import type { Command } from 'commander';
import { DEFAULT_THRESHOLD } from '../../stats/classification.js';
import { CliError } from '../cli-error.js';
import { parseList } from './drift.js';

/** The checked shared flags. */
export interface ClassificationFlags<T extends string> {
  readonly task: T;
  readonly json: boolean;
  readonly threshold: number;
  /** `scoreColumn` and `probabilityColumns` when given. */
  readonly columns: { scoreColumn?: string; probabilityColumns?: readonly string[] };
}

/** Checks the shared flags of `opts` (commander's option values) against the command's `tasks`. */
export function classificationFlags<T extends string>(
  opts: Record<string, string | undefined>,
  tasks: readonly T[],
): ClassificationFlags<T> {
  const task = opts.task as T;
  if (!tasks.includes(task)) {
    throw new CliError(`--task must be one of ${tasks.join(', ')}, got '${opts.task}'`);
  }
  if (opts.format !== 'table' && opts.format !== 'json') {
    throw new CliError(`--format must be 'table' or 'json', got '${opts.format}'`);
  }
  const threshold = Number(opts.threshold);
  if (!(threshold >= 0 && threshold <= 1)) {
    throw new CliError(`--threshold must be a number in [0, 1], got '${opts.threshold}'`);
  }
  return {
    task,
    json: opts.format === 'json',
    threshold,
    columns: {
      ...(opts.scoreColumn !== undefined ? { scoreColumn: opts.scoreColumn } : {}),
      ...(opts.probabilityColumns !== undefined
        ? { probabilityColumns: parseList(opts.probabilityColumns) ?? [] }
        : {}),
    },
  };
}

/** Declares `--score-column`, `--threshold` and `--probability-columns` on `command`. */
export function withClassificationOptions(command: Command): Command {
  return command
    .option('--score-column <column>', 'binary: positive-class probability')
    .option(
      '--threshold <threshold>',
      'binary: predicted positive when score >= threshold',
      String(DEFAULT_THRESHOLD),
    )
    .option(
      '--probability-columns <columns>',
      'multiclass: one probability column per class (its name)',
    );
}
