/**
 * Null ladders: the distribution of each drift statistic when nothing changed, at a ladder of
 * current sizes (issue 4, MONITORING-ANCHORS §b.6). A reference's ladders are one compact table
 * whose rungs are simulated on first use and kept: a decision at n reads only the rungs around
 * n, so a processor building thousands of window references pays for one or two rungs each,
 * and a profile writer derives every rung. Lazy rows equal eager ones (seeded per draw count).
 *
 * Method. Comparing a reference of N values with a current window of n values drawn from the
 * same distribution, every statistic here behaves like the one-sample statistic of a sample of
 * n_eff = N·n/(N+n) values against the population (exact in the limit for KS, Wasserstein and
 * the binned distances, whose scaled forms converge to functionals of one Brownian bridge;
 * and n_eff ≈ n when n ≪ N, where small-sample effects matter). So each replicate draws n_eff
 * values with replacement from the reference — represented by at most `maxAtoms` equally spaced
 * order statistics (its quantile function) — and measures the statistic against that same
 * population. Cost per replicate is O(n_eff + atoms) with no sorting: draws are counted per
 * distinct atom, and one pass gives KS D, Wasserstein and the bin counts. Above `maxDraws`,
 * draws stop growing and quantiles are rescaled by (n_sim/n_eff)^(1/tailPower), the asymptotic
 * scaling of each statistic.
 *
 * The binned distances (PSI, JS, Hellinger; and every categorical statistic) depend only on the
 * reference's bin or category shares and its size, not on where the values lie: drawing a value
 * and binning it is drawing a bin with the bin's share. They are simulated over the shares and
 * their tables shared by every feature and stream with equal counts ({@link sharedTables}) — window
 * references of equal size with decile bins hold equal counts, so thousands of streams pay for
 * one simulation, while KS and Wasserstein keep a per-feature simulation of the sample.
 *
 * Deterministic: the same reference, options and seeds give the same ladder.
 */
import {
  ML_DRIFT_METHOD_VALUE_HELLINGER,
  ML_DRIFT_METHOD_VALUE_JENSEN_SHANNON,
  ML_DRIFT_METHOD_VALUE_KS,
  ML_DRIFT_METHOD_VALUE_L_INFINITY,
  ML_DRIFT_METHOD_VALUE_PSI,
  ML_DRIFT_METHOD_VALUE_WASSERSTEIN,
  ML_DRIFT_METHOD_VALUE_WASSERSTEIN_NORMED,
} from '@mlmon/conventions';
import { proportionDistances, type ProportionDistanceScratch } from './proportion-distances.js';
import {
  limitNumeric,
  limitProportions,
  LIMIT_MIN_DRAWS,
  proportionLimitApplies,
} from './limit-null.js';
import { getDriftMethod } from './registry.js';
import { createRng, type Rng } from './rng.js';
import type { DriftMethodId, NullLadder, NullLadderData } from './types.js';

/** Current sizes of the ladder (issue 4). */
export const DEFAULT_LADDER_SIZES: readonly number[] = [100, 200, 500, 1000, 5000, 20000, 100000];

/** Quantile levels stored per size; smaller α are extrapolated from the top two. */
export const LADDER_LEVELS: readonly number[] = [0.5, 0.9, 0.95, 0.99];

/** Options of the ladder derivation. */
export interface NullLadderOptions {
  /** PRNG seed. @default 1 */
  readonly seed?: number;
  /** Current sizes. @default DEFAULT_LADDER_SIZES */
  readonly sizes?: readonly number[];
  /** Most atoms representing the reference. @default 2000 */
  readonly maxAtoms?: number;
  /** Replicates per size. @default 1000 */
  readonly replicates?: number;
  /** Most draws per replicate before asymptotic rescaling. @default 5000 */
  readonly maxDraws?: number;
  /**
   * Seed of the statistics whose null depends only on proportions — the binned distances of a
   * numeric feature (over its reference bins) and every categorical ladder (over its category
   * counts). Their rungs are shared by every feature and stream with equal counts and reference
   * size, so thousands of window references with decile bins pay for one simulation.
   * @default seed
   */
  readonly sharedSeed?: number;
}

/** The reference of a numeric feature, as the ladder needs it. */
export interface NumericLadderInput {
  /** Ascending reference values (all, or equally spaced order statistics). */
  readonly sorted: ArrayLike<number>;
  /** Number of reference values N (may exceed `sorted.length`). */
  readonly count: number;
  /** Reference population std; 0 skips `wasserstein_normed`. */
  readonly std: number;
  /** Reference bin edges (METRICS.md deciles). */
  readonly binEdges: ArrayLike<number>;
  /**
   * Where the table reads `sorted` when it simulates a rung, if not from `sorted` itself: a
   * reference held for long that makes its sample view on read (see build-reference.ts) keeps
   * no view object per feature, and the table holds no view of its own either.
   */
  readonly source?: SampleSource;
}

/** Something whose `sample` is the ascending reference values (a fresh view on each read). */
export interface SampleSource {
  readonly sample: Float64Array;
  /** The sample's std, if the source holds it (the table then reads it from there). */
  readonly std?: number;
}

/** The reference of a categorical feature: counts per category. */
export interface CategoricalLadderInput {
  readonly counts: ArrayLike<number>;
}

/**
 * The rungs of `sizes` that a decision at current size n uses: the two around n, or the end
 * rung outside the ladder. The CLI, which knows n, derives only these.
 */
export function ladderSizesFor(
  n: number,
  sizes: readonly number[] = DEFAULT_LADDER_SIZES,
): number[] {
  if (n <= sizes[0]!) return [sizes[0]!];
  const last = sizes[sizes.length - 1]!;
  if (n >= last) return [last];
  const i = sizes.findIndex((s) => s >= n);
  return sizes[i] === n ? [n] : [sizes[i - 1]!, sizes[i]!];
}

function seedForDraws(seed: number, draws: number): number {
  return (Math.imul(seed ^ 0x5bd1e995, 0x01000193) ^ Math.imul(draws, 0x9e3779b1)) >>> 0;
}

/** Effective one-sample size of a two-sample comparison. */
export function effectiveSize(nReference: number, nCurrent: number): number {
  return (nReference * nCurrent) / (nReference + nCurrent);
}

/** Most sizes of a ladder (a table marks its derived rungs in one 32-bit mask). */
const MAX_RUNGS = 30;

interface Resolved {
  seed: number;
  sharedSeed: number;
  sizes: readonly number[];
  maxAtoms: number;
  replicates: number;
  maxDraws: number;
}

function resolve(options: NullLadderOptions): Resolved {
  if ((options.sizes?.length ?? 0) > MAX_RUNGS) {
    throw new Error(`a null ladder has at most ${MAX_RUNGS} sizes (got ${options.sizes!.length})`);
  }
  return {
    seed: options.seed ?? 1,
    sharedSeed: options.sharedSeed ?? options.seed ?? 1,
    sizes: options.sizes ?? DEFAULT_LADDER_SIZES,
    maxAtoms: options.maxAtoms ?? 2000,
    replicates: options.replicates ?? 1000,
    maxDraws: options.maxDraws ?? 5000,
  };
}

/** A stored ladder of a table: the simulated statistic it reads, divided by std when normed. */
interface LadderOutput {
  readonly method: DriftMethodId;
  readonly from: number;
  readonly normed: boolean;
}

/** Statistics of the reference sample itself (its quantile function): simulated per feature. */
const NUMERIC_SIMULATED: readonly DriftMethodId[] = [
  ML_DRIFT_METHOD_VALUE_KS,
  ML_DRIFT_METHOD_VALUE_WASSERSTEIN,
];
const NUMERIC_OUTPUTS: readonly LadderOutput[] = NUMERIC_SIMULATED.map((method, from) => ({
  method,
  from,
  normed: false,
}));
/** With `wasserstein_normed` (raw Wasserstein / std) after `wasserstein`, when std > 0. */
const NUMERIC_OUTPUTS_NORMED: readonly LadderOutput[] = [
  ...NUMERIC_OUTPUTS,
  { method: ML_DRIFT_METHOD_VALUE_WASSERSTEIN_NORMED, from: 1, normed: true },
];
const CATEGORICAL_SIMULATED: readonly DriftMethodId[] = [
  ML_DRIFT_METHOD_VALUE_PSI,
  ML_DRIFT_METHOD_VALUE_JENSEN_SHANNON,
  ML_DRIFT_METHOD_VALUE_HELLINGER,
  ML_DRIFT_METHOD_VALUE_L_INFINITY,
];
const CATEGORICAL_OUTPUTS: readonly LadderOutput[] = CATEGORICAL_SIMULATED.map((method, from) => ({
  method,
  from,
  normed: false,
}));
/**
 * A numeric feature's binned distances: the categorical simulation over its reference bins
 * (drawing a reference value and binning it is drawing a bin with the bin's share).
 */
const BINNED_OUTPUTS: readonly LadderOutput[] = CATEGORICAL_OUTPUTS.slice(0, 3);

/**
 * What the ladders of many features share: sizes, replicates, bounds and the statistics
 * (interned, so a reference of many features holds one copy).
 */
export interface LadderShape {
  readonly kind: 'numeric' | 'categorical';
  readonly sizes: readonly number[];
  readonly replicatesPerSize: readonly number[];
  readonly replicates: number;
  readonly maxAtoms: number;
  readonly maxDraws: number;
  /** Statistics the simulation measures, in its output order. */
  readonly simulated: readonly DriftMethodId[];
  /** The stored ladders: which simulated statistic each reads, and whether it is normed. */
  readonly outputs: readonly LadderOutput[];
}

const shapes = new Map<string, LadderShape>();
function shapeOf(
  kind: 'numeric' | 'categorical',
  o: Resolved,
  simulated: readonly DriftMethodId[],
  outputs: readonly LadderOutput[],
): LadderShape {
  const key = [kind, outputs.length, o.replicates, o.maxAtoms, o.maxDraws, ...o.sizes].join(',');
  let shape = shapes.get(key);
  if (shape === undefined) {
    shape = {
      kind,
      sizes: sharedArray(o.sizes),
      replicatesPerSize: sharedArray(o.sizes.map(() => o.replicates)),
      replicates: o.replicates,
      maxAtoms: o.maxAtoms,
      maxDraws: o.maxDraws,
      simulated,
      outputs,
    };
    if (shapes.size < 256) shapes.set(key, shape);
  }
  return shape;
}

/**
 * Proportion-only tables (binned and categorical statistics), keyed by their counts, reference
 * size and options: every feature and stream whose reference has equal counts holds the same
 * table, so its rungs are simulated and stored once. Bounded; the oldest keys go first (a
 * feature keeps the table it was given, so eviction only costs a later feature its sharing).
 */
const sharedTables = new Map<string, LadderTable>();
const SHARED_TABLES_CAPACITY = 4096;

/** What a {@link LadderTable} with a source reads (see `LadderTable.sourced`). */
interface Sourced {
  readonly reference: ArrayLike<number> | SampleSource;
  /** The std, when the source holds none or another. */
  readonly std: number | undefined;
  /** The table's ladder views, once made. */
  views: readonly NullLadder[] | undefined;
}

/**
 * The quantile rows of every ladder of one feature. A rung (one current size) is simulated on
 * first use, for all statistics at once, and kept; each draw count has its own seeded stream, so
 * a rung holds the same values whether it is derived alone, lazily, or with all the others.
 * A decision at size n reads only the two rungs around n, so most rungs are never simulated in
 * a running processor; a profile writer derives them all. The table keeps only references to
 * the feature's own data (its sample, or the category or bin counts) and rebuilds the per-atom
 * tables per rung: O(atoms) against the rung's O(replicates × (draws + atoms)).
 */
export class LadderTable {
  /**
   * The derived rungs' rows, in rung order, each `outputs.length × levels.length` quantiles
   * (row-major), in one exactly sized array; bit i of `derived` says rung i is in it.
   */
  private values: number[] | undefined;
  private derived = 0;
  constructor(
    /**
     * Shape and seeds: one object shared by every table made alike (the features of one name
     * across streams: see {@link numericTableParts}), instead of three fields each.
     */
    protected readonly spec: TableSpec,
    protected readonly nReference: number,
    /** Divisor of the normed outputs (the reference std). */
    std: number,
    /**
     * Ascending reference values (numeric: or their source, read when a rung is simulated) or
     * counts per category (categorical); `undefined`: the table is its own {@link SampleSource}
     * (a held reference feature that is its table: see build-reference.ts).
     */
    reference: ArrayLike<number> | SampleSource | undefined,
  ) {
    // A field holding a non-integer double holds a boxed number (16 B more per feature): a source
    // that holds the same std is read instead (undefined, not 0, keeps the field from taking V8's
    // double representation, under which every instance's field is boxed).
    this.sourced =
      reference === undefined
        ? undefined
        : {
            reference,
            std: 'sample' in reference && reference.std === std ? undefined : std,
            views: undefined,
          };
  }

  /**
   * What a table that is not its own source reads; `undefined` for one that is (a held reference
   * feature keeps one field for the three, each 8 B per feature).
   */
  private readonly sourced: Sourced | undefined;

  /** The shape of the table's ladders. */
  get shape(): LadderShape {
    return this.spec.shape;
  }

  /** Divisor of the normed outputs (the reference std). */
  private divisor(): number {
    return this.sourced?.std ?? (this.source() as SampleSource).std!;
  }

  /** What the reference values are read from. */
  private source(): ArrayLike<number> | SampleSource {
    return this.sourced?.reference ?? (this as unknown as SampleSource);
  }

  /**
   * One ladder per output: made once for a table with a source (a shared table hands every
   * feature the same views), on each call for one that is its own source.
   */
  ladders(): readonly NullLadder[] {
    const make = (): NullLadder[] => this.shape.outputs.map((_out, m) => new TableLadder(this, m));
    const sourced = this.sourced;
    if (sourced === undefined) return make();
    sourced.views ??= make();
    return sourced.views;
  }

  /** Quantiles of output ladder `m` at rung `i`. */
  rung(m: number, i: number): number[] {
    if ((this.derived & (1 << i)) === 0) this.derive(i);
    const L = LADDER_LEVELS.length;
    const at = (bitCount(this.derived & ((1 << i) - 1)) * this.shape.outputs.length + m) * L;
    return this.values!.slice(at, at + L);
  }

  /** Simulates rung i; rungs with the same (capped) draw count reuse the simulation. */
  private derive(i: number): void {
    const { sizes, maxDraws, outputs, simulated } = this.shape;
    const rows: (readonly number[] | undefined)[] = sizes.map((_s, k) =>
      (this.derived & (1 << k)) !== 0 ? this.row(k) : undefined,
    );
    const drawsOf = (k: number): number => drawsFor(this.nReference, sizes[k]!, maxDraws);
    const nSim = drawsOf(i);
    const limit = this.usesLimit(nSim);
    const sorted = limit ? this.limitSample() : this.simulate(nSim);
    // Limit replicates are √n- (or n-) scaled statistics: they stand for one draw.
    const drawsInSample = limit ? 1 : nSim;
    const L = LADDER_LEVELS.length;
    for (let k = 0; k < sizes.length; k++) {
      if (rows[k] !== undefined) continue;
      // Every limit rung reads the one limit sample; a simulated one, rungs of its draw count.
      if (k !== i && (limit ? !this.usesLimit(drawsOf(k)) : drawsOf(k) !== nSim)) continue;
      const nEff = effectiveSize(this.nReference, sizes[k]!);
      const row: number[] = [];
      const std = this.divisor();
      for (const { from, normed } of outputs) {
        const q = rescaledQuantiles(sorted[from]!, simulated[from]!, drawsInSample, nEff);
        for (let j = 0; j < L; j++) row.push(normed ? round(q[j]! / std) : q[j]!);
      }
      rows[k] = row;
      this.derived |= 1 << k;
    }
    // One exactly sized array of doubles (push would leave spare capacity).
    const width = outputs.length * LADDER_LEVELS.length;
    const values = new Array<number>(bitCount(this.derived) * width);
    let at = 0;
    for (const row of rows) {
      if (row === undefined) continue;
      for (let j = 0; j < width; j++) values[at++] = row[j]!;
    }
    this.values = values;
  }

  /** Whether the null at current size `size` is the large-sample limit (see limit-null.ts). */
  readsLimitAt(size: number): boolean {
    return this.usesLimit(drawsFor(this.nReference, size, this.shape.maxDraws));
  }

  /** Whether a rung of `draws` draws reads the large-sample limit (see limit-null.ts). */
  private usesLimit(draws: number): boolean {
    return this.shape.kind === 'numeric'
      ? draws >= LIMIT_MIN_DRAWS
      : proportionLimitApplies(this.referenceValues(), draws);
  }

  /** Sorted replicates of each simulated statistic at `nSim` draws, resampled. */
  private simulate(nSim: number): Float64Array[] {
    const { maxAtoms, replicates } = this.shape;
    const rng = createRng(seedForDraws(this.spec.seed, nSim));
    return this.shape.kind === 'numeric'
      ? simulateNumeric(this.referenceValues(), maxAtoms, rng, nSim, replicates)
      : simulateCategorical(this.referenceValues(), rng, nSim, replicates);
  }

  /** Sorted replicates of each simulated statistic's large-sample limit. */
  private limitSample(): Float64Array[] {
    const { maxAtoms, replicates } = this.shape;
    return this.shape.kind === 'numeric'
      ? limitNumeric(this.referenceValues(), maxAtoms, replicates, this.spec.limitSeed)
      : limitProportions(this.referenceValues(), replicates, this.spec.limitSeed);
  }

  /** The reference values or counts (read through their source, if any). */
  private referenceValues(): ArrayLike<number> {
    const r = this.source();
    return 'sample' in r ? r.sample : r;
  }

  /** Row of a derived rung (all outputs). */
  private row(k: number): number[] {
    const width = this.shape.outputs.length * LADDER_LEVELS.length;
    const at = bitCount(this.derived & ((1 << k) - 1)) * width;
    return this.values!.slice(at, at + width);
  }
}

/** Number of set bits of a 32-bit integer. */
function bitCount(x: number): number {
  let n = 0;
  for (let v = x >>> 0; v !== 0; v &= v - 1) n++;
  return n;
}

/** The draw count of a rung: n_eff capped at maxDraws. */
function drawsFor(nReference: number, size: number, maxDraws: number): number {
  return Math.max(1, Math.round(Math.min(effectiveSize(nReference, size), maxDraws)));
}

/** One statistic's ladder, a view of its feature's {@link LadderTable}. */
class TableLadder implements NullLadder {
  constructor(
    private readonly table: LadderTable,
    private readonly m: number,
  ) {}

  get method(): DriftMethodId {
    return this.table.shape.outputs[this.m]!.method;
  }

  get sizes(): readonly number[] {
    return this.table.shape.sizes;
  }

  get replicates(): readonly number[] {
    return this.table.shape.replicatesPerSize;
  }

  get levels(): readonly number[] {
    return LADDER_LEVELS;
  }

  rung(i: number): ArrayLike<number> {
    return this.table.rung(this.m, i);
  }

  readsLimitAt(nCurrent: number): boolean {
    return this.table.readsLimitAt(nCurrent);
  }

  toJSON(): NullLadderData {
    return ladderToData(this);
  }
}

/** A ladder whose quantiles are all given (read from a profile): one flat array. */
class StoredLadder implements NullLadder {
  constructor(
    readonly method: DriftMethodId,
    readonly sizes: readonly number[],
    readonly replicates: readonly number[],
    readonly levels: readonly number[],
    private readonly values: Float64Array,
  ) {}

  rung(i: number): ArrayLike<number> {
    const L = this.levels.length;
    return this.values.subarray(i * L, (i + 1) * L);
  }

  toJSON(): NullLadderData {
    return ladderToData(this);
  }
}

/** A ladder from its stored form (profile format v1: one row of quantiles per size). */
export function ladderFromData(data: NullLadderData): NullLadder {
  const L = data.levels.length;
  const values = new Float64Array(data.sizes.length * L);
  data.quantiles.forEach((row, i) => values.set(row, i * L));
  return new StoredLadder(
    data.method,
    sharedArray(data.sizes),
    sharedArray(data.replicates),
    sharedArray(data.levels),
    values,
  );
}

/** The stored form of a ladder (every rung derived): what a profile holds. */
export function ladderToData(ladder: NullLadder): NullLadderData {
  return {
    method: ladder.method,
    sizes: [...ladder.sizes],
    replicates: [...ladder.replicates],
    levels: [...ladder.levels],
    quantiles: ladder.sizes.map((_s, i) => Array.from(ladder.rung(i))),
  };
}

/**
 * Interned number arrays: every feature with the default sizes, levels and replicates shares one
 * copy of each (a reference holds many ladders of equal shape).
 */
const interned = new Map<string, readonly number[]>();
function sharedArray(values: readonly number[]): readonly number[] {
  const key = values.join(',');
  let hit = interned.get(key);
  if (hit === undefined) {
    hit = Object.freeze([...values]);
    if (interned.size < 256) interned.set(key, hit);
  }
  return hit;
}

/**
 * Null ladders of KS D, Wasserstein (raw and normed), PSI, JS and Hellinger. KS and Wasserstein
 * resample the reference's quantile function (per feature); the binned distances depend only on
 * the reference's bin shares and size, so they come from the shared categorical simulation over
 * the bins.
 */
export function numericNullLadders(
  input: NumericLadderInput,
  options: NullLadderOptions = {},
): NullLadder[] {
  return numericLadderSource(input, options)?.ladders() ?? [];
}

/**
 * What a numeric feature's ladders read: its own table and the shared binned one. Its ladders
 * are views made on each call (three small objects), so a reference held for long keeps the
 * tables alone (the derived rungs live in them), not one view and one array per statistic.
 */
export interface NumericLadderSource {
  /** The ladders, in {@link numericNullLadders}' order: fresh views of the same tables. */
  ladders(): NullLadder[];
}

/**
 * A numeric feature's own table that is also its ladder source: it holds the shared binned table
 * beside its rungs (one object per feature less than a separate source holding both). A held
 * reference feature may extend it, being its own sample source (`reference` undefined): one
 * object per feature less again.
 */
export class NumericTable extends LadderTable implements NumericLadderSource {
  constructor(
    parts: NumericTableParts,
    nReference: number,
    std: number,
    reference: ArrayLike<number> | SampleSource | undefined,
  ) {
    super(parts, nReference, std, reference);
  }

  override ladders(): NullLadder[] {
    const outputs = this.shape.outputs.length;
    const binned = (this.spec as NumericTableParts).binned.ladders();
    const ladders = new Array<NullLadder>(outputs + binned.length);
    for (let m = 0; m < outputs; m++) ladders[m] = new TableLadder(this, m);
    for (let k = 0; k < binned.length; k++) ladders[outputs + k] = binned[k]!;
    return ladders;
  }
}

/** The source of {@link numericNullLadders}; undefined for an empty sample (no ladders). */
export function numericLadderSource(
  input: NumericLadderInput,
  options: NullLadderOptions = {},
): NumericLadderSource | undefined {
  if (input.sorted.length === 0) return undefined;
  return new NumericTable(
    numericTableParts(input, options),
    input.count,
    input.std,
    input.source ?? input.sorted,
  );
}

/** The shape and seeds of a {@link LadderTable}. */
export interface TableSpec {
  readonly shape: LadderShape;
  /**
   * The seed as a signed 32-bit integer: a field holding a number past 2³¹ − 1 holds a boxed
   * double, and {@link seedForDraws} reads only its 32 bits.
   */
  readonly seed: number;
  /** Seed of the shared normals behind the limit rungs (one table for every feature). */
  readonly limitSeed: number;
}

/** What a {@link NumericTable} is made of besides its reference: shape, seeds, binned table. */
export interface NumericTableParts extends TableSpec {
  readonly binned: LadderTable;
}

/**
 * The parts made so far, by binned table, shape and seeds: every stream's feature of one name
 * whose reference bins alike holds the same parts (weak by binned table, which the shared-table
 * cache bounds).
 */
const partsMade = new WeakMap<LadderTable, Map<LadderShape, Map<string, NumericTableParts>>>();

/** The one {@link NumericTableParts} object of these parts. */
function partsOf(
  shape: LadderShape,
  seed: number,
  limitSeed: number,
  binned: LadderTable,
): NumericTableParts {
  let byShape = partsMade.get(binned);
  if (byShape === undefined) {
    byShape = new Map();
    partsMade.set(binned, byShape);
  }
  let bySeeds = byShape.get(shape);
  if (bySeeds === undefined) {
    bySeeds = new Map();
    byShape.set(shape, bySeeds);
  }
  const key = `${seed}|${limitSeed}`;
  let parts = bySeeds.get(key);
  if (parts === undefined) {
    parts = { shape, seed: seed | 0, limitSeed, binned };
    bySeeds.set(key, parts);
  }
  return parts;
}

/** The parts of the {@link NumericTable} of a (non-empty) numeric reference. */
export function numericTableParts(
  input: NumericLadderInput,
  options: NullLadderOptions = {},
): NumericTableParts {
  const o = resolve(options);
  const outputs = input.std > 0 ? NUMERIC_OUTPUTS_NORMED : NUMERIC_OUTPUTS;
  const binCounts = atomBinCounts(input.sorted, input.binEdges, o.maxAtoms);
  const binShape = shapeOf('categorical', o, CATEGORICAL_SIMULATED, BINNED_OUTPUTS);
  return partsOf(
    shapeOf('numeric', o, NUMERIC_SIMULATED, outputs),
    o.seed,
    o.sharedSeed,
    sharedTable(binShape, o, input.count, binCounts),
  );
}

/**
 * The atoms {@link simulateNumeric} draws from (at most `maxAtoms` equally spaced order
 * statistics), counted per reference bin: the bin shares the binned distances are null for.
 */
function atomBinCounts(
  sorted: ArrayLike<number>,
  binEdges: ArrayLike<number>,
  maxAtoms: number,
): Int32Array {
  const L = sorted.length;
  const M = Math.min(L, maxAtoms);
  const counts = new Int32Array(binEdges.length + 1);
  // The atoms ascend, so their bins do: one sweep (bin i holds values in (e_{i−1}, e_i]).
  let bin = 0;
  for (let j = 0; j < M; j++) {
    const v = sorted[Math.min(L - 1, Math.floor(((j + 0.5) * L) / M))]!;
    while (bin < binEdges.length && binEdges[bin]! < v) bin++;
    counts[bin]! += 1;
  }
  return counts;
}

/** The proportion-only table of these counts and size, shared with every equal one. */
function sharedTable(
  shape: LadderShape,
  o: Resolved,
  nReference: number,
  counts: ArrayLike<number>,
): LadderTable {
  const key = [
    shape.kind,
    shape.outputs.length,
    shape.sizes.join(','),
    o.replicates,
    o.maxDraws,
    o.sharedSeed,
    nReference,
    Array.prototype.join.call(counts, ','),
  ].join('|');
  let table = sharedTables.get(key);
  if (table === undefined) {
    const shares = Int32Array.from(counts);
    const spec = { shape, seed: o.sharedSeed | 0, limitSeed: o.sharedSeed };
    table = new LadderTable(spec, nReference, 1, shares);
    if (sharedTables.size >= SHARED_TABLES_CAPACITY) {
      sharedTables.delete(sharedTables.keys().next().value!);
    }
    sharedTables.set(key, table);
  }
  return table;
}

/** Sorted replicate values of KS D and Wasserstein at `nSim` draws per replicate. */
function simulateNumeric(
  sortedReference: ArrayLike<number>,
  maxAtoms: number,
  rng: Rng,
  nSim: number,
  R: number,
): Float64Array[] {
  const L = sortedReference.length;
  const M = Math.min(L, maxAtoms);
  // Distinct atom values and their cumulative population probability.
  const values: number[] = [];
  const weights: number[] = [];
  const atomGroup = new Int32Array(M);
  for (let j = 0; j < M; j++) {
    const v = sortedReference[Math.min(L - 1, Math.floor(((j + 0.5) * L) / M))]!;
    if (values.length === 0 || values[values.length - 1] !== v) {
      values.push(v);
      weights.push(0);
    }
    weights[weights.length - 1]! += 1;
    atomGroup[j] = values.length - 1;
  }
  const K = values.length;
  const cumP = new Float64Array(K);
  const gap = new Float64Array(K);
  let acc = 0;
  for (let k = 0; k < K; k++) {
    acc += weights[k]!;
    cumP[k] = acc / M;
    gap[k] = k + 1 < K ? values[k + 1]! - values[k]! : 0;
  }

  const counts = new Int32Array(K);
  const buffer = new Uint32Array(nSim);
  const out = [new Float64Array(R), new Float64Array(R)];
  for (let r = 0; r < R; r++) {
    drawAtoms(rng, M, nSim, atomGroup, counts, buffer);
    let cum = 0;
    let d = 0;
    let w = 0;
    for (let k = 0; k < K; k++) {
      cum += counts[k]!;
      const diff = Math.abs(cum / nSim - cumP[k]!);
      if (diff > d) d = diff;
      w += diff * gap[k]!;
      counts[k] = 0;
    }
    out[0]![r] = d;
    out[1]![r] = w;
  }
  for (const s of out) s.sort();
  return out;
}

/** Null ladders of PSI, JS, Hellinger and L∞ over categories (L∞ is chi2's effect). */
export function categoricalNullLadders(
  input: CategoricalLadderInput,
  options: NullLadderOptions = {},
): NullLadder[] {
  const o = resolve(options);
  const K = input.counts.length;
  let total = 0;
  for (let k = 0; k < K; k++) total += input.counts[k]!;
  if (K === 0 || total === 0) return [];
  const shape = shapeOf('categorical', o, CATEGORICAL_SIMULATED, CATEGORICAL_OUTPUTS);
  const table = sharedTable(shape, o, total, input.counts);
  return [...table.ladders()];
}

/** Sorted replicate values of each categorical statistic at `nSim` draws per replicate. */
function simulateCategorical(
  categoryCounts: ArrayLike<number>,
  rng: Rng,
  nSim: number,
  R: number,
): Float64Array[] {
  const K = categoryCounts.length;
  let total = 0;
  for (let k = 0; k < K; k++) total += categoryCounts[k]!;
  const p = new Float64Array(K);
  const cum = new Float64Array(K);
  let acc = 0;
  for (let k = 0; k < K; k++) {
    p[k] = categoryCounts[k]! / total;
    acc += p[k]!;
    cum[k] = acc;
  }
  cum[K - 1] = 1;
  const counts = new Float64Array(K);
  const buffer = new Uint32Array(nSim);
  // Guide table: guide[g] is the first category whose cumulative share exceeds g/GUIDE, so a
  // draw starts its search there (O(1) expected, instead of a binary search per draw).
  const guide = new Int32Array(GUIDE);
  for (let g = 0, k = 0; g < GUIDE; g++) {
    while (k < K - 1 && cum[k]! <= g / GUIDE) k++;
    guide[g] = k;
  }
  const scratch: ProportionDistanceScratch = {
    psi: 0,
    jensenShannon: 0,
    hellinger: 0,
    lInfinity: 0,
  };
  const out = Array.from({ length: 4 }, () => new Float64Array(R));
  for (let r = 0; r < R; r++) {
    counts.fill(0);
    rng.fillUint32(buffer, nSim);
    for (let i = 0; i < nSim; i++) {
      const u = buffer[i]! / 4294967296;
      let k = guide[(u * GUIDE) | 0]!;
      while (cum[k]! <= u && k < K - 1) k++;
      counts[k]! += 1;
    }
    proportionDistances(p, counts, nSim, scratch);
    out[0]![r] = scratch.psi;
    out[1]![r] = scratch.jensenShannon;
    out[2]![r] = scratch.hellinger;
    out[3]![r] = scratch.lInfinity;
  }
  for (const s of out) s.sort();
  return out;
}

const GUIDE = 1024;

function drawAtoms(
  rng: Rng,
  atoms: number,
  n: number,
  atomGroup: Int32Array,
  counts: Int32Array,
  buffer: Uint32Array,
): void {
  rng.fillUint32(buffer, n);
  const scale = atoms / 4294967296;
  for (let i = 0; i < n; i++) counts[atomGroup[(buffer[i]! * scale) | 0]!]! += 1;
}

/** Sorted-sample quantiles (linear interpolation), rescaled from n_sim draws to n_eff. */
function rescaledQuantiles(
  sorted: Float64Array,
  method: DriftMethodId,
  nSim: number,
  nEff: number,
): number[] {
  const scale = nSim < nEff ? Math.pow(nSim / nEff, 1 / getDriftMethod(method).tailPower) : 1;
  return LADDER_LEVELS.map((level) => round(ladderQuantile(sorted, level) * scale));
}

/**
 * Quantile `level` of a sorted sample, interpolating at level·(n − 1). Not stats'
 * `quantileSorted`: that one reproduces NumPy's arithmetic (index n·q + 1 − q − 1, two-sided
 * lerp), which differs in the last bits, and KS replicate values are ratios whose interpolated
 * quantiles can fall exactly on a 6-digit rounding tie, so switching moves stored ladder values
 * (measured: about one random reference in 400, e.g. a KS rung quantile 0.145387 → 0.145388).
 */
function ladderQuantile(sorted: Float64Array, level: number): number {
  const pos = level * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Keeps profiles compact and stable across platforms: 6 significant digits. */
function round(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(6));
}
