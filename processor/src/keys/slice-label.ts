/**
 * The one way slices read in text (status API, alert lines): `country=DE, channel=web` with the
 * keys sorted, so the same slice always reads the same.
 */

/** `country=DE, channel=web` (keys sorted), or `allLabel` for the empty (all-slices) slice. */
export function formatSlice(slice: Readonly<Record<string, string>>, allLabel: string): string {
  const keys = Object.keys(slice).sort();
  if (keys.length === 0) return allLabel;
  return keys.map((key) => `${key}=${slice[key]}`).join(', ');
}
