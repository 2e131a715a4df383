/**
 * Golden-value comparison with the METRICS.md tolerances: relative 1e-9; relative 1e-6 for
 * p-values below 1e-10; absolute 1e-12 near zero. Returns a message when outside, else null,
 * so tests can report every mismatch with its path.
 */
export interface ToleranceOptions {
  /** The value is a p-value (looser relative tolerance below 1e-10). */
  pValue?: boolean;
  /** Explicit absolute bound (streaming estimates with a documented error bound). */
  absolute?: number;
}

/** Relative tolerance for exact whole-sample statistics. */
export const REL_TOLERANCE = 1e-9;
/** Relative tolerance for p-values below {@link SMALL_P}. */
export const SMALL_P_REL_TOLERANCE = 1e-6;
/** p-values below this use {@link SMALL_P_REL_TOLERANCE}. */
export const SMALL_P = 1e-10;
/** Absolute tolerance near zero. */
export const ABS_TOLERANCE = 1e-12;

/** null when `actual` matches `expected` within tolerance, else a description of the miss. */
export function toleranceMiss(
  actual: number | null | undefined,
  expected: number | null,
  opts: ToleranceOptions = {},
): string | null {
  if (expected === null)
    return actual === null || actual === undefined ? null : `expected null, got ${actual}`;
  if (actual === null || actual === undefined || Number.isNaN(actual))
    return `expected ${expected}, got ${actual}`;
  const diff = Math.abs(actual - expected);
  if (opts.absolute !== undefined) {
    return diff <= opts.absolute
      ? null
      : `expected ${expected} ± ${opts.absolute}, got ${actual} (diff ${diff})`;
  }
  if (diff <= ABS_TOLERANCE) return null;
  const rel = opts.pValue && Math.abs(expected) < SMALL_P ? SMALL_P_REL_TOLERANCE : REL_TOLERANCE;
  return diff <= rel * Math.abs(expected)
    ? null
    : `expected ${expected}, got ${actual} (rel diff ${diff / Math.abs(expected)})`;
}

/** Throws (for use in `expect(() => …)` or directly) when outside tolerance. */
export function expectClose(
  label: string,
  actual: number | null | undefined,
  expected: number | null,
  opts: ToleranceOptions = {},
): void {
  const miss = toleranceMiss(actual, expected, opts);
  if (miss !== null) throw new Error(`${label}: ${miss}`);
}
