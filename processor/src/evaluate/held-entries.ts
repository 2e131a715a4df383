import { NO_STRINGS, SharedLists } from '../keys/shared-lists.js';
import type { ReferenceFeature } from './drift/types.js';

/** The (part, name) lists of held entries, shared by streams that hold the same entries. */
const entryKeys = new SharedLists(4096);

/**
 * The built reference features one stream holds for its current reference, keyed by (part,
 * name): one exactly sized array of features and a list of their (part, name) keys that every
 * stream holding the same entries shares, instead of a Map per part. A Map of a stream's
 * twenty-odd features costs ~1 kB of hash table (at 10k streams, 10 MB), an array grown by
 * `push` keeps up to half its length in slack, and keys of its own cost each stream 16 B per
 * entry; an entry costs 8 B.
 *
 * Lookups stay O(1) in the steady state: a stream's windows are evaluated in the same order each
 * time (features sorted by name, then outputs), so the entry after the last one found is checked
 * first; a miss of that guess scans the entries (a few dozen string comparisons). Adding copies
 * the array (once per entry and reference, beside the cost of building the entry).
 */
export class HeldEntries {
  /**
   * part, name of each entry, in the order added: a list shared by every stream that added the
   * same entries in the same order (see `keys/shared-lists.ts`), never written.
   */
  private keys: readonly string[] = NO_STRINGS;
  /** The feature of each entry (`null`: built nothing), in the order added. */
  private features: (ReferenceFeature | null)[] = [];
  /** Where the next lookup looks first: after the last entry found or added. */
  private next = 0;

  constructor(
    /** Key of the reference these entries were built from. */
    readonly reference: string,
  ) {}

  /** Entries held. */
  get size(): number {
    return this.features.length;
  }

  /** The entry of `name` in `part`: a feature, `null` (built nothing), or undefined (not held). */
  get(part: string, name: string): ReferenceFeature | null | undefined {
    const keys = this.keys;
    const n = this.features.length;
    const guess = this.next < n ? this.next : 0;
    for (let k = 0; k < n; k++) {
      let i = guess + k;
      if (i >= n) i -= n;
      if (keys[2 * i + 1] === name && keys[2 * i] === part) {
        this.next = i + 1;
        return this.features[i]!;
      }
    }
    return undefined;
  }

  /** Adds the entry of `name` in `part` (not held yet). */
  add(part: string, name: string, value: ReferenceFeature | null): void {
    this.keys = entryKeys.append(entryKeys.append(this.keys, part), name);
    const f = this.features;
    const grown = new Array<ReferenceFeature | null>(f.length + 1);
    for (let i = 0; i < f.length; i++) grown[i] = f[i]!;
    grown[f.length] = value;
    this.features = grown;
    this.next = grown.length;
  }
}
