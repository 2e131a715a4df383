/**
 * Built reference features (bins, samples, null ladders) are costly to derive, and a fixed
 * reference does not change between windows, so evaluate memoises them per stream, reference
 * and feature. The cache is bounded; results never depend on whether an entry was cached.
 */
import type { ReferenceFeature } from './drift/types.js';

/** A bounded memo of reference features. */
export class ReferenceCache {
  private readonly entries = new Map<string, ReferenceFeature | null>();

  /** @param maxEntries Entries kept; the oldest are dropped first. */
  constructor(private readonly maxEntries = 4096) {}

  /** The cached value for `key`, building (and caching) it on a miss. */
  getOrBuild(key: string, build: () => ReferenceFeature | undefined): ReferenceFeature | undefined {
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit ?? undefined;
    const built = build();
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, built ?? null);
    return built;
  }

  /** Entries held. */
  get size(): number {
    return this.entries.size;
  }
}
