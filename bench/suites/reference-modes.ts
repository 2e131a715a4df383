/**
 * Drift decisions under each reference mode, through the processor's own window path (ingest →
 * `closeWindows` → `evaluateWindow` with the service's reference cache and default ladders):
 * the false-alarm rate on stationary streams and the power against a 0.5σ mean shift of every
 * feature, at n = 100, 700 and 1000 (and 10 000 in the full run) events per stream and window.
 *
 * Data: S slice streams (plus the model's all-slices stream) × 20 numeric features
 * N(i/10, 1), fresh draws every window. Windows 0 … W−1 are stationary; window W moves every
 * feature by +0.5σ. False alarms: share of the numeric feature decisions of windows 1 … W−1
 * (every window that had a reference) that say `drift`; power: share of those of window W.
 * `first-window` compares with window 0, `previous-window` with the window before,
 * `rolling` with the union of the last 6 windows (the default), `seasonal` with the window 3
 * earlier (no reference before window 3).
 */
import type { StateReferenceMode } from '../../processor/src/state/state-config.js';
import { createState } from '../../processor/src/state/streams.js';
import { evaluateWindow } from '../../processor/src/evaluate/evaluate-window.js';
import { ReferenceCache } from '../../processor/src/evaluate/reference-cache.js';
import { NUMERIC_NAMES } from '../lib/synthetic.js';
import { plainRow, round, type BenchRow, type SuiteOptions, type SuiteResult } from '../lib/row.js';
import { close, fill, WINDOW_SECONDS } from '../lib/window-cycle.js';

const SHIFT_SD = 0.5;
const NUMERIC = new Set(NUMERIC_NAMES);

/** Counts of drift decisions (numeric features only). */
interface Tally {
  decided: number;
  drifted: number;
}

/** Closes window `k` of `state` and tallies its numeric feature decisions into `tally`. */
function closeAndTally(
  state: ReturnType<typeof createState>,
  k: number,
  cache: ReferenceCache,
  tally: Tally | undefined,
): void {
  for (const w of close(state, k)) {
    const result = evaluateWindow(w, { cache });
    if (tally === undefined) continue;
    for (const d of result.drift) {
      if (!d.primary || !NUMERIC.has(d.feature) || d.state === 'insufficient_data') continue;
      tally.decided++;
      if (d.state === 'drift') tally.drifted++;
    }
  }
}

/** Runs the reference-mode rows. */
export async function runReferenceModes(options: SuiteOptions): Promise<SuiteResult> {
  await Promise.resolve();
  // 700 lies between ladder rungs: under rolling its null is the large-sample limit read at n.
  const sizes = options.quick ? [100, 700, 1000] : [100, 700, 1000, 10_000];
  const windows = options.quick ? 10 : 20;
  const modes: StateReferenceMode[] = ['first-window', 'previous-window', 'rolling', 'seasonal'];
  const rows: BenchRow[] = [];
  for (const n of sizes) {
    // Fewer streams at larger n: about the same number of values per run.
    const streams = Math.max(2, Math.round(20_000 / n / 2));
    for (const mode of modes) {
      const state = createState({
        windowSeconds: WINDOW_SECONDS,
        allowedLatenessSeconds: 0,
        maxSliceStreams: streams * 2 + 10,
        reference: mode,
        seasonWindows: 3,
      });
      const cache = new ReferenceCache();
      const stationary: Tally = { decided: 0, drifted: 0 };
      const shifted: Tally = { decided: 0, drifted: 0 };
      const t0 = performance.now();
      for (let k = 0; k < windows; k++) {
        fill(state, k, streams, n);
        closeAndTally(state, k, cache, stationary);
      }
      fill(state, windows, streams, n, SHIFT_SD);
      closeAndTally(state, windows, cache, shifted);
      const ms = performance.now() - t0;
      const falseAlarm = stationary.drifted / Math.max(1, stationary.decided);
      const power = shifted.drifted / Math.max(1, shifted.decided);
      options.log(
        `reference-modes: ${mode} n=${n}: false alarms ${stationary.drifted}/${stationary.decided}, power ${shifted.drifted}/${shifted.decided} (${Math.round(ms)} ms)`,
      );
      const name = `reference_modes.${mode.replace('-', '_')}.n${n}`;
      rows.push(
        plainRow(
          `${name}.false_alarm_rate`,
          '%',
          round(100 * falseAlarm, 2),
          'value <= 1',
          falseAlarm <= 0.01,
        ),
        plainRow(
          `${name}.power_mean_0.5sd`,
          '%',
          round(100 * power, 1),
          n >= 1000 ? 'value >= 99' : null,
          n >= 1000 ? power >= 0.99 : null,
        ),
      );
    }
  }
  return {
    rows,
    notes: [
      `reference_modes: numeric feature decisions of every stream (slice streams + all-slices) through ingest → closeWindows → evaluateWindow with the service's reference cache and default ladders; ${windows} stationary windows then one with every feature +${SHIFT_SD}σ; rolling = last 6 windows (default), seasonal = 3 windows back.`,
    ],
  };
}
