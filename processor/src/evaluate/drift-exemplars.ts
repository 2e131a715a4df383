/**
 * Which example requests to show with a drifted numeric feature: those from the bins whose
 * share grew most against the reference. The window's share of a bin is its share of the
 * exemplar candidates (a uniform draw of the window's predictions with a span); the reference's
 * share comes from the reference sample's ECDF over the same bin edges.
 */
import type { FeatureExemplars } from '../state/exemplar-reservoir.js';
import type { Exemplar } from './window-result.js';

/** Examples shown per drifted feature. */
export const EXEMPLARS_PER_RESULT = 3;

/** Number of sorted `values` at or below `x`. */
function countAtOrBelow(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Up to {@link EXEMPLARS_PER_RESULT} examples from the bins with the largest positive
 * (window share − reference share), largest first; none when no bin grew.
 */
export function driftExemplars(
  entry: FeatureExemplars,
  sortedReference: ArrayLike<number>,
  limit = EXEMPLARS_PER_RESULT,
): Exemplar[] {
  const candidates = entry.seen.reduce((a, b) => a + b, 0);
  const m = sortedReference.length;
  if (candidates === 0 || m === 0) return [];
  const bins: { gain: number; bin: number }[] = [];
  let below = 0;
  for (let b = 0; b < entry.seen.length; b++) {
    const upTo = b < entry.edges.length ? countAtOrBelow(sortedReference, entry.edges[b]!) : m;
    const gain = entry.seen[b]! / candidates - (upTo - below) / m;
    below = upTo;
    if (gain > 0 && entry.picks[b] !== null) bins.push({ gain, bin: b });
  }
  bins.sort((x, y) => y.gain - x.gain || x.bin - y.bin);
  return bins.slice(0, limit).map(({ bin }) => toExemplar(entry.picks[bin]!));
}

function toExemplar(pick: { value: number; spanKey: string; timeMs: number }): Exemplar {
  const [traceId = '', spanId = ''] = pick.spanKey.split(':');
  return { traceId, spanId, value: pick.value, timeUnixMillis: pick.timeMs };
}
