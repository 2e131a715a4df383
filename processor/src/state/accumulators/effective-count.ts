/**
 * Kish's effective sample size of the sum accumulators that weigh each record by its frequency
 * weight w = 1/`ml.sampling.probability` (METRICS.md "Weighted records"): (Σw)²/Σw², what the
 * size-aware decisions count instead of Σw.
 */
import { numberField } from './accumulator.js';

/**
 * Σw² of a sum checkpoint: its `weight2` field (version 2), or for a version 1 checkpoint, which
 * kept none, the Σw² of `count` equal weights summing to `weight` (n_eff = count).
 */
export function weight2FromJSON(
  obj: Record<string, unknown>,
  count: number,
  weight: number,
  where: string,
): number {
  if (obj['version'] !== 1) return numberField(obj, 'weight2', where);
  return equalWeights2(count, weight);
}

/**
 * Σw² of `count` equal weights summing to `weight`: what a checkpoint written before Σw² was kept
 * stands for, so that its effective size stays its count.
 */
export function equalWeights2(count: number, weight: number): number {
  return count > 0 ? (weight * weight) / count : 0;
}

/** Kish's effective size (Σw)²/Σw² (exactly the count when every weight was 1). */
export function kishCount(count: number, weight: number, weight2: number): number {
  return weight2 === count || !(weight2 > 0) ? count : (weight * weight) / weight2;
}
