/**
 * Drift of one feature (or output distribution) between the reference and the current window:
 * the registry's default decision plus PSI always (issue 5), both through `decideDrift`, so the
 * processor decides like the batch CLI.
 */
import {
  ML_DRIFT_METHOD_VALUE_PSI,
  ML_DRIFT_STATE_VALUE_INSUFFICIENT_DATA,
} from '@mlmon/conventions';
import { binIndex } from '../stats/index.js';
import { buildCategoricalReference, buildNumericReference } from './drift/build-reference.js';
import type { BuildReferenceOptions } from './drift/build-reference.js';
import { sortedBinCounts } from './drift/summarize.js';
import { decideDrift, testedKind } from './drift/decide.js';
import { selectDriftMethod, type DriftMethodRule } from './drift/select-method.js';
import type {
  CurrentSummary,
  DriftDecision,
  DriftMethodId,
  ReferenceFeature,
} from './drift/types.js';
import type { CategoryCounts, NumericValues } from './labeled-summaries.js';
import type { DriftKind, DriftResult } from './window-result.js';

/** Most values a sketch-backed reference is expanded to (weights → repeated points). */
const MAX_EXPANDED_REFERENCE = 20_000;

/**
 * Expands weighted points to plain values (bounded), for the reference builders. Records weighted
 * by 1/`ml.sampling.probability` expand to their effective size (Kish), not to Σw: the
 * reference then has the weighted distribution and the size its sampling error really has, so
 * its null ladders and size gates judge it as n_eff records.
 */
export function expandValues(values: NumericValues): Float64Array {
  if (values.weights === undefined) return values.sorted;
  let total = 0;
  for (const w of values.weights) total += w;
  const target = Math.min(MAX_EXPANDED_REFERENCE, values.effectiveCount ?? total);
  const scale = total > target ? target / total : 1;
  const out: number[] = [];
  let carry = 0;
  for (let i = 0; i < values.sorted.length; i++) {
    carry += values.weights[i]! * scale;
    while (carry >= 1) {
      out.push(values.sorted[i]!);
      carry -= 1;
    }
  }
  return Float64Array.from(out);
}

/** A numeric reference feature from a reference window's values. */
export function numericReferenceFromValues(
  name: string,
  values: NumericValues,
  missing: number,
  options: BuildReferenceOptions,
): ReferenceFeature {
  const expanded = expandValues(values);
  const withMissing = new Float64Array(expanded.length + missing);
  withMissing.set(expanded);
  withMissing.fill(NaN, expanded.length);
  // Already ascending without NaN (sketch points are): the builder keeps `expanded` itself as the
  // sample instead of a sorted copy, so the cache shares the stored window's buffer.
  const sorted = options.sorted ?? (isAscendingPresent(expanded) ? expanded : undefined);
  // Held per stream while the reference is current: bins derived from the sample on read.
  return buildNumericReference(name, withMissing, {
    ...options,
    ...(sorted !== undefined ? { sorted } : {}),
    deriveBins: true,
  });
}

/** True when `xs` is in ascending order and holds no NaN (what the reference builder sorts to). */
function isAscendingPresent(xs: Float64Array): boolean {
  for (let i = 0; i < xs.length; i++) {
    if (Number.isNaN(xs[i]!) || (i > 0 && xs[i - 1]! > xs[i]!)) return false;
  }
  return true;
}

/** A categorical reference feature from a reference window's counts. */
export function categoricalReferenceFromCounts(
  name: string,
  counts: CategoryCounts,
  missing: number,
  options: BuildReferenceOptions,
): ReferenceFeature {
  if (counts.effectiveCount === undefined) {
    return buildCategoricalReference(name, counts.counts, missing, options);
  }
  // Whole counts at the effective size: the null ladders draw from integer category shares.
  const sized = new Map<string, number>();
  for (const [k, n] of atEffectiveSize(counts.counts, counts.effectiveCount)) {
    sized.set(k, Math.max(1, Math.round(n)));
  }
  return buildCategoricalReference(name, sized, missing, options);
}

/** The current-sample summary of numeric values against a reference. */
export function numericCurrent(
  values: NumericValues,
  missing: number,
  reference: ReferenceFeature,
): CurrentSummary {
  if (reference.kind === 'categorical') {
    // A numeric column against a categorical reference: compare the stringified values.
    const counts = atEffectiveSize(valueCounts(values), values.effectiveCount);
    return { kind: 'categorical', count: currentSize(values), missing, counts };
  }
  // Exact counts when the accumulator counted into the reference's own bins (shared: a decision
  // only reads them); otherwise the (exact or sketched) values are binned here.
  let bins: ArrayLike<number>;
  // Read once: a held reference derives its edges on each read (build-reference.ts).
  const edges = reference.binEdges;
  if (values.binEdges && values.binCounts && sameEdges(values.binEdges, edges)) {
    bins = values.binCounts;
  } else if (values.weights === undefined) {
    // Ascending values: one search per edge, not one per value.
    bins = sortedBinCounts(edges, values.sorted);
  } else {
    const counted = new Array<number>(edges.length + 1).fill(0);
    for (let i = 0; i < values.sorted.length; i++) {
      counted[binIndex(edges, values.sorted[i]!)]! += values.weights[i]!;
    }
    bins = counted;
  }
  // One fixed shape, absent parts undefined (see `readNumeric`).
  return {
    kind: 'numeric',
    count: currentSize(values),
    missing,
    sorted: values.sorted,
    weights: values.weights,
    exact: values.exact,
    binCounts: bins,
    valueCounts:
      reference.lowCardinality !== undefined
        ? atEffectiveSize(valueCounts(values), values.effectiveCount)
        : undefined,
  };
}

function sameEdges(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function valueCounts(values: NumericValues): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < values.sorted.length; i++) {
    const key = String(values.sorted[i]);
    counts.set(key, (counts.get(key) ?? 0) + (values.weights?.[i] ?? 1));
  }
  return counts;
}

/** The current-sample summary of categories. */
export function categoricalCurrent(counts: CategoryCounts, missing: number): CurrentSummary {
  if (counts.effectiveCount !== undefined) {
    const scaled = atEffectiveSize(counts.counts, counts.effectiveCount);
    return { kind: 'categorical', count: counts.effectiveCount, missing, counts: scaled };
  }
  let count = 0;
  for (const n of counts.counts.values()) count += n;
  return { kind: 'categorical', count: count + counts.overflow, missing, counts: counts.counts };
}

/** The size a decision reads for a numeric sample: its effective size when weighted. */
function currentSize(values: NumericValues): number {
  return values.effectiveCount ?? values.count;
}

/**
 * Weighted counts (Σw per category) rescaled to total `effectiveCount`: the same proportions
 * (PSI, JS, Hellinger, L∞ are unchanged) at the size their sampling error has, so chi² and the
 * null ladders judge n_eff records, not Σw. Unweighted counts (`effectiveCount` absent) as given.
 */
export function atEffectiveSize(
  counts: ReadonlyMap<string, number>,
  effectiveCount: number | undefined,
): ReadonlyMap<string, number> {
  if (effectiveCount === undefined) return counts;
  let total = 0;
  for (const n of counts.values()) total += n;
  if (!(total > 0)) return counts;
  const scale = effectiveCount / total;
  const out = new Map<string, number>();
  for (const [k, n] of counts) out.set(k, n * scale);
  return out;
}

/** Options of {@link decideFeatureDrift}. */
export interface FeatureDriftOptions {
  /** Per-feature false-alarm rate of size-aware thresholds (see `DriftOptions.alpha`). */
  readonly alpha?: number;
  /** Ordered method rules (first match wins, as `mlmon drift --rule`); the default otherwise. */
  readonly rules?: readonly DriftMethodRule[];
}

/**
 * The default decision and, unless the default already is PSI, a PSI decision. Configuration
 * errors of a method (it does not apply) come back as `insufficient_data` with the reason, so
 * one odd feature never stops the evaluation of the others.
 */
export function decideFeatureDrift(
  kind: DriftKind,
  reference: ReferenceFeature,
  current: CurrentSummary,
  options: FeatureDriftOptions = {},
): DriftResult[] {
  const alpha = options.alpha;
  const base = alpha !== undefined ? { alpha } : NO_OPTIONS;
  const primary = safeDecide(kind, reference, current, base, true, options);
  const out = [primary];
  if (primary.method !== ML_DRIFT_METHOD_VALUE_PSI) {
    const psiOptions = alpha !== undefined ? { alpha, method: PSI } : PSI_ONLY;
    out.push(safeDecide(kind, reference, current, psiOptions, false));
  }
  return out;
}

// Shared, never written: the options of most decisions, made once rather than per decision.
const NO_OPTIONS: { alpha?: number; method?: DriftMethodId } = {};
const PSI = ML_DRIFT_METHOD_VALUE_PSI;
const PSI_ONLY: { alpha?: number; method?: DriftMethodId } = { method: PSI };

/**
 * The method and nominal threshold a rule picks for this feature, exactly as `mlmon drift`
 * picks them; nothing (the default inside `decideDrift`) without rules.
 */
function chosen(
  reference: ReferenceFeature,
  options: FeatureDriftOptions,
): { method?: DriftMethodId; threshold?: number } {
  if (options.rules === undefined || options.rules.length === 0) return {};
  const choice = selectDriftMethod(
    { name: reference.name, testedAs: testedKind(reference), nReference: reference.count },
    options.rules,
  );
  return { method: choice.spec.id, threshold: choice.threshold };
}

function safeDecide(
  kind: DriftKind,
  reference: ReferenceFeature,
  current: CurrentSummary,
  options: { alpha?: number; method?: DriftMethodId },
  primary: boolean,
  withRules: FeatureDriftOptions = {},
): DriftResult {
  try {
    const decideOptions =
      withRules.rules === undefined || withRules.rules.length === 0
        ? options
        : { ...options, ...chosen(reference, withRules) };
    return toDriftResult(kind, decideDrift(reference, current, decideOptions), primary);
  } catch (error) {
    return {
      kind,
      feature: reference.name,
      method: options.method ?? ML_DRIFT_METHOD_VALUE_PSI,
      primary,
      state: ML_DRIFT_STATE_VALUE_INSUFFICIENT_DATA,
      nReference: reference.count,
      nCurrent: current.count,
      reason: (error as Error).message,
    };
  }
}

/**
 * Maps a decision to the exported form: p-value tests report their statistic as the score.
 * Optional fields are set one by one in their fixed order (conditional spreads built a fresh
 * object per optional part, tens of thousands per window close).
 */
export function toDriftResult(kind: DriftKind, d: DriftDecision, primary: boolean): DriftResult {
  const isTest = d.scoreKind === 'p_value';
  const score = isTest ? (d.effect?.method === d.method ? d.effect.value : undefined) : d.score;
  // The required counts are set below, after the fields that precede them in the exported order.
  const out = {
    kind,
    feature: d.feature,
    method: d.method,
    primary,
    state: d.state,
  } as Mutable<DriftResult>;
  if (score !== undefined && score !== null) out.score = score;
  if (isTest && d.score !== null) out.pValue = d.score;
  out.threshold = d.threshold;
  if (d.effectiveThreshold !== null) out.effectiveThreshold = d.effectiveThreshold;
  out.nReference = d.nReference;
  out.nCurrent = d.nCurrent;
  if (d.reason !== undefined) out.reason = d.reason;
  return out;
}

/** `T` with its read-only fields writable, for building a result field by field. */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
