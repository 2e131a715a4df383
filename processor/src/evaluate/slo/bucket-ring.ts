/**
 * A bounded ring of time buckets holding good and total event counts: O(span / bucket) memory
 * whatever the traffic, summed over any window inside its span. Plain data, so it goes into
 * checkpoints as it is.
 */

/** The ring (JSON-compatible). */
export interface BucketRing {
  /** Bucket length, milliseconds. */
  readonly bucketMs: number;
  /** Absolute bucket number (`floor(t / bucketMs)`) each slot holds; -1 when empty. */
  readonly ids: number[];
  readonly good: number[];
  readonly total: number[];
}

/** A ring of `ceil(spanMs / bucketMs)` buckets. */
export function createBucketRing(bucketMs: number, spanMs: number): BucketRing {
  const n = Math.max(1, Math.ceil(spanMs / bucketMs));
  return {
    bucketMs,
    ids: new Array<number>(n).fill(-1),
    good: new Array<number>(n).fill(0),
    total: new Array<number>(n).fill(0),
  };
}

/** Adds events at time `timeMs` (a bucket older than the ring's span is overwritten). */
export function addToRing(ring: BucketRing, timeMs: number, good: number, total: number): void {
  const id = Math.floor(timeMs / ring.bucketMs);
  const slot = id % ring.ids.length;
  if (ring.ids[slot] !== id) {
    if (ring.ids[slot]! > id) return; // older than what the slot holds: outside the span
    ring.ids[slot] = id;
    ring.good[slot] = 0;
    ring.total[slot] = 0;
  }
  ring.good[slot]! += good;
  ring.total[slot]! += total;
}

/** Good and total events in buckets starting in [fromMs, toMs). */
export function sumRing(
  ring: BucketRing,
  fromMs: number,
  toMs: number,
): { good: number; total: number } {
  let good = 0;
  let total = 0;
  const first = Math.ceil(fromMs / ring.bucketMs);
  const last = Math.ceil(toMs / ring.bucketMs) - 1;
  const n = ring.ids.length;
  for (let id = Math.max(first, last - n + 1); id <= last; id++) {
    const slot = id % n;
    if (ring.ids[slot] !== id) continue;
    good += ring.good[slot]!;
    total += ring.total[slot]!;
  }
  return { good, total };
}
