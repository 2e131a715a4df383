/**
 * The one eviction rule of the state's bounded maps (pending predictions and labels, label ids,
 * event span keys, score series): Maps keep insertion order, so the first key is the oldest.
 */

/**
 * Makes room for one more entry: drops the oldest entry of `map` when it holds `max` or more.
 * Returns `true` when an entry was dropped (callers count evictions).
 */
export function dropOldestIfFull<K, V>(map: Map<K, V>, max: number): boolean {
  if (map.size < max) return false;
  const oldest = map.keys().next();
  if (oldest.done === true) return false;
  map.delete(oldest.value);
  return true;
}
