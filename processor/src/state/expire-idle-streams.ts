/**
 * Ageing: a slice stream that has had no data for the idle TTL after the end of its last window
 * is dropped with its stored reference, and a model version once none of its streams is left
 * (with its all-slices stream, references and bin edges). Their keys go back to the caller, so
 * results, cached references and exported series of those streams can be dropped too. Pure apart
 * from mutating `state`; the clock is passed in.
 */
import type { MonitorState } from './monitor-state.js';
import { idleStreamTtlMs } from './state-config.js';
import { OVERFLOW_SLICE_KEY } from './streams.js';

/**
 * Drops the streams idle at `nowMs` and returns the series keys of the emitted streams dropped
 * (slice streams and all-slices streams; the unsliced stream emits nothing of its own).
 */
export function expireIdleStreams(state: MonitorState, nowMs: number): string[] {
  const ttlMs = idleStreamTtlMs(state.config);
  const expired: string[] = [];
  for (const [modelKey, mv] of state.models) {
    for (const [sliceKey, stream] of mv.streams) {
      // Open windows hold data not yet closed: the stream is alive.
      if (stream.windows.size > 0) continue;
      // Restored from a checkpoint that did not record it: the idle time starts now.
      if (stream.lastDataStartMs === undefined) {
        stream.lastDataStartMs = nowMs - state.windowMs;
        continue;
      }
      if (nowMs - (stream.lastDataStartMs + state.windowMs) < ttlMs) continue;
      mv.streams.delete(sliceKey);
      if (stream.identity !== undefined) {
        mv.references.delete(stream.identity.key);
        mv.keptWindows.delete(stream.identity.key);
        expired.push(stream.identity.key);
      }
      // Slice streams of named model versions count against the stream cap (see resolveSliceStream).
      if (sliceKey !== '' && sliceKey !== OVERFLOW_SLICE_KEY && !mv.overflow) {
        state.sliceStreamCount--;
      }
    }
    if (mv.streams.size === 0) {
      state.models.delete(modelKey);
      expired.push(mv.allSlices.key);
    }
  }
  state.counters.expiredStreams += expired.length;
  return expired;
}
