/**
 * The status API's estimation part of a slice detail: the latest window's estimation (the
 * result's own shape, already plain JSON) and, aligned with the detail's windows, each window's
 * estimates with their band, realized values and errors, for the estimated-vs-realized chart.
 */
import type {
  EstimationResult,
  QualityEstimateResult,
  WindowResult,
} from '../evaluate/window-result.js';

/** `SliceDetail.estimation`. */
export interface StatusEstimation {
  /** The latest window's estimation, or null when no window of the stream had one. */
  readonly latest: EstimationResult | null;
  /** Aligned with the detail's windows; null for a window without an estimation. */
  readonly history: readonly (readonly QualityEstimateResult[] | null)[];
}

/** The estimation of `windows` (oldest first), or `undefined` when none had any. */
export function renderEstimation(windows: readonly WindowResult[]): StatusEstimation | undefined {
  const latest = windows.findLast((w) => w.estimation !== undefined)?.estimation;
  if (latest === undefined) return undefined;
  return {
    latest,
    history: windows.map((w) => w.estimation?.metrics ?? null),
  };
}
