/**
 * Child process of row 3 (run with `--expose-gc`): heap of a steady-state monitor with N
 * streams × 20 features — the stored reference window, its built references in the cache, and a
 * full open window — measured after forced GCs. References are built with few null-ladder
 * replicates (see CHEAP_LADDERS: the stored rungs are the same). Prints one JSON line:
 * `{"streams","eventsPerStream","stateBytes","referenceBytes","baselineBytes"}`. `stateBytes`:
 * the stored reference window and a full open window; `referenceBytes` (with `with-references`):
 * what the built references add once cached (closing window 1 and filling window 2).
 * Usage: node --expose-gc --import tsx bench/children/state-memory.ts STREAMS EVENTS
 * [with-references|-] [no-exemplars]
 */
import {
  benchState,
  serviceCache,
  CHEAP_LADDERS,
  close,
  evaluateAll,
  fill,
} from '../lib/window-cycle.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  process.stderr.write('state-memory: run with node --expose-gc\n');
  process.exit(2);
}

function heapBytes(): number {
  for (let i = 0; i < 4; i++) gc!();
  const m = process.memoryUsage();
  // Large typed arrays live outside the JS heap: count their backing stores too.
  return m.heapUsed + m.arrayBuffers;
}

const streams = Number(process.argv[2]);
const eventsPerStream = Number(process.argv[3]);
const withReferences = process.argv[4] === 'with-references';
const exemplars = process.argv[5] !== 'no-exemplars';
if (!(streams > 0 && eventsPerStream > 0)) {
  process.stderr.write('usage: state-memory.ts STREAMS EVENTS_PER_STREAM\n');
  process.exit(2);
}

// Warm the code paths on a tiny state first, so that compiled code and module caches are in the
// baseline and not counted per stream.
{
  const warm = benchState(2);
  const warmCache = serviceCache();
  fill(warm, 0, 2, 20);
  evaluateAll(close(warm, 0), warmCache, CHEAP_LADDERS);
  fill(warm, 1, 2, 20);
  evaluateAll(close(warm, 1), warmCache, CHEAP_LADDERS);
}
const baselineBytes = heapBytes();
const state = benchState(streams, 'first-window', exemplars);
fill(state, 0, streams, eventsPerStream);
close(state, 0); // window 0 becomes the stored reference of every stream
fill(state, 1, streams, eventsPerStream); // the open window
const stateBytes = heapBytes() - baselineBytes;
let referenceBytes: number | null = null;
if (withReferences) {
  // The references a running service keeps built in its cache (one per stream and feature).
  const cache = serviceCache();
  evaluateAll(close(state, 1), cache, CHEAP_LADDERS);
  fill(state, 2, streams, eventsPerStream);
  referenceBytes = heapBytes() - baselineBytes - stateBytes;
  if (cache === undefined) throw new Error('unreachable: keeps the cache alive until measured');
}
process.stdout.write(
  `${JSON.stringify({ streams, eventsPerStream, stateBytes, referenceBytes, baselineBytes, models: state.models.size })}\n`,
);
