/**
 * A statistic that may be undefined for its input (std 0, one class, empty sample).
 * mlmon never reports NaN: an undefined value is `absent` and carries a human-readable reason.
 */
export type Maybe<T = number> = { ok: true; value: T } | { ok: false; reason: string };

/** Wraps a defined value. */
export function present<T>(value: T): Maybe<T> {
  return { ok: true, value };
}

/** An undefined value, with the reason it could not be computed. */
export function absent<T = number>(reason: string): Maybe<T> {
  return { ok: false, reason };
}

/** The value, or `null` when absent (the JSON form used by the CLI and exporters). */
export function valueOrNull<T>(m: Maybe<T>): T | null {
  return m.ok ? m.value : null;
}
