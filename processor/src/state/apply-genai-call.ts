/**
 * Applying a GenAI call: its stream's window records the call in the service SLIs (requests,
 * failures, latency — as any inference call) and in the GenAI part (tokens, time to first
 * chunk, finish reasons); the call becomes a response that evaluations attach to by its
 * response id or span.
 */
import type { GenAiCallRecord } from '../extract/types.js';
import type { ApplyResult } from './apply-result.js';
import { registerResponse } from './evaluation-join.js';
import { createExemplarReservoir, offerCall } from './exemplar-reservoir.js';
import { GENAI_KIND } from './genai-acc.js';
import type { MonitorState } from './monitor-state.js';
import { openWindowOf } from './apply-records.js';
import { recordService } from './window-acc.js';
import { windowAccFor } from './windows.js';

/** Records one GenAI call in its window, or counts it late when that window has closed. */
export function applyGenAiCall(
  state: MonitorState,
  r: GenAiCallRecord,
  nowMs: number,
  result: ApplyResult,
): void {
  const open = openWindowOf(state, r, nowMs, result);
  if (open === undefined) return;
  const { mv, stream } = open;
  const w = windowAccFor(stream, open.startMs);
  recordService(state, w, {
    kind: 'span',
    seconds: r.durationSeconds,
    errorType: r.errorType,
    weight: 1,
  });
  const caps = state.config;
  const acc = (w.genai ??= GENAI_KIND.forSetting(undefined, caps).create());
  GENAI_KIND.forState(acc, caps).record(acc, r);
  if (state.config.exemplars) {
    w.exemplars ??= createExemplarReservoir(w.startMs);
    offerCall(w.exemplars, r.durationSeconds, r.errorType !== undefined, r.spanKey, r.timeMs);
  }
  const keys = r.responseId === undefined ? [r.spanKey] : [r.responseId, r.spanKey];
  const target = {
    arrivedMs: nowMs,
    timeMs: r.timeMs,
    modelKey: mv.key,
    sliceKey: stream.sliceKey,
  };
  registerResponse(state, keys, target, nowMs);
}
