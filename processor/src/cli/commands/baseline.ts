/**
 * `mlmon baseline --input TRAIN --model NAME --version V --out profile.json`: the reference
 * profile the processor loads (and `mlmon drift --reference profile.json` reads): per feature
 * its kind, bins, a bounded sample, category frequencies and null ladders; the score column's
 * distribution as an output. Written atomically: a failed run leaves no file behind.
 */
import { basename } from 'node:path';
import type { Command } from 'commander';
import {
  buildCategoricalReference,
  buildNumericReference,
  DEFAULT_SAMPLE_SIZE,
} from '../../evaluate/drift/build-reference.js';
import { DEFAULT_LADDER_SIZES, LADDER_LEVELS } from '../../evaluate/drift/null-ladder.js';
import { summarizeCategorical } from '../../evaluate/drift/summarize.js';
import type { ReferenceFeature } from '../../evaluate/drift/types.js';
import { firstNonNumericOf, type Column } from '../../io/column-builder.js';
import { writeProfileFile } from '../../profile/profile-json.js';
import {
  PROFILE_FORMAT,
  PROFILE_VERSION,
  type ProfileLadderSettings,
  type ReferenceProfile,
} from '../../profile/reference-profile.js';
import { CliError } from '../cli-error.js';
import { loadTable, parseList } from './drift.js';

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
  readonly seed?: number;
  /** Build time (the clock is passed in). */
  readonly now: Date;
}

/** Reads the training file and builds the profile (no file written). */
export async function buildBaseline(options: BaselineOptions): Promise<ReferenceProfile> {
  const categorical = new Set(options.categorical ?? []);
  const required = [
    ...(options.scoreColumn !== undefined ? [options.scoreColumn] : []),
    ...(options.categorical ?? []),
    ...(options.exclude ?? []),
  ];
  const table = await loadTable(options.input, { categorical, required });
  const seed = options.seed ?? 1;
  const { maxAtoms, replicates, maxDraws, sizes } = LADDER;
  const build = {
    seed,
    maxSample: DEFAULT_SAMPLE_SIZE,
    ladder: { maxAtoms, replicates, maxDraws, sizes },
  };
  const excluded = new Set(options.exclude ?? []);
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
      outputs.push(buildNumericReference(column.name, column.values, build));
      continue;
    }
    features.push(referenceOf(options.input, column, build));
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
  build: Parameters<typeof buildNumericReference>[2],
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
    return buildNumericReference(column.name, column.values, build);
  }
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
    .option('--seed <seed>', 'seed of the null-distribution resampling', '1')
    .action(async (opts: Record<string, string | undefined>) => {
      const seed = Number(opts.seed);
      if (!Number.isInteger(seed))
        throw new CliError(`--seed must be an integer, got '${String(opts.seed)}'`);
      const profile = await buildBaseline({
        input: opts.input!,
        model: opts.model!,
        version: opts.version!,
        categorical: parseList(opts.categorical) ?? [],
        ...(opts.scoreColumn !== undefined ? { scoreColumn: opts.scoreColumn } : {}),
        exclude: parseList(opts.exclude) ?? [],
        seed,
        now: new Date(),
      });
      try {
        await writeProfileFile(opts.out!, profile);
      } catch (error) {
        throw new CliError(`${opts.out!}: cannot write the profile (${(error as Error).message})`);
      }
      process.stdout.write(
        `wrote ${opts.out!}: ${profile.features.length} features` +
          `${profile.outputs.length > 0 ? ' and the output score' : ''} from ${profile.source.rows} rows\n`,
      );
    });
}
