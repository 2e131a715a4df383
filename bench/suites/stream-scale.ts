/**
 * Streams suite: what a window close costs as streams grow, with the service's own defaults
 * (its reference cache, the default null ladders; nothing sized by hand), each size in a fresh
 * child process (bench/children/stream-scale.ts). 20 numeric features, 50 events per stream and
 * window. Rows: the steady window close + evaluation under `first-window` (references read) and
 * under `previous-window` (every window builds every reference) at 100, 1k (and 10k in the full
 * run) streams; the per-stream cost ratio between consecutive sizes (a cliff shows as a ratio
 * well above 1); the reference build per stream (previous-window minus first-window steady
 * state), for 50-value window references and for 2000-value ones, whose ladders read the
 * large-sample limits; and a 30-minute accelerated-clock churn run whose heap must stay flat.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { median } from '../lib/measure.js';
import { CHILD_IMPORTS } from '../lib/child-node-args.js';
import { plainRow, round, type BenchRow, type SuiteOptions, type SuiteResult } from '../lib/row.js';

const run = promisify(execFile);
const EVENTS = 50;
const BIG_EVENTS = 2000;
const BIG_STREAMS = 20;
/** Goals of the issue at 10k streams (ms), and per-stream growth between sizes. */
const FIRST_WINDOW_GOAL_MS = 10_000;
const PREVIOUS_WINDOW_GOAL_MS = 30_000;
const BUILD_GOAL_MS = 10;
const GROWTH_GOAL = 1.5;
/** Heap after the last churn cycle over the heap after the first. */
const CHURN_GOAL = 1.1;

type Mode = 'first-window' | 'previous-window';

/** What one child measured. */
interface ScaleRun {
  windowsMs: number[];
  /** CPU time of the child per timed window (all its threads), beside the wall time. */
  cpuMs: number[];
  heapBytes: number;
}

async function scaleRun(streams: number, events: number, mode: Mode, windows: number) {
  const script = fileURLToPath(new URL('../children/stream-scale.ts', import.meta.url));
  const { stdout } = await run(
    process.execPath,
    [
      '--max-old-space-size=6144',
      ...CHILD_IMPORTS,
      script,
      String(streams),
      String(events),
      mode,
      String(windows),
    ],
    { maxBuffer: 1 << 20, timeout: 30 * 60_000 },
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? '') as ScaleRun;
}

/** What the churn child measured (bench/children/churn.ts). */
interface ChurnRun {
  cycles: number;
  heapBytes: number[];
  expired: number;
}

async function churnRun(streams: number): Promise<ChurnRun> {
  const script = fileURLToPath(new URL('../children/churn.ts', import.meta.url));
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', ...CHILD_IMPORTS, script, String(streams)],
    { maxBuffer: 1 << 20, timeout: 30 * 60_000 },
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? '') as ChurnRun;
}

/** Steady-state ms of a run: the median of its windows after the first (which builds under first-window). */
function steady(run: ScaleRun): number {
  return median(run.windowsMs.slice(1));
}

/** Runs the streams suite. */
export async function runStreamScale(options: SuiteOptions): Promise<SuiteResult> {
  const sizes = options.quick ? [100, 1000] : [100, 1000, 10_000];
  const windows = options.quick ? 3 : 4;
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  const perStream = new Map<Mode, number[]>();
  const bySize = new Map<string, number>();
  for (const mode of ['first-window', 'previous-window'] as const) {
    const costs: number[] = [];
    for (const streams of sizes) {
      options.log(`streams: ${mode}, ${streams} streams × 20 features, ${windows} windows`);
      const result = await scaleRun(streams, EVENTS, mode, windows);
      const ms = steady(result);
      bySize.set(`${mode}:${streams}`, ms);
      notes.push(
        `streams: ${mode}, ${streams} streams: wall ms per window ${result.windowsMs.map(Math.round).join(', ')}; CPU ms ${result.cpuMs.map(Math.round).join(', ')}.`,
      );
      costs.push(ms / streams);
      const label = streams >= 1000 ? `${streams / 1000}k` : String(streams);
      const goal =
        streams === 10_000
          ? mode === 'first-window'
            ? FIRST_WINDOW_GOAL_MS
            : PREVIOUS_WINDOW_GOAL_MS
          : undefined;
      rows.push(
        plainRow(
          `streams.window_close.${label}_streams.${mode.replace('-', '_')}`,
          'ms',
          round(ms),
          goal !== undefined ? `value <= ${goal}` : null,
          goal !== undefined ? ms <= goal : null,
        ),
      );
      if (mode === 'first-window') {
        rows.push(
          plainRow(
            `streams.window_close.${label}_streams.first_window_building_references`,
            'ms',
            round(result.windowsMs[0]!),
          ),
        );
      }
    }
    perStream.set(mode, costs);
    for (let i = 1; i < sizes.length; i++) {
      const growth = costs[i]! / costs[i - 1]!;
      rows.push(
        plainRow(
          `streams.per_stream_growth.${sizes[i - 1]}_to_${sizes[i]}.${mode.replace('-', '_')}`,
          'ratio',
          round(growth),
          `value <= ${GROWTH_GOAL}`,
          growth <= GROWTH_GOAL,
        ),
      );
    }
  }
  // Reference build per stream: what previous-window pays on top of the steady state.
  const at = sizes[1]!;
  const buildSmall =
    (bySize.get(`previous-window:${at}`)! - bySize.get(`first-window:${at}`)!) / at;
  options.log(`streams: ${BIG_STREAMS} streams with ${BIG_EVENTS}-value windows`);
  const bigFirst = await scaleRun(BIG_STREAMS, BIG_EVENTS, 'first-window', windows);
  const bigPrevious = await scaleRun(BIG_STREAMS, BIG_EVENTS, 'previous-window', windows);
  const buildBig = (steady(bigPrevious) - steady(bigFirst)) / BIG_STREAMS;
  for (const [name, ms] of [
    [`streams.reference_build.${EVENTS}_values_per_window`, buildSmall],
    [`streams.reference_build.${BIG_EVENTS}_values_per_window`, buildBig],
  ] as const) {
    rows.push(
      plainRow(name, 'ms/stream', round(ms), `value <= ${BUILD_GOAL_MS}`, ms <= BUILD_GOAL_MS),
    );
  }
  // Churn: populations of streams appearing and ageing out for 30 simulated minutes.
  const churnStreams = options.quick ? 100 : 200;
  options.log(`streams: churn run, ${churnStreams} streams per population`);
  const churn = await churnRun(churnStreams);
  const growth = churn.heapBytes[churn.heapBytes.length - 1]! / churn.heapBytes[0]!;
  rows.push(
    plainRow(
      'streams.churn.heap_last_vs_first_cycle',
      'ratio',
      round(growth),
      `value <= ${CHURN_GOAL}`,
      growth <= CHURN_GOAL,
    ),
  );
  notes.push(
    `streams: churn = \`MlmonService\` with its defaults on a manual clock, 60 windows of 30 s (30 minutes) in ${churn.cycles} cycles of 5 windows; each cycle a new population of ${churnStreams} slice streams × 20 features (20 events per stream and window) sends and the previous one falls silent (idle TTL 2 windows): ${churn.expired} streams aged out; heap after forced GC at the end of each cycle ${churn.heapBytes.map((b) => (b / 1e6).toFixed(1)).join(', ')} MB.`,
  );
  notes.push(
    `streams: 20 numeric features, ${EVENTS} events per stream and window, the service's own reference cache and default null ladders, each size in a fresh child; steady = median of windows 2–${windows} (window 1 builds the references under first-window); each window sealed, then every stream's window prepared and evaluated in turn as \`mlmon serve\`'s pass does (\`closeAndEvaluate\`). Goals at 10k streams: ≤ ${FIRST_WINDOW_GOAL_MS / 1000} s first-window, ≤ ${PREVIOUS_WINDOW_GOAL_MS / 1000} s previous-window; per-stream cost growth between sizes ≤ ${GROWTH_GOAL}.`,
    `streams: reference build = (previous-window − first-window steady close) per stream, at ${at} streams with ${EVENTS}-value windows, and at ${BIG_STREAMS} streams with ${BIG_EVENTS}-value windows (wasserstein_normed default, ladders from the large-sample limits); the all-slices stream is built too and counted in.`,
  );
  return { rows, notes };
}
