/**
 * Builds the reference side of a feature (a profile entry) from its values: kind, decile bin
 * edges and proportions, a bounded sorted sample for KS/Wasserstein, category frequencies, and
 * the null ladders of every applicable statistic.
 */
import { meanAndStd } from '../../stats/sorted.js';
import { proportionsInto, referenceBinEdges } from '../../stats/quantile-bins.js';
import { sortedBinCounts, sortedPresent } from './summarize.js';
import {
  categoricalNullLadders,
  numericNullLadders,
  numericTableParts,
  NumericTable,
  type NullLadderOptions,
  type NumericLadderInput,
  type NumericTableParts,
} from './null-ladder.js';
import { seedFor } from './rng.js';
import type {
  CategoricalReferenceFeature,
  CategoryFrequencies,
  NullLadder,
  NumericReferenceFeature,
  ReferenceFeature,
} from './types.js';

/** A numeric column with at most this many distinct reference values is tested as categorical. */
export const LOW_CARDINALITY_MAX = 5;

/** Default bound on the stored reference sample (exact below it). */
export const DEFAULT_SAMPLE_SIZE = 10000;

/** Options of the reference builders. */
export interface BuildReferenceOptions {
  /** Base seed; each feature's ladder seed is derived from it and the feature name. @default 1 */
  readonly seed?: number;
  /** Most sorted reference values kept (Infinity: all, as the CLI does). @default 10000 */
  readonly maxSample?: number;
  /** Null-ladder options (sizes, replicates…); `false` skips the ladders. */
  readonly ladder?: Omit<NullLadderOptions, 'seed'> | false;
  /**
   * The non-NaN `values` already in ascending order (`sortedPresent(values)`, e.g. computed by
   * the CLI's reader thread); saves the sort. Used as the sample: not copied.
   */
  readonly sorted?: Float64Array;
  /**
   * Keep the bin edges and proportions of an exact sample (every value kept) out of the built
   * feature and derive them from the sample on each read (the same values: see
   * {@link LeanNumericReference}). For references held per stream; a profile writes them out.
   * @default false
   */
  readonly deriveBins?: boolean;
}

/**
 * Reference of a numeric feature. `values` may hold NaN for missing entries.
 * The sample keeps every value when there are at most `maxSample`, else `maxSample` equally
 * spaced order statistics (the reference quantile function at (i + 0.5)/m), which bounds the
 * KS error by 1/m.
 */
export function buildNumericReference(
  name: string,
  values: ArrayLike<number>,
  options: BuildReferenceOptions = {},
): NumericReferenceFeature {
  const sorted = options.sorted ?? sortedPresent(values);
  const count = sorted.length;
  const missing = values.length - count;
  const { mean, std } = count > 0 ? meanAndStd(sorted) : { mean: 0, std: 0 };
  const lowCardinality = count > 0 ? distinctCounts(sorted, LOW_CARDINALITY_MAX) : undefined;
  const maxSample = options.maxSample ?? DEFAULT_SAMPLE_SIZE;
  const sampleExact = count <= maxSample;
  const sample = sampleExact ? sorted : orderStatistics(sorted, maxSample);
  if (sampleExact && options.deriveBins === true && count > 0) {
    return leanReference(name, count, missing, std, sorted, lowCardinality, options);
  }
  // Only a reference that keeps them stores its bins (a lean one derives them from its sample).
  const bins = referenceBins(sorted);
  const feature: NumericReferenceFeature = {
    kind: 'numeric',
    name,
    count,
    missing,
    mean,
    std,
    min: count > 0 ? sorted[0]! : 0,
    max: count > 0 ? sorted[count - 1]! : 0,
    binEdges: bins.edges,
    binProportions: bins.proportions,
    sample,
    sampleExact,
    ...(lowCardinality !== undefined ? { lowCardinality } : {}),
    nullLadders: [],
  };
  return withNullLadders(feature, options);
}

/** Reference of a categorical feature from counts per category (missing counted apart). */
export function buildCategoricalReference(
  name: string,
  counts: ReadonlyMap<string, number>,
  missing: number,
  options: BuildReferenceOptions = {},
): CategoricalReferenceFeature {
  const categories = [...counts.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const values = categories.map((c) => counts.get(c)!);
  const count = values.reduce((a, b) => a + b, 0);
  const feature: CategoricalReferenceFeature = {
    kind: 'categorical',
    name,
    count,
    missing,
    categories,
    counts: values,
    nullLadders: [],
  };
  return withNullLadders(feature, options);
}

/**
 * The feature with its null ladders derived (none when `options.ladder` is false or the
 * reference is empty). Numeric ladders resample the stored sample, so a profile's ladders can
 * be re-derived from the profile alone.
 */
export function withNullLadders<T extends ReferenceFeature>(
  feature: T,
  options: BuildReferenceOptions = {},
): T {
  // A held feature's ladders are its table's: as a plain feature, derived anew.
  if (feature instanceof LeanNumericReference)
    return withNullLadders(feature.toJSON() as T, options);
  if (options.ladder === false || feature.count === 0) return feature;
  const ladderOptions = ladderOptionsFor(feature.name, options);
  let nullLadders: NullLadder[];
  if (feature.kind === 'categorical') {
    nullLadders = categoricalNullLadders({ counts: feature.counts }, ladderOptions);
  } else if (feature.lowCardinality !== undefined) {
    nullLadders = categoricalNullLadders({ counts: feature.lowCardinality.counts }, ladderOptions);
  } else {
    nullLadders = numericNullLadders(ladderInput(feature), ladderOptions);
  }
  return { ...feature, nullLadders };
}

/** The ladder options of feature `name`: its own seed, derived from the base seed. */
function ladderOptionsFor(name: string, options: BuildReferenceOptions): NullLadderOptions {
  return {
    ...(options.ladder === false ? {} : options.ladder),
    seed: seedFor(options.seed ?? 1, name),
    // Proportion-only ladders are shared across features with equal counts: one base seed.
    sharedSeed: options.seed ?? 1,
  };
}

/**
 * The held form of an exact numeric reference (see {@link LeanNumericReference}), with the null
 * ladders {@link withNullLadders} would give it: its own table's (none with `ladder: false`;
 * the categorical ones over its values when they are few).
 */
function leanReference(
  name: string,
  count: number,
  missing: number,
  std: number,
  sorted: Float64Array,
  lowCardinality: CategoryFrequencies | undefined,
  options: BuildReferenceOptions,
): LeanNumericReference {
  const ladderOptions = ladderOptionsFor(name, options);
  // The edges the table's binned ladders are for: those the feature derives on read.
  const binEdges = referenceBins(sorted).edges;
  const parts = numericTableParts({ sorted, count, std, binEdges }, ladderOptions);
  const fixed =
    options.ladder === false
      ? []
      : lowCardinality !== undefined
        ? categoricalNullLadders({ counts: lowCardinality.counts }, ladderOptions)
        : undefined;
  return new LeanNumericReference(name, count, missing, std, sorted, lowCardinality, parts, fixed);
}

/**
 * A numeric reference feature whose sample holds every reference value, kept without its bin
 * edges and proportions: both are functions of the sorted sample (its deciles, and its share in
 * each bin), derived on each read with the builder's own code, so every statistic reads the
 * same numbers as from a fully built feature. Why: a processor holds one such feature per
 * stream and feature for as long as the reference is current, and the two arrays were a fifth
 * of what it held (~250 B of ~1.2 kB), while a decision reads them a few times per window.
 *
 * Nor does it keep its mean or std (a field holding a double costs a boxed number besides) or a view
 * object of its sample (~0.1 kB apiece in V8, as much as the feature
 * itself): it keeps the sample's buffer and offset, shared with the stored reference window
 * whose values they are, and makes the view on each read (its ladder table reads it, and the std,
 * through the feature too).
 *
 * It is its own null-ladder table (a {@link NumericTable} whose sample source is the feature):
 * one object per held feature instead of a feature and a table pointing at each other (~0.1 kB
 * per feature less).
 */
class LeanNumericReference extends NumericTable implements NumericReferenceFeature {
  readonly name: string;
  readonly missing: number;
  /** What few features have: few distinct values, or ladders other than the table's. */
  private readonly rare: RareParts | undefined;
  /** The buffer of the sample (`count` values from `offset`). */
  readonly buffer: ArrayBufferLike;
  /** Byte offset of the sample in `buffer`. */
  readonly offset: number;

  constructor(
    name: string,
    count: number,
    missing: number,
    std: number,
    sample: Float64Array,
    lowCardinality: CategoryFrequencies | undefined,
    parts: NumericTableParts,
    fixed: readonly NullLadder[] | undefined,
  ) {
    super(parts, count, std, undefined);
    this.name = name;
    this.missing = missing;
    this.rare =
      lowCardinality === undefined && fixed === undefined ? undefined : { lowCardinality, fixed };
    this.buffer = sample.buffer;
    this.offset = sample.byteOffset;
  }

  get count(): number {
    return this.nReference;
  }

  get lowCardinality(): CategoryFrequencies | undefined {
    return this.rare?.lowCardinality;
  }

  /**
   * The sample's population std, computed on read as at build (`meanAndStd` of the same values:
   * the same double) and remembered for consecutive reads: a field holding a double is a boxed
   * number besides (24 B per feature).
   */
  get std(): number {
    return stdOf(this);
  }

  /**
   * Every reference value, ascending: a view of the shared buffer, made once for consecutive
   * reads (a decision reads it for its score, its bins, its min and max, feature after feature).
   */
  get sample(): Float64Array {
    return sampleView(this);
  }

  get nullLadders(): readonly NullLadder[] {
    return this.rare?.fixed ?? laddersOf(this);
  }

  /**
   * The sample's mean, computed on read like {@link std} (`meanAndStd`: the same double). Only a
   * profile written from the feature reads it.
   */
  get mean(): number {
    return meanAndStd(this.sample).mean;
  }

  get kind(): 'numeric' {
    return 'numeric';
  }

  get sampleExact(): boolean {
    return true;
  }

  get min(): number {
    return this.sample[0]!;
  }

  get max(): number {
    return this.sample[this.count - 1]!;
  }

  get binEdges(): readonly number[] {
    return derivedBins(this).edges;
  }

  get binProportions(): readonly number[] {
    return derivedBins(this).proportions;
  }

  /** The plain feature (a profile entry), as the builder makes it without `deriveBins`. */
  toJSON(): NumericReferenceFeature {
    return {
      kind: 'numeric',
      name: this.name,
      count: this.count,
      missing: this.missing,
      mean: this.mean,
      std: this.std,
      min: this.min,
      max: this.max,
      binEdges: this.binEdges,
      binProportions: this.binProportions,
      sample: this.sample,
      sampleExact: true,
      ...(this.lowCardinality !== undefined ? { lowCardinality: this.lowCardinality } : {}),
      nullLadders: this.nullLadders,
    };
  }
}

/** The parts of a {@link LeanNumericReference} few features have. */
interface RareParts {
  readonly lowCardinality: CategoryFrequencies | undefined;
  /** Ladders other than the table's (categorical ones, or none), if any. */
  readonly fixed: readonly NullLadder[] | undefined;
}

/** A sample's bin edges and each bin's share of it. */
interface DerivedBins {
  readonly edges: readonly number[];
  readonly proportions: readonly number[];
}

/**
 * `make` for a held feature, remembered for consecutive reads of the same feature (one entry):
 * a window's evaluation reads one feature's sample, bins and ladders several times in turn,
 * feature after feature. Keeping them per feature would cost the memory the lean feature saves;
 * making them on every read was a tenth of a close's allocations. Read-only, like what a built
 * feature holds.
 */
function lastRead<T>(
  make: (feature: LeanNumericReference) => T,
): (feature: LeanNumericReference) => T {
  let of: LeanNumericReference | undefined;
  let last: T | undefined;
  return (feature) => {
    if (of !== feature) {
      last = make(feature);
      of = feature;
    }
    return last!;
  };
}

/** A held feature's std (see `LeanNumericReference.std`). */
const stdOf = lastRead((feature): number => meanAndStd(feature.sample).std);

/** A held feature's sample view. */
const sampleView = lastRead(
  (feature): Float64Array => new Float64Array(feature.buffer, feature.offset, feature.count),
);

/** A held feature's ladder views (of its own table). */
const laddersOf = lastRead((feature): readonly NullLadder[] => feature.ladders());

/** A held feature's bin edges and proportions, derived from its sample. */
const derivedBins = lastRead((feature) => referenceBins(feature.sample));

/**
 * The bin edges (the deduplicated deciles) of an ascending sample and each bin's share of it:
 * what a built feature stores and a held one derives on read.
 */
function referenceBins(sorted: Float64Array): DerivedBins {
  const edges = exactArray(sorted.length > 0 ? referenceBinEdges(sorted) : []);
  const counts = sortedBinCounts(edges, sorted);
  return { edges, proportions: proportionsInto(counts, counts) };
}

/**
 * A plain array exactly as long as `xs` (a spread grows its backing store as it iterates and
 * keeps the slack: a cached reference holds two such arrays per feature).
 */
function exactArray(xs: ArrayLike<number>): number[] {
  const out = new Array<number>(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = xs[i]!;
  return out;
}

/** Counts per distinct value when there are at most `max` of them, else undefined. */
function distinctCounts(sorted: Float64Array, max: number): CategoryFrequencies | undefined {
  const byKey = new Map<string, number>();
  let prev = Number.NaN;
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i]!;
    if (v !== prev) {
      if (byKey.size === max) return undefined;
      prev = v;
    }
    const key = String(v);
    byKey.set(key, (byKey.get(key) ?? 0) + 1);
  }
  const categories = [...byKey.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { categories, counts: categories.map((c) => byKey.get(c)!) };
}

/** `m` equally spaced order statistics of a sorted sample: x[floor((i + 0.5)·n/m)]. */
function orderStatistics(sorted: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) out[i] = sorted[Math.floor(((i + 0.5) * sorted.length) / m)]!;
  return out;
}

/** What a numeric feature's ladders resample. */
function ladderInput(feature: NumericReferenceFeature): NumericLadderInput {
  return {
    sorted: feature.sample,
    count: feature.count,
    std: feature.std,
    binEdges: feature.binEdges,
  };
}
