/**
 * The evaluation pass over closed windows: one result per window, in order. One stream's
 * failure must not stop the others; it is a bug worth a loud log, so it is logged with its stack.
 */
import type { EvaluateOptions } from '../evaluate/evaluate-window.js';
import { evaluateWindow } from '../evaluate/evaluate-window.js';
import type { WindowResult } from '../evaluate/window-result.js';
import type { ClosedWindow } from '../state/types.js';
import type { Logger } from './logger.js';

/** Evaluates `windows`; a window whose evaluation throws is logged and left out. */
export function evaluateClosedWindows(
  windows: readonly ClosedWindow[],
  options: EvaluateOptions,
  logger: Logger,
): WindowResult[] {
  const results: WindowResult[] = [];
  for (const window of windows) {
    try {
      results.push(evaluateWindow(window, options));
    } catch (error) {
      logger.error(
        `evaluation of ${window.stream.model} ${window.stream.version} failed: ${(error as Error).stack ?? String(error)}`,
      );
    }
  }
  return results;
}
