/**
 * Row 5: detection quality of the default drift decisions, from the drift helper's simulation
 * (`bench/detection-quality.ts`, seeded): false alarms on stationary windows at every n, and
 * power against mean shifts and category share shifts.
 */
import { runDetectionQuality } from '../detection-quality.js';
import type { BenchRow, SuiteOptions, SuiteResult } from '../lib/row.js';

/** Runs row 5. */
export async function runDetection(options: SuiteOptions): Promise<SuiteResult> {
  await Promise.resolve();
  const t0 = performance.now();
  const rows: BenchRow[] = runDetectionQuality({ quick: options.quick }).map((r) => ({
    name: `detection.${r.name}`,
    unit: r.unit,
    value: r.value,
    baseline: null,
    baseline_value: null,
    ratio: null,
    goal: r.goal,
    met: r.met,
  }));
  return {
    rows,
    notes: [
      `detection: ${rows.length} rows from runDetectionQuality({ quick: ${options.quick} }) in ${((performance.now() - t0) / 1000).toFixed(1)} s (10,000-row reference, seeded replicate columns; goals from issues 4 and 9).`,
    ],
  };
}
