/**
 * Readers of OTLP AnyValues for the attribute types of the conventions. Numbers may arrive as
 * int (number or bigint) or double; strings that look like numbers are NOT numbers (a producer
 * that sends `"0.7"` for a score has a bug worth reporting).
 */
import type { AnyValue } from '../decode/otlp-types.js';

/**
 * The number in `v`: `undefined` when absent, `NaN` when present but not a finite number
 * (callers reject those with a reason).
 */
export function readNumber(v: AnyValue): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? v : Number.NaN;
  if (typeof v === 'bigint') return Number(v);
  return Number.NaN;
}

/** The string in `v`; numbers and booleans are rendered (slice and label values may be ints). */
export function readString(v: AnyValue): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** A numeric array; `null` when present but not an array of finite numbers. */
export function readNumberArray(v: AnyValue): number[] | undefined | null {
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) return null;
  const out = new Array<number>(v.length);
  for (let i = 0; i < v.length; i++) {
    const n = readNumber(v[i]);
    if (n === undefined || Number.isNaN(n)) return null;
    out[i] = n;
  }
  return out;
}

/** A string array (items rendered as by {@link readString}); `undefined` when absent or invalid. */
export function readStringArray(v: AnyValue): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out = new Array<string>(v.length);
  for (let i = 0; i < v.length; i++) {
    const s = readString(v[i]);
    if (s === undefined) return undefined;
    out[i] = s;
  }
  return out;
}

/** Nanoseconds since the epoch → milliseconds (sub-millisecond precision is irrelevant here). */
export function nanosToMillis(nanos: bigint): number {
  return Number(nanos) / 1e6;
}
