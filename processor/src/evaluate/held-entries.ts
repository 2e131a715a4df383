import type { ReferenceFeature } from './drift/types.js';

/**
 * The built reference features one stream holds for its current reference, keyed by (part,
 * name): one exactly sized array of (part, name, feature) triples instead of a Map per part. A
 * Map of a stream's twenty-odd features costs ~1 kB of hash table (at 10k streams, 10 MB), and
 * an array grown by `push` keeps up to half its length in slack; the triples cost 24 B each.
 *
 * Lookups stay O(1) in the steady state: a stream's windows are evaluated in the same order each
 * time (features sorted by name, then outputs), so the entry after the last one found is checked
 * first; a miss of that guess scans the entries (a few dozen string comparisons). Adding copies
 * the array (once per entry and reference, beside the cost of building the entry).
 */
export class HeldEntries {
  /** part, name, feature (`null`: built nothing) of each entry, in the order added. */
  private entries: (string | ReferenceFeature | null)[] = [];
  /** Where the next lookup looks first: after the last entry found or added. */
  private next = 0;

  constructor(
    /** Key of the reference these entries were built from. */
    readonly reference: string,
  ) {}

  /** Entries held. */
  get size(): number {
    return this.entries.length / 3;
  }

  /** The entry of `name` in `part`: a feature, `null` (built nothing), or undefined (not held). */
  get(part: string, name: string): ReferenceFeature | null | undefined {
    const e = this.entries;
    const n = e.length / 3;
    const guess = this.next < n ? this.next : 0;
    for (let k = 0; k < n; k++) {
      let i = guess + k;
      if (i >= n) i -= n;
      if (e[3 * i + 1] === name && e[3 * i] === part) {
        this.next = i + 1;
        return e[3 * i + 2] as ReferenceFeature | null;
      }
    }
    return undefined;
  }

  /** Adds the entry of `name` in `part` (not held yet). */
  add(part: string, name: string, value: ReferenceFeature | null): void {
    const e = this.entries;
    const grown = new Array<string | ReferenceFeature | null>(e.length + 3);
    for (let i = 0; i < e.length; i++) grown[i] = e[i]!;
    grown[e.length] = part;
    grown[e.length + 1] = name;
    grown[e.length + 2] = value;
    this.entries = grown;
    this.next = grown.length / 3;
  }
}
