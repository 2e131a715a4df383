/**
 * The status API's fairness part of a slice detail: the latest window's results per attribute
 * (groups with their rates and intervals, disparities with their tests: the result's own
 * shape, which is already plain JSON) and, aligned with the detail's windows, each window's
 * disparities for the gap-over-time chart.
 */
import type { FairnessDisparity, FairnessResult } from '../evaluate/fairness-result.js';
import type { WindowResult } from '../evaluate/window-result.js';

/** One disparity of one attribute in one window (a point of the history). */
export interface FairnessDisparityPoint {
  readonly attribute: string;
  readonly metric: FairnessDisparity['metric'];
  readonly value?: number;
  readonly pValue?: number;
  readonly significant?: boolean;
}

/** `SliceDetail.fairness`. */
export interface StatusFairness {
  /** The latest window's fairness, or null when no window of the stream had any. */
  readonly latest: readonly FairnessResult[] | null;
  /** Aligned with the detail's windows; null for a window without fairness. */
  readonly history: readonly (readonly FairnessDisparityPoint[] | null)[];
}

/** The fairness of `windows` (oldest first), or `undefined` when none had any. */
export function renderFairness(windows: readonly WindowResult[]): StatusFairness | undefined {
  const latest = windows.findLast((w) => w.fairness !== undefined)?.fairness;
  if (latest === undefined) return undefined;
  return {
    latest,
    history: windows.map((w) =>
      w.fairness === undefined
        ? null
        : w.fairness.flatMap((f) =>
            f.disparities.map((d) => ({
              attribute: f.attribute,
              metric: d.metric,
              ...(d.value !== undefined ? { value: d.value } : {}),
              ...(d.pValue !== undefined ? { pValue: d.pValue } : {}),
              ...(d.significant !== undefined ? { significant: d.significant } : {}),
            })),
          ),
    ),
  };
}
