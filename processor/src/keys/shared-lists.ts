/**
 * Lists of strings shared by every holder that built the same list in the same order: each
 * list is an array of its own that is never written, and appending gives the one array of the
 * longer list. Thousands of streams or windows of one model version build the same lists (their
 * features' names, in the order their rows list them); a list each was a few hundred bytes per
 * stream.
 *
 * Bounded: past `capacity` lists the table starts again (lists handed out stay valid; holders
 * made later merely share less).
 */
export class SharedLists {
  /** The longer lists made from each list, by the item appended. */
  private readonly extensions = new Map<readonly string[], Map<string, string[]>>();

  constructor(private readonly capacity: number) {}

  /** `list` with `item` appended: the same array for every equal `list` and `item`. */
  append(list: readonly string[], item: string): string[] {
    let next = this.extensions.get(list);
    let out = next?.get(item);
    if (out !== undefined) return out;
    out = new Array<string>(list.length + 1);
    for (let i = 0; i < list.length; i++) out[i] = list[i]!;
    out[list.length] = item;
    if (this.extensions.size >= this.capacity) this.extensions.clear();
    if (next === undefined || !this.extensions.has(list)) {
      next = new Map();
      this.extensions.set(list, next);
    }
    next.set(item, out);
    return out;
  }
}

/** The empty list every holder starts from (frozen: appending makes a new list). */
export const NO_STRINGS: readonly string[] = Object.freeze([]);
