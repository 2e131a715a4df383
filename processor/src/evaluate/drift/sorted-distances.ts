/**
 * KS D and Wasserstein-1 of two ascending-sorted samples in one merge pass, remembered per
 * (reference sample, current sample) pair: the batch CLI needs both for the decision and again
 * for the report's statistics, and on 1M-value columns each merge pass costs tens of ms.
 * Bit-identical to `ksStatisticSorted` and `wassersteinSorted` of `stats/` (same arithmetic in
 * the same order); samples with NaN or infinite ends are delegated to those functions.
 */
import { ksStatisticSorted } from '../../stats/ks.js';
import { wassersteinSorted } from '../../stats/wasserstein.js';

/** D and W1 of a sample pair; `wasserstein` is undefined when W1 is (NaN/infinite values). */
export interface SortedDistances {
  readonly ks: number;
  readonly wasserstein: number | undefined;
}

/** A sorted sample as reference features and current summaries hold it. */
export type SortedSample = readonly number[] | Float64Array;

// Keyed by the current sample, then the reference sample; dropped with the arrays.
const memo = new WeakMap<SortedSample, WeakMap<SortedSample, SortedDistances>>();

/**
 * Pairs with fewer values than this are computed again rather than remembered: their merge pass
 * costs less than a weak map entry, and the window close scores tens of thousands of small pairs
 * each once (a weak map per pair was garbage that every collection had to trace).
 */
const MEMO_MIN_VALUES = 4096;

/**
 * KS D and W1 between ascending-sorted non-empty `r` and `c` (memoised per pair of arrays when
 * they are large).
 */
export function sortedDistances(r: SortedSample, c: SortedSample): SortedDistances {
  if (r.length + c.length < MEMO_MIN_VALUES) return compute(r, c);
  let inner = memo.get(c);
  const hit = inner?.get(r);
  if (hit !== undefined) return hit;
  const result = compute(r, c);
  if (inner === undefined) {
    inner = new WeakMap();
    memo.set(c, inner);
  }
  inner.set(r, result);
  return result;
}

function compute(r: SortedSample, c: SortedSample): SortedDistances {
  const n1 = r.length;
  const n2 = c.length;
  if (
    n1 === 0 ||
    n2 === 0 ||
    !Number.isFinite(r[0]!) ||
    !Number.isFinite(r[n1 - 1]!) ||
    !Number.isFinite(c[0]!) ||
    !Number.isFinite(c[n2 - 1]!)
  ) {
    const w = wassersteinSorted(r, c);
    return { ks: ksStatisticSorted(r, c), wasserstein: w.ok ? w.value : undefined };
  }
  let i = 0;
  let j = 0;
  let total = 0;
  let maxS = -Infinity;
  let minS = Infinity;
  let prev = Math.min(r[0]!, c[0]!);
  while (i < n1 || j < n2) {
    // Next distinct pooled value; W1 accrues the CDF gap on [prev, v) before both ECDFs move
    // past every copy of v, KS reads the gap after.
    const v = j >= n2 || (i < n1 && r[i]! <= c[j]!) ? r[i]! : c[j]!;
    total += Math.abs(i / n1 - j / n2) * (v - prev);
    while (i < n1 && r[i]! <= v) i++;
    while (j < n2 && c[j]! <= v) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxS) maxS = diff;
    if (diff < minS) minS = diff;
    prev = v;
  }
  const negMin = Math.min(Math.max(-minS, 0), 1);
  return { ks: negMin > maxS ? negMin : maxS, wasserstein: total };
}
