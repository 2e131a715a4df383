/**
 * The status API's rendering of "where quality fell" ({@link QualityAttributionResult}) per window
 * of a slice: copies, so the JSON never aliases the stored results.
 */
import type { QualityAttributionResult, WindowResult } from '../evaluate/window-result.js';

/** The `qualityAttribution` member of a slice detail, aligned with its windows (oldest first). */
export function qualityAttributionHistory(windows: readonly WindowResult[]): {
  qualityAttribution?: (QualityAttributionResult | null)[];
} {
  if (!windows.some((w) => w.qualityAttribution !== undefined)) return {};
  return {
    qualityAttribution: windows.map((w) =>
      w.qualityAttribution === undefined
        ? null
        : { ...w.qualityAttribution, rows: w.qualityAttribution.rows.map((r) => ({ ...r })) },
    ),
  };
}
