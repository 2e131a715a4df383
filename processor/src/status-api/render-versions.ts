/**
 * The status API's version-comparison part of a slice detail: the latest window's comparison
 * against the baseline version (the result's own shape, plain JSON) and, aligned with the
 * detail's windows, each window's verdict and accuracy (or MAE) delta for the history chart.
 */
import {
  ML_VERSION_COMPARISON_VALUE_ACCURACY,
  ML_VERSION_COMPARISON_VALUE_MAE,
} from '@mlmon/conventions';
import type {
  VersionComparisonResult,
  VersionVerdict,
} from '../evaluate/version-comparison-result.js';
import type { WindowResult } from '../evaluate/window-result.js';

/** One window's verdict (a point of the history). */
export interface VersionVerdictPoint {
  readonly baselineVersion: string;
  readonly verdict: VersionVerdict;
  /** Accuracy of this version minus the baseline's, when both had labels. */
  readonly accuracyDelta?: number;
  /** Mean absolute error of this version minus the baseline's (regression), when both had labels. */
  readonly maeDelta?: number;
}

/** `SliceDetail.versions`. */
export interface StatusVersions {
  /** The latest window's comparison. */
  readonly latest: VersionComparisonResult;
  /** Aligned with the detail's windows; null for a window without a comparison. */
  readonly history: readonly (VersionVerdictPoint | null)[];
}

/** The comparisons of `windows` (oldest first), or `undefined` when none had one. */
export function renderVersions(windows: readonly WindowResult[]): StatusVersions | undefined {
  const latest = windows.findLast((w) => w.versionComparison !== undefined)?.versionComparison;
  if (latest === undefined) return undefined;
  return {
    latest,
    history: windows.map((w) => {
      const c = w.versionComparison;
      if (c === undefined) return null;
      const delta = (comparison: string) => c.deltas.find((d) => d.comparison === comparison);
      const accuracy = delta(ML_VERSION_COMPARISON_VALUE_ACCURACY);
      const mae = delta(ML_VERSION_COMPARISON_VALUE_MAE);
      return {
        baselineVersion: c.baselineVersion,
        verdict: c.verdict,
        ...(accuracy !== undefined ? { accuracyDelta: accuracy.delta } : {}),
        ...(mae !== undefined ? { maeDelta: mae.delta } : {}),
      };
    }),
  };
}
