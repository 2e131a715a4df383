/**
 * Sampling of `ml.prediction` events. Spans and metrics are complete; only the per-row events
 * (the bulky signal) are thinned, and each kept event carries the probability so the processor
 * can weight counts by 1/p.
 */

/** Decides per prediction whether its event is kept. */
export interface EventSampler {
  /** Probability in (0, 1] every decision uses. */
  readonly probability: number;
  /** Whether the event of the prediction with this id is emitted. */
  shouldSample(predictionId: string): boolean;
}

/** Options of {@link createEventSampler}. */
export interface EventSamplerOptions {
  /** @default 1 */
  probability?: number;
  /** Decide by a hash of the prediction id. @default false */
  deterministic?: boolean;
  /** Uniform source in [0, 1). @default Math.random */
  random?: () => number;
}

/**
 * Maps a string to [0, 1) with 32-bit FNV-1a. Stable across processes and languages that use the
 * same hash, so a prediction kept by one service is kept by all of them.
 */
export function hashToUnitInterval(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // A final avalanche step: FNV-1a's low bits mix poorly for ids that differ only at the end.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return (hash >>> 0) / 0x1_0000_0000;
}

/** Validates the probability and returns a sampler. Throws a `RangeError` naming the bad value. */
export function createEventSampler(options: EventSamplerOptions = {}): EventSampler {
  const probability = options.probability ?? 1;
  if (!(probability > 0 && probability <= 1)) {
    throw new RangeError(`eventSamplingProbability must be in (0, 1], got ${String(probability)}`);
  }
  const random = options.random ?? Math.random;
  const deterministic = options.deterministic ?? false;
  return {
    probability,
    shouldSample(predictionId: string): boolean {
      if (probability >= 1) return true;
      const u = deterministic ? hashToUnitInterval(predictionId) : random();
      return u < probability;
    },
  };
}
