/**
 * Built reference features (bins, samples, null ladders) are costly to derive, and a fixed
 * reference does not change between windows, so evaluate memoises them per stream, reference
 * and feature. Results never depend on whether an entry was cached.
 *
 * By default (the service's cache) the built references are held per stream for as long as the
 * stream's reference is current: a window whose reference differs from the one held replaces
 * the stream's entries. So every stream keeps what its next window reads, however many streams
 * there are: a global bound would drop entries before they were read again once the streams'
 * entries exceed it, and every window would rebuild every reference (at 300 streams × 22
 * entries, past the former 4096-entry bound, a window close cost 10.7 s instead of 0.5 s). What
 * is held is bounded by the state's stream and feature caps, as the state's own windows are.
 * A stream's entries are held in arrays, not Maps (see `held-entries.ts`: ~0.6 kB less per
 * stream).
 *
 * Given `maxEntries`, it is instead a memo bounded to that many entries, dropping the oldest group
 * first. Entries are grouped (one group per stream, reference and part, keyed by name within
 * it), so a stream's twenty-odd entries share one group key instead of each holding a long
 * composite key string (~0.1 kB apiece at thousands of streams); names are the windows' own
 * strings.
 */
import { seriesKey } from '../keys/series-key.js';
import type { ReferenceFeature } from './drift/types.js';
import { HeldEntries } from './held-entries.js';

/** Bound of a group memo built without one ({@link ReferenceCache.getOrBuildIn} alone). */
const DEFAULT_MAX_ENTRIES = 4096;

type Entries = Map<string, ReferenceFeature | null>;

/** A memo of built reference features. */
export class ReferenceCache {
  private readonly groups = new Map<string, Entries>();
  private readonly streams = new Map<string, HeldEntries>();
  /** Entries in `groups`. */
  private groupCount = 0;
  /** Entries held by `streams`. */
  private heldCount = 0;

  /**
   * @param maxEntries Entries kept, the oldest groups dropped first; without it, entries are held
   *   per stream while its reference is current.
   */
  constructor(private readonly maxEntries?: number) {}

  /** The cached value for `key`, building (and caching) it on a miss. */
  getOrBuild(key: string, build: () => ReferenceFeature | undefined): ReferenceFeature | undefined {
    return this.getOrBuildIn(key, '', build);
  }

  /**
   * The built feature `name` of `part` (features, outputs) of reference `reference` of stream
   * `stream`, building (and caching) it on a miss.
   */
  getOrBuildForStream(
    stream: string,
    reference: string,
    part: string,
    name: string,
    build: () => ReferenceFeature | undefined,
  ): ReferenceFeature | undefined {
    if (this.maxEntries !== undefined) {
      return this.getOrBuildIn(seriesKey(stream, reference, part), name, build);
    }
    let held = this.streams.get(stream);
    if (held === undefined || held.reference !== reference) {
      // The stream moved on to another reference: what was built for the old one is not read again.
      if (held !== undefined) this.heldCount -= held.size;
      held = new HeldEntries(reference);
      this.streams.set(stream, held);
    }
    const hit = held.get(part, name);
    if (hit !== undefined) return hit ?? undefined;
    const built = build();
    held.add(part, name, built ?? null);
    this.heldCount++;
    return built;
  }

  /** Drops what is held for the given streams (they no longer exist). */
  forgetStreams(streams: readonly string[]): void {
    for (const stream of streams) {
      const held = this.streams.get(stream);
      if (held === undefined) continue;
      this.heldCount -= held.size;
      this.streams.delete(stream);
    }
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
    const max = this.maxEntries ?? DEFAULT_MAX_ENTRIES;
    while (this.groupCount >= max && this.groups.size > 0) {
      const [oldestKey, oldest] = this.groups.entries().next().value!;
      this.groups.delete(oldestKey);
      this.groupCount -= oldest.size;
    }
    let entries = this.groups.get(group);
    if (entries === undefined) {
      entries = new Map();
      this.groups.set(group, entries);
    }
    this.groupCount++;
    return store(entries, name, built);
  }

  /** Entries held. */
  get size(): number {
    return this.groupCount + this.heldCount;
  }
}

/** Stores `built` (a miss that built nothing is cached too, as `null`). */
function store(
  entries: Entries,
  name: string,
  built: ReferenceFeature | undefined,
): ReferenceFeature | undefined {
  entries.set(name, built ?? null);
  return built;
}
