import {
  absent,
  hellinger,
  jensenShannon,
  ksPValue,
  ksStatisticWeighted,
  present,
  psi,
  wassersteinWeighted,
  type Maybe,
  type WeightedSorted,
} from '../../stats/index.js';
import type { NumericFeatureSnapshot } from './numeric-feature.js';

/** What the streaming comparison needs from the reference (a baseline profile or a snapshot). */
export interface NumericReferenceSummary {
  /** Reference proportions per bin (same edges as the current accumulator). */
  proportions: ArrayLike<number>;
  /** Population std of the reference (ddof = 0). */
  std: Maybe;
  /** Reference ECDF: an exact sorted sample with unit weights, or a sketch's items. */
  ecdf: WeightedSorted;
  /** sup_x |F̂_R − F_R|; 0 for an exact sample. */
  ecdfError: number;
  /** ∫ |F̂_R − F_R| dx; 0 for an exact sample. */
  ecdfL1Error: number;
  min: number;
  max: number;
}

/** An estimate with a guaranteed bound: |value − exact| <= bound. */
export interface BoundedEstimate {
  value: number;
  bound: number;
  /** True when bound is 0 (both sides exact). */
  exact: boolean;
}

/** Streaming numeric drift: binned statistics exact, KS/Wasserstein bounded estimates. */
export interface NumericDriftEstimate {
  ksStatistic: Maybe<BoundedEstimate>;
  /** Only when both ECDFs are exact (p-values from a lossy sketch are never reported). */
  ksPValue: Maybe;
  wasserstein: Maybe<BoundedEstimate>;
  wassersteinNormed: Maybe<BoundedEstimate>;
  psi: Maybe;
  jensenShannon: Maybe;
  hellinger: Maybe;
}

/**
 * Compares the current snapshot with the reference.
 * - PSI / JS / Hellinger: exact (same function on exact bin counts).
 * - KS D: |D̂ − D| <= ε_R + ε_C (each ECDF is off by at most its ε everywhere).
 * - Wasserstein: |Ŵ − W| <= ∫|F̂_R − F_R| + ∫|F̂_C − F_C| (the sketches' tracked L1 errors), and
 *   never more than (ε_R + ε_C)·(max − min), since both ECDFs are exact outside the pooled
 *   [min, max]; normed: that bound / std(R).
 */
export function estimateNumericDrift(
  reference: NumericReferenceSummary,
  current: NumericFeatureSnapshot,
): NumericDriftEstimate {
  const empty = reference.ecdf.total === 0 || current.count === 0;
  const none = absent<never>('drift needs non-empty reference and current samples');
  if (empty || !current.proportions.ok || !current.min.ok || !current.max.ok) {
    return {
      ksStatistic: none,
      ksPValue: none,
      wasserstein: none,
      wassersteinNormed: none,
      psi: none,
      jensenShannon: none,
      hellinger: none,
    };
  }
  const eps = reference.ecdfError + current.ecdfError;
  const exact = eps === 0;
  const d = ksStatisticWeighted(reference.ecdf, current.ecdf);
  const w = wassersteinWeighted(reference.ecdf, current.ecdf);
  const range =
    Math.max(reference.max, current.max.value) - Math.min(reference.min, current.min.value);
  const wBound = Math.min(eps * range, reference.ecdfL1Error + current.ecdfL1Error);
  const p = reference.proportions;
  const q = current.proportions.value;
  return {
    ksStatistic: present({ value: d, bound: eps, exact }),
    ksPValue: exact
      ? present(ksPValue(d, reference.ecdf.total, current.count).pValue)
      : absent('KS p-value is not reported from a lossy quantile sketch'),
    wasserstein: present({ value: w, bound: wBound, exact }),
    wassersteinNormed:
      reference.std.ok && reference.std.value > 0
        ? present({ value: w / reference.std.value, bound: wBound / reference.std.value, exact })
        : absent('wasserstein_normed is undefined: the reference has standard deviation 0'),
    psi: psi(p, q),
    jensenShannon: jensenShannon(p, q),
    hellinger: hellinger(p, q),
  };
}

/** A reference summary from a snapshot of a reference accumulator. */
export function referenceFromSnapshot(s: NumericFeatureSnapshot): NumericReferenceSummary {
  return {
    proportions: s.proportions.ok ? s.proportions.value : new Float64Array(s.binCounts.length),
    std: s.std,
    ecdf: s.ecdf,
    ecdfError: s.ecdfError,
    ecdfL1Error: s.ecdfL1Error,
    min: s.min.ok ? s.min.value : Number.NaN,
    max: s.max.ok ? s.max.value : Number.NaN,
  };
}
