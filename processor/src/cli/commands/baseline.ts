/**
 * `mlmon baseline --input TRAIN --model NAME --version V --out profile.json`: the reference
 * profile the processor loads (and `mlmon drift --reference profile.json` reads): per feature
 * its kind, bins, a bounded sample, category frequencies and null ladders; the score column's
 * distribution as an output. Written atomically: a failed run leaves no file behind. With
 * `--sampling-probability-column`, the feature and score references are built from the rows
 * weighted 1/p as the processor builds a reference from a weighted window (`weightedReference`),
 * in the same profile format.
 */
import { basename } from 'node:path';
import type { Command } from 'commander';
import {
  buildCategoricalReference,
  buildNumericReference,
  DEFAULT_SAMPLE_SIZE,
  type BuildReferenceOptions,
} from '../../evaluate/drift/build-reference.js';
import { DEFAULT_LADDER_SIZES, LADDER_LEVELS } from '../../evaluate/drift/null-ladder.js';
import { summarizeCategorical } from '../../evaluate/drift/summarize.js';
import type { ReferenceFeature } from '../../evaluate/drift/types.js';
import { firstNonNumericOf, type Column } from '../../io/column-builder.js';
import { writeProfileFile } from '../../profile/profile-json.js';
import type { Table } from '../../io/read-table.js';
import { DEFAULT_THRESHOLD } from '../../stats/classification.js';
import {
  PROFILE_FORMAT,
  PROFILE_MAX_LABELED_ROWS,
  PROFILE_VERSION,
  type ProfileLabeledClasses,
  type ProfileLabeledScores,
  type ProfileLadderSettings,
  type ReferenceProfile,
} from '../../profile/reference-profile.js';
import { CliError } from '../cli-error.js';
import { loadTable, parseList } from './drift.js';
import { readBinaryRows, readMulticlassRows } from './table-columns.js';
import { samplingWeights, weightedReference } from './sampling-weights.js';

/** Ladder settings used by `mlmon baseline` (the null-ladder defaults). */
const LADDER: Omit<ProfileLadderSettings, 'seed'> = {
  sizes: DEFAULT_LADDER_SIZES,
  levels: LADDER_LEVELS,
  replicates: 1000,
  maxAtoms: 2000,
  maxDraws: 5000,
};

/** Options of {@link buildBaseline}. */
export interface BaselineOptions {
  readonly input: string;
  readonly model: string;
  readonly version: string;
  readonly categorical?: readonly string[];
  /** Model score column: profiled as an output, not a feature. */
  readonly scoreColumn?: string;
  /** Columns left out (ids, labels). */
  readonly exclude?: readonly string[];
  /**
   * The 0/1 label column (needs `scoreColumn`): kept with the scores for estimating quality
   * before labels arrive (CBPE), and left out of the features.
   */
  readonly labelColumn?: string;
  /**
   * A multiclass model's probability columns, one per class named as the class (with
   * `labelColumn`, whose values are class names): kept with the labels for multiclass CBPE, and
   * left out of the features.
   */
  readonly probabilityColumns?: readonly string[];
  /** Predicted positive when score ≥ threshold (with `labelColumn`). @default 0.5 */
  readonly threshold?: number;
  readonly seed?: number;
  /**
   * Column of each row's sampling probability p in (0, 1] (left out of the features): the
   * feature and score references weigh each row 1/p — values expanded to the column's effective
   * size (Σw)²/Σw², category counts rescaled to it — as the processor builds a reference from a
   * weighted window. The labeled rows kept for CBPE are not weighted: the calibration estimates
   * P(y | score), which does not depend on how often a score was kept.
   */
  readonly samplingProbabilityColumn?: string;
  /** Build time (the clock is passed in). */
  readonly now: Date;
}

/** Reads the training file and builds the profile (no file written). */
export async function buildBaseline(options: BaselineOptions): Promise<ReferenceProfile> {
  const categorical = new Set(options.categorical ?? []);
  const classes = options.probabilityColumns;
  if (classes !== undefined && classes.length < 2) {
    throw new CliError('--probability-columns needs at least two columns (one per class)');
  }
  if (classes !== undefined && options.labelColumn === undefined) {
    throw new CliError('--probability-columns needs --label-column (the true class of each row)');
  }
  if (
    options.labelColumn !== undefined &&
    options.scoreColumn === undefined &&
    classes === undefined
  ) {
    throw new CliError(
      '--label-column needs --score-column (binary) or --probability-columns (multiclass): ' +
        'the scores the labels go with',
    );
  }
  // A multiclass label names a class: read it as text even when the class names are numbers.
  if (classes !== undefined) categorical.add(options.labelColumn!);
  const required = [
    ...(options.scoreColumn !== undefined ? [options.scoreColumn] : []),
    ...(classes ?? []),
    ...(options.labelColumn !== undefined ? [options.labelColumn] : []),
    ...(options.categorical ?? []),
    ...(options.exclude ?? []),
    ...(options.samplingProbabilityColumn !== undefined ? [options.samplingProbabilityColumn] : []),
  ];
  const table = await loadTable(options.input, { categorical, required });
  const weights =
    options.samplingProbabilityColumn !== undefined
      ? samplingWeights(table, options.samplingProbabilityColumn)
      : undefined;
  const seed = options.seed ?? 1;
  const { maxAtoms, replicates, maxDraws, sizes } = LADDER;
  const build = {
    seed,
    maxSample: DEFAULT_SAMPLE_SIZE,
    ladder: { maxAtoms, replicates, maxDraws, sizes },
  };
  const excluded = new Set([
    ...(options.exclude ?? []),
    ...(options.labelColumn !== undefined ? [options.labelColumn] : []),
    ...(classes ?? []),
    ...(options.samplingProbabilityColumn !== undefined ? [options.samplingProbabilityColumn] : []),
  ]);
  const features: ReferenceFeature[] = [];
  const outputs: ReferenceFeature[] = [];
  for (const column of table.columns) {
    if (excluded.has(column.name)) continue;
    if (column.name === options.scoreColumn) {
      const where = firstNonNumericOf(column);
      if (column.kind !== 'numeric' || where !== undefined) {
        throw new CliError(
          `${options.input}${where ? ` line ${where.line}` : ''}, column '${column.name}': ` +
            `score '${where?.value ?? '?'}' is not a number`,
        );
      }
      outputs.push(
        weights !== undefined
          ? weightedReference(column, true, weights, build)
          : buildNumericReference(column.name, column.values, build),
      );
      continue;
    }
    features.push(referenceOf(options.input, column, build, weights));
  }
  return {
    format: PROFILE_FORMAT,
    version: PROFILE_VERSION,
    model: { name: options.model, version: options.version },
    createdAt: options.now.toISOString(),
    source: { file: basename(options.input), rows: table.rows },
    ladder: { seed, ...LADDER },
    features,
    outputs,
    ...(classes !== undefined
      ? { labeledClasses: labeledClasses(table, classes, options.labelColumn!) }
      : {}),
    ...(options.labelColumn !== undefined && options.scoreColumn !== undefined
      ? {
          labeled: labeledScores(
            table,
            options.scoreColumn!,
            options.labelColumn,
            options.threshold ?? DEFAULT_THRESHOLD,
          ),
        }
      : {}),
  };
}

/**
 * The labeled scores of a profile: every row's score and 0/1 label checked, then at most
 * {@link PROFILE_MAX_LABELED_ROWS} evenly spaced rows kept in file order.
 */
function labeledScores(
  table: Table,
  scoreColumn: string,
  labelColumn: string,
  threshold: number,
): ProfileLabeledScores {
  const { scores, labels } = readBinaryRows(table, scoreColumn, labelColumn);
  const kept = keptRows(table.rows);
  return {
    threshold,
    rows: table.rows,
    scores: kept.map((i) => scores[i]!),
    labels: kept.map((i) => labels[i]!),
  };
}

/** At most {@link PROFILE_MAX_LABELED_ROWS} evenly spaced row indices of `rows`, in order. */
function keptRows(rows: number): number[] {
  const step = Math.max(1, rows / PROFILE_MAX_LABELED_ROWS);
  const kept: number[] = [];
  for (let k = 0; Math.floor(k * step) < rows; k++) kept.push(Math.floor(k * step));
  return kept;
}

/**
 * The labeled probabilities of a multiclass profile: every row checked (probabilities in [0, 1]
 * summing to 1, a label naming a class), then the rows {@link keptRows} keeps.
 */
function labeledClasses(
  table: Table,
  classes: readonly string[],
  labelColumn: string,
): ProfileLabeledClasses {
  const { probabilities, labels } = readMulticlassRows(table, classes, labelColumn);
  const kept = keptRows(table.rows);
  return {
    rows: table.rows,
    classes: [...classes],
    probabilities: classes.map((_, k) => kept.map((i) => probabilities[i]![k]!)),
    labels: kept.map((i) => labels[i]!),
  };
}

/**
 * The reference of one feature column. A profile is the yardstick of every later window, so a
 * numeric column with a few non-numbers is an error here rather than a profile built without
 * them (`mlmon drift` reports such cells instead, since it decides one comparison).
 */
function referenceOf(
  file: string,
  column: Column,
  build: BuildReferenceOptions,
  weights: Float64Array | undefined,
): ReferenceFeature {
  if (column.kind === 'numeric') {
    const mismatches = column.typeMismatches;
    if (mismatches !== undefined) {
      const first = mismatches.first[0]!;
      throw new CliError(
        `${file} line ${first.line}, column '${column.name}': '${first.value}' is not a number ` +
          `(${mismatches.count} such cell${mismatches.count === 1 ? '' : 's'} in a numeric column); ` +
          `fix them, or pass --categorical ${column.name} to profile the column as categories`,
      );
    }
    if (weights !== undefined) return weightedReference(column, true, weights, build);
    return buildNumericReference(column.name, column.values, build);
  }
  if (weights !== undefined) return weightedReference(column, false, weights, build);
  const counted = summarizeCategorical(column.values);
  return buildCategoricalReference(column.name, counted.counts, counted.missing, build);
}

/** Registers `mlmon baseline`. */
export function registerBaselineCommand(program: Command): void {
  program
    .command('baseline')
    .description('build the reference profile of a model from its training data (CSV/JSONL)')
    .requiredOption('--input <file>', 'training data (CSV with a header row, or JSONL)')
    .requiredOption('--model <name>', 'model name (ml.model.name)')
    .requiredOption('--version <version>', 'model version (ml.model.version)')
    .requiredOption('--out <file>', 'profile to write (JSON)')
    .option('--categorical <columns>', 'comma-separated columns to treat as categorical')
    .option('--score-column <column>', "the model's output score column, profiled as the output")
    .option('--exclude <columns>', 'comma-separated columns to leave out (ids, labels)')
    .option(
      '--label-column <column>',
      'the label (0/1 with --score-column, a class name with --probability-columns): kept for ' +
        'estimating quality without labels',
    )
    .option(
      '--probability-columns <columns>',
      'with --label-column: comma-separated class probability columns, each named as its class',
    )
    .option('--threshold <threshold>', 'with --label-column: positive when score >= threshold')
    .option('--seed <seed>', 'seed of the null-distribution resampling', '1')
    .option(
      '--sampling-probability-column <column>',
      "column of each row's sampling probability p in (0, 1]: rows weigh 1/p, as ml.sampling.probability in the processor",
    )
    .action(async (opts: Record<string, string | undefined>) => {
      const seed = Number(opts.seed);
      if (!Number.isInteger(seed))
        throw new CliError(`--seed must be an integer, got '${String(opts.seed)}'`);
      const threshold = opts.threshold === undefined ? undefined : Number(opts.threshold);
      if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) {
        throw new CliError(`--threshold must be a number in [0, 1], got '${opts.threshold}'`);
      }
      const profile = await buildBaseline({
        input: opts.input!,
        model: opts.model!,
        version: opts.version!,
        categorical: parseList(opts.categorical) ?? [],
        ...(opts.scoreColumn !== undefined ? { scoreColumn: opts.scoreColumn } : {}),
        exclude: parseList(opts.exclude) ?? [],
        ...(opts.labelColumn !== undefined ? { labelColumn: opts.labelColumn } : {}),
        ...(opts.probabilityColumns !== undefined
          ? { probabilityColumns: parseList(opts.probabilityColumns) ?? [] }
          : {}),
        ...(threshold !== undefined ? { threshold } : {}),
        seed,
        ...(opts.samplingProbabilityColumn !== undefined
          ? { samplingProbabilityColumn: opts.samplingProbabilityColumn }
          : {}),
        now: new Date(),
      });
      try {
        await writeProfileFile(opts.out!, profile);
      } catch (error) {
        throw new CliError(`${opts.out!}: cannot write the profile (${(error as Error).message})`);
      }
      process.stdout.write(
        `wrote ${opts.out!}: ${profile.features.length} features` +
          `${profile.outputs.length > 0 ? ' and the output score' : ''}` +
          `${profile.labeled !== undefined ? ` with ${profile.labeled.scores.length} labeled scores` : ''}` +
          `${profile.labeledClasses !== undefined ? ` with ${profile.labeledClasses.labels.length} labeled probability rows` : ''}` +
          ` from ${profile.source.rows} rows\n`,
      );
    });
}
