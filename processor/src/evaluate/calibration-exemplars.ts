/**
 * A labeled example per reliability bin: the window's labeled predictions whose span is known
 * (see `state/exemplar-reservoir.ts`), one drawn per bin, beside the bin's counts.
 */
import type { ExemplarReservoir } from '../state/exemplar-reservoir.js';
import { toExemplar } from './drift-exemplars.js';
import type { CalibrationResult } from './window-result.js';

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
