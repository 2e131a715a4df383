/**
 * Keeping a numeric feature's current and reference snapshots on the same bin edges, so that
 * binned statistics (PSI, Jensen–Shannon, Hellinger) compare them bin by bin.
 *
 * Under `first-window` and `previous-window` the reference is itself a window: it was recorded
 * before its decile edges were known. Its edges are derived from its quantile sketch, and the
 * windows that start after it are binned by them. Snapshots recorded with other edges are
 * re-binned from their sketch's ECDF: exact while the sketch is exact (fewer values than its
 * capacity, `ecdfError` 0), otherwise each bin's share is off by at most 2·`ecdfError`.
 */
import { absent, binIndex, present, proportions, referenceBinEdges } from '../stats/index.js';
import type { NumericSnapshot } from './types.js';

/** True when both edge lists are equal. */
export function sameEdges(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Reference decile edges of a snapshot (METRICS.md: unique quantiles 0.1 … 0.9). Exact when the
 * sketch holds every value with unit weight; otherwise weighted quantiles of the sketch.
 */
export function deriveEdges(s: NumericSnapshot): Float64Array {
  const { values, weights, total } = s.ecdf;
  if (values.length === 0) return new Float64Array(0);
  let unit = true;
  for (let i = 0; i < weights.length; i++) {
    if (weights[i] !== 1) {
      unit = false;
      break;
    }
  }
  if (unit) return referenceBinEdges(values);
  const edges: number[] = [];
  for (let k = 1; k <= 9; k++) {
    const rank = (k / 10) * total;
    let cum = 0;
    let v = values[values.length - 1]!;
    for (let i = 0; i < values.length; i++) {
      cum += weights[i]!;
      if (cum >= rank) {
        v = values[i]!;
        break;
      }
    }
    if (edges.length === 0 || edges[edges.length - 1]! < v) edges.push(v);
  }
  return Float64Array.from(edges);
}

/** `s` with its bin counts recomputed for `edges` from its ECDF (unchanged if already so). */
export function rebin(s: NumericSnapshot, edges: Float64Array): NumericSnapshot {
  if (sameEdges(s.binEdges, edges)) return s;
  const counts = new Float64Array(edges.length + 1);
  const { values, weights, total } = s.ecdf;
  for (let i = 0; i < values.length; i++) counts[binIndex(edges, values[i]!)]! += weights[i]!;
  if (total > 0 && total !== s.count) {
    const f = s.count / total;
    for (let i = 0; i < counts.length; i++) counts[i]! *= f;
  }
  return {
    ...s,
    binEdges: edges,
    binCounts: counts,
    proportions: s.count === 0 ? absent('no numeric value recorded') : present(proportions(counts)),
  };
}

/**
 * The current and reference snapshots of one numeric series on common edges: the current
 * window's edges when it has some, else the ones derived from the reference.
 */
export function alignPair(
  current: NumericSnapshot,
  reference: NumericSnapshot,
): [NumericSnapshot, NumericSnapshot] {
  const edges = current.binEdges.length > 0 ? current.binEdges : deriveEdges(reference);
  return [rebin(current, edges), rebin(reference, edges)];
}
