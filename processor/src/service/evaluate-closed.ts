/**
 * The evaluation pass over closed windows: one result per window, in order. One stream's
 * failure must not stop the others; it is a bug worth a loud log, so it is logged with its stack.
 * Live passes run in bounded slices that yield to the event loop, so the receivers keep
 * answering while a pass over many streams runs; replay evaluates in one go (nothing waits).
 * Closed windows are snapshots detached from the state, so ingest between slices cannot change
 * them and both forms give the same results. A sealed closing is emitted window by window in the
 * same slices, so neither its preparation nor its evaluation holds the receivers.
 */
import { performance } from 'node:perf_hooks';
import type { EvaluateOptions } from '../evaluate/evaluate-window.js';
import { evaluateWindow } from '../evaluate/evaluate-window.js';
import type { WindowResult } from '../evaluate/window-result.js';
import type { ClosedWindow } from '../state/types.js';
import type { Logger } from './logger.js';
import type { SealedWindows } from './pipeline.js';

/** Evaluates `windows` in one go; a window whose evaluation throws is logged and left out. */
export function evaluateClosedWindows(
  windows: readonly ClosedWindow[],
  options: EvaluateOptions,
  logger: Logger,
  onEvaluated?: (window: ClosedWindow) => void,
): WindowResult[] {
  const results: WindowResult[] = [];
  for (const window of windows) evaluateInto(results, window, options, logger, onEvaluated);
  return results;
}

/** Results of a sliced pass and the time it spent evaluating (yields excluded). */
export interface SlicedPass {
  readonly results: WindowResult[];
  readonly busyMillis: number;
}

/**
 * Emits and evaluates the windows of a sealed closing like {@link evaluateClosedWindows},
 * yielding to the event loop (`setImmediate`, after pending I/O) whenever a slice has run
 * `sliceMillis` (a slice takes at least one window). Preparing a window (its snapshots, the
 * all-slices merge) runs in the same slices as its evaluation. After the last window,
 * `sealed.finish()` and `onFinished` run in one turn; then the work the closing decided and left
 * out of that turn (`sealed.buildStep`: CBPE calibrations) runs one step per turn. `onEvaluated`
 * sees each window after its evaluation (the version comparison keeps what it needs of it).
 */
export async function evaluateSealedSliced(
  sealed: SealedWindows,
  options: EvaluateOptions,
  logger: Logger,
  sliceMillis: number,
  onFinished: () => void,
  onEvaluated?: (window: ClosedWindow) => void,
): Promise<SlicedPass> {
  const results: WindowResult[] = [];
  let busyMillis = 0;
  let sliceStart = performance.now();
  for (let window = sealed.next(); window !== undefined; window = sealed.next()) {
    evaluateInto(results, window, options, logger, onEvaluated);
    const elapsed = performance.now() - sliceStart;
    if (elapsed >= sliceMillis) {
      busyMillis += elapsed;
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  sealed.finish();
  onFinished();
  busyMillis += performance.now() - sliceStart;
  // Each step is one isotonic calibration (a fraction of a second): a turn of its own.
  for (let more = sealed.buildStep !== undefined; more;) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    sliceStart = performance.now();
    more = sealed.buildStep!();
    busyMillis += performance.now() - sliceStart;
  }
  return { results, busyMillis };
}

/** Every window of a sealed closing, emitted at once, and the closing finished. */
export function drainSealed(sealed: SealedWindows): ClosedWindow[] {
  const windows: ClosedWindow[] = [];
  for (let window = sealed.next(); window !== undefined; window = sealed.next()) {
    windows.push(window);
  }
  sealed.finish();
  while (sealed.buildStep?.()) {
    // Replay: nothing waits, so the deferred steps run at once.
  }
  return windows;
}

function evaluateInto(
  results: WindowResult[],
  window: ClosedWindow,
  options: EvaluateOptions,
  logger: Logger,
  onEvaluated: ((window: ClosedWindow) => void) | undefined,
): void {
  try {
    results.push(evaluateWindow(window, options));
    onEvaluated?.(window);
  } catch (error) {
    logger.error(
      `evaluation of ${window.stream.model} ${window.stream.version} failed: ${(error as Error).stack ?? String(error)}`,
    );
  }
}
