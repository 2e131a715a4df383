/**
 * `mlmon drift --reference REF --current CUR`: per-column drift between two datasets (CSV or
 * JSONL; REF may also be a profile written by `mlmon baseline`), decided by the same
 * `decideDrift` as the processor, printed as a table or as JSON.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ML_DRIFT_KIND_VALUE_FEATURE } from '@mlmon/conventions';
import {
  buildCategoricalReference,
  buildNumericReference,
  withNullLadders,
} from '../../evaluate/drift/build-reference.js';
import { decideDrift, testedKind } from '../../evaluate/drift/decide.js';
import { ladderSizesFor } from '../../evaluate/drift/null-ladder.js';
import { sortedDistances } from '../../evaluate/drift/sorted-distances.js';
import { alignProportions, currentBinCounts } from '../../evaluate/drift/scores.js';
import {
  parseDriftRuleText,
  selectDriftMethod,
  validateDriftRules,
  type DriftMethodRule,
} from '../../evaluate/drift/select-method.js';
import { summarizeCategorical, summarizeNumeric } from '../../evaluate/drift/summarize.js';
import { DEFAULT_ALPHA } from '../../evaluate/drift/threshold.js';
import type {
  CurrentSummary,
  DriftDecision,
  ReferenceFeature,
} from '../../evaluate/drift/types.js';
import { asCategorical, firstNonNumericOf, type Column } from '../../io/column-builder.js';
import { InputFileError } from '../../io/input-file-error.js';
import { readTableInWorker } from '../../io/read-table-in-worker.js';
import { getColumn, readTable, type ReadTableOptions, type Table } from '../../io/read-table.js';
import { parseProfile, ProfileFormatError } from '../../profile/profile-json.js';
import { chiSquareHomogeneity } from '../../stats/chi-square.js';
import { categoricalDriftFromCounts } from '../../stats/categorical-drift.js';
import { lInfinity, newCategoryRatio } from '../../stats/categorical.js';
import { hellinger } from '../../stats/hellinger.js';
import { jensenShannon } from '../../stats/jensen-shannon.js';
import { ksPValue } from '../../stats/ks.js';
import { absent, present, valueOrNull, type Maybe } from '../../stats/maybe.js';
import { psi } from '../../stats/psi.js';
import { proportions } from '../../stats/quantile-bins.js';
import { normalizeByStd } from '../../stats/wasserstein.js';
import { categoricalCurrent, numericCurrent, toDriftResult } from '../../evaluate/feature-drift.js';
import { weightedKsAndWasserstein } from '../../evaluate/drift/weighted-ecdf.js';
import {
  samplingWeights,
  weightedCategories,
  weightedNumeric,
  weightedReference,
} from './sampling-weights.js';
import { formatNumber } from '../../io/text-table.js';
import { CliError } from '../cli-error.js';
import {
  formatDriftTable,
  renderDriftColumn,
  renderDriftReport,
  type ColumnTypeMismatches,
  type DriftColumnReport,
  type DriftReport,
  type DriftStatistics,
} from './render-drift-report.js';
import { driftMethodIds } from '../../evaluate/drift/registry.js';

export type { DriftColumnReport, DriftReport, DriftStatistics };

/** Options of {@link runDrift}. */
export interface DriftCommandOptions {
  readonly reference: string;
  readonly current: string;
  /** Columns read as categorical. */
  readonly categorical?: readonly string[];
  /** Columns to compare (default: every reference column). */
  readonly columns?: readonly string[];
  /** Ordered per-column method rules (first match wins). */
  readonly rules?: readonly DriftMethodRule[];
  /** Per-column α of the size-aware thresholds. */
  readonly alpha?: number;
  /** Seed of the null ladders. */
  readonly seed?: number;
  /** Fail on any cell that is not a number in a numeric column instead of reporting it. */
  readonly strict?: boolean;
  /**
   * Column holding each row's sampling probability p (a file without it is unweighted): rows
   * weigh 1/p and decisions read Kish's effective size, as `ml.sampling.probability` in the
   * processor. The column itself is not compared.
   */
  readonly samplingProbabilityColumn?: string;
}

/** Reads a data file, turning file problems into one-line CLI errors. */
export async function loadTable(
  file: string,
  options: ReadTableOptions = {},
  onWorker = false,
): Promise<Table> {
  try {
    // On the worker, numeric columns are also sorted there (the reference's sort moves off
    // the main thread, which meanwhile parses and sorts the current file).
    return await (onWorker
      ? readTableInWorker(file, options, { sortNumeric: true })
      : readTable(file, options));
  } catch (error) {
    if (error instanceof InputFileError) throw new CliError(error.message);
    throw error;
  }
}

/** Splits a comma-separated option value. */
export function parseList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Runs the comparison and builds the report. */
export async function runDrift(options: DriftCommandOptions): Promise<DriftReport> {
  const rules = options.rules ?? [];
  const ruleErrors = validateDriftRules(rules);
  if (ruleErrors.length > 0) throw new CliError(ruleErrors.join('; '));
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const categorical = new Set(options.categorical ?? []);
  const weightColumn = options.samplingProbabilityColumn;
  const only =
    options.columns !== undefined
      ? new Set([...options.columns, ...(weightColumn !== undefined ? [weightColumn] : [])])
      : undefined;
  const readOptions: ReadTableOptions = {
    categorical,
    ...(only ? { only, required: options.columns! } : {}),
  };
  const profileReference = /\.json$/i.test(options.reference);
  const [reference, current] = await Promise.all([
    profileReference
      ? loadProfileFeatures(options.reference)
      : // Two large files: the reference parses on a second core meanwhile.
        loadTable(options.reference, readOptions, true),
    loadTable(options.current, readOptions),
  ]);
  const referenceNames = Array.isArray(reference)
    ? reference.map((f) => f.name)
    : reference.columns.map((c) => c.name);
  const unknownCategorical = [...categorical].filter((name) => !referenceNames.includes(name));
  if (unknownCategorical.length > 0) {
    throw new CliError(
      `--categorical: no column ${unknownCategorical.map((n) => `'${n}'`).join(', ')} in ${options.reference} (columns: ${referenceNames.join(', ')})`,
    );
  }
  const referenceWeights =
    weightColumn !== undefined &&
    !Array.isArray(reference) &&
    reference.names.includes(weightColumn)
      ? samplingWeights(reference, weightColumn)
      : undefined;
  const currentWeights =
    weightColumn !== undefined && current.names.includes(weightColumn)
      ? samplingWeights(current, weightColumn)
      : undefined;
  if (
    weightColumn !== undefined &&
    referenceWeights === undefined &&
    currentWeights === undefined
  ) {
    throw new CliError(
      `--sampling-probability-column: no column '${weightColumn}' in ${options.reference} or ${options.current}`,
    );
  }
  const weights = { reference: referenceWeights, current: currentWeights };
  const names: string[] = (
    options.columns !== undefined
      ? [...options.columns]
      : Array.isArray(reference)
        ? reference.map((f) => f.name)
        : reference.columns.map((c) => c.name)
  ).filter((name) => name !== weightColumn);
  const columns: DriftColumnReport[] = [];
  for (const name of names) {
    const cur = getColumnOrFail(current, name);
    let report: DriftColumnReport;
    if (Array.isArray(reference)) {
      const feature = reference.find((f) => f.name === name);
      if (feature === undefined) {
        throw new CliError(`${options.reference}: the profile has no feature '${name}'`);
      }
      const mismatches = collectMismatches(
        [['current', options.current, cur]],
        options.strict === true,
      );
      report = compareWithProfile(feature, cur, rules, alpha, mismatches, weights.current);
    } else {
      const ref = getColumnOrFail(reference, name);
      if (!categorical.has(name)) checkSameKind(ref, cur, options.reference, options.current);
      const mismatches = collectMismatches(
        [
          ['reference', options.reference, ref],
          ['current', options.current, cur],
        ],
        options.strict === true,
      );
      report = compareColumns(
        ref,
        cur,
        categorical.has(name),
        rules,
        alpha,
        options.seed,
        mismatches,
        weights,
      );
    }
    columns.push(report);
  }
  return renderDriftReport(columns);
}

function getColumnOrFail(table: Table, name: string): Column {
  try {
    return getColumn(table, name);
  } catch (error) {
    if (error instanceof InputFileError) throw new CliError(error.message);
    throw error;
  }
}

/**
 * A column read as numbers in one file and as categories in the other cannot be compared
 * either way without reinterpreting one of them: an error naming both files.
 */
function checkSameKind(ref: Column, cur: Column, refFile: string, curFile: string): void {
  if (ref.kind === cur.kind) return;
  const [numericFile, otherFile, other] =
    ref.kind === 'numeric' ? [refFile, curFile, cur] : [curFile, refFile, ref];
  const where = firstNonNumericOf(other);
  throw new CliError(
    `column '${ref.name}' is numeric in ${numericFile} but not in ${otherFile}` +
      (where !== undefined ? ` (line ${where.line}: '${where.value}')` : '') +
      `; fix the data, or pass --categorical ${ref.name} to compare it as categories`,
  );
}

/** The type mismatches of the compared columns; with `strict`, the first one is an error. */
function collectMismatches(
  columns: readonly (readonly [ColumnTypeMismatches['role'], string, Column])[],
  strict: boolean,
): ColumnTypeMismatches[] {
  const found: ColumnTypeMismatches[] = [];
  for (const [role, file, column] of columns) {
    if (column.kind !== 'numeric' || column.typeMismatches === undefined) continue;
    const { count, first } = column.typeMismatches;
    if (strict) {
      throw new CliError(
        `${file} line ${first[0]!.line}, column '${column.name}': '${first[0]!.value}' is not a ` +
          `number (${count} such cell${count === 1 ? '' : 's'}; --strict)`,
      );
    }
    found.push({ role, file, count, first });
  }
  return found;
}

async function loadProfileFeatures(file: string): Promise<ReferenceFeature[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new CliError(`${file}: no such file`);
  }
  try {
    return [...parseProfile(text).features];
  } catch (error) {
    if (error instanceof ProfileFormatError) throw new CliError(`${file}: ${error.message}`);
    throw error;
  }
}

/** Compares two whole columns: exact statistics, then the shared decision. */
function compareColumns(
  ref: Column,
  cur: Column,
  declaredCategorical: boolean,
  rules: readonly DriftMethodRule[],
  alpha: number,
  seed: number | undefined,
  mismatches: readonly ColumnTypeMismatches[],
  weights: ColumnWeights,
): DriftColumnReport {
  const numeric = !declaredCategorical && ref.kind === 'numeric' && cur.kind === 'numeric';
  let feature: ReferenceFeature;
  let summary: CurrentSummary;
  if (weights.reference !== undefined || weights.current !== undefined) {
    feature = weightedReference(ref, numeric, weights.reference, {
      maxSample: Infinity,
      ladder: false,
    });
    summary = weightedSummary(cur, numeric, feature, weights.current);
  } else if (numeric) {
    const r = ref as Column & { kind: 'numeric' };
    feature = buildNumericReference(ref.name, r.values, {
      maxSample: Infinity,
      ladder: false,
      ...(r.sorted !== undefined ? { sorted: r.sorted } : {}),
    });
    summary = summarizeNumeric((cur as Column & { kind: 'numeric' }).values, feature);
  } else {
    const r = asCategorical(ref);
    const counted = summarizeCategorical(r.values);
    feature = buildCategoricalReference(ref.name, counted.counts, counted.missing, {
      ladder: false,
    });
    summary = summarizeCategorical(asCategorical(cur).values);
  }
  return decideAndReport(feature, summary, rules, alpha, seed, true, mismatches);
}

/** The sampling weights (1/p) of the rows of each file; `undefined` for an unweighted file. */
interface ColumnWeights {
  readonly reference: Float64Array | undefined;
  readonly current: Float64Array | undefined;
}

/** The current summary of a (weighted) column as the processor summarizes a window. */
function weightedSummary(
  cur: Column,
  numeric: boolean,
  feature: ReferenceFeature,
  weights: Float64Array | undefined,
): CurrentSummary {
  const w = weights ?? new Float64Array(cur.values.length).fill(1);
  if (numeric && cur.kind === 'numeric') {
    const { values, missing } = weightedNumeric(cur, w);
    return numericCurrent(values, missing, feature);
  }
  const { counts, missing } = weightedCategories(cur, w);
  return categoricalCurrent(counts, missing);
}

/** Compares a column with a profile feature (as the processor does). */
function compareWithProfile(
  feature: ReferenceFeature,
  cur: Column,
  rules: readonly DriftMethodRule[],
  alpha: number,
  mismatches: readonly ColumnTypeMismatches[],
  weights: Float64Array | undefined,
): DriftColumnReport {
  const summary: CurrentSummary =
    weights !== undefined
      ? weightedSummary(
          feature.kind === 'numeric' && cur.kind === 'categorical' ? numericOrFail(cur) : cur,
          feature.kind === 'numeric',
          feature,
          weights,
        )
      : feature.kind === 'numeric'
        ? summarizeNumeric(cur.kind === 'numeric' ? cur.values : numericOrFail(cur), feature)
        : summarizeCategorical(asCategorical(cur).values);
  return decideAndReport(feature, summary, rules, alpha, undefined, false, mismatches);
}

function numericOrFail(column: Column & { kind: 'categorical' }): never {
  const where = column.firstNonNumeric;
  throw new CliError(
    `column '${column.name}' is numeric in the profile but holds '${where?.value ?? '?'}'` +
      (where !== undefined ? ` (line ${where.line})` : ''),
  );
}

function decideAndReport(
  feature: ReferenceFeature,
  summary: CurrentSummary,
  rules: readonly DriftMethodRule[],
  alpha: number,
  seed: number | undefined,
  buildLadder: boolean,
  mismatches: readonly ColumnTypeMismatches[],
): DriftColumnReport {
  const testedAs = testedKind(feature);
  let choice;
  try {
    choice = selectDriftMethod({ name: feature.name, testedAs, nReference: feature.count }, rules);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  // Null ladders only matter for distances, and only the rungs around this current size: their
  // rows equal those of a full ladder (each rung has its own seeded stream).
  const judged =
    buildLadder && choice.spec.scoreKind === 'distance'
      ? withNullLadders(feature, {
          ...(seed !== undefined ? { seed } : {}),
          ladder: { sizes: ladderSizesFor(summary.count) },
        })
      : feature;
  const decision = decideDrift(judged, summary, {
    method: choice.spec.id,
    threshold: choice.threshold,
    alpha,
  });
  return report(feature, summary, decision, mismatches);
}

function report(
  feature: ReferenceFeature,
  summary: CurrentSummary,
  d: DriftDecision,
  mismatches: readonly ColumnTypeMismatches[],
): DriftColumnReport {
  // Type mismatches are NaN in the numeric values; they are counted apart, not as missing.
  const inReference = mismatches.find((m) => m.role === 'reference')?.count ?? 0;
  const inCurrent = mismatches.find((m) => m.role === 'current')?.count ?? 0;
  return renderDriftColumn(
    {
      name: feature.name,
      kind: feature.kind,
      referenceCount: feature.count,
      currentCount: summary.count,
      missingReference: feature.missing - inReference,
      missingCurrent: summary.missing - inCurrent,
      typeMismatches: mismatches,
      ...floorNote(d),
    },
    statistics(feature, summary),
    toDriftResult(ML_DRIFT_KIND_VALUE_FEATURE, d, true),
  );
}

/**
 * A test whose p-value is at or below its threshold but whose effect is under the effect-size
 * floor decides `no_drift`: with large samples a difference too small to matter is still
 * "significant", and the note says that the floor, not the p-value, decided.
 */
function floorNote(d: DriftDecision): { note?: string } {
  const { effect, score, effectiveThreshold: eff } = d;
  if (d.scoreKind !== 'p_value' || d.drifted !== false || effect === undefined) return {};
  if (score === null || eff === null || score > eff || effect.value >= effect.floor) return {};
  return {
    note:
      `p = ${formatNumber(score)} is at or below ${formatNumber(eff)}, but the effect ` +
      `(${effect.method} ${formatNumber(effect.value)}) is under the effect-size floor ` +
      `${formatNumber(effect.floor)}: a difference too small to call drift`,
  };
}

/** Every statistic that applies, under the golden-file key names. */
function statistics(feature: ReferenceFeature, summary: CurrentSummary): DriftStatistics {
  if (feature.kind === 'categorical' && summary.kind === 'categorical') {
    const ref = new Map<string, number>(feature.categories.map((c, i) => [c, feature.counts[i]!]));
    const s = categoricalDriftFromCounts(ref, summary.counts);
    const chi = s.chiSquare;
    return {
      chi2_statistic: chi.ok ? chi.value.statistic : null,
      chi2_p_value: chi.ok ? chi.value.pValue : null,
      chi2_dof: chi.ok ? chi.value.dof : null,
      psi: valueOrNull(s.psi),
      jensen_shannon: valueOrNull(s.jensenShannon),
      hellinger: valueOrNull(s.hellinger),
      l_infinity: valueOrNull(s.lInfinity),
      new_category_ratio: valueOrNull(s.newCategoryRatio),
    };
  }
  if (feature.kind !== 'numeric' || summary.kind !== 'numeric' || summary.sorted === undefined)
    return {};
  // Exact statistics on the sorted samples; bins from the reference deciles (METRICS.md).
  // One merge pass for D and W1, shared with the decision (memoised per sample pair).
  // Weighted rows: the weighted ECDF's D and W1, the KS p-value at the effective size (the
  // decision's own arithmetic).
  const weighted = summary.weights !== undefined;
  const both =
    feature.sample.length > 0 && summary.sorted.length > 0
      ? weighted
        ? weightedKsAndWasserstein(feature.sample, summary.sorted, summary.weights)
        : sortedDistances(feature.sample, summary.sorted)
      : undefined;
  const ks =
    both !== undefined
      ? weighted
        ? ksPValue(both.ks, feature.count, summary.count, 'asymp')
        : ksPValue(both.ks, feature.sample.length, summary.sorted.length, 'auto')
      : undefined;
  const w: Maybe =
    both?.wasserstein !== undefined
      ? present(both.wasserstein)
      : absent('Wasserstein needs finite, non-empty reference and current samples');
  const p = Float64Array.from(feature.binProportions);
  const counts = currentBinCounts(feature, summary);
  const q = counts !== undefined ? proportions(counts) : undefined;
  const binned = (f: (p: Float64Array, q: Float64Array) => Maybe): number | null =>
    q === undefined || summary.count === 0 ? null : valueOrNull(f(p, q));
  const stats: DriftStatistics = {
    ks_statistic: ks !== undefined ? ks.statistic : null,
    ks_p_value: ks !== undefined ? ks.pValue : null,
    wasserstein: valueOrNull(w),
    wasserstein_normed: valueOrNull(normalizeByStd(w, feature.std)),
    psi: binned(psi),
    jensen_shannon: binned(jensenShannon),
    hellinger: binned(hellinger),
  };
  if (feature.lowCardinality !== undefined && summary.valueCounts !== undefined) {
    // Tested as categorical: also report the per-value statistics the decision used.
    const a = alignProportions(feature.lowCardinality, summary.valueCounts);
    const chi = chiSquareHomogeneity(a.referenceCounts, a.currentCounts);
    stats.chi2_statistic = chi.ok ? chi.value.statistic : null;
    stats.chi2_p_value = chi.ok ? chi.value.pValue : null;
    stats.chi2_dof = chi.ok ? chi.value.dof : null;
    stats.l_infinity = valueOrNull(lInfinity(a.p, a.q));
    stats.new_category_ratio = valueOrNull(newCategoryRatio(a.referenceCounts, a.currentCounts));
  }
  return stats;
}

/** Parses `--rule PATTERN=METHOD[:THRESHOLD]`. */
export function parseRule(text: string): DriftMethodRule {
  const rule = parseDriftRuleText(text);
  if ('error' in rule) throw new CliError(`--rule '${text}': ${rule.error}`);
  return rule;
}

function parseProbability(name: string, text: string): number {
  const x = Number(text);
  if (!(x > 0 && x < 1))
    throw new CliError(`${name} must be a number between 0 and 1, got '${text}'`);
  return x;
}

/** Registers `mlmon drift`. */
export function registerDriftCommand(program: Command): void {
  program
    .command('drift')
    .description('compare two datasets column by column (CSV with a header row, or JSONL)')
    .requiredOption(
      '--reference <file>',
      'reference data (CSV/JSONL) or a profile from `mlmon baseline`',
    )
    .requiredOption('--current <file>', 'current data (CSV/JSONL)')
    .option('--categorical <columns>', 'comma-separated columns to treat as categorical')
    .option('--columns <columns>', 'comma-separated columns to compare (default: all)')
    .option('--method <method>', 'drift method for every column it applies to')
    .option(
      '--rule <pattern=method[:threshold]>',
      'per-column method rule, repeatable; first match wins',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option(
      '--alpha <alpha>',
      'per-column false-alarm rate of the size-aware thresholds',
      String(DEFAULT_ALPHA),
    )
    .option('--seed <seed>', 'seed of the null-distribution resampling', '1')
    .option('--format <format>', 'table or json', 'table')
    .option(
      '--sampling-probability-column <column>',
      "column of each row's sampling probability p in (0, 1]: rows weigh 1/p, as ml.sampling.probability in the processor",
    )
    .option(
      '--strict',
      'fail on a cell that is not a number in a numeric column (default: report it and leave it out)',
    )
    .action(async (opts: Record<string, string | string[] | boolean | undefined>) => {
      const format = opts.format as string;
      if (format !== 'table' && format !== 'json') {
        throw new CliError(`--format must be 'table' or 'json', got '${format}'`);
      }
      const rules = (opts.rule as string[]).map(parseRule);
      if (typeof opts.method === 'string') {
        if (!(driftMethodIds() as string[]).includes(opts.method)) {
          throw new CliError(
            `--method: unknown drift method '${opts.method}'; valid methods: ${driftMethodIds().join(', ')}`,
          );
        }
        rules.push({ method: opts.method });
      }
      const seed = Number(opts.seed);
      if (!Number.isInteger(seed))
        throw new CliError(`--seed must be an integer, got '${String(opts.seed)}'`);
      const options: DriftCommandOptions = {
        reference: opts.reference as string,
        current: opts.current as string,
        categorical: parseList(opts.categorical as string | undefined) ?? [],
        ...(opts.columns !== undefined ? { columns: parseList(opts.columns as string) ?? [] } : {}),
        rules,
        alpha: parseProbability('--alpha', opts.alpha as string),
        seed,
        strict: opts.strict === true,
        ...(typeof opts.samplingProbabilityColumn === 'string'
          ? { samplingProbabilityColumn: opts.samplingProbabilityColumn }
          : {}),
      };
      const report = await runDrift(options);
      process.stdout.write(
        format === 'json'
          ? `${JSON.stringify(report, null, 2)}\n`
          : formatDriftTable(report, options.reference, options.current),
      );
    });
}
