/**
 * Row 3: evaluation cost. (a) The steady-state window close of S = 1000 streams × 20 numeric
 * features: `closeWindows` plus `evaluateWindow` of every closed window, references cached (the
 * cost every window pays). (b) The one-off cost of building a stream's references with the
 * default null ladders (paid when a reference changes). (c) Heap per stream, from child
 * processes run with `--expose-gc` at 1k and 10k streams. (d) The first three windows after
 * the reference window at 300 streams with the service's own defaults (its reference cache,
 * the default null ladders): the first builds every reference, the next ones read them.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { median } from '../lib/measure.js';
import { CHILD_IMPORTS } from '../lib/child-node-args.js';
import { plainRow, round, type BenchRow, type SuiteOptions, type SuiteResult } from '../lib/row.js';
import {
  benchState,
  CHEAP_LADDERS,
  close,
  evaluateAll,
  fill,
  serviceCache,
} from '../lib/window-cycle.js';

const run = promisify(execFile);
const MEMORY_GOAL_BYTES = 32 * 1024;
const STREAMS = 1000;
const SERVICE_STREAMS = 300;

/** What one child measured (see bench/children/state-memory.ts). */
interface ChildHeap {
  stateBytes: number;
  referenceBytes: number | null;
}

/** Heap bytes of a steady-state monitor with `streams` streams, from a fresh child process. */
async function childHeap(
  streams: number,
  eventsPerStream: number,
  withReferences: boolean,
  exemplars = true,
): Promise<ChildHeap> {
  const script = fileURLToPath(new URL('../children/state-memory.ts', import.meta.url));
  const { stdout } = await run(
    process.execPath,
    [
      '--expose-gc',
      '--max-old-space-size=4096',
      ...CHILD_IMPORTS,
      script,
      String(streams),
      String(eventsPerStream),
      withReferences ? 'with-references' : '-',
      exemplars ? '' : 'no-exemplars',
    ],
    { maxBuffer: 1 << 20, timeout: 15 * 60_000 },
  );
  const line = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as ChildHeap;
}

/** Runs row 3. */
export async function runEvaluationCost(options: SuiteOptions): Promise<SuiteResult> {
  const notes: string[] = [];
  const eventsPerStream = 100;
  const rounds = options.quick ? 2 : 5;

  // (b) Reference build with the defaults, on a few streams.
  const buildStreams = options.quick ? 3 : 10;
  const small = benchState(buildStreams);
  fill(small, 0, buildStreams, eventsPerStream);
  evaluateAll(close(small, 0), serviceCache());
  fill(small, 1, buildStreams, eventsPerStream);
  const firstClosed = close(small, 1);
  const tb = performance.now();
  evaluateAll(firstClosed, serviceCache());
  // Per slice stream; the all-slices stream of the model is built too and shares the cost.
  const buildMs = (performance.now() - tb) / (buildStreams + 1);
  options.log(`evaluation: reference build ${round(buildMs, 3)} ms/stream (defaults)`);

  // (a) Steady state at 1000 streams.
  const state = benchState(STREAMS);
  const cache = serviceCache();
  options.log(`evaluation: filling ${STREAMS} streams × ${eventsPerStream} events per window`);
  fill(state, 0, STREAMS, eventsPerStream);
  evaluateAll(close(state, 0), cache, CHEAP_LADDERS);
  fill(state, 1, STREAMS, eventsPerStream);
  evaluateAll(close(state, 1), cache, CHEAP_LADDERS);
  const closeMs: number[] = [];
  const evalMs: number[] = [];
  let decisions = 0;
  for (let r = 0; r < rounds; r++) {
    fill(state, 2 + r, STREAMS, eventsPerStream);
    const t0 = performance.now();
    const closed = close(state, 2 + r);
    const t1 = performance.now();
    decisions = evaluateAll(closed, cache, CHEAP_LADDERS);
    const t2 = performance.now();
    closeMs.push(t1 - t0);
    evalMs.push(t2 - t1);
    options.log(
      `evaluation: window ${r + 1}/${rounds}: close ${Math.round(t1 - t0)} ms, evaluate ${Math.round(t2 - t1)} ms`,
    );
  }
  const totals = closeMs.map((c, i) => c + evalMs[i]!);
  const total = median(totals);

  // (d) The service's defaults at 300 streams: windows 1–3 after the reference window 0.
  const svc = benchState(SERVICE_STREAMS);
  const svcCache = serviceCache();
  fill(svc, 0, SERVICE_STREAMS, eventsPerStream);
  evaluateAll(close(svc, 0), svcCache);
  const serviceMs: number[] = [];
  for (let k = 1; k <= 3; k++) {
    fill(svc, k, SERVICE_STREAMS, eventsPerStream);
    const t0 = performance.now();
    evaluateAll(close(svc, k), svcCache);
    serviceMs.push(performance.now() - t0);
    options.log(
      `evaluation: service defaults, ${SERVICE_STREAMS} streams, window ${k}: ${Math.round(serviceMs[k - 1]!)} ms`,
    );
  }

  // (c) Memory per stream.
  const memEvents = options.quick ? 10 : 50;
  options.log(
    `evaluation: heap at 1k and 10k streams (${memEvents} events/stream/window), child processes`,
  );
  const m1k = await childHeap(1000, memEvents, true);
  const m10k = await childHeap(10_000, memEvents, false);
  // The same 1k-stream state with example keeping off: what exemplars add per stream.
  const m1kNoExemplars = await childHeap(1000, memEvents, false, false);
  const exemplarPerStream = (m1k.stateBytes - m1kNoExemplars.stateBytes) / 1001;
  const stateSlope = (m10k.stateBytes - m1k.stateBytes) / 9000;
  const referencePerStream = (m1k.referenceBytes ?? 0) / 1001;
  const slope = stateSlope + referencePerStream;

  const rows: BenchRow[] = [
    plainRow('evaluation.window_close.1k_streams_x20_features', 'ms', round(total)),
    plainRow('evaluation.reference_build.per_stream_default_ladders', 'ms/stream', round(buildMs)),
    ...serviceMs.map((ms, i) =>
      plainRow(
        `evaluation.window_close.300_streams_service_defaults.window_${i + 1}`,
        'ms',
        round(ms),
      ),
    ),
    plainRow(
      'evaluation.memory_per_stream.20_features',
      'bytes/stream',
      round(slope),
      `value <= ${MEMORY_GOAL_BYTES}`,
      slope <= MEMORY_GOAL_BYTES,
    ),
    plainRow('evaluation.memory.state_per_stream', 'bytes/stream', round(stateSlope)),
    plainRow('evaluation.memory.exemplars_per_stream', 'bytes/stream', round(exemplarPerStream)),
    plainRow(
      'evaluation.memory.cached_references_per_stream',
      'bytes/stream',
      round(referencePerStream),
    ),
    plainRow('evaluation.memory.state_heap_1k_streams', 'bytes', round(m1k.stateBytes)),
    plainRow('evaluation.memory.state_heap_10k_streams', 'bytes', round(m10k.stateBytes)),
  ];
  notes.push(
    `evaluation: 300_streams_service_defaults = closeWindows + evaluateWindow of windows 1, 2 and 3 after the reference window 0, ${SERVICE_STREAMS} streams × 20 features, ${eventsPerStream} events/stream/window, with the reference cache and null ladders \`mlmon serve\` uses (window 1 builds every reference; later windows read them while the references hold).`,
    `evaluation: window close = closeWindows ${round(median(closeMs))} ms + evaluateWindow ×${STREAMS + 1} ${round(median(evalMs))} ms (median of ${rounds} windows; ${eventsPerStream} events/stream/window; ${decisions} drift results per close; references cached as in a running service — cache filled with 20-replicate ladders: a ladder stores the rungs its decisions read, 4 levels per statistic, whatever the replicate count, so the cached references are those of the defaults).`,
    `evaluation: reference build with the default null ladders (7 sizes × 1000 replicates) measured on ${buildStreams} streams (+ the all-slices stream), ${eventsPerStream}-row reference windows.`,
    `evaluation: memory per stream = state slope (heap at 10k − heap at 1k streams) / 9000 + cached built references at 1k streams / 1001; heapUsed + arrayBuffers after forced GC, each in a fresh child; state = stored reference window + one full open window, ${memEvents} events/stream/window, each made inside a span (so the open window keeps its exemplars; exemplars_per_stream = the 1k-stream state with example keeping on − off, / 1001), no prediction ids (pending label joins cost per prediction, not per stream). The references are measured at 1k streams only: building them for 10k streams takes too long for a benchmark (see reference_build).`,
  );
  return { rows, notes };
}
