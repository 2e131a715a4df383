/**
 * Child process of the streams suite: window close + evaluation of S streams × 20 numeric
 * features with the service's own defaults (its reference cache, the default null ladders), in
 * a fresh heap. Window 0 is filled and closed first (the first reference); then each of W
 * windows is filled and its close timed: sealed, then every stream's window prepared and
 * evaluated in turn as `mlmon serve`'s pass does (`closeAndEvaluate`). Under `first-window` the first timed window builds every stream's references and the
 * later ones read them (steady state); under `previous-window` every window builds them.
 * Prints one JSON line: `{"streams","events","mode","windowsMs":[…],"cpuMs":[…],"heapBytes"}`.
 * Usage: node --import tsx bench/children/stream-scale.ts STREAMS EVENTS MODE WINDOWS
 */
import { benchState, closeAndEvaluate, fill, serviceCache } from '../lib/window-cycle.js';

const streams = Number(process.argv[2]);
const events = Number(process.argv[3]);
const mode = process.argv[4];
const windows = Number(process.argv[5]);
if (
  !(streams > 0 && events > 0 && windows > 0) ||
  (mode !== 'first-window' && mode !== 'previous-window')
) {
  process.stderr.write(
    'usage: stream-scale.ts STREAMS EVENTS first-window|previous-window WINDOWS\n',
  );
  process.exit(2);
}
const state = benchState(streams, mode);
const cache = serviceCache();
fill(state, 0, streams, events);
await closeAndEvaluate(state, 0, cache);
const windowsMs: number[] = [];
// CPU time of the process (every thread: GC helpers included) per window: on a loaded machine
// the wall time also counts the time other processes ran.
const cpuMs: number[] = [];
for (let k = 1; k <= windows; k++) {
  fill(state, k, streams, events);
  const started = performance.now();
  const cpu = process.cpuUsage();
  await closeAndEvaluate(state, k, cache);
  windowsMs.push(performance.now() - started);
  const used = process.cpuUsage(cpu);
  cpuMs.push((used.user + used.system) / 1000);
  process.stderr.write(
    `  ${mode} ${streams} streams: window ${k} ${Math.round(windowsMs[k - 1]!)} ms (cpu ${Math.round(cpuMs[k - 1]!)} ms)\n`,
  );
}
const m = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({ streams, events, mode, windowsMs, cpuMs, heapBytes: m.heapUsed + m.arrayBuffers })}\n`,
);
