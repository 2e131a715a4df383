/**
 * The score of one drift method for a reference feature and a current summary, computed with the
 * golden-tested functions of `stats/` (exact on exact inputs; from counts, which are exact in
 * streaming; or from sketch points via weighted ECDFs).
 */
import {
  ML_DRIFT_METHOD_VALUE_CHI2,
  ML_DRIFT_METHOD_VALUE_HELLINGER,
  ML_DRIFT_METHOD_VALUE_JENSEN_SHANNON,
  ML_DRIFT_METHOD_VALUE_KS,
  ML_DRIFT_METHOD_VALUE_L_INFINITY,
  ML_DRIFT_METHOD_VALUE_NEW_CATEGORY_RATIO,
  ML_DRIFT_METHOD_VALUE_PSI,
  ML_DRIFT_METHOD_VALUE_WASSERSTEIN,
  ML_DRIFT_METHOD_VALUE_WASSERSTEIN_NORMED,
} from '@mlmon/conventions';
import { alignCategoryCounts, lInfinity, newCategoryRatio } from '../../stats/categorical.js';
import { chiSquareHomogeneity } from '../../stats/chi-square.js';
import { hellinger } from '../../stats/hellinger.js';
import { jensenShannon } from '../../stats/jensen-shannon.js';
import { ksPValue } from '../../stats/ks.js';
import { absent, present, type Maybe } from '../../stats/maybe.js';
import { psi } from '../../stats/psi.js';
import { binCounts, proportions, proportionsInto } from '../../stats/quantile-bins.js';
import { sortedDistances } from './sorted-distances.js';
import { weightedKsAndWasserstein } from './weighted-ecdf.js';
import type {
  CategoricalCurrentSummary,
  CategoryFrequencies,
  CurrentSummary,
  DriftMethodId,
  NumericCurrentSummary,
  NumericReferenceFeature,
  ReferenceFeature,
} from './types.js';

/** A method's score plus, for p-value tests, the statistic behind it. */
export interface MethodScore {
  readonly score: number;
  /** KS D for `ks`, the chi-square statistic for `chi2`. */
  readonly statistic?: number;
  /** Degrees of freedom for `chi2`. */
  readonly dof?: number;
  /** Whether the score came from exact values. */
  readonly exact: boolean;
}

/** Aligned category proportions of a reference and a current sample. */
export interface AlignedProportions {
  readonly categories: string[];
  readonly referenceCounts: Float64Array;
  readonly currentCounts: Float64Array;
  readonly p: Float64Array;
  readonly q: Float64Array;
}

/** Aligns reference frequencies with current counts on the sorted union of categories. */
export function alignProportions(
  reference: CategoryFrequencies,
  current: ReadonlyMap<string, number>,
): AlignedProportions {
  const ref = new Map<string, number>();
  reference.categories.forEach((c, i) => ref.set(c, reference.counts[i]!));
  const aligned = alignCategoryCounts(ref, current);
  return {
    categories: aligned.categories,
    referenceCounts: aligned.reference,
    currentCounts: aligned.current,
    p: proportions(aligned.reference),
    q: proportions(aligned.current),
  };
}

/** Computes `method` for a feature tested as categorical (a categorical or low-cardinality one). */
export function categoricalScore(
  method: DriftMethodId,
  reference: CategoryFrequencies,
  current: ReadonlyMap<string, number>,
): Maybe<MethodScore> {
  const a = alignProportions(reference, current);
  const wrap = (m: Maybe): Maybe<MethodScore> =>
    m.ok ? present({ score: m.value, exact: true }) : m;
  switch (method) {
    case ML_DRIFT_METHOD_VALUE_CHI2: {
      const r = chiSquareHomogeneity(a.referenceCounts, a.currentCounts);
      return r.ok
        ? present({
            score: r.value.pValue,
            statistic: r.value.statistic,
            dof: r.value.dof,
            exact: true,
          })
        : r;
    }
    case ML_DRIFT_METHOD_VALUE_PSI:
      return wrap(psi(a.p, a.q));
    case ML_DRIFT_METHOD_VALUE_JENSEN_SHANNON:
      return wrap(jensenShannon(a.p, a.q));
    case ML_DRIFT_METHOD_VALUE_HELLINGER:
      return wrap(hellinger(a.p, a.q));
    case ML_DRIFT_METHOD_VALUE_L_INFINITY:
      return wrap(lInfinity(a.p, a.q));
    case ML_DRIFT_METHOD_VALUE_NEW_CATEGORY_RATIO:
      return wrap(newCategoryRatio(a.referenceCounts, a.currentCounts));
    default:
      return absent(`method '${method}' does not apply to categorical features`);
  }
}

/**
 * Counts of the current sample in the reference bins: given (shared, not copied: callers only
 * read them), or counted from its values.
 */
export function currentBinCounts(
  feature: NumericReferenceFeature,
  current: NumericCurrentSummary,
): ArrayLike<number> | undefined {
  if (current.binCounts !== undefined) return current.binCounts;
  if (current.sorted === undefined) return undefined;
  if (current.weights === undefined) return binCounts(feature.binEdges, current.sorted);
  return undefined;
}

/** Computes `method` for a numeric feature tested as numeric. */
export function numericScore(
  method: DriftMethodId,
  feature: NumericReferenceFeature,
  current: NumericCurrentSummary,
): Maybe<MethodScore> {
  switch (method) {
    case ML_DRIFT_METHOD_VALUE_KS:
    case ML_DRIFT_METHOD_VALUE_WASSERSTEIN:
    case ML_DRIFT_METHOD_VALUE_WASSERSTEIN_NORMED: {
      if (current.sorted === undefined || current.sorted.length === 0) {
        return absent(`${method} needs the current values or a sketch of them`);
      }
      if (feature.sample.length === 0) return absent(`${method} needs reference values`);
      const exact = current.exact && current.weights === undefined && feature.sampleExact;
      let d: number;
      let w: number;
      if (current.weights === undefined) {
        const both = sortedDistances(feature.sample, current.sorted);
        d = both.ks;
        w = both.wasserstein ?? 0;
      } else {
        ({ ks: d, wasserstein: w } = weightedKsAndWasserstein(
          feature.sample,
          current.sorted,
          current.weights,
        ));
      }
      if (method === ML_DRIFT_METHOD_VALUE_KS) {
        // The exact path rounds D to the lattice of (n_R, n_C): only meaningful for exact D.
        const r = ksPValue(d, feature.count, current.count, exact ? 'auto' : 'asymp');
        return present({ score: r.pValue, statistic: d, exact });
      }
      if (method === ML_DRIFT_METHOD_VALUE_WASSERSTEIN) return present({ score: w, exact });
      if (!(feature.std > 0)) {
        return absent('wasserstein_normed is undefined: the reference has standard deviation 0');
      }
      return present({ score: w / feature.std, exact });
    }
    case ML_DRIFT_METHOD_VALUE_PSI:
    case ML_DRIFT_METHOD_VALUE_JENSEN_SHANNON:
    case ML_DRIFT_METHOD_VALUE_HELLINGER: {
      const counts = currentBinCounts(feature, current);
      if (counts === undefined) return absent(`${method} needs current counts per reference bin`);
      const q = proportionsScratch(counts);
      const p = feature.binProportions;
      const m =
        method === ML_DRIFT_METHOD_VALUE_PSI
          ? psi(p, q)
          : method === ML_DRIFT_METHOD_VALUE_JENSEN_SHANNON
            ? jensenShannon(p, q)
            : hellinger(p, q);
      return m.ok ? present({ score: m.value, exact: true }) : m;
    }
    default:
      return absent(`method '${method}' does not apply to numeric features`);
  }
}

/**
 * The proportions of `counts` in a buffer reused from call to call: a binned score reads them
 * once and keeps nothing, and one small array per decision was garbage in every window close.
 */
function proportionsScratch(counts: ArrayLike<number>): Float64Array {
  if (scratch.length !== counts.length) scratch = new Float64Array(counts.length);
  return proportionsInto(counts, scratch);
}
let scratch = new Float64Array(0);

/** Counts per value of a numeric current sample (keys `String(value)`). */
export function numericValueCounts(
  current: NumericCurrentSummary,
): Map<string, number> | undefined {
  if (current.valueCounts !== undefined) return new Map(current.valueCounts);
  if (current.sorted === undefined || current.weights !== undefined) return undefined;
  const counts = new Map<string, number>();
  for (let i = 0; i < current.sorted.length; i++) {
    const key = String(current.sorted[i]);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Scores `method` for any feature, dispatching on how the feature is tested. */
export function methodScore(
  method: DriftMethodId,
  feature: ReferenceFeature,
  current: CurrentSummary,
): Maybe<MethodScore> {
  if (feature.kind === 'categorical') {
    if (current.kind !== 'categorical')
      return absent('a categorical feature needs category counts');
    return categoricalScore(method, feature, current.counts);
  }
  if (current.kind !== 'numeric') return absent('a numeric feature needs a numeric summary');
  if (feature.lowCardinality !== undefined) {
    const counts = numericValueCounts(current);
    if (counts === undefined) return absent('a low-cardinality feature needs counts per value');
    return categoricalScore(method, feature.lowCardinality, counts);
  }
  return numericScore(method, feature, current);
}

/** Type guard used by callers that build summaries. */
export function isCategoricalSummary(s: CurrentSummary): s is CategoricalCurrentSummary {
  return s.kind === 'categorical';
}
