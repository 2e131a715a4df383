import {
  alignCategoryCounts,
  countCategories,
  lInfinity,
  newCategoryRatio,
} from './categorical.js';
import { chiSquareHomogeneity, type ChiSquareResult } from './chi-square.js';
import { hellinger } from './hellinger.js';
import { jensenShannon } from './jensen-shannon.js';
import { absent, type Maybe } from './maybe.js';
import { psi } from './psi.js';
import { proportions } from './quantile-bins.js';

/** Every categorical drift statistic of METRICS.md for one feature. */
export interface CategoricalDrift {
  /** Sorted union of the categories of R and C. */
  categories: string[];
  referenceCounts: Float64Array;
  currentCounts: Float64Array;
  chiSquare: Maybe<ChiSquareResult>;
  psi: Maybe;
  jensenShannon: Maybe;
  hellinger: Maybe;
  lInfinity: Maybe;
  newCategoryRatio: Maybe;
}

/** Categorical drift from raw category values. */
export function categoricalDrift(
  reference: Iterable<string>,
  current: Iterable<string>,
): CategoricalDrift {
  return categoricalDriftFromCounts(countCategories(reference), countCategories(current));
}

/** Categorical drift from category counts (the streaming accumulators' snapshot form). */
export function categoricalDriftFromCounts(
  reference: ReadonlyMap<string, number>,
  current: ReadonlyMap<string, number>,
): CategoricalDrift {
  const aligned = alignCategoryCounts(reference, current);
  const p = proportions(aligned.reference);
  const q = proportions(aligned.current);
  let nR = 0;
  let nC = 0;
  for (const v of aligned.reference) nR += v;
  for (const v of aligned.current) nC += v;
  const empty = nR === 0 || nC === 0;
  const missing = absent('categorical statistics need non-empty reference and current samples');
  return {
    categories: aligned.categories,
    referenceCounts: aligned.reference,
    currentCounts: aligned.current,
    chiSquare: chiSquareHomogeneity(aligned.reference, aligned.current),
    psi: empty ? missing : psi(p, q),
    jensenShannon: empty ? missing : jensenShannon(p, q),
    hellinger: empty ? missing : hellinger(p, q),
    lInfinity: empty ? missing : lInfinity(p, q),
    newCategoryRatio: newCategoryRatio(aligned.reference, aligned.current),
  };
}
