/**
 * Applying a point of the GenAI client metrics: a duration point's calls go to the window's
 * service SLIs (as `ml.inference.duration` points do, so the spans win where both arrive) and,
 * with every other point, to the window's GenAI state.
 */
import type { GenAiHistogramRecord } from '../extract/types.js';
import type { ApplyResult } from './apply-result.js';
import { histogramPointWindow, recordDurationPoint } from './apply-records.js';
import { GENAI_KIND, recordGenAiMetricPoint } from './genai-acc.js';
import type { MonitorState } from './monitor-state.js';

/** Records one GenAI client-metric point in its window, or counts it late. */
export function applyGenAiHistogram(
  state: MonitorState,
  r: GenAiHistogramRecord,
  nowMs: number,
  result: ApplyResult,
): void {
  const at = histogramPointWindow(state, r, nowMs, result);
  if (at === undefined) return;
  const { point, w } = at;
  if (r.measure === 'duration') recordDurationPoint(state, w, r, point);
  const caps = state.config;
  const acc = (w.genai ??= GENAI_KIND.forSetting(undefined, caps).create());
  recordGenAiMetricPoint(acc, { ...r, ...point }, caps);
}
