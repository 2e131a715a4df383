/**
 * Row 5, the scenarios of issue 9 that `bench/detection-quality.ts` does not cover: a variance
 * change (×1.5) and a unit change (×1000) of a numeric feature, and the detection delay (in
 * windows) of those and of mean shifts, for the default method selection (`decideDrift` on
 * exact summaries, the path of `mlmon drift`). Each replicate column has its own 10,000-row
 * N(0, 1) reference; after the change every window is drifted, and the delay is the index of
 * the first alarming window (0 = the first drifted window), capped at MAX_WINDOWS.
 */
import { buildNumericReference } from '../../processor/src/evaluate/drift/build-reference.js';
import { decideDrift } from '../../processor/src/evaluate/drift/decide.js';
import { summarizeNumeric } from '../../processor/src/evaluate/drift/summarize.js';
import { median } from '../lib/measure.js';
import { plainRow, round, type BenchRow, type SuiteOptions, type SuiteResult } from '../lib/row.js';
import { normalSource, seededRandom } from '../lib/synthetic.js';

const REFERENCE_ROWS = 10_000;
const MAX_WINDOWS = 5;

interface Scenario {
  readonly label: string;
  /** Maps a standard normal draw to the drifted value. */
  readonly transform: (z: number) => number;
  /** Must be caught in the first drifted window at n >= 1000 (issue 9). */
  readonly required: boolean;
}

const SCENARIOS: readonly Scenario[] = [
  { label: 'mean_0.1sd', transform: (z) => z + 0.1, required: false },
  { label: 'mean_0.25sd', transform: (z) => z + 0.25, required: false },
  { label: 'mean_0.5sd', transform: (z) => z + 0.5, required: true },
  { label: 'variance_x1.5', transform: (z) => z * Math.sqrt(1.5), required: false },
  { label: 'unit_x1000', transform: (z) => z * 1000, required: true },
];

/** Runs the extra detection rows. */
export async function runDetectionExtra(options: SuiteOptions): Promise<SuiteResult> {
  await Promise.resolve();
  const replicates = options.quick ? 20 : 100;
  const sizes = options.quick ? [100, 1000, 10_000] : [100, 1000, 10_000, 100_000];
  const normal = normalSource(seededRandom(424242));
  const firstHits = new Map<string, number>();
  const delays = new Map<string, number[]>();
  for (let r = 0; r < replicates; r++) {
    const values = new Float64Array(REFERENCE_ROWS);
    for (let i = 0; i < REFERENCE_ROWS; i++) values[i] = normal();
    const reference = buildNumericReference(`x${r}`, values, { maxSample: Infinity });
    for (const n of sizes) {
      for (const s of SCENARIOS) {
        const key = `${s.label}@${n}`;
        let delay = MAX_WINDOWS;
        for (let w = 0; w < MAX_WINDOWS; w++) {
          const window = new Float64Array(n);
          for (let i = 0; i < n; i++) window[i] = s.transform(normal());
          if (decideDrift(reference, summarizeNumeric(window, reference)).drifted === true) {
            delay = w;
            break;
          }
        }
        firstHits.set(key, (firstHits.get(key) ?? 0) + (delay === 0 ? 1 : 0));
        delays.set(key, [...(delays.get(key) ?? []), delay]);
      }
    }
  }
  const rows: BenchRow[] = [];
  for (const s of SCENARIOS) {
    for (const n of sizes) {
      const key = `${s.label}@${n}`;
      const rate = round((100 * (firstHits.get(key) ?? 0)) / replicates);
      const required = s.required && n >= 1000;
      rows.push(
        plainRow(
          `detection.drift.numeric.first_window_detection.${s.label}.n${n}`,
          '%',
          rate,
          required ? '100' : null,
          required ? rate === 100 : null,
        ),
        plainRow(
          `detection.drift.numeric.median_delay.${s.label}.n${n}`,
          'windows',
          median(delays.get(key)!),
        ),
      );
    }
  }
  return {
    rows,
    notes: [
      `detection (extra): ${replicates} replicate columns, 10,000-row N(0,1) references, default method selection; delay = windows before the first alarm once every window is drifted (0 = caught at once; ${MAX_WINDOWS} = not caught within ${MAX_WINDOWS}). Variance ×1.5 means σ × √1.5.`,
    ],
  };
}
