/**
 * The shape of one benchmark row, exactly as `--json FILE` writes it, and what a suite returns.
 */

/**
 * One row of `{"benchmarks":[…]}`. `value` is null when the row could not be measured on this
 * machine (the suite then says why in a note). `ratio` is mlmon ÷ baseline — the median of the
 * per-round ratios of interleaved runs, so close to but not exactly `value / baseline_value`;
 * for throughputs higher is better, for times lower is better (read it against `goal`).
 */
export interface BenchRow {
  readonly name: string;
  readonly unit: string;
  readonly value: number | null;
  /** What the value is compared with, or null when the row is reported without a baseline. */
  readonly baseline: string | null;
  readonly baseline_value: number | null;
  readonly ratio: number | null;
  /** The goal as text (`ratio <= 1.1`, `value <= 65536`), or null when only reported. */
  readonly goal: string | null;
  /** Whether the goal is met; null when there is no goal or nothing was measured. */
  readonly met: boolean | null;
}

/** What one suite produced: its rows, and notes printed under the table (skips, caveats). */
export interface SuiteResult {
  readonly rows: BenchRow[];
  readonly notes: string[];
}

/** Options every suite receives. */
export interface SuiteOptions {
  /** The smaller run (`--quick`). */
  readonly quick: boolean;
  /** Progress lines (stderr), so stdout keeps only the table. */
  readonly log: (message: string) => void;
}

/** A row with no baseline (reported, or checked against an absolute goal). */
export function plainRow(
  name: string,
  unit: string,
  value: number | null,
  goal: string | null = null,
  met: boolean | null = null,
): BenchRow {
  return { name, unit, value, baseline: null, baseline_value: null, ratio: null, goal, met };
}

/** Rounds to `digits` significant digits (keeps the JSON readable, never changes a verdict). */
export function round(x: number | null, digits = 4): number | null {
  if (x === null || !Number.isFinite(x)) return x;
  if (x === 0) return 0;
  return Number(x.toPrecision(digits));
}
