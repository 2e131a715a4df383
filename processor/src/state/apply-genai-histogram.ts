/**
 * Applying a point of the GenAI client metrics: a duration point's calls go to the window's
 * service SLIs (as `ml.inference.duration` points do, so the spans win where both arrive) and,
 * with every other point, to the window's GenAI state.
 */
import type { GenAiHistogramRecord } from '../extract/types.js';
import type { ApplyResult } from './apply-result.js';
import { deltaOf, openWindowOf } from './apply-records.js';
import { GENAI_KIND, recordGenAiMetricPoint } from './genai-acc.js';
import type { MonitorState } from './monitor-state.js';
import { recordService } from './window-acc.js';
import { windowAccFor } from './windows.js';

/** Records one GenAI client-metric point in its window, or counts it late. */
export function applyGenAiHistogram(
  state: MonitorState,
  r: GenAiHistogramRecord,
  nowMs: number,
  result: ApplyResult,
): void {
  const point = deltaOf(state, r);
  const open = openWindowOf(state, r, nowMs, result);
  if (open === undefined || point.count === 0) return;
  const w = windowAccFor(open.stream, open.startMs);
  if (r.measure === 'duration') {
    recordService(state, w, {
      kind: 'histogram',
      errorType: r.errorType,
      explicitBounds: r.explicitBounds,
      ...point,
    });
  }
  const caps = state.config;
  const acc = (w.genai ??= GENAI_KIND.forSetting(undefined, caps).create());
  recordGenAiMetricPoint(acc, { ...r, ...point }, caps);
}
