/**
 * Built reference features (bins, samples, null ladders) are costly to derive, and a fixed
 * reference does not change between windows, so evaluate memoises them per stream, reference
 * and feature. The cache is bounded; results never depend on whether an entry was cached.
 *
 * Entries are grouped (one group per stream, reference and kind, keyed by name within it), so a
 * stream's twenty-odd entries share one group key instead of each holding a long composite key
 * string (~0.1 kB apiece at thousands of streams); names are the windows' own strings.
 */
import type { ReferenceFeature } from './drift/types.js';

/** A bounded memo of reference features. */
export class ReferenceCache {
  private readonly groups = new Map<string, Map<string, ReferenceFeature | null>>();
  private count = 0;

  /** @param maxEntries Entries kept; the oldest groups are dropped first. */
  constructor(private readonly maxEntries = 4096) {}

  /** The cached value for `key`, building (and caching) it on a miss. */
  getOrBuild(key: string, build: () => ReferenceFeature | undefined): ReferenceFeature | undefined {
    return this.getOrBuildIn(key, '', build);
  }

  /** The cached value for `name` in `group`, building (and caching) it on a miss. */
  getOrBuildIn(
    group: string,
    name: string,
    build: () => ReferenceFeature | undefined,
  ): ReferenceFeature | undefined {
    const hit = this.groups.get(group)?.get(name);
    if (hit !== undefined) return hit ?? undefined;
    const built = build();
    while (this.count >= this.maxEntries && this.groups.size > 0) {
      const [oldestKey, oldest] = this.groups.entries().next().value!;
      this.groups.delete(oldestKey);
      this.count -= oldest.size;
    }
    let entries = this.groups.get(group);
    if (entries === undefined) {
      entries = new Map();
      this.groups.set(group, entries);
    }
    entries.set(name, built ?? null);
    this.count++;
    return built;
  }

  /** Entries held. */
  get size(): number {
    return this.count;
  }
}
