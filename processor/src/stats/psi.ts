import { absent, present, type Maybe } from './maybe.js';
import type { NumericInput } from './sorted.js';

/** Replacement for empty-bin proportions in PSI (METRICS.md; no renormalisation). */
export const PSI_ZERO_REPLACEMENT = 1e-4;

/**
 * Population Stability Index Σ (q − p)·ln(q/p) over bins, with p the reference and q the current
 * proportions, every 0 replaced by 1e-4 first. Absent when the vectors differ in length or are empty.
 */
export function psi(reference: NumericInput, current: NumericInput): Maybe {
  if (reference.length !== current.length || reference.length === 0) {
    return absent('PSI needs two non-empty proportion vectors of equal length');
  }
  let total = 0;
  for (let i = 0; i < reference.length; i++) {
    const p = reference[i]! === 0 ? PSI_ZERO_REPLACEMENT : reference[i]!;
    const q = current[i]! === 0 ? PSI_ZERO_REPLACEMENT : current[i]!;
    total += (q - p) * Math.log(q / p);
  }
  return present(total);
}
