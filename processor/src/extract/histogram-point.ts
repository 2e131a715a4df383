/**
 * What every explicit-bucket histogram point the processor reads shares: the bucket layout check
 * and the identity of its series (cumulative points become deltas per series in `state/`).
 */
import type { Attributes, HistogramDataPoint } from '../decode/otlp-types.js';
import { readString } from './any-value.js';
import type { ResourceIdentity } from './types.js';

/** Bounds strictly increasing and finite; one more bucket than bounds; counts consistent. */
export function validBuckets(dp: HistogramDataPoint): boolean {
  const b = dp.explicitBounds;
  const c = dp.bucketCounts;
  if (c.length !== b.length + 1) return false;
  for (let i = 0; i < b.length; i++) {
    if (!Number.isFinite(b[i]) || (i > 0 && !(b[i]! > b[i - 1]!))) return false;
  }
  let total = 0;
  for (const x of c) {
    if (!(x >= 0) || !Number.isFinite(x)) return false;
    total += x;
  }
  return total === dp.count;
}

/** Identity of the series: the resource's identity plus the point's sorted attributes. */
export function histogramSeriesKey(resource: ResourceIdentity, a: Attributes): string {
  const keys = Object.keys(a).sort();
  let key = resource.key;
  for (const k of keys) key += '\u0000' + k + '=' + (readString(a[k]) ?? '');
  return key;
}
