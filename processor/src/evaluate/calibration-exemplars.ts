/**
 * Labeled examples beside the label-based figures: one labeled prediction per reliability bin
 * (drawn among those whose span is known, see `state/exemplar-reservoir.ts`) and the ones with
 * the largest log loss beside the `log_loss` quality metric.
 */
import { ML_QUALITY_METRIC_VALUE_LOG_LOSS } from '@mlmon/conventions';
import type { ExemplarReservoir } from '../state/exemplar-reservoir.js';
import { toExemplar } from './to-exemplar.js';
import type { CalibrationResult, QualityResult } from './window-result.js';

/** `calibration` with an example on each bin that has one (unchanged without any). */
export function withBinExemplars(
  calibration: CalibrationResult,
  reservoir: ExemplarReservoir | undefined,
): CalibrationResult {
  const picks = reservoir?.calibration ?? [];
  if (!picks.some((p) => p !== null)) return calibration;
  return {
    ...calibration,
    bins: calibration.bins.map((bin, i) => {
      const pick = picks[i];
      return pick ? { ...bin, exemplar: toExemplar(pick) } : bin;
    }),
  };
}

/** `quality` with the largest-loss examples on its `log_loss` entry (unchanged without any). */
export function withLossExemplars(
  quality: QualityResult[],
  reservoir: ExemplarReservoir | undefined,
): QualityResult[] {
  const worst = reservoir?.worst ?? [];
  if (worst.length === 0) return quality;
  return quality.map((q) =>
    q.metric === ML_QUALITY_METRIC_VALUE_LOG_LOSS && q.value !== undefined
      ? { ...q, exemplars: worst.map((pick) => toExemplar(pick)) }
      : q,
  );
}
