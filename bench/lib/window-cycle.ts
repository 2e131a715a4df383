/**
 * The window life cycle the evaluation rows drive: fill a window of many streams, close it with
 * `closeWindows`, evaluate every closed window with `evaluateWindow` and a reference cache.
 */
import {
  evaluateWindow,
  type EvaluateOptions,
} from '../../processor/src/evaluate/evaluate-window.js';
import { ReferenceCache } from '../../processor/src/evaluate/reference-cache.js';
import {
  closeNextWindow,
  closeWindows,
  finishClosing,
  sealWindows,
} from '../../processor/src/state/close-windows.js';
import { evaluateSealedSliced } from '../../processor/src/service/evaluate-closed.js';
import { silentLogger } from '../../processor/src/service/logger.js';
import type { MonitorState } from '../../processor/src/state/monitor-state.js';
import type { StateReferenceMode } from '../../processor/src/state/state-config.js';
import { createState } from '../../processor/src/state/streams.js';
import type { ClosedWindow } from '../../processor/src/state/types.js';
import { fillWindow } from './stream-fill.js';

/** Window length of the benchmark state (seconds). */
export const WINDOW_SECONDS = 60;
/** A window-aligned start time (ms). */
export const T0 = 1_800_000_000_000;

/**
 * A state sized for `streams` slice streams, with no allowed lateness, comparing each window
 * with the stream's first window (the service's default) or as `reference` says.
 */
export function benchState(
  streams: number,
  reference: StateReferenceMode = 'first-window',
  exemplars = true,
): MonitorState {
  return createState({
    windowSeconds: WINDOW_SECONDS,
    allowedLatenessSeconds: 0,
    maxSliceStreams: streams * 2 + 10,
    reference,
    exemplars,
  });
}

/**
 * The reference cache as `mlmon serve` makes it (`new ReferenceCache()`, no bound): built
 * references held per stream while its reference is current.
 */
export function serviceCache(): ReferenceCache {
  return new ReferenceCache();
}

/** Start of window `k`. */
export function windowStart(k: number): number {
  return T0 + k * WINDOW_SECONDS * 1000;
}

/**
 * Fills window `k` with `eventsPerStream` events in each of `streams` streams (every feature's
 * mean moved by `meanShift` standard deviations).
 */
export function fill(
  state: MonitorState,
  k: number,
  streams: number,
  eventsPerStream: number,
  meanShift = 0,
): void {
  fillWindow(state, streams, eventsPerStream, windowStart(k), 1000 + k, 1000, meanShift);
}

/** Closes window `k` (the clock just past its end). */
export function close(state: MonitorState, k: number): ClosedWindow[] {
  return closeWindows(state, windowStart(k + 1) + 1);
}

/**
 * Evaluation options that build references with few null-ladder replicates. Only for filling
 * caches before a steady-state measurement: a cached reference is looked up, never rebuilt, and
 * a ladder keeps the same rungs (those its decisions read) whatever the replicate count, so the
 * steady-state time and memory are those of the defaults. The default build cost is measured
 * apart.
 */
export const CHEAP_LADDERS: EvaluateOptions = { reference: { ladder: { replicates: 20 } } };

/** Evaluates every closed window; returns the number of drift results (to keep the work live). */
export function evaluateAll(
  closed: readonly ClosedWindow[],
  cache: ReferenceCache,
  options: EvaluateOptions = {},
): number {
  let n = 0;
  for (const w of closed) n += evaluateWindow(w, { ...options, cache }).drift.length;
  return n;
}

/** The slice length of the service's passes (`MlmonService`'s default `evaluationSliceMillis`). */
export const SERVICE_SLICE_MILLIS = 5;

/**
 * Closes and evaluates window `k` as `mlmon serve`'s pass does: the windows sealed, then each
 * prepared and evaluated in turn (`evaluateSealedSliced`, yielding every
 * {@link SERVICE_SLICE_MILLIS}), the closing finished. A window's snapshots are garbage once it
 * is evaluated, instead of every stream's being held until all are closed as
 * {@link close} + {@link evaluateAll} hold them. Returns the number of drift results.
 */
export async function closeAndEvaluate(
  state: MonitorState,
  k: number,
  cache: ReferenceCache,
  options: EvaluateOptions = {},
): Promise<number> {
  const closing = sealWindows(state, windowStart(k + 1) + 1);
  const pass = await evaluateSealedSliced(
    {
      empty: closing.groups.length === 0,
      next: () => closeNextWindow(state, closing),
      finish: () => finishClosing(state, closing),
    },
    { ...options, cache },
    silentLogger,
    SERVICE_SLICE_MILLIS,
    () => {},
  );
  let n = 0;
  for (const r of pass.results) n += r.drift.length;
  return n;
}
