/**
 * Composite map keys: the one way the processor joins several strings (model, version, slice
 * entries, method, source, …) into one `Map` key and splits it again.
 *
 * The separator is NUL because it cannot occur in the parts we key on in practice (OTLP
 * attribute values are UTF-8 text from instrumented services, and model names are non-empty),
 * so a joined key is unambiguous and cheap to build on the ingest path. Hot paths that build a
 * key per record may concatenate with {@link KEY_SEPARATOR} directly; everything else uses
 * {@link seriesKey} / {@link splitSeriesKey} so the format lives in one place.
 */

/** Separator between the parts of a composite key. */
export const KEY_SEPARATOR = '\u0000';

/** Joins the parts of a composite key. */
export function seriesKey(...parts: readonly string[]): string {
  return parts.join(KEY_SEPARATOR);
}

/** Splits a key made by {@link seriesKey} back into its parts. */
export function splitSeriesKey(key: string): string[] {
  return key.split(KEY_SEPARATOR);
}

/** `part` followed by the separator: the prefix every key that extends `part` starts with. */
export function seriesKeyPrefix(part: string): string {
  return part + KEY_SEPARATOR;
}
