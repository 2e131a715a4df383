/**
 * Event-time tumbling windows aligned to multiples of the window length since the epoch. A
 * window closes once `now` passes its end plus the allowed lateness.
 */
import type { MonitorState, SliceStream, WindowAcc } from './monitor-state.js';
import { createWindowAcc } from './window-acc.js';

/** Start (ms) of the window holding event time `timeMs`. */
export function windowStartOf(state: MonitorState, timeMs: number): number {
  return Math.floor(timeMs / state.windowMs) * state.windowMs;
}

/** True once `nowMs` has passed the window's end plus the allowed lateness. */
export function isWindowClosed(state: MonitorState, startMs: number, nowMs: number): boolean {
  return nowMs > startMs + state.windowMs + state.latenessMs;
}

/** The stream's accumulators for the window starting at `startMs`, created when needed. */
export function windowAccFor(stream: SliceStream, startMs: number): WindowAcc {
  let w = stream.windows.get(startMs);
  if (w === undefined) {
    w = createWindowAcc(startMs, stream.valuesHint, stream.columns);
    stream.windows.set(startMs, w);
  }
  return w;
}
